package movescope.model.protocol;

import movescope.model.store.KevyHash;

/**
 * Which shard of a node owns a key, as kevy 5.4 computes it ({@code crates/kevy-rt/src/reduce.rs:427-446}):
 * <pre>
 *   shard_of(key, n, slots):
 *     n == 1                 → 0
 *     slots ([cluster] enabled = true)
 *                            → ((crc16_xmodem(hash input) &amp; 16383) * n) &gt;&gt; 14      (reduce.rs:469-471)
 *     n a power of two       → kevy_hash(hash input) &amp; (n - 1)
 *     otherwise              → kevy_hash(hash input) mod n   (unsigned)
 * </pre>
 * The hash input is the hashtag (bytes between the first {@code '{'} and the next {@code '}'}, when that
 * span is non-empty) or else the whole key ({@code reduce.rs:455-463}); a MOVE-SCOPE prefix is routed by
 * the same function, so prefix {@code {user1}:} hashes {@code user1}. Keys are the model's ISO-8859-1
 * strings (one char per byte, docs/model-api.md); see {@link KevyHash}.
 */
public final class Sharding {
    private Sharding() {}

    /** The cluster slot count ({@code crc16 & 0x3FFF}). */
    public static final int SLOTS = 16384;

    /** The default-scheme shard of {@code key} ({@code [cluster] enabled} off). */
    public static int shardOf(String key, int shards) {
        return shardOf(key, shards, false);
    }

    /** The shard in {@code [0, shards)} of {@code key} (or a prefix), with or without the slot scheme. */
    public static int shardOf(String key, int shards, boolean clusterSlots) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be >= 1, got " + shards);
        }
        if (shards == 1) {
            return 0;
        }
        long span = KevyHash.hashInputSpan(key);
        int from = (int) (span >>> 32);
        int to = (int) span;
        if (clusterSlots) {
            return slotToShard(KevyHash.crc16(key, from, to) & (SLOTS - 1), shards);
        }
        return hashToShard(KevyHash.hash(key, from, to), shards);
    }

    /** The shard of a precomputed {@code kevy_hash} of a key's hash input (default scheme, n &gt; 1). */
    public static int hashToShard(long hash, int shards) {
        if ((shards & (shards - 1)) == 0) {
            return (int) (hash & (shards - 1));
        }
        return (int) Long.remainderUnsigned(hash, shards);
    }

    /** {@code (slot * n) >> 14} ({@code reduce.rs:469-471}). */
    public static int slotToShard(int slot, int shards) {
        return (int) (((long) slot * shards) >> 14);
    }

    /** The cluster slot of {@code key}: {@code crc16(hash input) & 16383} ({@code crc16.rs} key_hash_slot). */
    public static int keySlot(String key) {
        long span = KevyHash.hashInputSpan(key);
        return KevyHash.crc16(key, (int) (span >>> 32), (int) span) & (SLOTS - 1);
    }

    /** CRC16-XMODEM of the string's bytes (ISO-8859-1), in {@code [0, 65535]}. */
    public static int crc16(String s) {
        return KevyHash.crc16(s);
    }
}
