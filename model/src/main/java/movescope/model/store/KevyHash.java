package movescope.model.store;

/**
 * kevy's byte hashes, bit for bit: {@code kevy_hash} for byte slices (the two-stream multiply-mix with
 * an {@code fmix64} finish, no seed; {@code crates/kevy-hash/src/lib.rs:92-154}, chosen for
 * {@code [u8]} at {@code lib.rs:220-238}), CRC16-XMODEM ({@code crates/kevy-hash/src/crc16.rs:68}) and
 * the hashtag rule ({@code crates/kevy-rt/src/reduce.rs:455-463}). The same {@code kevy_hash} routes a
 * key to a shard and places it in the shard's {@link KevyMap}.
 *
 * <p>Keys are bytes in kevy; the model's strings carry one byte per char (ISO-8859-1, chars
 * {@code 0..255}; docs/model-api.md). Every function here reads {@code c & 0xFF} of each char, never a
 * UTF-8 encoding, so a key holding byte {@code 0xFF} hashes as kevy hashes that byte.
 */
public final class KevyHash {
    private KevyHash() {}

    private static final long S1 = 0x243f6a8885a308d3L;
    private static final long S2 = 0x13198a2e03707344L;
    private static final long ANTI_ZERO = 0xa4093822299f31d0L;

    /** {@code kevy_hash(bytes of s)} as an unsigned 64-bit value held in a long. */
    public static long hash(String s) {
        return hash(s, 0, s.length());
    }

    /** {@code kevy_hash} of the bytes {@code s[from, to)}. */
    public static long hash(String s, int from, int to) {
        int len = to - from;
        long s0 = S1;
        long s1 = S2;
        if (len <= 16) {
            if (len >= 8) {
                s0 ^= le64(s, from);
                s1 ^= le64(s, to - 8);
            } else if (len >= 4) {
                s0 ^= le32(s, from);
                s1 ^= le32(s, to - 4);
            } else if (len > 0) {
                long lo = b(s, from);
                long mid = b(s, from + len / 2);
                long hi = b(s, to - 1);
                s0 ^= lo;
                s1 ^= (hi << 8) | mid;
            }
        } else {
            // The bulk loop reads whole 16-byte chunks of bytes[0 .. len-1] (the last byte dropped).
            int bulkEnd = to - 1;
            for (int p = from; p + 16 <= bulkEnd; p += 16) {
                long x = le64(s, p);
                long y = le64(s, p + 8);
                long t = multiplyMix(s0 ^ x, ANTI_ZERO ^ y);
                s0 = s1;
                s1 = t;
            }
            s0 ^= le64(s, to - 16);
            s1 ^= le64(s, to - 8);
        }
        return fmix64(multiplyMix(s0, s1) ^ len);
    }

    /** lo64(x*y) XOR hi64(x*y) of the full unsigned 128-bit product. */
    static long multiplyMix(long x, long y) {
        return (x * y) ^ unsignedMultiplyHigh(x, y);
    }

    /** High 64 bits of the unsigned product (Java 17 has only the signed {@code Math.multiplyHigh}). */
    private static long unsignedMultiplyHigh(long x, long y) {
        long hi = Math.multiplyHigh(x, y);
        return hi + ((x >> 63) & y) + ((y >> 63) & x);
    }

    static long fmix64(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static long b(String s, int i) {
        return s.charAt(i) & 0xFFL;
    }

    private static long le64(String s, int p) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | b(s, p + i);
        }
        return v;
    }

    private static long le32(String s, int p) {
        long v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | b(s, p + i);
        }
        return v;
    }

    /** CRC16-XMODEM (poly 0x1021, init 0, no reflection, no final XOR) of {@code s[from, to)}. */
    public static int crc16(String s, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (s.charAt(i) & 0xFF) << 8;
            for (int j = 0; j < 8; j++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) : (crc << 1);
                crc &= 0xFFFF;
            }
        }
        return crc;
    }

    /** CRC16-XMODEM of the whole string's bytes; {@code crc16("123456789") = 0x31C3}. */
    public static int crc16(String s) {
        return crc16(s, 0, s.length());
    }

    /**
     * The hashtag span {@code [start, end)} of {@code key}, packed as {@code (start << 32) | end}: the bytes
     * after the first {@code '{'} up to the first {@code '}'} after it, when that span is non-empty;
     * otherwise the whole key ({@code reduce.rs:455-463}).
     */
    public static long hashInputSpan(String key) {
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                return ((long) (open + 1) << 32) | close;
            }
        }
        return key.length();
    }

    /** The hash input of {@code key} as a string (the hashtag or the whole key). */
    public static String hashInput(String key) {
        long span = hashInputSpan(key);
        return key.substring((int) (span >>> 32), (int) span);
    }
}
