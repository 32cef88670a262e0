package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.call;
import static movescope.model.protocol.Fixtures.cfg;
import static movescope.model.protocol.Fixtures.cmd;
import static movescope.model.protocol.Fixtures.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code *STORE} family on a node: routing (the runtime form is not scope-checked, a shorter one is checked on
 * its args[1] and answered {@code ERR unknown command}: crates/kevy/src/cmd_resolve.rs:167-172, 279-285;
 * dispatch.rs:80-94, 156-160), the effect frames in the log (crates/kevy-rt/src/exec_op.rs:141-186), and what a
 * restart makes of them: every frame is replayed through the scope check on its args[1] (kevy-source-facts §6),
 * so a *STORE into a destination this node does not own is acknowledged live and gone after a restart.
 */
class StoreFamilyTest {
    private static final String TO_B = "-MISDIRECTED writer is 10.0.0.2:6004";

    private static List<List<String>> logOf(KevyNode n) {
        return n.durable().log().stream().map(LogEntry::args).toList();
    }

    private static void restart(KevyNode n, long at) {
        n.step(new Input.Crash());
        n.step(new Input.Restart(at));
    }

    @Test
    void theRuntimeFormSkipsTheScopeCheckAndItsFramesDieAtReplay() {
        KevyNode a = new KevyNode("a", cfg("a", "own:=a, far:=b"), Variant.KEVY_54);
        call(a, 1, "ZADD", "own:z", "1", "m", "2", "n");
        assertEquals(TO_B, call(a, 2, "ZADD", "far:d", "5", "x"), "a single-key write of far:d is refused");
        Effect.Trace t = traces(a.step(cmd(3, "c1", 7, "ZUNIONSTORE", "far:d", "1", "own:z")), "ClientWrite").get(0);
        assertEquals(":2", t.fields().get("reply"), "the *STORE into far:d is not checked");
        assertEquals(false, t.fields().get("checked"));
        assertEquals("NOT_CHECKED", t.fields().get("reason"));
        assertEquals(true, t.fields().get("logged"));
        assertEquals("\"2\"", call(a, 4, "ZSCORE", "far:d", "n"));
        assertEquals(List.of(List.of("ZADD", "own:z", "1", "m", "2", "n"), List.of("ZADD", "far:d", "5", "x"),
                List.of("DEL", "far:d"), List.of("ZADD", "far:d", "1", "m", "2", "n")), logOf(a));
        restart(a, 1000);
        // Replay checks DEL far:d and ZADD far:d on args[1]: both MISDIRECTED, both dropped.
        assertEquals("(nil)", call(a, 1001, "ZSCORE", "far:d", "n"), "the acknowledged *STORE is gone after a restart");
        assertEquals("\"2\"", call(a, 1002, "ZSCORE", "own:z", "n"));
        // Into a destination the node owns, the same frames replay and the result survives.
        assertEquals(":2", call(a, 1003, "ZUNIONSTORE", "own:d", "1", "own:z"));
        restart(a, 2000);
        assertEquals("\"2\"", call(a, 2001, "ZSCORE", "own:d", "n"));
    }

    @Test
    void aShortFormIsACheckedSingleKeyWriteThatKevysDispatcherDoesNotKnow() {
        KevyNode a = new KevyNode("a", cfg("a", "own:=a, far:=b"), Variant.KEVY_54);
        assertEquals(TO_B, call(a, 1, "ZUNIONSTORE", "far:d", "1"));
        assertEquals(TO_B, call(a, 2, "SINTERSTORE", "far:d"));
        assertEquals("-ERR unknown command 'ZUNIONSTORE'", call(a, 3, "ZUNIONSTORE", "own:d", "1"));
        assertEquals("-ERR unknown command 'sdiffstore'", call(a, 4, "sdiffstore", "own:d"));
        // Logged verbatim whatever they answered, as every single-key write verb is (exec_op.rs:38-40).
        assertEquals(List.of(List.of("ZUNIONSTORE", "far:d", "1"), List.of("SINTERSTORE", "far:d"),
                List.of("ZUNIONSTORE", "own:d", "1"), List.of("sdiffstore", "own:d")), logOf(a));
        // kevy-fixed logs only what was accepted and succeeded
        KevyNode fixed = new KevyNode("a", cfg("a", "own:=a, far:=b"), Variant.FIXED);
        call(fixed, 1, "ZUNIONSTORE", "far:d", "1");
        assertEquals(List.of(), logOf(fixed));
    }

    @Test
    void parseErrorsAndWrongtypeLogNothing() {
        KevyNode a = new KevyNode("a", cfg("a", ""), Variant.KEVY_54);
        call(a, 1, "SET", "str", "v");
        assertEquals("-ERR numkeys should be greater than 0", call(a, 2, "ZINTERSTORE", "d", "0", "str"));
        assertEquals("-ERR syntax error", call(a, 3, "ZDIFFSTORE", "d", "1", "str", "WEIGHTS", "1"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value",
                call(a, 4, "ZUNIONSTORE", "d", "1", "str"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value",
                call(a, 5, "SUNIONSTORE", "d", "str"));
        assertEquals(List.of(List.of("SET", "str", "v")), logOf(a));
    }

    @Test
    void acrossShardsTheSourcesAreReadWhereTheyLiveAndTheResultLandsOnTheDestinationsShard() {
        KevyNode a = new KevyNode("a", cfg("a", "", 2), Variant.KEVY_54);
        String s0 = Fixtures.keyOnShard("s", 0, 2);
        String s1 = Fixtures.keyOnShard("s", 1, 2);
        String d1 = Fixtures.keyOnShard("d", 1, 2);
        String d0 = Fixtures.keyOnShard("d", 0, 2);
        call(a, 1, "SADD", s0, "a", "b");
        call(a, 2, "SADD", s1, "b", "c");
        assertEquals(":3", call(a, 3, "SUNIONSTORE", d1, s0, s1));
        assertEquals(":1", call(a, 4, "ZINTERSTORE", d0, "2", s0, s1, "WEIGHTS", "2", "0.5"));
        assertEquals("[\"b\", \"2.5\"]", call(a, 5, "ZRANGE", d0, "0", "-1", "WITHSCORES"));
        assertEquals(List.of(List.of("DEL", d1), List.of("SADD", d1, "a", "b", "c"), List.of("DEL", d0),
                List.of("ZADD", d0, "2.5", "b")), logOf(a).subList(2, 6));
        restart(a, 1000);
        assertEquals("[\"a\", \"b\", \"c\"]", call(a, 1001, "SMEMBERS", d1));
        assertEquals("\"2.5\"", call(a, 1002, "ZSCORE", d0, "b"));
        // An empty result deletes the destination, and only DEL dst is logged: a restart deletes it again.
        assertEquals(":0", call(a, 1003, "SINTERSTORE", d1, s0, "nothing"));
        assertEquals(List.of("DEL", d1), logOf(a).get(logOf(a).size() - 1));
        restart(a, 2000);
        assertEquals("[]", call(a, 2001, "SMEMBERS", d1));
    }

    @Test
    void anIngestFrameOfTheFamilyMeetsTheDispatcherAndIsRefused() {
        // scope_move_ingest.rs:84 runs each frame through dispatch_into, which has no *STORE handler
        // (dispatch.rs:142-160): the frame is refused with the unknown-command text and nothing is stored.
        for (Variant v : List.of(Variant.KEVY_54, Variant.KEVY_54.withIngestShard(Variant.IngestShard.KEY_SHARD))) {
            KevyNode b = new KevyNode("b", cfg("b", "app:=a", 2), v);
            String bulk = movescope.model.store.FrameCodec.encode(List.of(List.of("SADD", "app:s", "m"),
                    List.of("SUNIONSTORE", "app:d", "app:s")));
            assertEquals("-ERR MOVE-SCOPE-INGEST: key 'app:d' refused by this node: ERR unknown command 'SUNIONSTORE'",
                    call(b, 1, "MOVE-SCOPE-INGEST", "app:", bulk), v.toString());
            assertEquals("[]", call(b, 2, "SMEMBERS", "app:d"), v.toString());
        }
    }
}
