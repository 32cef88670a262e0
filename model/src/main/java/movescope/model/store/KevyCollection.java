package movescope.model.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The members of a hash or a set, in kevy's encoding and so in kevy's iteration order (HGETALL, SMEMBERS,
 * and the HSET / SADD slice frames). Immutable from the outside: every write returns a new instance, so a
 * {@link Store#copy()} can share values.
 *
 * <p>kevy keeps a small collection inline, in insertion order, moves it to a {@link KevyMap} when it
 * outgrows the inline buffer, and to a bucket-sharded {@link KevySegMap} once it holds 16,384 members:
 * <ul>
 *   <li>hash ({@code crates/kevy-store/src/small_hash.rs}, {@code hash.rs:339-402}): inline at most 8 pairs,
 *       field and value at most 19 bytes each, {@code sum(2 + |f| + |v|) <= 22}; an update rewrites the value
 *       in place when it still fits;</li>
 *   <li>set ({@code small_set.rs}, {@code set.rs:74-143}): inline at most 8 members of at most 21 bytes,
 *       {@code sum(1 + |m|) <= 22};</li>
 *   <li>a new key that does not fit inline starts as {@code KevyMap::with_capacity(1)}; promotion builds
 *       {@code with_capacity(max(len, 1))}, inserts the inline entries in order, then the new one;</li>
 *   <li>the flat form always goes through {@code KevyMap::insert} (grow check even for an existing member);</li>
 *   <li>a write to a flat form already holding {@code >= 16,384} members first rebuilds it as a SegMap from
 *       its slot order, then applies the write ({@code hash.rs:364-375}, {@code set.rs:85-96, 246-256}).</li>
 * </ul>
 * Not modelled: kevy's declared {@code PackedRow} hashes (docs/model-api.md).
 */
public final class KevyCollection {
    /** Which inline rules apply. */
    public enum Kind { HASH, SET }

    private static final int INLINE_BUF = 22;
    private static final int INLINE_COUNT = 8;

    private final Kind kind;
    /** Inline form: keys and (hash only) values in insertion order; null otherwise. */
    private List<String> inlineKeys;
    private List<String> inlineVals;
    /** Flat form; null otherwise. */
    private KevyMap<String> flat;
    /** Bucket-sharded form; null otherwise. */
    private KevySegMap<String> seg;

    private KevyCollection(Kind kind) {
        this.kind = kind;
    }

    /** A new hash holding one pair ({@code hset_create}). */
    public static KevyCollection newHash(String field, String value) {
        return create(Kind.HASH, field, value);
    }

    /** A new set holding one member ({@code sadd_create}). */
    public static KevyCollection newSet(String member) {
        return create(Kind.SET, member, "");
    }

    private static KevyCollection create(Kind kind, String k, String v) {
        KevyCollection c = new KevyCollection(kind);
        boolean fits = kind == Kind.HASH
                ? k.length() <= 19 && v.length() <= 19 && 2 + k.length() + v.length() <= INLINE_BUF
                : k.length() <= INLINE_BUF - 1;
        if (fits) {
            c.inlineKeys = new ArrayList<>(List.of(k));
            c.inlineVals = kind == Kind.HASH ? new ArrayList<>(List.of(v)) : null;
        } else {
            c.flat = KevyMap.withCapacity(1);
            c.flat.insert(k, kind == Kind.HASH ? v : "");
        }
        return c;
    }

    private KevyCollection copy() {
        KevyCollection c = new KevyCollection(kind);
        if (inlineKeys != null) {
            c.inlineKeys = new ArrayList<>(inlineKeys);
            c.inlineVals = inlineVals == null ? null : new ArrayList<>(inlineVals);
        } else if (flat != null) {
            c.flat = flat.copy();
        } else {
            c.seg = seg.copy();
        }
        return c;
    }

    public Kind kind() {
        return kind;
    }

    /** True while kevy would hold this collection inline. */
    public boolean inline() {
        return inlineKeys != null;
    }

    /** True once kevy would hold it as a bucket-sharded SegMap. */
    public boolean segmented() {
        return seg != null;
    }

    public int size() {
        return inlineKeys != null ? inlineKeys.size() : flat != null ? flat.size() : seg.size();
    }

    public boolean contains(String k) {
        return inlineKeys != null ? inlineKeys.contains(k) : flat != null ? flat.containsKey(k) : seg.containsKey(k);
    }

    /** The value of a hash field (sets: "" for a member), or null. */
    public String get(String k) {
        if (flat != null) {
            return flat.get(k);
        }
        if (seg != null) {
            return seg.get(k);
        }
        int i = inlineKeys.indexOf(k);
        return i < 0 ? null : kind == Kind.HASH ? inlineVals.get(i) : "";
    }

    /** Fields or members in kevy's iteration order. */
    public List<String> keys() {
        if (inlineKeys != null) {
            return Collections.unmodifiableList(inlineKeys);
        }
        return Collections.unmodifiableList(flat != null ? flat.keys() : seg.keys());
    }

    /** (field, value) pairs in kevy's iteration order (sets pair each member with ""). */
    public List<Map.Entry<String, String>> pairs() {
        List<Map.Entry<String, String>> out = new ArrayList<>(size());
        if (inlineKeys != null) {
            for (int i = 0; i < inlineKeys.size(); i++) {
                out.add(Map.entry(inlineKeys.get(i), kind == Kind.HASH ? inlineVals.get(i) : ""));
            }
        } else if (flat != null) {
            flat.forEach((k, v) -> out.add(Map.entry(k, v)));
        } else {
            seg.forEach((k, v) -> out.add(Map.entry(k, v)));
        }
        return Collections.unmodifiableList(out);
    }

    /** This collection with {@code k → v} set (HSET) or member {@code k} added (SADD; {@code v} ignored). */
    public KevyCollection with(String k, String v) {
        KevyCollection c = copy();
        c.apply(k, v);
        return c;
    }

    /**
     * This collection with every {@code keys[i] → vals[i]} applied in order, as one HSET / SADD command
     * applies its pairs one by one ({@code hash.rs:181-210}, {@code set.rs:48-71}); copies once.
     */
    public KevyCollection withAll(List<String> keys, List<String> vals) {
        KevyCollection c = copy();
        for (int i = 0; i < keys.size(); i++) {
            c.apply(keys.get(i), vals == null ? "" : vals.get(i));
        }
        return c;
    }

    private void apply(String k, String v) {
        String val = kind == Kind.HASH ? v : "";
        if (seg != null) {
            seg.insert(k, val);
        } else if (flat != null) {
            if (flat.size() >= KevySegMap.HS_PROMOTE) {
                seg = new KevySegMap<>();
                flat.forEach(seg::insert);
                flat = null;
                seg.insert(k, val);
            } else {
                flat.insert(k, val);
            }
        } else if (kind == Kind.HASH) {
            applyInlineHash(k, v);
        } else {
            applyInlineSet(k);
        }
    }

    private int used() {
        int used = 0;
        for (int i = 0; i < inlineKeys.size(); i++) {
            used += kind == Kind.HASH ? 2 + inlineKeys.get(i).length() + inlineVals.get(i).length()
                    : 1 + inlineKeys.get(i).length();
        }
        return used;
    }

    private void applyInlineHash(String f, String v) {
        // small_hash.rs try_set: size limits first, then update-in-place, then append.
        if (f.length() <= 19 && v.length() <= 19) {
            int i = inlineKeys.indexOf(f);
            if (i >= 0) {
                if (used() - inlineVals.get(i).length() + v.length() <= INLINE_BUF) {
                    inlineVals.set(i, v);
                    return;
                }
            } else if (inlineKeys.size() < INLINE_COUNT && used() + 2 + f.length() + v.length() <= INLINE_BUF) {
                inlineKeys.add(f);
                inlineVals.add(v);
                return;
            }
        }
        promoteThenInsert(f, v);
    }

    private void applyInlineSet(String m) {
        // small_set.rs try_add: present → unchanged, then the size limits.
        if (inlineKeys.contains(m)) {
            return;
        }
        if (m.length() <= INLINE_BUF - 1 && inlineKeys.size() < INLINE_COUNT && used() + 1 + m.length() <= INLINE_BUF) {
            inlineKeys.add(m);
            return;
        }
        promoteThenInsert(m, "");
    }

    private void promoteThenInsert(String k, String v) {
        KevyMap<String> m = KevyMap.withCapacity(Math.max(inlineKeys.size(), 1));
        for (int i = 0; i < inlineKeys.size(); i++) {
            m.insert(inlineKeys.get(i), kind == Kind.HASH ? inlineVals.get(i) : "");
        }
        m.insert(k, v);
        flat = m;
        inlineKeys = null;
        inlineVals = null;
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

    private TreeMap<String, String> sorted() {
        TreeMap<String, String> m = new TreeMap<>();
        for (Map.Entry<String, String> e : pairs()) {
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }

    @Override
    public String toString() {
        return (inline() ? "inline" : segmented() ? "seg" : "flat") + pairs();
    }
}
