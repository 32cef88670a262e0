package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.cfg;
import static movescope.model.protocol.Fixtures.only;
import static movescope.model.protocol.Fixtures.replies;
import static movescope.model.protocol.Fixtures.startMove;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Proves the ship's timers (kevy-move-scope.md §4 step 3): a 10 s connect timeout, no write timeout in
 * kevy 5.4 (a send that never completes leaves the move — and its shard — stuck), a 60 s read timeout that
 * starts only once the request is written, the {@code shipWriteTimeoutMs} remedy, and that cancelled or
 * stale timers change nothing. Reproduce: {@code mvn -B -o -pl model test -Dtest=TimersTest}.
 */
class TimersTest {

    private static KevyNode source(Variant v) {
        return new KevyNode("a", cfg("a", "app:=a"), v);
    }

    @Test
    void startSetsATenSecondConnectTimer() {
        KevyNode a = source(Variant.KEVY_54);
        List<Effect> fx = a.step(Fixtures.cmd(100, "op", 1, "MOVE-SCOPE", "app:", "FROM", "a", "TO", "b"));
        Effect.Connect c = Fixtures.one(fx, Effect.Connect.class);
        assertEquals(new Effect.Connect(c.moveId(), "b", Fixtures.ADDR_B, 10_000), c);
        assertEquals(List.of(new Effect.SetTimer(c.moveId() + "/connect", 10_000)), only(fx, Effect.SetTimer.class));
    }

    @Test
    void kevyHasNoWriteTimeoutAndReadsOnlyAfterTheSendCompletes() {
        KevyNode a = source(Variant.KEVY_54);
        Effect.Connect c = startMove(a, 0, "op", 1, "app:", "b");
        List<Effect> onConnect = a.step(new Input.ConnectResult(5, c.moveId(), true, null));
        assertEquals(List.of(new Effect.CancelTimer(c.moveId() + "/connect")), only(onConnect, Effect.CancelTimer.class));
        assertEquals(List.of(), only(onConnect, Effect.SetTimer.class), "no write timeout, no read timer yet");
        assertEquals(1, Fixtures.traces(onConnect, "Ship").size());
        // The target never reads: no SendComplete ever comes. Nothing can end the move; the shard stays busy.
        assertEquals(List.of(), a.step(new Input.TimerFired(3_600_000, c.moveId() + "/read")));
        assertEquals(1, a.movesInFlight().size());
        assertEquals("SENDING", a.movesInFlight().get("app:").phase());
        assertEquals(List.of(), a.step(Fixtures.cmd(3_600_000, "w", 1, "SET", "app:1", "x")), "stalled shard");

        List<Effect> onSent = a.step(new Input.SendComplete(3_600_001, c.moveId()));
        assertEquals(List.of(new Effect.SetTimer(c.moveId() + "/read", 60_000)), only(onSent, Effect.SetTimer.class));
        assertEquals("AWAITING_REPLY", a.movesInFlight().get("app:").phase());
    }

    @Test
    void theWriteTimeoutRemedyAbortsAStuckSend() {
        KevyNode a = source(Variant.KEVY_54.withShipWriteTimeoutMs(OptionalLong.of(30_000)));
        Effect.Connect c = startMove(a, 0, "op", 1, "app:", "b");
        List<Effect> onConnect = a.step(new Input.ConnectResult(5, c.moveId(), true, null));
        assertEquals(List.of(new Effect.SetTimer(c.moveId() + "/write", 30_000)), only(onConnect, Effect.SetTimer.class));
        List<Effect> fx = a.step(new Input.TimerFired(30_005, c.moveId() + "/write"));
        assertEquals(List.of(new Effect.Reply("op", 1, "-ERR MOVE-SCOPE ship failed: write timed out")), replies(fx));
        assertTrue(a.migratingSnapshot().isEmpty());
    }

    @Test
    void sendCompleteCancelsTheWriteTimerAndStartsTheReadTimer() {
        // FIXED without the retry remedy: a read timeout aborts (with it, the move ships again: RetryShipTest).
        KevyNode a = source(Variant.FIXED.withRetryAmbiguousShip(false));
        Effect.Connect c = startMove(a, 0, "op", 1, "app:", "b");
        a.step(new Input.ConnectResult(5, c.moveId(), true, null));
        List<Effect> fx = a.step(new Input.SendComplete(6, c.moveId()));
        assertEquals(List.of(new Effect.CancelTimer(c.moveId() + "/write"), new Effect.SetTimer(c.moveId() + "/read", 60_000)),
                fx.stream().filter(e -> !(e instanceof Effect.Trace)).toList());
        assertEquals(List.of(), a.step(new Input.TimerFired(60_005, c.moveId() + "/write")), "cancelled: stale");
        List<Effect> read = a.step(new Input.TimerFired(60_006, c.moveId() + "/read"));
        assertEquals(List.of(new Effect.Reply("op", 1, "-ERR MOVE-SCOPE ship failed: read: Resource temporarily unavailable (os error 11)")), replies(read));
    }

    @Test
    void aReplyCancelsTheReadTimerAndALateTimerIsIgnored() {
        KevyNode a = source(Variant.KEVY_54.withTableLayout(movescope.model.migration.TableLayout.ATOMIC));
        Effect.Connect c = startMove(a, 0, "op", 1, "app:", "b");
        a.step(new Input.ConnectResult(5, c.moveId(), true, null));
        a.step(new Input.SendComplete(6, c.moveId()));
        List<Effect> fx = a.step(new Input.PeerReply(7, c.moveId(), "+OK 0"));
        assertTrue(fx.contains(new Effect.CancelTimer(c.moveId() + "/read")));
        assertEquals(List.of(new Effect.Reply("op", 1, "+OK 0")), replies(fx));
        assertEquals(List.of(), a.step(new Input.TimerFired(60_006, c.moveId() + "/read")));
        assertEquals(List.of(), a.step(new Input.TimerFired(60_006, "no-such-timer")));
    }

    @Test
    void aConnectResultAfterTheConnectTimeoutIsStale() {
        KevyNode a = source(Variant.KEVY_54);
        Effect.Connect c = startMove(a, 0, "op", 1, "app:", "b");
        List<Effect> fx = a.step(new Input.TimerFired(10_000, c.moveId() + "/connect"));
        assertEquals(List.of(new Effect.Reply("op", 1, "-ERR MOVE-SCOPE ship failed: connect \"10.0.0.2:6004\": connection timed out")), replies(fx));
        assertEquals(List.of(), a.step(new Input.ConnectResult(10_001, c.moveId(), true, null)));
        assertEquals(List.of(), a.step(new Input.PeerReply(10_002, c.moveId(), "+OK 0")));
    }

    @Test
    void aReplyWhileStillSendingProvesTheSendCompleted() {
        KevyNode a = source(Variant.FIXED);
        Effect.Connect c = startMove(a, 0, "op", 1, "app:", "b");
        a.step(new Input.ConnectResult(5, c.moveId(), true, null));
        List<Effect> fx = a.step(new Input.PeerReply(7, c.moveId(), "+OK 0"));
        assertTrue(fx.contains(new Effect.CancelTimer(c.moveId() + "/write")));
        assertEquals(List.of(new Effect.Reply("op", 1, "+OK 0")), replies(fx));
    }
}
