package movescope.model.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * kevy-store's bucket-sharded {@code SegMap} ({@code crates/kevy-store/src/seg_map.rs}), the form a hash or
 * set takes once it holds 16,384 members ({@code HS_PROMOTE}, {@code :48}): extendible hashing over
 * {@link KevyMap} buckets. A key's directory slot is the top {@code global_bits} of its {@code kevy_hash};
 * a bucket holding more than 512 keys ({@code BUCKET_SPLIT}) splits on its next hash bit into a low half
 * (kept at its index) and a high half (appended), each built with {@code with_capacity(len / 2)} from the
 * old bucket's slot order, doubling the directory when needed. Iteration is bucket index order, then each
 * bucket's slot order ({@code :218-226}). Not thread-safe; {@link #copy} for copy-on-write.
 */
final class KevySegMap<V> {
    static final int BUCKET_SPLIT = 512;
    static final int HS_PROMOTE = 16 * 1024;
    private static final int MAX_BITS = 40;

    private int globalBits;
    private int[] dirs;
    private final List<KevyMap<V>> buckets;
    private final List<Integer> localBits;
    private int len;

    KevySegMap() {
        globalBits = 0;
        dirs = new int[] {0};
        buckets = new ArrayList<>(List.of(new KevyMap<>()));
        localBits = new ArrayList<>(List.of(0));
        len = 0;
    }

    private KevySegMap(KevySegMap<V> o) {
        globalBits = o.globalBits;
        dirs = o.dirs.clone();
        buckets = new ArrayList<>(o.buckets.size());
        for (KevyMap<V> b : o.buckets) {
            buckets.add(b.copy());
        }
        localBits = new ArrayList<>(o.localBits);
        len = o.len;
    }

    KevySegMap<V> copy() {
        return new KevySegMap<>(this);
    }

    int size() {
        return len;
    }

    private int route(long hash) {
        return globalBits == 0 ? 0 : (int) (hash >>> (64 - globalBits));
    }

    V get(String key) {
        return buckets.get(dirs[route(KevyHash.hash(key))]).get(key);
    }

    boolean containsKey(String key) {
        return buckets.get(dirs[route(KevyHash.hash(key))]).containsKey(key);
    }

    /** {@code SegMap::insert} ({@code :117-130}). */
    V insert(String key, V value) {
        long hash = KevyHash.hash(key);
        int slot = route(hash);
        KevyMap<V> b = buckets.get(dirs[slot]);
        V old = b.insert(key, value, hash);
        if (old == null) {
            len++;
            if (b.size() > BUCKET_SPLIT) {
                split(slot);
            }
        }
        return old;
    }

    /** {@code SegMap::split} ({@code :140-166}), including its {@code slot <<= 1} on a directory doubling. */
    private void split(int slot) {
        while (true) {
            int bi = dirs[slot];
            int lb = localBits.get(bi);
            if (buckets.get(bi).size() <= BUCKET_SPLIT || lb >= MAX_BITS) {
                return;
            }
            if (lb == globalBits) {
                int[] next = new int[dirs.length * 2];
                for (int i = 0; i < dirs.length; i++) {
                    next[2 * i] = dirs[i];
                    next[2 * i + 1] = dirs[i];
                }
                dirs = next;
                globalBits++;
                slot <<= 1;
            }
            int k = globalBits - lb;
            int span = 1 << k;
            int start = (slot >> k) << k;
            KevyMap<V> src = buckets.get(bi);
            KevyMap<V> lo = KevyMap.withCapacity(src.size() / 2);
            KevyMap<V> hi = KevyMap.withCapacity(src.size() / 2);
            long bit = 1L << (63 - lb);
            src.forEach((key, v) -> {
                if ((KevyHash.hash(key) & bit) == 0) {
                    lo.insert(key, v);
                } else {
                    hi.insert(key, v);
                }
            });
            buckets.set(bi, lo);
            localBits.set(bi, lb + 1);
            int hiIx = buckets.size();
            buckets.add(hi);
            localBits.add(lb + 1);
            for (int s = start + span / 2; s < start + span; s++) {
                dirs[s] = hiIx;
            }
        }
    }

    /** Entries in kevy's order: bucket by bucket, slot order within each. */
    void forEach(BiConsumer<String, V> visitor) {
        for (KevyMap<V> b : buckets) {
            b.forEach(visitor);
        }
    }

    List<String> keys() {
        List<String> out = new ArrayList<>(len);
        forEach((k, v) -> out.add(k));
        return out;
    }
}
