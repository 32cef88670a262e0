package movescope.model.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Which shard of a node owns a key. kevy runs several shards per node (one per core by default); the
 * exact hash kevy uses is not part of the documented behaviour, so the model fixes one by
 * specification and documents it: {@code shard(key) = CRC16-XMODEM(utf8(key)) mod shards}, the same
 * CRC16 Redis Cluster uses for slots (polynomial 0x1021, initial value 0, no reflection; check value
 * {@code "123456789" → 0x31C3}). No hash tags: kevy hashes the whole key, and MOVE-SCOPE /
 * MOVE-SCOPE-INGEST run on the shard that owns the hash of the prefix string itself.
 *
 * <p>What matters for the model is only that the function is fixed, total and spreads keys: a prefix
 * and the keys under it usually land on different shards, which is exactly what makes
 * {@code sliceShards=prefix-shard} lose keys.
 */
public final class Sharding {
    private Sharding() {}

    /** CRC16-XMODEM of the UTF-8 bytes of {@code s}, in {@code [0, 65535]}. */
    public static int crc16(String s) {
        int crc = 0;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) : (crc << 1);
                crc &= 0xFFFF;
            }
        }
        return crc;
    }

    /** The shard in {@code [0, shards)} that owns {@code key} (or a prefix string). */
    public static int shardOf(String key, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be >= 1, got " + shards);
        }
        return crc16(key) % shards;
    }
}
