package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.call;
import static movescope.model.protocol.Fixtures.cfg;
import static movescope.model.protocol.Fixtures.cmd;
import static movescope.model.protocol.Fixtures.connect;
import static movescope.model.protocol.Fixtures.deliver;
import static movescope.model.protocol.Fixtures.one;
import static movescope.model.protocol.Fixtures.only;
import static movescope.model.protocol.Fixtures.replies;
import static movescope.model.protocol.Fixtures.replyOn;
import static movescope.model.protocol.Fixtures.startMove;
import static movescope.model.protocol.Fixtures.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import movescope.model.store.FrameCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves the {@code retryAmbiguousShip} remedy (specs/MoveScope {@code RetryAmbiguousShip}): every
 * ambiguous ship failure (connect refused or timed out, write or read timeout, closed connection, EINTR)
 * keeps the prefix MIGRATING and ships again after {@link KevyNode#SHIP_RETRY_DELAY_MS} with a freshly
 * serialized slice and a new connection id, while kevy 5.4 aborts; only an explicit refusal aborts; the
 * INGEST carries the move id (kevy's 3-argument form and arity text stay when the switch is off); the
 * target answers a repeat with its first outcome, durably, without applying anything again. The headline
 * case: a read timeout after a successful ingest re-ships, the target answers the remembered {@code +OK},
 * and the source commits — without the remedy the source aborts and both nodes accept writes.
 * Reproduce: {@code mvn -B -o -pl model test -Dtest=RetryShipTest}.
 */
class RetryShipTest {

    /**
     * The remedies the retry is meant to work with (ownership on ingest, a write timeout, the shard
     * remedies) and nothing else; OFF differs from ON in the retry switch only.
     */
    private static final Variant ON = Variant.KEVY_54.withRetryAmbiguousShip(true).withOwnershipOnIngest(true)
            .withShipWriteTimeoutMs(java.util.OptionalLong.of(30_000))
            .withSliceShards(Variant.SliceShards.ALL_SHARDS).withIngestShard(Variant.IngestShard.KEY_SHARD)
            .withTableLayout(movescope.model.migration.TableLayout.ATOMIC);
    private static final Variant OFF = ON.withRetryAmbiguousShip(false);
    private static final int SHARDS = 4;
    /**
     * A key off the shard of "app:": the MOVE-SCOPE holds the prefix's shard until it ends, so client
     * commands there would wait; this one is answered at once (QUIESCED while the move runs).
     */
    private static final String K = Fixtures.keyNotOnShardOf("app:", "app:", SHARDS);

    private static KevyNode node(String self, Variant v) {
        return new KevyNode(self, cfg(self, "app:=a", SHARDS), v);
    }

    private static Effect.SetTimer timer(List<Effect> fx, String kind) {
        List<Effect.SetTimer> ts = new ArrayList<>();
        for (Effect.SetTimer t : only(fx, Effect.SetTimer.class)) {
            if (t.timerId().endsWith("/" + kind)) {
                ts.add(t);
            }
        }
        assertEquals(1, ts.size(), () -> "expected one " + kind + " timer in " + fx);
        return ts.get(0);
    }

    @Test
    void aReadTimeoutAfterASuccessfulIngestReshipsAndCommitsInsteadOfLeavingTwoWriters() {
        for (boolean retry : new boolean[] {false, true}) {
            Variant v = retry ? ON : OFF;
            KevyNode a = node("a", v);
            KevyNode b = node("b", v);
            call(a, 0, "RPUSH", "app:l", "x");
            Effect.Connect c = startMove(a, 1, "op", 1, "app:", "b");
            Effect.SendIngest send = connect(a, 2, c.moveId());
            assertEquals(retry ? List.of("MOVE-SCOPE-INGEST", "app:", send.args().get(2), c.moveId())
                    : List.of("MOVE-SCOPE-INGEST", "app:", send.args().get(2)), send.args());
            assertEquals("+OK 1", deliver(b, 3, send), "the target applied the slice and owns the prefix");
            a.step(new Input.SendComplete(3, c.moveId()));
            // The +OK is lost (or late); the source's one read times out.
            List<Effect> timeout = a.step(new Input.TimerFired(60_003, c.moveId() + "/read"));
            if (!retry) {
                assertEquals("-ERR MOVE-SCOPE ship failed: read: Resource temporarily unavailable (os error 11)", replyOn(timeout, "op"));
                assertEquals("+OK", call(a, 60_010, "SET", K, "a"), "the source accepts again …");
                assertEquals("+OK", call(b, 60_010, "SET", K, "b"), "… and so does the target: two writers");
                continue;
            }
            assertTrue(replies(timeout).isEmpty(), "no answer to the operator yet");
            Effect.Trace retryTrace = traces(timeout, "ShipRetry").get(0);
            assertEquals(ShipFailure.READ_TIMED_OUT, retryTrace.fields().get("reason"));
            assertEquals(1, retryTrace.fields().get("attempt"));
            assertEquals(new Effect.SetTimer(c.moveId() + "#2/retry", KevyNode.SHIP_RETRY_DELAY_MS),
                    timer(timeout, "retry"));
            assertEquals("-QUIESCED migrating to 10.0.0.2:6004", call(a, 60_010, "SET", K, "a"));
            // A late reply on the abandoned connection is not taken for the next attempt's.
            assertEquals(List.of(), a.step(new Input.PeerReply(60_500, c.moveId(), "+OK 1")));

            List<Effect> again = a.step(new Input.TimerFired(61_003, c.moveId() + "#2/retry"));
            Effect.Connect c2 = one(again, Effect.Connect.class);
            assertEquals(new Effect.Connect(c.moveId() + "#2", "b", "10.0.0.2:6004", KevyNode.CONNECT_TIMEOUT_MS), c2);
            Effect.SendIngest send2 = connect(a, 61_004, c2.moveId());
            assertEquals(c.moveId(), send2.args().get(3), "the request names the move, not the connection");
            List<Effect> repeat = b.step(new Input.ClientCommand(61_005, "ship2", 0, send2.args()));
            assertEquals("+OK 1", one(repeat, Effect.Reply.class).wire(), "the first outcome, remembered");
            assertEquals(true, traces(repeat, "Ingest").get(0).fields().get("remembered"));
            assertEquals("[\"x\"]", call(b, 61_006, "LRANGE", "app:l", "0", "-1"), "applied once, not twice");
            a.step(new Input.SendComplete(61_005, c2.moveId()));
            List<Effect> end = a.step(new Input.PeerReply(61_006, c2.moveId(), "+OK 1"));
            assertEquals("+OK 1", replyOn(end, "op"));
            assertEquals(2, traces(end, "Commit").get(0).fields().get("attempts"));
            assertEquals("-MISDIRECTED writer is 10.0.0.2:6004", call(a, 61_010, "SET", K, "a"));
            assertEquals("+OK", call(b, 61_010, "SET", K, "b"), "one writer: the target");
        }
    }

    /** Each ambiguous failure, injected into a fresh move; returns the source's effects of the failure. */
    static Stream<Arguments> ambiguousFailures() {
        return Stream.of(
                Arguments.of(ShipFailure.connectRefused("10.0.0.2:6004"), (BiFunction<KevyNode, String, List<Effect>>) (a, id) ->
                        a.step(new Input.ConnectResult(5, id, false, null))),
                Arguments.of(ShipFailure.connectTimedOut("10.0.0.2:6004"), (BiFunction<KevyNode, String, List<Effect>>) (a, id) ->
                        a.step(new Input.TimerFired(10_000, id + "/connect"))),
                Arguments.of(ShipFailure.WRITE_TIMED_OUT, (BiFunction<KevyNode, String, List<Effect>>) (a, id) -> {
                    a.step(new Input.ConnectResult(5, id, true, null));
                    return a.step(new Input.TimerFired(30_005, id + "/write"));
                }),
                Arguments.of(ShipFailure.READ_TIMED_OUT, (BiFunction<KevyNode, String, List<Effect>>) (a, id) -> {
                    a.step(new Input.ConnectResult(5, id, true, null));
                    a.step(new Input.SendComplete(6, id));
                    return a.step(new Input.TimerFired(60_006, id + "/read"));
                }),
                Arguments.of(ShipFailure.CONNECTION_CLOSED, (BiFunction<KevyNode, String, List<Effect>>) (a, id) -> {
                    a.step(new Input.ConnectResult(5, id, true, null));
                    a.step(new Input.SendComplete(6, id));
                    return a.step(new Input.PeerError(7, id, ShipFailure.CONNECTION_CLOSED));
                }),
                Arguments.of(ShipFailure.INTERRUPTED, (BiFunction<KevyNode, String, List<Effect>>) (a, id) -> {
                    a.step(new Input.ConnectResult(5, id, true, null));
                    a.step(new Input.SendComplete(6, id));
                    return a.step(new Input.PeerError(7, id, ShipFailure.INTERRUPTED));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ambiguousFailures")
    void everyAmbiguousFailureKeepsTheMoveAndShipsAgainWhereKevyAborts(String reason,
            BiFunction<KevyNode, String, List<Effect>> fail) {
        KevyNode off = node("a", OFF);
        Effect.Connect c = startMove(off, 0, "op", 1, "app:", "b");
        assertEquals("-ERR MOVE-SCOPE ship failed: " + reason, replyOn(fail.apply(off, c.moveId()), "op"));
        assertTrue(off.migratingSnapshot().isEmpty());

        KevyNode on = node("a", ON);
        c = startMove(on, 0, "op", 1, "app:", "b");
        List<Effect> fx = fail.apply(on, c.moveId());
        assertTrue(replies(fx).isEmpty(), () -> "no answer yet: " + fx);
        assertTrue(traces(fx, "Abort").isEmpty());
        assertEquals(reason, traces(fx, "ShipRetry").get(0).fields().get("reason"));
        assertTrue(on.migratingSnapshot().containsKey("app:"), "the prefix stays MIGRATING");
        assertEquals("WAITING_TO_RETRY", on.movesInFlight().get("app:").phase());
        assertEquals(List.of(Sharding.shardOf("app:", SHARDS)), List.copyOf(on.busyShards().keySet()),
                "the MOVE-SCOPE still holds its shard");
        // Every timer of the failed attempt is cancelled; a stale one firing later changes nothing.
        for (Effect.SetTimer t : only(fx, Effect.SetTimer.class)) {
            assertEquals(c.moveId() + "#2/retry", t.timerId());
        }
        assertEquals(List.of(), on.step(new Input.TimerFired(90_000, c.moveId() + "/read")));
        assertEquals(List.of(), on.step(new Input.TimerFired(90_000, c.moveId() + "/connect")));
        List<Effect> next = on.step(new Input.TimerFired(91_000, c.moveId() + "#2/retry"));
        assertEquals(c.moveId() + "#2", one(next, Effect.Connect.class).moveId());
        assertEquals("CONNECTING", on.movesInFlight().get("app:").phase());
    }

    @Test
    void anExplicitRefusalAbortsAndARepeatGetsTheSameRefusalWithoutApplying() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a, other:=c", SHARDS), ON);
        KevyNode b = new KevyNode("b", cfg("b", "app:=a, other:=c", SHARDS), ON);
        String bulk = FrameCodec.encode(List.of(List.of("SET", "app:1", "x"), List.of("SET", "other:1", "w"),
                List.of("SET", "app:2", "y")));
        String refused = call(b, 0, "MOVE-SCOPE-INGEST", "app:", bulk, "a/m9");
        assertTrue(refused.startsWith("-ERR MOVE-SCOPE-INGEST: key 'other:1' refused by this node"), refused);
        assertEquals("\"x\"", call(b, 1, "GET", "app:1"), "frames before the refused one stay (kevy §5)");
        // The repeat carries other values: had it been applied, app:1 would change.
        String bulk2 = FrameCodec.encode(List.of(List.of("SET", "app:1", "changed")));
        List<Effect> repeat = b.step(cmd(2, "s", 2, "MOVE-SCOPE-INGEST", "app:", bulk2, "a/m9"));
        assertEquals(refused, one(repeat, Effect.Reply.class).wire());
        assertEquals(true, traces(repeat, "IngestRefused").get(0).fields().get("remembered"));
        assertEquals("\"x\"", call(b, 3, "GET", "app:1"), "the repeat applied nothing");
        // Another move id is a new request.
        assertTrue(call(b, 4, "MOVE-SCOPE-INGEST", "app:", FrameCodec.encode(List.of(List.of("SET", "app:1", "z"))),
                "a/m10").equals("+OK 1"));

        Effect.Connect c = startMove(a, 10, "op", 1, "app:", "b");
        connect(a, 11, c.moveId());
        List<Effect> end = a.step(new Input.PeerReply(12, c.moveId(), refused));
        assertEquals("-ERR MOVE-SCOPE ship failed: " + ShipFailure.nonOk(refused + "\r\n"), replyOn(end, "op"));
        assertTrue(a.migratingSnapshot().isEmpty(), "a refusal is an answer: abort even with the remedy");
    }

    @Test
    void theRememberedOutcomeSurvivesATargetRestart() {
        KevyNode b = node("b", ON);
        String bulk = FrameCodec.encode(List.of(List.of("RPUSH", "app:l", "x")));
        assertEquals("+OK 1", call(b, 0, "MOVE-SCOPE-INGEST", "app:", bulk, "a/m1"));
        b.step(new Input.Snapshot(1));
        b.step(new Input.Restart(2));
        assertEquals("+OK 1", call(b, 3, "MOVE-SCOPE-INGEST", "app:", bulk, "a/m1"));
        assertEquals("[\"x\"]", call(b, 4, "LRANGE", "app:l", "0", "-1"));
        assertEquals(java.util.Map.of("a/m1", "+OK 1"), b.durable().ingestOutcomes());
    }

    @Test
    void theIngestFormDependsOnTheSwitch() {
        String kevyArity = "-ERR wrong number of arguments — MOVE-SCOPE-INGEST <prefix> <bulk>";
        String keyedArity = "-ERR wrong number of arguments — MOVE-SCOPE-INGEST <prefix> <bulk> <move-id>";
        assertEquals(kevyArity, call(node("b", OFF), 0, "MOVE-SCOPE-INGEST", "app:", "", "a/m1"));
        assertEquals("+OK 0", call(node("b", OFF), 0, "MOVE-SCOPE-INGEST", "app:", ""));
        assertEquals(keyedArity, call(node("b", ON), 0, "MOVE-SCOPE-INGEST", "app:", ""));
        assertEquals("+OK 0", call(node("b", ON), 0, "MOVE-SCOPE-INGEST", "app:", "", "a/m1"));
        assertTrue(node("b", ON).durable().ingestOutcomes().isEmpty());
    }

    @Test
    void eachAttemptShipsAFreshlySerializedSlice() {
        KevyNode a = node("a", ON);
        call(a, 0, "SET", "app:1", "v");
        Effect.Connect c = startMove(a, 1, "op", 1, "app:", "b");
        a.step(new Input.ConnectResult(2, c.moveId(), false, null)); // target down: nothing was applied
        // MSET is not checked (kevy §3), so it still lands under the quiesced prefix during the pause.
        assertEquals("+OK", call(a, 3, "MSET", K, "w"));
        a.step(new Input.TimerFired(1_002, c.moveId() + "#2/retry"));
        Effect.SendIngest send = connect(a, 1_003, c.moveId() + "#2");
        assertEquals(2, FrameCodec.decode(send.args().get(2)).size(), "the second attempt carries the MSET key too");
        KevyNode b = node("b", ON);
        String reply = deliver(b, 1_004, send);
        List<Effect> end = a.step(new Input.PeerReply(1_005, send.moveId(), reply));
        assertEquals("+OK 2", replyOn(end, "op"));
        assertEquals("\"w\"", call(b, 1_006, "GET", K));
    }

    /**
     * Pins a liveness hazard of the remedy as modelled (documented in KevyNode): two moves that cross — a
     * ships app: to b while b ships other: to a, each on a node whose only shard is BUSY with its own
     * MOVE-SCOPE — each INGEST queues behind the other's busy shard. kevy 5.4 ends both by read timeouts
     * (Abort); with the retry both stay MIGRATING, and every attempt queues one more INGEST.
     */
    @Test
    void crossingMovesOnOneShardNodesEndInKevyButKeepRetryingWithTheRemedy() {
        for (boolean retry : new boolean[] {false, true}) {
            Variant v = retry ? ON : OFF;
            KevyNode a = new KevyNode("a", cfg("a", "app:=a, other:=b", 1), v);
            KevyNode b = new KevyNode("b", cfg("b", "app:=a, other:=b", 1), v);
            Effect.Connect ca = startMove(a, 0, "op", 1, "app:", "b");
            Effect.Connect cb = startMove(b, 0, "op", 2, "other:", "a");
            long now = 1;
            String idA = ca.moveId();
            String idB = cb.moveId();
            for (int round = 0; round < 3; round++) {
                Effect.SendIngest sa = connect(a, now, idA);
                Effect.SendIngest sb = connect(b, now, idB);
                assertTrue(replies(b.step(new Input.ClientCommand(now, "in:" + idA, 0, sa.args()))).isEmpty(),
                        "queued behind b's own MOVE-SCOPE");
                assertTrue(replies(a.step(new Input.ClientCommand(now, "in:" + idB, 0, sb.args()))).isEmpty());
                a.step(new Input.SendComplete(now, idA));
                b.step(new Input.SendComplete(now, idB));
                now += KevyNode.READ_TIMEOUT_MS;
                List<Effect> ta = a.step(new Input.TimerFired(now, idA + "/read"));
                List<Effect> tb = b.step(new Input.TimerFired(now, idB + "/read"));
                if (!retry) {
                    assertEquals("-ERR MOVE-SCOPE ship failed: read: Resource temporarily unavailable (os error 11)", replyOn(ta, "op"));
                    assertTrue(a.movesInFlight().isEmpty() && b.movesInFlight().isEmpty(), "both moves ended");
                    break;
                }
                assertTrue(replies(ta).isEmpty() && replies(tb).isEmpty());
                now += KevyNode.SHIP_RETRY_DELAY_MS;
                idA = one(a.step(new Input.TimerFired(now, timer(ta, "retry").timerId())), Effect.Connect.class).moveId();
                idB = one(b.step(new Input.TimerFired(now, timer(tb, "retry").timerId())), Effect.Connect.class).moveId();
            }
            if (retry) {
                assertEquals(3, a.queuedCommands(), "one queued INGEST per attempt of b");
                assertTrue(a.migratingSnapshot().containsKey("app:") && b.migratingSnapshot().containsKey("other:"));
            }
        }
    }
}
