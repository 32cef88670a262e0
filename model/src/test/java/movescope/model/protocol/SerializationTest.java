package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.call;
import static movescope.model.protocol.Fixtures.cfg;
import static movescope.model.protocol.Fixtures.connect;
import static movescope.model.protocol.Fixtures.startMove;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import movescope.model.store.FrameCodec;
import org.junit.jupiter.api.Test;

/**
 * Proves what MOVE-SCOPE ships (kevy-move-scope.md §4 step 2): one rebuild frame per live key under the
 * prefix, plus {@code PEXPIREAT k <absolute ms>} for keys with a TTL, nothing for expired keys, in the one
 * request {@code MOVE-SCOPE-INGEST <prefix> <bulk>}; and that kevy serializes only the shard owning
 * hash(prefix) while {@code sliceShards=all-shards} serializes every shard.
 * Reproduce: {@code mvn -B -o -pl model test -Dtest=SerializationTest}.
 */
class SerializationTest {

    private static List<List<String>> shippedFrames(KevyNode a, long now, String prefix) {
        Effect.Connect c = startMove(a, now, "op", 1, prefix, "b");
        Effect.SendIngest send = connect(a, now + 1, c.moveId());
        assertEquals("MOVE-SCOPE-INGEST", send.args().get(0));
        assertEquals(prefix, send.args().get(1));
        assertEquals(3, send.args().size(), "one request, one bulk");
        return FrameCodec.decode(send.args().get(2));
    }

    @Test
    void ttlBecomesAnAbsolutePexpireatFrame() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        assertEquals("+OK", call(a, 1_000, "SET", "app:t", "v", "PX", "5000"));
        assertEquals("+OK", call(a, 1_000, "SET", "app:u", "w"));
        assertEquals(":2", call(a, 1_000, "RPUSH", "app:l", "x", "y"));
        assertEquals("+OK", call(a, 1_000, "SET", "app:gone", "z", "PX", "10"));
        assertEquals("+OK", call(a, 1_000, "SET", "apple", "not under app:"));
        // Slot order of kevy-map 5.4.0 for these inserts: app:t, apple, app:gone, app:u, app:l (computed with
        // the crate); app:gone has expired by 2000 and apple is not under the prefix.
        assertEquals(List.of(
                List.of("SET", "app:t", "v"),
                List.of("PEXPIREAT", "app:t", "6000"),
                List.of("SET", "app:u", "w"),
                List.of("RPUSH", "app:l", "x", "y")), shippedFrames(a, 2_000, "app:"));
    }

    @Test
    void theTargetKeepsTheAbsoluteDeadline() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        KevyNode b = new KevyNode("b", cfg("b", "app:=a"), Variant.KEVY_54);
        call(a, 1_000, "SET", "app:t", "v", "PX", "5000");
        Effect.Connect c = startMove(a, 2_000, "op", 1, "app:", "b");
        assertEquals("+OK 2", Fixtures.deliver(b, 3_000, connect(a, 2_500, c.moveId())));
        assertEquals(":2000", call(b, 4_000, "PTTL", "app:t"));
        assertEquals("(nil)", call(b, 6_001, "GET", "app:t"));
    }

    @Test
    void kevyShipsOnlyThePrefixShardAndAllShardsShipsEverything() {
        int shards = 4;
        String prefix = "app:";
        String same = Fixtures.keyOnShard(prefix, Sharding.shardOf(prefix, shards), shards);
        String other = Fixtures.keyNotOnShardOf(prefix, prefix, shards);

        KevyNode kevy = new KevyNode("a", cfg("a", "app:=a", shards), Variant.KEVY_54);
        call(kevy, 0, "SET", same, "1");
        call(kevy, 0, "SET", other, "2");
        assertEquals(List.of(List.of("SET", same, "1")), shippedFrames(kevy, 1, prefix));

        KevyNode fixed = new KevyNode("a", cfg("a", "app:=a", shards),
                Variant.KEVY_54.withSliceShards(Variant.SliceShards.ALL_SHARDS));
        call(fixed, 0, "SET", same, "1");
        call(fixed, 0, "SET", other, "2");
        List<List<String>> frames = shippedFrames(fixed, 1, prefix);
        assertEquals(2, frames.size());
        assertTrue(frames.contains(List.of("SET", other, "2")));
    }

    @Test
    void theSliceIsTakenAtStartAndTheSourceKeepsItsCopy() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        KevyNode b = new KevyNode("b", cfg("b", "app:=a"), Variant.KEVY_54);
        call(a, 0, "SET", "app:1", "v");
        Fixtures.completeMove(a, b, 1, startMove(a, 1, "op", 1, "app:", "b"));
        assertEquals("\"v\"", call(a, 10, "GET", "app:1"), "the source never deletes its copy");
        assertEquals("\"v\"", call(b, 10, "GET", "app:1"));
    }
}
