package movescope.model.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * kevy's {@code KevyMap} table, slot for slot, so that iteration (KEYS, a MOVE-SCOPE slice, HGETALL,
 * SMEMBERS) yields kevy's order. The algorithm ({@code crates/kevy-map/src/map.rs:30-47, 183-191, 207-215,
 * 358-362}; {@code map_keyed.rs:20-126, 129-193, 230-244}; {@code iter.rs:51-66}):
 * <ul>
 *   <li>capacity 0 at first, 16 ({@code MIN_CAP}) on the first insert, then doubling;
 *       {@link #withCapacity} = {@code max(16, next_pow2(ceil(hint*8/7)))};</li>
 *   <li>a slot's metadata is EMPTY (0xFF), DELETED (0x80) or {@code h2 = hash >>> 57} (top 7 bits);</li>
 *   <li>{@link #insert}: grow first when {@code cap == 0 || occupied + deleted >= cap - cap/8} (even when
 *       the key exists), then probe windows of 16 slots {@code (g + m) & mask}, {@code g = hash & mask},
 *       {@code g += 16}; an equal key is found by its h2; otherwise the new key goes to the lowest DELETED
 *       slot of the first window that has one, if any window up to the first one with an EMPTY slot had
 *       one, else to the lowest EMPTY slot of that window;</li>
 *   <li>grow: a table of twice the capacity, live entries re-inserted in old slot order, each into the lowest
 *       EMPTY slot of the first window that has one; tombstones are dropped;</li>
 *   <li>{@link #remove}: the slot becomes DELETED; no shrink, no in-place rehash;</li>
 *   <li>iteration: slot 0 .. cap-1, occupied slots only.</li>
 * </ul>
 * The hash is {@link KevyHash#hash} of the whole key (no hashtag), computed once per call and kept per
 * slot so a grow does not recompute it. Not thread-safe; values are whatever the caller stores.
 */
public final class KevyMap<V> {
    static final int MIN_CAP = 16;
    private static final int GROUP = 16;
    private static final byte EMPTY = (byte) 0xFF;
    private static final byte DELETED = (byte) 0x80;

    private String[] keys;
    private Object[] vals;
    private long[] hashes;
    private byte[] meta;
    private int cap;
    private int occupied;
    private int deleted;

    public KevyMap() {
        this(0);
    }

    private KevyMap(int cap) {
        alloc(cap);
    }

    /** {@code KevyMap::with_capacity(hint)} (map.rs:183-191). */
    public static <V> KevyMap<V> withCapacity(int hint) {
        if (hint == 0) {
            return new KevyMap<>();
        }
        long needed = ((long) hint * 8 + 6) / 7;
        long cap = Long.highestOneBit(needed);
        if (cap < needed) {
            cap <<= 1;
        }
        return new KevyMap<>((int) Math.max(cap, MIN_CAP));
    }

    private void alloc(int c) {
        cap = c;
        keys = new String[c];
        vals = new Object[c];
        hashes = new long[c];
        meta = new byte[c];
        Arrays.fill(meta, EMPTY);
        occupied = 0;
        deleted = 0;
    }

    /** An independent copy with the same slot layout (values shared: the store keeps them immutable). */
    public KevyMap<V> copy() {
        KevyMap<V> c = new KevyMap<>(0);
        c.cap = cap;
        c.keys = keys.clone();
        c.vals = vals.clone();
        c.hashes = hashes.clone();
        c.meta = meta.clone();
        c.occupied = occupied;
        c.deleted = deleted;
        return c;
    }

    public int size() {
        return occupied;
    }

    public boolean isEmpty() {
        return occupied == 0;
    }

    /** The table's capacity (0 before the first insert). */
    public int capacity() {
        return cap;
    }

    /** Tombstones currently in the table. */
    public int tombstones() {
        return deleted;
    }

    private static byte h2(long hash) {
        return (byte) ((hash >>> 57) & 0x7F);
    }

    private int find(String key, long hash) {
        if (cap == 0) {
            return -1;
        }
        int mask = cap - 1;
        byte tag = h2(hash);
        int g = (int) (hash & mask);
        while (true) {
            boolean sawEmpty = false;
            for (int m = 0; m < GROUP; m++) {
                int slot = (g + m) & mask;
                byte b = meta[slot];
                if (b == tag && keys[slot].equals(key)) {
                    return slot;
                }
                if (b == EMPTY) {
                    sawEmpty = true;
                }
            }
            if (sawEmpty) {
                return -1;
            }
            g = (g + GROUP) & mask;
        }
    }

    public boolean containsKey(String key) {
        return find(key, KevyHash.hash(key)) >= 0;
    }

    @SuppressWarnings("unchecked")
    public V get(String key) {
        int slot = find(key, KevyHash.hash(key));
        return slot < 0 ? null : (V) vals[slot];
    }

    /**
     * {@code KevyMap::insert}: the grow check first (even for an existing key), then the probe. Returns the
     * previous value, or null for a new key (the old key object is kept, as std's HashMap does).
     */
    public V insert(String key, V value) {
        return insert(key, value, KevyHash.hash(key));
    }

    /** {@link #insert} with {@code hash = KevyHash.hash(key)} already computed by the caller. */
    @SuppressWarnings("unchecked")
    public V insert(String key, V value, long hash) {
        if (cap == 0 || occupied + deleted >= cap - cap / 8) {
            grow();
        }
        int mask = cap - 1;
        byte tag = h2(hash);
        int g = (int) (hash & mask);
        int firstDeleted = -1;
        while (true) {
            int firstEmpty = -1;
            int windowDeleted = -1;
            for (int m = 0; m < GROUP; m++) {
                int slot = (g + m) & mask;
                byte b = meta[slot];
                if (b == tag && keys[slot].equals(key)) {
                    V old = (V) vals[slot];
                    vals[slot] = value;
                    return old;
                }
                if (b == EMPTY && firstEmpty < 0) {
                    firstEmpty = slot;
                } else if (b == DELETED && windowDeleted < 0) {
                    windowDeleted = slot;
                }
            }
            if (firstDeleted < 0) {
                firstDeleted = windowDeleted;
            }
            if (firstEmpty >= 0) {
                int at = firstDeleted >= 0 ? firstDeleted : firstEmpty;
                if (meta[at] == DELETED) {
                    deleted--;
                }
                place(at, key, value, hash);
                return null;
            }
            g = (g + GROUP) & mask;
        }
    }

    /**
     * Replaces the value of an existing key in place (kevy's {@code get_mut} / overwrite paths: no grow
     * check, the slot is unchanged). Returns false, changing nothing, when the key is absent.
     */
    public boolean replace(String key, V value) {
        return replace(key, value, KevyHash.hash(key));
    }

    /** {@link #replace} with the key's hash already computed. */
    public boolean replace(String key, V value, long hash) {
        int slot = find(key, hash);
        if (slot < 0) {
            return false;
        }
        vals[slot] = value;
        return true;
    }

    /** {@code KevyMap::remove}: the slot becomes a tombstone. Returns the removed value or null. */
    @SuppressWarnings("unchecked")
    public V remove(String key) {
        int slot = find(key, KevyHash.hash(key));
        if (slot < 0) {
            return null;
        }
        V old = (V) vals[slot];
        meta[slot] = DELETED;
        keys[slot] = null;
        vals[slot] = null;
        occupied--;
        deleted++;
        return old;
    }

    /** {@code KevyMap::clear} (map.rs:237-259): every slot EMPTY, the capacity kept. */
    public void clear() {
        Arrays.fill(meta, EMPTY);
        Arrays.fill(keys, null);
        Arrays.fill(vals, null);
        occupied = 0;
        deleted = 0;
    }

    private void place(int slot, String key, V value, long hash) {
        meta[slot] = h2(hash);
        keys[slot] = key;
        vals[slot] = value;
        hashes[slot] = hash;
        occupied++;
    }

    private void grow() {
        String[] oldKeys = keys;
        Object[] oldVals = vals;
        long[] oldHashes = hashes;
        byte[] oldMeta = meta;
        int oldCap = cap;
        alloc(oldCap == 0 ? MIN_CAP : oldCap * 2);
        int mask = cap - 1;
        for (int i = 0; i < oldCap; i++) {
            if (oldMeta[i] >= 0) { // occupied: top bit clear
                long hash = oldHashes[i];
                int g = (int) (hash & mask);
                placed:
                while (true) {
                    for (int m = 0; m < GROUP; m++) {
                        int slot = (g + m) & mask;
                        if (meta[slot] == EMPTY) {
                            meta[slot] = h2(hash);
                            keys[slot] = oldKeys[i];
                            vals[slot] = oldVals[i];
                            hashes[slot] = hash;
                            occupied++;
                            break placed;
                        }
                    }
                    g = (g + GROUP) & mask;
                }
            }
        }
    }

    /** The keys in slot order (kevy's iteration order). */
    public List<String> keys() {
        List<String> out = new ArrayList<>(occupied);
        for (int i = 0; i < cap; i++) {
            if (meta[i] >= 0) {
                out.add(keys[i]);
            }
        }
        return out;
    }

    /** Visits every entry in slot order. */
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<String, V> visitor) {
        for (int i = 0; i < cap; i++) {
            if (meta[i] >= 0) {
                visitor.accept(keys[i], (V) vals[i]);
            }
        }
    }

    /** The slot of {@code key}, or -1 (for tests that pin slot positions). */
    public int slotOf(String key) {
        return find(key, KevyHash.hash(key));
    }
}
