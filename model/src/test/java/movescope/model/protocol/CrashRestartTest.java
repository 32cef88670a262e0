package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.actions;
import static movescope.model.protocol.Fixtures.call;
import static movescope.model.protocol.Fixtures.cfg;
import static movescope.model.protocol.Fixtures.cmd;
import static movescope.model.protocol.Fixtures.completeMove;
import static movescope.model.protocol.Fixtures.startMove;
import static movescope.model.protocol.Fixtures.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import movescope.model.migration.MigrationState;
import movescope.model.store.Value;
import org.junit.jupiter.api.Test;

/**
 * Proves that a crash and restart keep exactly what kevy-move-scope.md §6 says: MIGRATING and MIGRATED
 * are lost (kept with {@code migratedDurable}); the ingested slice is lost without a snapshot and kept
 * with one; the source's copy is kept; the log is replayed through the write path under the config in
 * force at the boot — so MISDIRECTED-logged writes come back when the new config makes the node the
 * owner, accepted writes vanish when it does not, and MSET is checked on its first key; a bad ownership
 * table keeps the node down with kevy's text; a pushed config takes effect only at the next restart.
 * Reproduce: {@code mvn -B -o -pl model test -Dtest=CrashRestartTest}.
 */
class CrashRestartTest {

    private static Value str(String s) {
        return new Value.Str(s);
    }

    @Test
    void migratingIsLostAndTheStaticConfigRulesAgain() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        Effect.Connect c = startMove(a, 0, "op", 1, "app:", "b");
        a.step(cmd(1, "w", 1, "SET", "app:1", "queued"));
        List<Effect> crash = a.step(new Input.Crash());
        assertEquals(List.of("Crash"), actions(crash));
        assertEquals(List.of(c.moveId()), traces(crash, "Crash").get(0).fields().get("movesLost"));
        assertEquals(1, traces(crash, "Crash").get(0).fields().get("queuedLost"));
        assertFalse(a.isUp());
        a.step(new Input.Restart(100));
        assertTrue(a.migratingSnapshot().isEmpty());
        assertTrue(a.movesInFlight().isEmpty());
        assertEquals("+OK", call(a, 101, "SET", "app:1", "v"));
        assertEquals(List.of(), a.step(new Input.PeerReply(102, c.moveId(), "+OK 0")), "old incarnation's reply");
    }

    @Test
    void migratedIsLostInKevyAndKeptWithMigratedDurable() {
        for (boolean durable : new boolean[] {false, true}) {
            KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54.withMigratedDurable(durable));
            KevyNode b = new KevyNode("b", cfg("b", "app:=a"), Variant.KEVY_54);
            completeMove(a, b, 0, startMove(a, 0, "op", 1, "app:", "b"));
            assertEquals("-MISDIRECTED writer is 10.0.0.2:6004", call(a, 10, "SET", "app:1", "v"));
            a.step(new Input.Crash());
            a.step(new Input.Restart(20));
            if (durable) {
                assertEquals(new MigrationState("a", "b"), a.migratedSnapshot().get("app:"));
                assertEquals("-MISDIRECTED writer is 10.0.0.2:6004", call(a, 21, "SET", "app:1", "v"));
            } else {
                assertTrue(a.migratedSnapshot().isEmpty());
                assertEquals("+OK", call(a, 21, "SET", "app:1", "v"), "a accepts the moved prefix again");
            }
        }
    }

    @Test
    void theIngestedSliceIsLostWithoutASnapshotAndKeptWithOne() {
        for (boolean snapshot : new boolean[] {false, true}) {
            KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
            KevyNode b = new KevyNode("b", cfg("b", "app:=a"), Variant.KEVY_54);
            call(a, 0, "SET", "app:1", "v");
            completeMove(a, b, 1, startMove(a, 1, "op", 1, "app:", "b"));
            assertEquals(Optional.of(str("v")), b.read("app:1", 10));
            if (snapshot) {
                assertEquals(List.of("Snapshot"), actions(b.step(new Input.Snapshot(11))));
            }
            b.step(new Input.Crash());
            b.step(new Input.Restart(20));
            assertEquals(snapshot ? Optional.of(str("v")) : Optional.empty(), b.read("app:1", 21));
            // the source's copy is kept either way (its log replays it: a still owns app: statically)
            a.step(new Input.Crash());
            a.step(new Input.Restart(20));
            assertEquals(Optional.of(str("v")), a.read("app:1", 21));
        }
    }

    @Test
    void misdirectedLoggedWritesComeBackWhenTheNewConfigMakesTheNodeTheOwner() {
        KevyNode b = new KevyNode("b", cfg("b", "app:=a"), Variant.KEVY_54);
        assertEquals("-MISDIRECTED writer is 10.0.0.1:6004", call(b, 0, "SET", "app:1", "refused"));
        assertEquals(1, b.durable().log().size(), "kevy logs the MISDIRECTED write");
        assertEquals("MISDIRECTED", b.durable().log().get(0).liveVerdict());
        assertEquals(Optional.empty(), b.read("app:1", 1));
        // The operator moves app: to b by config push and restart: the refused write is applied.
        b.step(new Input.PushConfig(cfg("b", "app:=b")));
        assertEquals(Optional.empty(), b.read("app:1", 2), "a pushed config waits for the restart");
        assertEquals("app:=a", b.config().scopesString());
        List<Effect> fx = b.step(new Input.Restart(10));
        assertEquals(List.of("Crash", "Restart"), actions(fx), "restarting a running node stops it first");
        assertEquals("app:=b", b.config().scopesString());
        assertEquals(Optional.of(str("refused")), b.read("app:1", 11));
        assertEquals(1, traces(fx, "Restart").get(0).fields().get("applied"));
    }

    @Test
    void withoutLogMisdirectedTheRefusedWriteNeverComesBack() {
        KevyNode b = new KevyNode("b", cfg("b", "app:=a"), Variant.KEVY_54.withLogMisdirected(false));
        call(b, 0, "SET", "app:1", "refused");
        assertTrue(b.durable().log().isEmpty());
        b.step(new Input.PushConfig(cfg("b", "app:=b")));
        b.step(new Input.Restart(10));
        assertEquals(Optional.empty(), b.read("app:1", 11));
    }

    @Test
    void acceptedWritesAreDroppedWhenTheNewConfigMakesAnotherNodeTheOwner() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        call(a, 0, "SET", "app:1", "v");
        call(a, 0, "SET", "free", "w");
        a.step(new Input.PushConfig(cfg("a", "app:=b")));
        List<Effect> fx = a.step(new Input.Restart(10));
        assertEquals(Optional.empty(), a.read("app:1", 11));
        assertEquals(Optional.of(str("w")), a.read("free", 11));
        Effect.Trace t = traces(fx, "Restart").get(0);
        assertEquals(2, t.fields().get("replayed"));
        assertEquals(1, t.fields().get("dropped"));
    }

    @Test
    void msetIsUncheckedLiveButCheckedOnItsFirstKeyDuringReplay() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=b"), Variant.KEVY_54);
        assertEquals("+OK", call(a, 0, "MSET", "app:1", "x", "free:1", "y"), "live: MSET passes no check");
        assertEquals("+OK", call(a, 0, "MSET", "free:2", "z", "app:2", "w"));
        assertEquals(Optional.of(str("x")), a.read("app:1", 1));
        a.step(new Input.Restart(10));
        // first key app:1 is b's → the whole MSET is dropped, free:1 included
        assertEquals(Optional.empty(), a.read("app:1", 11));
        assertEquals(Optional.empty(), a.read("free:1", 11));
        // first key free:2 is unscoped → the whole MSET is applied, app:2 included
        assertEquals(Optional.of(str("z")), a.read("free:2", 11));
        assertEquals(Optional.of(str("w")), a.read("app:2", 11));
    }

    @Test
    void otherUncheckedWritesAreReplayedUnconditionally() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=b"), Variant.KEVY_54);
        call(a, 0, "MSET", "free", "1", "app:1", "2");
        assertEquals(":1", call(a, 0, "DEL", "app:1", "app:none"), "multi-key DEL is unchecked");
        a.step(new Input.Restart(10));
        assertEquals(Optional.of(str("1")), a.read("free", 11));
    }

    @Test
    void replayRunsEachEntryAtItsOwnTimeSoTtlsKeepTheirDeadline() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        call(a, 1_000, "SET", "app:t", "v", "PX", "5000");
        a.step(new Input.Restart(2_000));
        assertEquals(":4000", call(a, 2_000, "PTTL", "app:t"));
    }

    @Test
    void aSnapshotCoversTheLogUpToItsPosition() {
        KevyNode a = new KevyNode("a", cfg("a", ""), Variant.KEVY_54);
        call(a, 0, "RPUSH", "l", "1");
        a.step(new Input.Snapshot(1));
        call(a, 2, "RPUSH", "l", "2");
        assertEquals(1, a.durable().snapshot().orElseThrow().logPosition());
        List<Effect> fx = a.step(new Input.Restart(10));
        assertEquals(1, traces(fx, "Restart").get(0).fields().get("replayed"), "only the entry after the image");
        assertEquals("[\"1\", \"2\"]", call(a, 11, "LRANGE", "l", "0", "-1"), "no entry applied twice");
    }

    @Test
    void aSnapshotSurvivesAChangeOfShardCount() {
        KevyNode a = new KevyNode("a", cfg("a", "", 1), Variant.KEVY_54);
        for (int i = 0; i < 20; i++) {
            call(a, 0, "SET", "k" + i, "v" + i);
        }
        a.step(new Input.Snapshot(1));
        a.step(new Input.PushConfig(cfg("a", "", 4)));
        a.step(new Input.Restart(10));
        assertEquals(4, a.shards());
        for (int i = 0; i < 20; i++) {
            assertEquals(Optional.of(str("v" + i)), a.read("k" + i, 11), "k" + i + " on its new shard");
        }
    }

    @Test
    void aBadOwnershipTableKeepsTheNodeDown() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        a.step(new Input.PushConfig(cfg("a", "app:=a, app:=b")));
        List<Effect> fx = a.step(new Input.Restart(10));
        assertFalse(a.isUp());
        String dup = "kevy: bad [cluster] scopes config: duplicate scope prefix \"app:\"";
        assertEquals(Optional.of(dup), a.bootError());
        Effect.Trace t = traces(fx, "Restart").get(0);
        assertEquals(false, t.fields().get("ok"));
        assertEquals(dup, t.fields().get("error"));
        assertEquals(List.of(), a.step(cmd(11, "c", 1, "GET", "x")), "down: ignored");
        assertThrows(IllegalStateException.class, () -> a.read("x", 11));

        a.step(new Input.PushConfig(cfg("a", "app:=a, app:billing:=b")));
        a.step(new Input.Restart(20));
        assertEquals(Optional.of("kevy: bad [cluster] scopes config: overlapping scope prefixes: "
                + "\"app:billing:\" is contained by \"app:\""), a.bootError());

        a.step(new Input.PushConfig(cfg("a", "app:=a")));
        a.step(new Input.Restart(30));
        assertTrue(a.isUp());
        assertEquals(Optional.empty(), a.bootError());
    }

    @Test
    void aNodeBuiltWithABadTableStartsDown() {
        KevyNode a = new KevyNode("a", cfg("a", "x=a, x=b"), Variant.KEVY_54);
        assertFalse(a.isUp());
        assertEquals(Optional.of("kevy: bad [cluster] scopes config: duplicate scope prefix \"x\""), a.bootError());
    }

    @Test
    void aDownNodeIgnoresEverythingButRestartAndPushConfig() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        a.step(new Input.Crash());
        assertEquals(List.of(), a.step(new Input.Crash()));
        assertEquals(List.of(), a.step(new Input.HeartbeatFrom(1, "b")));
        assertEquals(List.of(), a.step(new Input.Snapshot(1)));
        assertEquals(List.of(), a.step(new Input.TimerFired(1, "a/m1/connect")));
        assertEquals(List.of("PushConfig"), actions(a.step(new Input.PushConfig(cfg("a", "app:=b")))));
        assertTrue(a.durable().snapshot().isEmpty());
        assertEquals(List.of("Restart"), actions(a.step(new Input.Restart(5))));
        assertEquals("app:=b", a.config().scopesString());
    }

    @Test
    void recoverableStoresPreviewsARestartWithoutChangingTheNode() {
        KevyNode b = new KevyNode("b", cfg("b", "app:=a"), Variant.KEVY_54);
        call(b, 0, "MOVE-SCOPE-INGEST", "app:", movescope.model.store.FrameCodec.encode(
                List.of(List.of("SET", "app:1", "x"))));
        assertEquals(Optional.of(str("x")), b.read("app:1", 1));
        List<movescope.model.store.Store> after = b.recoverableStores(2).orElseThrow();
        assertEquals(Optional.empty(), after.get(0).get("app:1", 2), "a restart would lose the ingested slice");
        assertEquals(Optional.of(str("x")), b.read("app:1", 2), "and the live node still has it");
    }
}
