package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.actions;
import static movescope.model.protocol.Fixtures.call;
import static movescope.model.protocol.Fixtures.cfg;
import static movescope.model.protocol.Fixtures.only;
import static movescope.model.protocol.Fixtures.replies;
import static movescope.model.protocol.Fixtures.startMove;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import movescope.model.migration.MigrationState;
import movescope.model.migration.TableLayout;
import org.junit.jupiter.api.Test;

/**
 * Proves the two commit layouts. Seed (kevy 5.4): commit is CommitRemove, then a zero-delay timer, then
 * CommitInsert and the {@code +OK}; in between the prefix is in neither map, so another shard of the
 * source falls back to the static config and ACCEPTS a write under the shipped prefix — the window the
 * simulator must be able to hit. Atomic: one Commit step, no window.
 * Reproduce: {@code mvn -B -o -pl model test -Dtest=CommitLayoutTest}.
 */
class CommitLayoutTest {

    private static final int SHARDS = 4;

    private static List<Effect> replyOk(KevyNode a, Effect.Connect c) {
        a.step(new Input.ConnectResult(1, c.moveId(), true, null));
        a.step(new Input.SendComplete(2, c.moveId()));
        return a.step(new Input.PeerReply(3, c.moveId(), "+OK 0"));
    }

    @Test
    void seedLayoutOpensAWindowInWhichAnotherShardAcceptsTheWrite() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a", SHARDS), Variant.KEVY_54);
        String onOther = Fixtures.keyNotOnShardOf("app:", "app:", SHARDS);
        Effect.Connect c = startMove(a, 0, "op", 1, "app:", "b");
        assertEquals("-QUIESCED migrating to 10.0.0.2:6004", call(a, 1, "SET", onOther, "x"));

        List<Effect> fx = replyOk(a, c);
        assertEquals(List.of("CommitRemove"), actions(fx));
        assertEquals(List.of(), replies(fx), "the command has not returned yet");
        assertEquals(List.of(new Effect.SetTimer(c.moveId() + "/commit", 0)), only(fx, Effect.SetTimer.class));
        assertTrue(a.migratingSnapshot().isEmpty());
        assertTrue(a.migratedSnapshot().isEmpty(), "in neither map: the window");
        assertEquals("COMMITTING", a.movesInFlight().get("app:").phase());
        assertTrue(a.acceptsWrite(onOther, 4), "the static config rules inside the window");
        assertEquals("+OK", call(a, 4, "SET", onOther, "lost"));

        List<Effect> insert = a.step(new Input.TimerFired(4, c.moveId() + "/commit"));
        assertEquals(List.of("CommitInsert"), actions(insert));
        assertEquals(List.of(new Effect.Reply("op", 1, "+OK 0")), replies(insert));
        assertEquals(new MigrationState("a", "b"), a.migratedSnapshot().get("app:"));
        assertEquals("-MISDIRECTED writer is 10.0.0.2:6004", call(a, 5, "SET", onOther, "y"));
        assertTrue(a.busyShards().isEmpty());
    }

    @Test
    void atomicLayoutCommitsInOneStep() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a", SHARDS), Variant.KEVY_54.withTableLayout(TableLayout.ATOMIC));
        String onOther = Fixtures.keyNotOnShardOf("app:", "app:", SHARDS);
        Effect.Connect c = startMove(a, 0, "op", 1, "app:", "b");
        List<Effect> fx = replyOk(a, c);
        assertEquals(List.of("Commit"), actions(fx));
        assertEquals(List.of(new Effect.Reply("op", 1, "+OK 0")), replies(fx));
        assertEquals(List.of(), only(fx, Effect.SetTimer.class));
        assertEquals("-MISDIRECTED writer is 10.0.0.2:6004", call(a, 4, "SET", onOther, "y"));
    }

    @Test
    void aCrashInsideTheWindowLosesTheCommit() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        Effect.Connect c = startMove(a, 0, "op", 1, "app:", "b");
        replyOk(a, c);
        a.step(new Input.Crash());
        a.step(new Input.Restart(10));
        assertEquals(List.of(), a.step(new Input.TimerFired(10, c.moveId() + "/commit")), "timer of a dead process");
        assertTrue(a.migratedSnapshot().isEmpty());
    }

    @Test
    void peerEventsInsideTheWindowAreIgnored() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        Effect.Connect c = startMove(a, 0, "op", 1, "app:", "b");
        replyOk(a, c);
        assertEquals(List.of(), a.step(new Input.PeerError(4, c.moveId(), ShipFailure.CONNECTION_CLOSED)));
        assertEquals(List.of(), a.step(new Input.PeerReply(4, c.moveId(), "-ERR late")));
        assertEquals("COMMITTING", a.movesInFlight().get("app:").phase());
    }
}
