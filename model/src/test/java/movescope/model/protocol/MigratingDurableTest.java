package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.call;
import static movescope.model.protocol.Fixtures.cfg;
import static movescope.model.protocol.Fixtures.connect;
import static movescope.model.protocol.Fixtures.deliver;
import static movescope.model.protocol.Fixtures.one;
import static movescope.model.protocol.Fixtures.only;
import static movescope.model.protocol.Fixtures.replies;
import static movescope.model.protocol.Fixtures.startMove;
import static movescope.model.protocol.Fixtures.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import movescope.model.migration.MigrationState;
import org.junit.jupiter.api.Test;

/**
 * Proves the {@code migratingDurable} remedy (specs/MoveScope {@code MigratingDurable}): the source's
 * MIGRATING entry survives a crash, writes stay QUIESCED after the boot, and the move resumes — a new
 * attempt with a freshly serialized slice of the rebuilt store, carrying the same move id, so a target
 * that already applied it answers its remembered {@code +OK} and the source commits (traced, answered to
 * nobody). Without the remedy the source boots as the static writer while the target owns the prefix:
 * two writers (the spec's {@code fixedMinus_MigratingDurable} counterexample). The durable entry goes away
 * with the move's end, so a later boot resumes nothing.
 * Reproduce: {@code mvn -B -o -pl model test -Dtest=MigratingDurableTest}.
 */
class MigratingDurableTest {

    private static final int SHARDS = 4;
    private static final String K = Fixtures.keyNotOnShardOf("app:", "app:", SHARDS);

    private static KevyNode node(String self, Variant v) {
        return new KevyNode(self, cfg(self, "app:=a", SHARDS), v);
    }

    @Test
    void aSourceRestartedAfterTheIngestResumesTheMoveAndCommits() {
        for (boolean durable : new boolean[] {false, true}) {
            Variant v = Variant.FIXED.withMigratingDurable(durable);
            KevyNode a = node("a", v);
            KevyNode b = node("b", v);
            call(a, 0, "SET", K, "v");
            Effect.Connect c = startMove(a, 1, "op", 1, "app:", "b");
            assertEquals(durable ? Map.of("app:", new MigratingEntry(c.moveId(), "a", "b", 1)) : Map.of(),
                    a.durable().migrating());
            Effect.SendIngest send = connect(a, 2, c.moveId());
            assertEquals("+OK 1", deliver(b, 3, send), "b applied the slice and owns the prefix");
            // a dies before the +OK reaches it.
            List<Effect> crash = a.step(new Input.Crash());
            List<Effect> boot = a.step(new Input.Restart(100));
            if (!durable) {
                assertTrue(a.migratingSnapshot().isEmpty());
                assertEquals("+OK", call(a, 101, "SET", K, "a"), "a boots as the static writer …");
                assertEquals("+OK", call(b, 101, "SET", K, "b"), "… while b owns by ingest: two writers");
                continue;
            }
            assertEquals(List.of(c.moveId()), traces(crash, "Crash").get(0).fields().get("movesSuspended"));
            assertEquals(1, traces(boot, "Restart").get(0).fields().get("migratingRestored"));
            assertEquals(new MigrationState("a", "b"), a.migratingSnapshot().get("app:"));
            assertEquals("-QUIESCED migrating to 10.0.0.2:6004", call(a, 101, "SET", K, "a"));
            // The resumed move ships from the start: a new connection id, the connect timer, no Start.
            Effect.Connect resumed = one(boot, Effect.Connect.class);
            assertEquals(new Effect.Connect(c.moveId() + "#2", "b", "10.0.0.2:6004", KevyNode.CONNECT_TIMEOUT_MS),
                    resumed);
            assertEquals(List.of(new Effect.SetTimer(c.moveId() + "#2/connect", KevyNode.CONNECT_TIMEOUT_MS)),
                    only(boot, Effect.SetTimer.class));
            assertTrue(traces(boot, "Start").isEmpty());
            assertEquals("CONNECTING", a.movesInFlight().get("app:").phase());
            assertEquals(new MigratingEntry(c.moveId(), "a", "b", 2), a.durable().migrating().get("app:"));
            // Events of the dead incarnation's connection are ignored.
            assertEquals(List.of(), a.step(new Input.PeerReply(102, c.moveId(), "+OK 1")));

            Effect.SendIngest again = connect(a, 103, resumed.moveId());
            assertEquals(send.args(), again.args(),
                    "the same move id (and epoch), and, with nothing written meanwhile, the same slice");
            assertEquals(List.of("MOVE-SCOPE-INGEST", "app:", send.args().get(2), c.moveId()),
                    again.args().subList(0, 4));
            assertEquals("+OK 1", deliver(b, 104, again), "b's remembered first outcome");
            a.step(new Input.SendComplete(104, resumed.moveId()));
            List<Effect> end = a.step(new Input.PeerReply(105, resumed.moveId(), "+OK 1"));
            assertTrue(replies(end).isEmpty(), "the operator's connection died with the first process");
            Effect.Trace commit = traces(end, "Commit").get(0);
            assertEquals(true, commit.fields().get("resumed"));
            assertEquals(c.moveId(), commit.fields().get("moveId"));
            assertTrue(a.durable().migrating().isEmpty(), "the durable entry ends with the move");
            assertEquals("-MISDIRECTED writer is 10.0.0.2:6004", call(a, 106, "SET", K, "a"));
            assertEquals("+OK", call(b, 106, "SET", K, "b"), "one writer");
            // A later boot has nothing to resume, and MIGRATED (migratedDurable) still redirects.
            List<Effect> boot2 = a.step(new Input.Restart(200));
            assertTrue(only(boot2, Effect.Connect.class).isEmpty());
            assertEquals("-MISDIRECTED writer is 10.0.0.2:6004", call(a, 201, "SET", K, "a"));
        }
    }

    @Test
    void aResumedMoveThatIsRefusedAbortsAndForgetsItsEntry() {
        KevyNode a = node("a", Variant.FIXED);
        startMove(a, 0, "op", 1, "app:", "b");
        a.step(new Input.Crash());
        List<Effect> boot = a.step(new Input.Restart(10));
        Effect.Connect resumed = one(boot, Effect.Connect.class);
        connect(a, 11, resumed.moveId());
        List<Effect> end = a.step(new Input.PeerReply(12, resumed.moveId(), "-ERR MOVE-SCOPE-INGEST: malformed bulk"));
        assertEquals(true, traces(end, "Abort").get(0).fields().get("resumed"));
        assertTrue(replies(end).isEmpty());
        assertTrue(a.migratingSnapshot().isEmpty());
        assertTrue(a.durable().migrating().isEmpty());
        assertEquals("+OK", call(a, 13, "SET", K, "a"), "the abort gave the prefix back to its static writer");
    }

    @Test
    void aSourceRestartedWhileTheTargetIsDownKeepsRetrying() {
        KevyNode a = node("a", Variant.FIXED);
        Effect.Connect c = startMove(a, 0, "op", 1, "app:", "b");
        a.step(new Input.ConnectResult(1, c.moveId(), false, ShipFailure.CONNECTION_REFUSED));
        assertEquals(new MigratingEntry(c.moveId(), "a", "b", 2), a.durable().migrating().get("app:"),
                "the planned retry's number is durable before its timer fires");
        Effect.Connect first = one(a.step(new Input.Restart(500)), Effect.Connect.class); // crashes it first
        assertEquals(c.moveId() + "#3", first.moveId(), "the boot skips the id announced before the crash");
        Effect.Connect resumed = one(a.step(new Input.Restart(600)), Effect.Connect.class);
        assertEquals(c.moveId() + "#4", resumed.moveId(), "every boot begins a new attempt");
        assertEquals(List.of(), a.step(new Input.ConnectResult(600, first.moveId(), true, null)), "stale");
        List<Effect> refused = a.step(new Input.ConnectResult(601, resumed.moveId(), false, null));
        assertEquals(ShipFailure.connectRefused("10.0.0.2:6004"), traces(refused, "ShipRetry").get(0).fields().get("reason"));
        assertEquals("-QUIESCED migrating to 10.0.0.2:6004", call(a, 602, "SET", K, "a"));
    }
}
