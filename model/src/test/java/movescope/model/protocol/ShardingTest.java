package movescope.model.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Proves the key → shard function is the documented one (CRC16-XMODEM, Redis Cluster's CRC16, mod
 * shards): the standard check value and Redis's published slot of "foo", the range, and that it spreads
 * keys so a prefix and its keys usually sit on different shards.
 * Reproduce: {@code mvn -B -o -pl model test -Dtest=ShardingTest}.
 */
class ShardingTest {

    @Test
    void isCrc16Xmodem() {
        assertEquals(0x31C3, Sharding.crc16("123456789"));
        assertEquals(0, Sharding.crc16(""));
        // Redis Cluster: CLUSTER KEYSLOT foo = 12182 = crc16("foo") mod 16384
        assertEquals(12182, Sharding.crc16("foo") % 16384);
    }

    @Test
    void staysInRangeAndSpreads() {
        TreeSet<Integer> seen = new TreeSet<>();
        for (int i = 0; i < 100; i++) {
            int s = Sharding.shardOf("app:" + i, 8);
            assertTrue(s >= 0 && s < 8);
            seen.add(s);
        }
        assertEquals(8, seen.size());
        assertEquals(0, Sharding.shardOf("anything", 1));
        assertThrows(IllegalArgumentException.class, () -> Sharding.shardOf("k", 0));
    }
}
