package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.call;
import static movescope.model.protocol.Fixtures.cfg;
import static movescope.model.protocol.Fixtures.cmd;
import static movescope.model.protocol.Fixtures.completeMove;
import static movescope.model.protocol.Fixtures.one;
import static movescope.model.protocol.Fixtures.replies;
import static movescope.model.protocol.Fixtures.replyOn;
import static movescope.model.protocol.Fixtures.startMove;
import static movescope.model.protocol.Fixtures.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import movescope.model.migration.MigrationError;
import movescope.model.migration.MigrationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves every reply of MOVE-SCOPE on the source (kevy-move-scope.md §4): the six checks in their order
 * with kevy's exact texts (literals copied from the doc, not from {@link KevyTexts}, so a typo there
 * fails here), what is deliberately NOT checked, {@code +OK <frames>} on success, and
 * {@code -ERR MOVE-SCOPE ship failed: <reason>} for every way a ship can fail.
 * Reproduce: {@code mvn -B -o -pl model test -Dtest=MoveScopeRepliesTest}; each parameterized case is
 * named after its row.
 */
class MoveScopeRepliesTest {

    static final String ARITY = "-ERR wrong number of arguments — MOVE-SCOPE <prefix> FROM <from-id> TO <to-id>";
    static final String SYNTAX = "-ERR MOVE-SCOPE syntax: MOVE-SCOPE <prefix> FROM <from-id> TO <to-id>";
    static final String NO_NODE_ID = "-ERR MOVE-SCOPE: [cluster] node_id is not configured on this node";
    static final String NO_SCOPES =
            "-ERR MOVE-SCOPE: no [cluster] scopes declared on this node — writes would not quiesce during the move";

    static Stream<Arguments> refusals() {
        NodeConfig scoped = cfg("a", "app:=a");
        NodeConfig noId = cfg(null, "app:=a");
        NodeConfig noScopes = cfg("a", "");
        return Stream.of(
                Arguments.of("no arguments", scoped, List.of("MOVE-SCOPE"), ARITY),
                Arguments.of("five arguments", scoped, List.of("MOVE-SCOPE", "app:", "FROM", "a", "TO"), ARITY),
                Arguments.of("seven arguments", scoped, List.of("MOVE-SCOPE", "app:", "FROM", "a", "TO", "b", "x"), ARITY),
                Arguments.of("arity before node_id", noId, List.of("MOVE-SCOPE", "app:"), ARITY),
                Arguments.of("FROM misspelt", scoped, List.of("MOVE-SCOPE", "app:", "FORM", "a", "TO", "b"), SYNTAX),
                Arguments.of("TO misspelt", scoped, List.of("MOVE-SCOPE", "app:", "FROM", "a", "INTO", "b"), SYNTAX),
                Arguments.of("keywords swapped", scoped, List.of("MOVE-SCOPE", "app:", "TO", "a", "FROM", "b"), SYNTAX),
                Arguments.of("syntax before node_id", noId, List.of("MOVE-SCOPE", "app:", "X", "a", "TO", "b"), SYNTAX),
                Arguments.of("no node_id", noId, List.of("MOVE-SCOPE", "app:", "FROM", "a", "TO", "b"), NO_NODE_ID),
                Arguments.of("from is not self", scoped, List.of("MOVE-SCOPE", "app:", "FROM", "b", "TO", "c"),
                        "-ERR MOVE-SCOPE: from-id \"b\" is not this node (\"a\")"),
                Arguments.of("from compared case-sensitively", scoped, List.of("MOVE-SCOPE", "app:", "FROM", "A", "TO", "b"),
                        "-ERR MOVE-SCOPE: from-id \"A\" is not this node (\"a\")"),
                Arguments.of("from before target", scoped, List.of("MOVE-SCOPE", "app:", "FROM", "b", "TO", "zz"),
                        "-ERR MOVE-SCOPE: from-id \"b\" is not this node (\"a\")"),
                Arguments.of("target not in peers", scoped, List.of("MOVE-SCOPE", "app:", "FROM", "a", "TO", "zz"),
                        "-ERR MOVE-SCOPE: target node \"zz\" not in [cluster] peers"),
                Arguments.of("target before scopes", noScopes, List.of("MOVE-SCOPE", "app:", "FROM", "a", "TO", "zz"),
                        "-ERR MOVE-SCOPE: target node \"zz\" not in [cluster] peers"),
                Arguments.of("no scopes declared", noScopes, List.of("MOVE-SCOPE", "app:", "FROM", "a", "TO", "b"),
                        NO_SCOPES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedBeforeStartWithKevysText(String row, NodeConfig config, List<String> args, String expected) {
        KevyNode a = new KevyNode("a", config, Variant.KEVY_54);
        List<Effect> fx = a.step(new Input.ClientCommand(0, "op", 7, args));
        assertEquals(List.of(new Effect.Reply("op", 7, expected)), fx, "only the reply; no Start, no trace");
        if (a.isUp() && config.nodeId().isPresent()) {
            assertTrue(a.migratingSnapshot().isEmpty());
        }
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("lower-case keywords", List.of("MOVE-SCOPE", "app:", "from", "a", "to", "b")),
                Arguments.of("mixed-case keywords and command", List.of("move-scope", "app:", "From", "a", "tO", "b")),
                Arguments.of("prefix not a declared scope", List.of("MOVE-SCOPE", "other:", "FROM", "a", "TO", "b")),
                Arguments.of("prefix nested in a scope", List.of("MOVE-SCOPE", "app:x:", "FROM", "a", "TO", "b")),
                Arguments.of("from = to", List.of("MOVE-SCOPE", "app:", "FROM", "a", "TO", "a")),
                Arguments.of("empty prefix", List.of("MOVE-SCOPE", "", "FROM", "a", "TO", "b")),
                Arguments.of("prefix owned by another node", List.of("MOVE-SCOPE", "b:", "FROM", "a", "TO", "c")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void notCheckedByKevySoItStarts(String row, List<String> args) {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a, b:=b"), Variant.KEVY_54);
        List<Effect> fx = a.step(new Input.ClientCommand(0, "op", 1, args));
        assertTrue(replies(fx).isEmpty(), "no reply until the ship ends: " + fx);
        Effect.Connect c = one(fx, Effect.Connect.class);
        assertEquals(args.get(5), c.targetId());
        assertEquals(10_000, c.timeoutMs());
        assertEquals(1, traces(fx, "Start").size());
        assertEquals(new MigrationState("a", args.get(5)), a.migratingSnapshot().get(args.get(1)));
    }

    @Test
    void successAnswersOkWithTheFrameCount() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        KevyNode b = new KevyNode("b", cfg("b", "app:=a"), Variant.KEVY_54);
        assertEquals("+OK", call(a, 0, "SET", "app:1", "x"));
        assertEquals(":2", call(a, 0, "RPUSH", "app:2", "p", "q"));
        assertEquals("+OK", call(a, 0, "SET", "app:3", "y", "PX", "5000"));
        assertEquals("+OK", call(a, 0, "SET", "other", "z"));
        Effect.Connect c = startMove(a, 10, "op", 1, "app:", "b");
        assertEquals(Fixtures.ADDR_B, c.addr());
        List<Effect> fx = completeMove(a, b, 20, c);
        // three keys + one PEXPIREAT for the key with a TTL
        assertEquals("+OK 4", replyOn(fx, "op"));
        assertEquals(new MigrationState("a", "b"), a.migratedSnapshot().get("app:"));
        assertTrue(a.migratingSnapshot().isEmpty());
    }

    @Test
    void aMoveOfAnEmptySliceShipsZeroFrames() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        KevyNode b = new KevyNode("b", cfg("b", "app:=a"), Variant.KEVY_54);
        List<Effect> fx = completeMove(a, b, 0, startMove(a, 0, "op", 1, "app:", "b"));
        assertEquals("+OK 0", replyOn(fx, "op"));
    }

    @Test
    void secondMoveAfterCommitGetsAlreadyMigrated() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        KevyNode b = new KevyNode("b", cfg("b", "app:=a"), Variant.KEVY_54);
        completeMove(a, b, 0, startMove(a, 0, "op", 1, "app:", "b"));
        List<Effect> fx = a.step(cmd(100, "op", 2, "MOVE-SCOPE", "app:", "FROM", "a", "TO", "c"));
        assertEquals("-ERR MOVE-SCOPE: prefix has already been migrated", replyOn(fx, "op"));
        assertEquals(1, traces(fx, "StartRefused").size());
    }

    @Test
    void theAlreadyMigratingTextIsKevys() {
        // A second MOVE-SCOPE of the same prefix queues on the same shard behind the first (see
        // ShardBusyTest), so through the node AlreadyMigrating is unreachable; its text still must match.
        assertEquals("-ERR MOVE-SCOPE: migration for this prefix is already in flight",
                KevyTexts.moveStartRefused(MigrationError.ALREADY_MIGRATING.text()));
        assertEquals("-ERR MOVE-SCOPE: prefix has already been migrated",
                KevyTexts.moveStartRefused(MigrationError.ALREADY_MIGRATED.text()));
    }

    /** How a ship fails, as a function of the source node and its Connect; returns the source's effects. */
    interface Failure {
        List<Effect> inflict(KevyNode a, Effect.Connect c);
    }

    static Stream<Arguments> shipFailures() {
        Failure refused = (a, c) -> a.step(new Input.ConnectResult(5, c.moveId(), false, ShipFailure.CONNECTION_REFUSED));
        Failure refusedNoText = (a, c) -> a.step(new Input.ConnectResult(5, c.moveId(), false, null));
        Failure connectTimeout = (a, c) -> a.step(new Input.TimerFired(10_000, c.moveId() + "/connect"));
        Failure readTimeout = (a, c) -> {
            a.step(new Input.ConnectResult(5, c.moveId(), true, null));
            a.step(new Input.SendComplete(6, c.moveId()));
            return a.step(new Input.TimerFired(60_006, c.moveId() + "/read"));
        };
        Failure closed = (a, c) -> {
            a.step(new Input.ConnectResult(5, c.moveId(), true, null));
            a.step(new Input.SendComplete(6, c.moveId()));
            return a.step(new Input.PeerError(7, c.moveId(), ShipFailure.CONNECTION_CLOSED));
        };
        Failure eintr = (a, c) -> {
            a.step(new Input.ConnectResult(5, c.moveId(), true, null));
            a.step(new Input.SendComplete(6, c.moveId()));
            return a.step(new Input.PeerError(7, c.moveId(), ShipFailure.INTERRUPTED));
        };
        Failure closedWhileSending = (a, c) -> {
            a.step(new Input.ConnectResult(5, c.moveId(), true, null));
            return a.step(new Input.PeerError(7, c.moveId(), ShipFailure.CONNECTION_CLOSED));
        };
        Failure errorReply = (a, c) -> {
            a.step(new Input.ConnectResult(5, c.moveId(), true, null));
            a.step(new Input.SendComplete(6, c.moveId()));
            return a.step(new Input.PeerReply(7, c.moveId(),
                    "-ERR MOVE-SCOPE-INGEST: key 'app:1' refused by this node: MISDIRECTED writer is 10.0.0.1:6004"));
        };
        Failure oddReply = (a, c) -> {
            a.step(new Input.ConnectResult(5, c.moveId(), true, null));
            a.step(new Input.SendComplete(6, c.moveId()));
            return a.step(new Input.PeerReply(7, c.moveId(), ":1"));
        };
        Failure unreachable = (a, c) -> a.step(new Input.ConnectResult(5, c.moveId(), false,
                ShipFailure.NETWORK_UNREACHABLE));
        Failure brokenPipe = (a, c) -> {
            a.step(new Input.ConnectResult(5, c.moveId(), true, null));
            return a.step(new Input.PeerError(7, c.moveId(), ShipFailure.WRITE_BROKEN_PIPE));
        };
        Failure reset = (a, c) -> {
            a.step(new Input.ConnectResult(5, c.moveId(), true, null));
            a.step(new Input.SendComplete(6, c.moveId()));
            return a.step(new Input.PeerError(7, c.moveId(), ShipFailure.READ_RESET));
        };
        // A scripted peer's raw bytes: quotes, backslash, TAB, a control byte, a non-UTF-8 byte, Latin-1 é as UTF-8.
        Failure rawReply = (a, c) -> {
            a.step(new Input.ConnectResult(5, c.moveId(), true, null));
            a.step(new Input.SendComplete(6, c.moveId()));
            return a.step(new Input.PeerReply(7, c.moveId(), "-ERR \"x\"\\\t\u0001\u00ff\u00c3\u00a9", true));
        };
        Failure eof = (a, c) -> {
            a.step(new Input.ConnectResult(5, c.moveId(), true, null));
            a.step(new Input.SendComplete(6, c.moveId()));
            return a.step(new Input.PeerReply(7, c.moveId(), "", true));
        };
        Failure longReply = (a, c) -> {
            a.step(new Input.ConnectResult(5, c.moveId(), true, null));
            a.step(new Input.SendComplete(6, c.moveId()));
            return a.step(new Input.PeerReply(7, c.moveId(), "-ERR " + "y".repeat(300)));
        };
        String f = "-ERR MOVE-SCOPE ship failed: ";
        return Stream.of(
                // scope_move.rs:191-195, connect {target_addr:?}: {e}
                Arguments.of("connection refused", refused, f + "connect \"10.0.0.2:6004\": Connection refused (os error 111)"),
                Arguments.of("refused without text", refusedNoText,
                        f + "connect \"10.0.0.2:6004\": Connection refused (os error 111)"),
                Arguments.of("other connect OS error", unreachable,
                        f + "connect \"10.0.0.2:6004\": Network is unreachable (os error 101)"),
                Arguments.of("connect timed out (10 s)", connectTimeout, f + "connect \"10.0.0.2:6004\": connection timed out"),
                // scope_move.rs:196-197, 213-214: SO_RCVTIMEO expiry is EAGAIN
                Arguments.of("read timed out (60 s)", readTimeout, f + "read: Resource temporarily unavailable (os error 11)"),
                // scope_move.rs:215-221: n == 0 goes to the non-OK branch
                Arguments.of("EOF", closed, f + "target replied non-OK: \"\""),
                Arguments.of("EOF (raw empty read)", eof, f + "target replied non-OK: \"\""),
                Arguments.of("EOF while sending", closedWhileSending, f + "target replied non-OK: \"\""),
                // scope_move.rs:209
                Arguments.of("broken pipe while sending", brokenPipe, f + "write: Broken pipe (os error 32)"),
                Arguments.of("reset on the read", reset, f + "read: Connection reset by peer (os error 104)"),
                Arguments.of("EINTR on the read", eintr, f + "read: Interrupted system call (os error 4)"),
                Arguments.of("target's error reply", errorReply,
                        f + "target replied non-OK: \"-ERR MOVE-SCOPE-INGEST: key 'app:1' refused by this node: "
                                + "MISDIRECTED writer is 10.0.0.1:6004\\r\\n\""),
                Arguments.of("a reply not starting with +", oddReply, f + "target replied non-OK: \":1\\r\\n\""),
                Arguments.of("raw bytes, Debug-quoted after lossy UTF-8", rawReply,
                        f + "target replied non-OK: \"-ERR \\\"x\\\"\\\\\\t\\u{1}\ufffd\u00e9\""),
                Arguments.of("only the first 256 bytes", longReply,
                        f + "target replied non-OK: \"-ERR " + "y".repeat(251) + "\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipFailures")
    void everyShipFailureAbortsWithItsReason(String row, Failure failure, String expected) {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        Effect.Connect c = startMove(a, 0, "op", 3, "app:", "b");
        List<Effect> fx = failure.inflict(a, c);
        assertEquals(expected, replyOn(fx, "op"));
        Effect.Trace abort = one(fx, Effect.Trace.class);
        assertEquals("Abort", abort.action());
        assertEquals(expected.substring("-ERR MOVE-SCOPE ship failed: ".length()), abort.fields().get("reason"));
        assertTrue(a.migratingSnapshot().isEmpty(), "abort removes MIGRATING");
        assertTrue(a.migratedSnapshot().isEmpty(), "abort never touches MIGRATED");
        assertTrue(a.movesInFlight().isEmpty());
        assertTrue(a.busyShards().isEmpty());
        // Static config rules again: a owns app:, so the write is accepted.
        assertEquals("+OK", call(a, 100_000, "SET", "app:1", "v"));
        // A late event of the dead move changes nothing.
        assertEquals(List.of(), a.step(new Input.PeerReply(100_001, c.moveId(), "+OK 0")));
        assertEquals(Optional.empty(), Optional.ofNullable(a.migratedSnapshot().get("app:")));
    }
}
