package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.call;
import static movescope.model.protocol.Fixtures.cfg;
import static movescope.model.protocol.Fixtures.completeMove;
import static movescope.model.protocol.Fixtures.replyOn;
import static movescope.model.protocol.Fixtures.startMove;
import static movescope.model.protocol.Fixtures.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import movescope.model.store.FrameCodec;
import org.junit.jupiter.api.Test;

/**
 * Proves the {@code ownershipOnIngest} remedy (specs/MoveScope {@code OwnershipOnIngest}): a successful
 * INGEST durably makes the target the owner of the prefix, so after a commit the source redirects to the
 * target and the target accepts (kevy 5.4: it redirects back — the loop of {@code RedirectsConverge});
 * ownership survives a restart and the log replay honours it; a refused INGEST grants nothing; and the
 * target's own MIGRATING/MIGRATED come first when it moves the prefix on. Every test compares the switch
 * on and off, so ignoring the switch fails it.
 * Reproduce: {@code mvn -B -o -pl model test -Dtest=OwnershipOnIngestTest}.
 */
class OwnershipOnIngestTest {

    private static final Variant ON = Variant.KEVY_54.withOwnershipOnIngest(true);
    /** ON with the shard remedies, for multi-shard nodes (so every key is shipped and read where it lands). */
    private static final Variant SHARDED = ON.withSliceShards(Variant.SliceShards.ALL_SHARDS)
            .withIngestShard(Variant.IngestShard.KEY_SHARD);
    private static final String TO_A = "-MISDIRECTED writer is 10.0.0.1:6004";
    private static final String TO_B = "-MISDIRECTED writer is 10.0.0.2:6004";
    private static final String TO_C = "-MISDIRECTED writer is 10.0.0.3:6004";

    @Test
    void afterACommitTheTargetAcceptsInsteadOfRedirectingBack() {
        for (boolean on : new boolean[] {false, true}) {
            Variant v = Variant.KEVY_54.withOwnershipOnIngest(on);
            KevyNode a = new KevyNode("a", cfg("a", "app:=a, other:=a"), v);
            KevyNode b = new KevyNode("b", cfg("b", "app:=a, other:=a"), v);
            call(a, 0, "SET", "app:1", "v");
            List<Effect> end = completeMove(a, b, 1, startMove(a, 1, "op", 1, "app:", "b"));
            assertEquals("+OK 1", replyOn(end, "op"));
            assertEquals(TO_B, call(a, 10, "SET", "app:1", "w"), "the source redirects to the target");
            if (on) {
                assertEquals("+OK", call(b, 11, "SET", "app:1", "w"), "the target owns what it ingested");
                assertTrue(b.acceptsWrite("app:2", 11));
                assertEquals(Set.of("app:"), b.durable().ownedByIngest());
            } else {
                assertEquals(TO_A, call(b, 11, "SET", "app:1", "w"), "kevy 5.4: the redirect loop");
                assertTrue(b.durable().ownedByIngest().isEmpty());
            }
            // Only the ingested prefix changes hands.
            assertEquals(TO_A, call(b, 12, "SET", "other:1", "w"));
        }
    }

    @Test
    void theIngestTraceSaysOwnedOnlyWithTheRemedy() {
        KevyNode on = new KevyNode("b", cfg("b", "app:=a"), ON);
        List<Effect> fx = on.step(Fixtures.cmd(0, "s", 1, "MOVE-SCOPE-INGEST", "app:",
                FrameCodec.encode(List.of(List.of("SET", "app:1", "x")))));
        assertEquals(true, traces(fx, "Ingest").get(0).fields().get("owned"));
        KevyNode off = new KevyNode("b", cfg("b", "app:=a"), Variant.KEVY_54);
        fx = off.step(Fixtures.cmd(0, "s", 1, "MOVE-SCOPE-INGEST", "app:",
                FrameCodec.encode(List.of(List.of("SET", "app:1", "x")))));
        assertFalse(traces(fx, "Ingest").get(0).fields().containsKey("owned"), "kevy 5.4's trace is unchanged");
    }

    @Test
    void ownershipSurvivesARestartAndTheReplayHonoursIt() {
        for (boolean on : new boolean[] {false, true}) {
            KevyNode b = new KevyNode("b", cfg("b", "app:=a"), Variant.KEVY_54.withOwnershipOnIngest(on));
            assertEquals("+OK 0", call(b, 0, "MOVE-SCOPE-INGEST", "app:", ""));
            String w = call(b, 1, "SET", "app:1", "client");
            b.step(new Input.Crash());
            b.step(new Input.Restart(100));
            if (on) {
                assertEquals("+OK", w);
                // The write is in the log; the replay routes it with the learned ownership and keeps it.
                assertEquals("\"client\"", call(b, 101, "GET", "app:1"));
                assertEquals("+OK", call(b, 102, "SET", "app:1", "again"), "still the owner after the boot");
            } else {
                assertEquals(TO_A, w);
                assertEquals("(nil)", call(b, 101, "GET", "app:1"));
                assertEquals(TO_A, call(b, 102, "SET", "app:1", "again"));
            }
        }
    }

    @Test
    void aRefusedIngestGrantsNothing() {
        KevyNode b = new KevyNode("b", cfg("b", "app:=a, other:=c"), ON);
        String bulk = FrameCodec.encode(List.of(List.of("SET", "app:1", "x"), List.of("SET", "other:1", "w")));
        assertTrue(call(b, 0, "MOVE-SCOPE-INGEST", "app:", bulk).startsWith("-ERR MOVE-SCOPE-INGEST: key 'other:1'"));
        assertTrue(b.durable().ownedByIngest().isEmpty());
        assertEquals(TO_A, call(b, 1, "SET", "app:1", "client"));
    }

    @Test
    void theTargetsOwnMigrationTableComesFirstWhenItMovesThePrefixOn() {
        // Four shards, and a key off the prefix's shard: a MOVE-SCOPE holds its own shard, so only there a
        // write can be answered (QUIESCED) while the move runs.
        KevyNode a = new KevyNode("a", cfg("a", "app:=a", 4), SHARDED);
        KevyNode b = new KevyNode("b", cfg("b", "app:=a", 4), SHARDED);
        KevyNode c = new KevyNode("c", cfg("c", "app:=a", 4), SHARDED);
        String k = Fixtures.keyNotOnShardOf("app:", "app:", 4);
        call(a, 0, "SET", k, "v");
        assertEquals("+OK 1", replyOn(completeMove(a, b, 1, startMove(a, 1, "op", 1, "app:", "b")), "op"));
        assertEquals("+OK", call(b, 10, "SET", k, "w"));
        // b, owner by ingest, moves the prefix on to c: its MIGRATING entry beats the learned ownership …
        Effect.Connect onward = startMove(b, 20, "op", 2, "app:", "c");
        assertEquals("-QUIESCED migrating to 10.0.0.3:6004", call(b, 21, "SET", k, "x"));
        List<Effect> end = completeMove(b, c, 22, onward);
        assertEquals("+OK 1", replyOn(end, "op"));
        // … and so does its MIGRATED entry: b redirects to c, c owns, a still redirects to b (two hops).
        assertEquals(TO_C, call(b, 30, "SET", k, "x"));
        assertEquals("\"w\"", call(c, 31, "GET", k), "c got the write b accepted as owner");
        assertEquals("+OK", call(c, 32, "SET", k, "x"));
        assertEquals(TO_B, call(a, 33, "SET", k, "x"));
        assertTrue(b.durable().ownedByIngest().contains("app:"), "the learned record stays; the table overrides it");
    }
}
