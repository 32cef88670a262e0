package movescope.model.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import movescope.model.store.KevyHash;
import org.junit.jupiter.api.Test;

/**
 * kevy's key → shard function bit for bit ({@code crates/kevy-rt/src/reduce.rs:427-471},
 * {@code crates/kevy-hash/src/lib.rs:92-154}, {@code crc16.rs}). The first table is the test-vector table
 * of kevy-source-facts.md §2, row for row; the others were computed with kevy-hash 5.4.0 built from
 * kevy's source at 311feac0 (a throwaway program calling {@code <[u8]>::kevy_hash} and {@code crc16}).
 * Reproduce: {@code mvn -B -o -pl model test -Dtest=ShardingTest}.
 */
class ShardingTest {

    /** key, kevy_hash(hash input), shard n=2, n=3, n=4, n=8, CRC16 slot, slots-scheme shard n=2 (-1 = not given). */
    private static final Object[][] FACTS = {
        {"", 0xa47e4914af8cafbcL, 0, 2, 0, 4, 0, 0},
        {"a", 0xac53b2c7027b4092L, 0, 1, 2, 2, 15495, 1},
        {"abc", 0xf2be3ca2ebaf98e7L, 1, 1, 3, 7, 7638, 0},
        {"abcd", 0xfd90c185b4ac0eb6L, 0, 2, 2, 6, 10294, 1},
        {"hello-world", 0x6fabde3bfced4a4dL, 1, 0, 1, 5, 13735, 1},
        {"0123456789abcdef", 0x73aa805e445e5ddcL, 0, 1, 0, 4, 10405, 1},
        {"0123456789abcdefg", 0xc44ff0bd3f0b26beL, 0, 1, 2, 6, 1383, 0},
        {"x".repeat(33), 0x8d5a726341dc4fb5L, 1, 2, 1, 5, -1, -1},
        {"app:billing:", 0x1711a38292639682L, 0, 0, 2, 2, 15539, 1},
        {"app:ledger:", 0x8e18dde4f97842e1L, 1, 0, 1, 1, 14824, 1},
        {"app:auth:", 0x76c8772ea569053bL, 1, 1, 3, 3, 4618, 0},
        {"mv:", 0x75f588719c3621a0L, 0, 0, 0, 0, 11484, 1},
        {"app:billing:k000000", 0x516db035234b5070L, 0, 1, 0, 0, 5262, 0},
        {"app:ledger:k03", 0xc2ac713f5bd2144fL, 1, 0, 3, 7, 14269, 1},
        {"{user1}:a", 0x7edefe9a961ff6b7L, 1, 1, 3, 7, 8106, 0},
        {"foo{}bar", 0x0be4be58bed6714cL, 0, 0, 0, 4, 14292, 1},
        {"123456789", 0xecab9ba5cbd55920L, 0, 1, 0, 0, 12739, 1},
    };

    @Test
    void matchesEveryVectorOfTheFactsTable() {
        for (Object[] row : FACTS) {
            String key = (String) row[0];
            assertEquals((long) row[1], KevyHash.hash(KevyHash.hashInput(key)), () -> "hash of " + key);
            int[] ns = {2, 3, 4, 8};
            for (int i = 0; i < ns.length; i++) {
                int n = ns[i];
                assertEquals((int) row[2 + i], Sharding.shardOf(key, n), () -> "shard of " + key + " n=" + n);
            }
            if ((int) row[6] >= 0) {
                assertEquals((int) row[6], Sharding.keySlot(key), () -> "slot of " + key);
                assertEquals((int) row[7], Sharding.shardOf(key, 2, true), () -> "slots shard of " + key);
            }
        }
    }

    /** kevy_hash and crc16 of bytes (i*37+201) mod 256 for i in 0..len-1, len = 0..40 (every length path). */
    private static final String[] LENGTH_HASHES = {
        "a47e4914af8cafbc", "5f1fb93a6a4609eb", "4073e4461a6504b2", "75c1303ad3c0dcd2", "0730d119d5dff4a0",
        "a1c8b57c38ff9e50", "684e9ed364d33f12", "3938380171df2412", "5a95f18c086c1a2f", "bbc78911ada0eb1d",
        "20fdfca7714f3b71", "3f6b424e7069ec64", "b53d24fb72cb4000", "bd07062fe3e73bd5", "a2bf1279d2ba4815",
        "5dde14292cf1b96f", "59ae215508028aa5", "c7614971182aee79", "f42537d1827c40bf", "54b37b05377b42f7",
        "b4e85d5f1affe5e6", "316c72731126828f", "4ffc88fd0eab4bcd", "b7826c548267d9ec", "96804ba807f5523e",
        "547988f7d2a25e9e", "866920da9eb6ba35", "756360ceb222fdd7", "3308b92a1c377002", "79693ad5b48873d4",
        "1a8b0039cba1e769", "3e4608fd5533a85b", "093ef6096ae8f714", "594735eb1cc9c1f8", "5a1e3b2fc3982b99",
        "f5c9c3b03cfb9fab", "9c769d035f671297", "3d48cb99a6f8a147", "1ffb5f5ea2d372aa", "967d05e0eecf0a9b",
        "225d91ee41b208fc",
    };
    private static final int[] LENGTH_CRCS = {
        0, 18533, 45100, 43401, 6808, 40995, 10016, 45448, 10042, 37307, 23151, 4999, 51700, 32072, 62362,
        28127, 52624, 7161, 36295, 56288, 35478, 49797, 38705, 23974, 65253, 45876, 45016, 48358, 10124, 17245,
        27634, 52243, 896, 19948, 1327, 59421, 11091, 63675, 53559, 54399, 22995,
    };

    @Test
    void hashesEveryLengthPathOfHighBytesAsKevyDoes() {
        for (int len = 0; len <= 40; len++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < len; i++) {
                b.append((char) ((i * 37 + 201) % 256));
            }
            String key = b.toString();
            int l = len;
            assertEquals(Long.parseUnsignedLong(LENGTH_HASHES[len], 16), KevyHash.hash(key), () -> "len " + l);
            assertEquals(LENGTH_CRCS[len], KevyHash.crc16(key), () -> "crc len " + l);
        }
    }

    @Test
    void hashesNonUtf8BytesAsBytesNotAsUtf8() {
        // Computed with kevy-hash: kevy_hash / crc16 of the bytes FF, FF FE, 80 FF 00, FF x8, FF x40.
        assertEquals(0x71a3707876f71d01L, KevyHash.hash("\u00ff"));
        assertEquals(7920, KevyHash.crc16("\u00ff"));
        assertEquals(0x35cedad20a04c967L, KevyHash.hash("\u00ff\u00fe"));
        assertEquals(0xe2f3b360ad7d1e5fL, KevyHash.hash("\u0080\u00ff\u0000"));
        assertEquals(14501, KevyHash.crc16("\u0080\u00ff\u0000"));
        assertEquals(0xb25a6a2710625057L, KevyHash.hash("\u00ff".repeat(8)));
        assertEquals(0x5c92c395e7232f9dL, KevyHash.hash("\u00ff".repeat(40)));
        assertEquals(26559, KevyHash.crc16("\u00ff".repeat(40)));
        // UTF-8 would hash the two bytes C3 BF for U+00FF; the model hashes the one byte FF.
        assertNotEquals(KevyHash.hash("\u00c3\u00bf"), KevyHash.hash("\u00ff"));
    }

    /** kevy-hash's own lib.rs tests: determinism and the inequalities it pins (lib.rs:295-343). */
    @Test
    void kevyHashsOwnTests() {
        assertEquals(KevyHash.hash("hello"), KevyHash.hash("hello"));
        assertNotEquals(KevyHash.hash("hello"), KevyHash.hash("hellp"));
        assertNotEquals(KevyHash.hash(""), KevyHash.hash("\0"));
        assertNotEquals(KevyHash.hash("hello-world"), KevyHash.hash("hello-worle"));
        assertNotEquals(KevyHash.hash("abc"), KevyHash.hash("abcd"));
        assertNotEquals(KevyHash.hash("abc"), KevyHash.hash("ab\0c"));
    }

    @Test
    void hashtagRulesFollowKevy() {
        // crates/kevy-hash/src/crc16.rs tests: key_hash_slot("{user1000}.following") = slot("user1000"),
        // hashtag("foo{}{bar}") is the whole key, hashtag("foo{{bar}}zap") = "{bar", "foo{bar}{zap}" = "bar".
        assertEquals(Sharding.keySlot("user1000"), Sharding.keySlot("{user1000}.following"));
        assertEquals("foo{}{bar}", KevyHash.hashInput("foo{}{bar}"));
        assertEquals("{bar", KevyHash.hashInput("foo{{bar}}zap"));
        assertEquals("bar", KevyHash.hashInput("foo{bar}{zap}"));
        assertEquals("no-close{x", KevyHash.hashInput("no-close{x"));
        assertEquals("user1", KevyHash.hashInput("{user1}:"));
        // A prefix and its keys share the hashtag's shard in both schemes.
        for (int n = 2; n <= 9; n++) {
            assertEquals(Sharding.shardOf("{user1}:", n), Sharding.shardOf("{user1}:zzz", n));
            assertEquals(Sharding.shardOf("{user1}:", n, true), Sharding.shardOf("{user1}:zzz", n, true));
        }
    }

    @Test
    void crcCheckValueAndSlotMapping() {
        assertEquals(0x31C3, Sharding.crc16("123456789"));
        assertEquals(0, Sharding.crc16(""));
        assertEquals(0, Sharding.slotToShard(0, 3));
        assertEquals(2, Sharding.slotToShard(16383, 3));
        assertEquals(1, Sharding.slotToShard(8192, 2));
        assertEquals(0, Sharding.slotToShard(8191, 2));
    }

    @Test
    void oneShardIsZeroAndNonPositiveIsRejected() {
        assertEquals(0, Sharding.shardOf("abc", 1));
        assertEquals(0, Sharding.shardOf("a", 1, true));
        assertThrows(IllegalArgumentException.class, () -> Sharding.shardOf("k", 0));
        // The modulus is unsigned: hash 0xa47e4914af8cafbc (negative as a long) mod 3 = 2.
        assertEquals(2, Sharding.hashToShard(0xa47e4914af8cafbcL, 3));
    }
}
