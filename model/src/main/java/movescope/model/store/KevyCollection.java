package movescope.model.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The members of a hash or a set, in kevy's encoding and so in kevy's iteration order (HGETALL, SMEMBERS,
 * and the HSET / SADD slice frames). Immutable: every write returns a new instance, so a {@link Store#copy()}
 * can share values.
 *
 * <p>kevy keeps a small collection inline, in insertion order, and moves it to a {@link KevyMap} when it
 * outgrows the inline buffer:
 * <ul>
 *   <li>hash ({@code crates/kevy-store/src/small_hash.rs}, {@code hash.rs:339-402}): at most 8 pairs, field
 *       and value at most 19 bytes each, {@code sum(2 + |f| + |v|) <= 22}; an update rewrites the value in
 *       place when it still fits;</li>
 *   <li>set ({@code small_set.rs}, {@code set.rs:74-143}): at most 8 members of at most 21 bytes,
 *       {@code sum(1 + |m|) <= 22};</li>
 *   <li>a new key that does not fit inline starts as {@code KevyMap::with_capacity(1)}; promotion builds
 *       {@code with_capacity(max(len, 1))}, inserts the inline entries in order, then the new one;</li>
 *   <li>the flat form always goes through {@code KevyMap::insert} (grow check even for an existing member).</li>
 * </ul>
 * Not modelled: the bucket-sharded {@code SegHash}/{@code SegSet} form kevy switches to at 16,384 members
 * ({@code seg_map.rs:48}); past that size the order here stays the flat table's (docs/model-api.md).
 */
public final class KevyCollection {
    /** Which inline rules apply. */
    public enum Kind { HASH, SET }

    private static final int INLINE_BUF = 22;
    private static final int INLINE_COUNT = 8;

    private final Kind kind;
    /** Inline form: keys and (hash only) values in insertion order; null when flat. */
    private final List<String> inlineKeys;
    private final List<String> inlineVals;
    /** Flat form; null when inline. Never mutated once this instance is built. */
    private final KevyMap<String> flat;

    private KevyCollection(Kind kind, List<String> inlineKeys, List<String> inlineVals, KevyMap<String> flat) {
        this.kind = kind;
        this.inlineKeys = inlineKeys;
        this.inlineVals = inlineVals;
        this.flat = flat;
    }

    /** A new hash holding one pair ({@code hset_create}). */
    public static KevyCollection newHash(String field, String value) {
        if (fitsAlone(Kind.HASH, field, value)) {
            return new KevyCollection(Kind.HASH, List.of(field), List.of(value), null);
        }
        KevyMap<String> m = KevyMap.withCapacity(1);
        m.insert(field, value);
        return new KevyCollection(Kind.HASH, null, null, m);
    }

    /** A new set holding one member ({@code sadd_create}). */
    public static KevyCollection newSet(String member) {
        if (fitsAlone(Kind.SET, member, "")) {
            return new KevyCollection(Kind.SET, List.of(member), null, null);
        }
        KevyMap<String> m = KevyMap.withCapacity(1);
        m.insert(member, "");
        return new KevyCollection(Kind.SET, null, null, m);
    }

    private static boolean fitsAlone(Kind kind, String k, String v) {
        return kind == Kind.HASH
                ? k.length() <= 19 && v.length() <= 19 && 2 + k.length() + v.length() <= INLINE_BUF
                : k.length() <= INLINE_BUF - 1;
    }

    public Kind kind() {
        return kind;
    }

    /** True while kevy would hold this collection inline. */
    public boolean inline() {
        return flat == null;
    }

    public int size() {
        return flat == null ? inlineKeys.size() : flat.size();
    }

    public boolean contains(String k) {
        return flat == null ? inlineKeys.contains(k) : flat.containsKey(k);
    }

    /** The value of a hash field, or null. */
    public String get(String k) {
        if (flat != null) {
            return flat.get(k);
        }
        int i = inlineKeys.indexOf(k);
        return i < 0 ? null : kind == Kind.HASH ? inlineVals.get(i) : "";
    }

    /** Fields or members in kevy's iteration order. */
    public List<String> keys() {
        return flat == null ? inlineKeys : Collections.unmodifiableList(flat.keys());
    }

    /** (field, value) pairs in kevy's iteration order (sets pair each member with ""). */
    public List<Map.Entry<String, String>> pairs() {
        List<Map.Entry<String, String>> out = new ArrayList<>(size());
        if (flat == null) {
            for (int i = 0; i < inlineKeys.size(); i++) {
                out.add(Map.entry(inlineKeys.get(i), kind == Kind.HASH ? inlineVals.get(i) : ""));
            }
        } else {
            flat.forEach((k, v) -> out.add(Map.entry(k, v)));
        }
        return Collections.unmodifiableList(out);
    }

    /** This collection with {@code k → v} set (HSET) or member {@code k} added (SADD; {@code v} ignored). */
    public KevyCollection with(String k, String v) {
        if (flat != null) {
            KevyMap<String> m = flat.copy();
            m.insert(k, kind == Kind.HASH ? v : "");
            return new KevyCollection(kind, null, null, m);
        }
        return kind == Kind.HASH ? withInlineHash(k, v) : withInlineSet(k);
    }

    private int used() {
        int used = 0;
        for (int i = 0; i < inlineKeys.size(); i++) {
            used += kind == Kind.HASH ? 2 + inlineKeys.get(i).length() + inlineVals.get(i).length()
                    : 1 + inlineKeys.get(i).length();
        }
        return used;
    }

    private KevyCollection withInlineHash(String f, String v) {
        // small_hash.rs try_set: size limits first, then update-in-place, then append.
        if (f.length() <= 19 && v.length() <= 19) {
            int i = inlineKeys.indexOf(f);
            if (i >= 0) {
                if (used() - inlineVals.get(i).length() + v.length() <= INLINE_BUF) {
                    List<String> vals = new ArrayList<>(inlineVals);
                    vals.set(i, v);
                    return new KevyCollection(kind, inlineKeys, List.copyOf(vals), null);
                }
            } else if (inlineKeys.size() < INLINE_COUNT && used() + 2 + f.length() + v.length() <= INLINE_BUF) {
                return new KevyCollection(kind, append(inlineKeys, f), append(inlineVals, v), null);
            }
        }
        return promoteThenInsert(f, v);
    }

    private KevyCollection withInlineSet(String m) {
        // small_set.rs try_add: present → unchanged, then the size limits.
        if (inlineKeys.contains(m)) {
            return this;
        }
        if (m.length() <= INLINE_BUF - 1 && inlineKeys.size() < INLINE_COUNT && used() + 1 + m.length() <= INLINE_BUF) {
            return new KevyCollection(kind, append(inlineKeys, m), null, null);
        }
        return promoteThenInsert(m, "");
    }

    private KevyCollection promoteThenInsert(String k, String v) {
        KevyMap<String> m = KevyMap.withCapacity(Math.max(inlineKeys.size(), 1));
        for (int i = 0; i < inlineKeys.size(); i++) {
            m.insert(inlineKeys.get(i), kind == Kind.HASH ? inlineVals.get(i) : "");
        }
        m.insert(k, v);
        return new KevyCollection(kind, null, null, m);
    }

    private static List<String> append(List<String> l, String x) {
        List<String> out = new ArrayList<>(l.size() + 1);
        out.addAll(l);
        out.add(x);
        return List.copyOf(out);
    }

    /**
     * Equal when kind and content (members, values) are equal. The iteration order is not part of the value:
     * the same hash rebuilt on another node can sit in another slot layout (kevy's too), and checks compare
     * contents. Tests of the order look at {@link #keys()} / {@link #pairs()}.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof KevyCollection c && c.kind == kind && sorted().equals(c.sorted());
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, sorted());
    }

    private java.util.TreeMap<String, String> sorted() {
        java.util.TreeMap<String, String> m = new java.util.TreeMap<>();
        for (Map.Entry<String, String> e : pairs()) {
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }

    @Override
    public String toString() {
        return (inline() ? "inline" : "flat") + pairs();
    }
}
