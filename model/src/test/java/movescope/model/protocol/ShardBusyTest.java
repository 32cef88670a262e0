package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.call;
import static movescope.model.protocol.Fixtures.cfg;
import static movescope.model.protocol.Fixtures.cmd;
import static movescope.model.protocol.Fixtures.completeMove;
import static movescope.model.protocol.Fixtures.one;
import static movescope.model.protocol.Fixtures.replies;
import static movescope.model.protocol.Fixtures.startMove;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import movescope.model.migration.MigrationState;
import org.junit.jupiter.api.Test;

/**
 * Proves the stall kevy shows on a live cluster (kevy-move-scope.md §4, "Observed"): the shard that runs
 * MOVE-SCOPE does nothing else until the command returns — its client commands queue and are answered,
 * in arrival order, when the move ends — while other shards keep serving and answer {@code -QUIESCED}
 * for keys under the prefix; a second MOVE-SCOPE of the same prefix waits behind the first and then gets
 * AlreadyMigrated. Reproduce: {@code mvn -B -o -pl model test -Dtest=ShardBusyTest}.
 */
class ShardBusyTest {

    @Test
    void withOneShardTheWholeNodeStallsAndQueuedCommandsRunInOrderAfterCommit() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        KevyNode b = new KevyNode("b", cfg("b", "app:=a"), Variant.KEVY_54);
        assertEquals("+OK", call(a, 0, "SET", "app:1", "v1"));
        Effect.Connect c = startMove(a, 10, "op", 1, "app:", "b");
        assertEquals(List.of(), a.step(cmd(11, "w1", 1, "SET", "app:1", "during")), "queued: no reply yet");
        assertEquals(List.of(), a.step(cmd(12, "r1", 1, "GET", "app:1")));
        assertEquals(List.of(), a.step(cmd(13, "w2", 1, "SET", "elsewhere", "x")));
        assertEquals(3, a.queuedCommands());

        List<Effect> fx = completeMove(a, b, 20, c);
        List<Effect.Reply> r = replies(fx);
        assertEquals(List.of(
                new Effect.Reply("op", 1, "+OK 1"),
                // the queued write runs after the commit: MIGRATED now answers it
                new Effect.Reply("w1", 1, "-MISDIRECTED writer is 10.0.0.2:6004"),
                new Effect.Reply("r1", 1, "\"v1\""),
                new Effect.Reply("w2", 1, "+OK")), r);
        assertEquals(0, a.queuedCommands());
    }

    @Test
    void queuedCommandsRunAfterAnAbortToo() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        Effect.Connect c = startMove(a, 0, "op", 1, "app:", "b");
        a.step(cmd(1, "w1", 1, "SET", "app:1", "during"));
        List<Effect> fx = a.step(new Input.ConnectResult(2, c.moveId(), false, ShipFailure.CONNECTION_REFUSED));
        assertEquals(List.of(new Effect.Reply("op", 1, "-ERR MOVE-SCOPE ship failed: connect \"10.0.0.2:6004\": Connection refused (os error 111)"),
                new Effect.Reply("w1", 1, "+OK")), replies(fx));
    }

    @Test
    void otherShardsKeepServingAndAnswerQuiescedUnderThePrefix() {
        int shards = 4;
        KevyNode a = new KevyNode("a", cfg("a", "app:=a", shards), Variant.KEVY_54);
        String prefix = "app:";
        int busy = Sharding.shardOf(prefix, shards);
        String onBusy = Fixtures.keyOnShard(prefix, busy, shards);
        String onOther = Fixtures.keyNotOnShardOf(prefix, prefix, shards);
        String unrelated = Fixtures.keyNotOnShardOf("zzz", prefix, shards);
        startMove(a, 0, "op", 1, prefix, "b");
        assertEquals(busy, a.busyShards().firstKey());

        assertEquals("-QUIESCED migrating to 10.0.0.2:6004", call(a, 1, "SET", onOther, "x"));
        assertEquals("+OK", call(a, 1, "SET", unrelated, "x"));
        assertEquals("(nil)", call(a, 1, "GET", onOther), "reads are served on free shards");
        assertEquals(List.of(), a.step(cmd(1, "q", 9, "SET", onBusy, "x")), "the busy shard answers nothing");
        assertEquals(1, a.queuedCommands());
    }

    /** A command on a connection owned by shard {@code connShard}. */
    private static Input.ClientCommand on(int connShard, long now, String conn, String... a) {
        return new Input.ClientCommand(now, conn, 1, List.of(a), connShard);
    }

    @Test
    void theConnectionsShardCountsToo() {
        // kevy-source-facts §3 "While a shard X runs MOVE-SCOPE": X's connections are not read, so a write on
        // one of them waits even for a key on a free shard, and QUIESCED needs both shards free.
        int shards = 4;
        KevyNode a = new KevyNode("a", cfg("a", "app:=a", shards), Variant.KEVY_54);
        String prefix = "app:";
        int busy = Sharding.shardOf(prefix, shards);
        int free = (busy + 1) % shards;
        String onOther = Fixtures.keyNotOnShardOf(prefix, prefix, shards);
        String unrelated = Fixtures.keyNotOnShardOf("zzz", prefix, shards);
        Effect.Connect c = startMove(a, 0, "op", 1, prefix, "b");

        assertEquals(List.of(), a.step(on(busy, 1, "x1", "SET", onOther, "x")), "connection on the busy shard: not read");
        assertEquals(List.of(), a.step(on(busy, 1, "x2", "SET", unrelated, "x")), "whatever its key");
        assertEquals(List.of(), a.step(on(busy, 1, "x3", "PING")), "PING runs on the connection's shard");
        assertEquals("-QUIESCED migrating to 10.0.0.2:6004",
                one(a.step(on(Sharding.shardOf(onOther, shards), 1, "y1", "SET", onOther, "x")), Effect.Reply.class).wire(),
                "connection and key both on free shards: QUIESCED");
        assertEquals("+PONG", one(a.step(on(free, 1, "y2", "PING")), Effect.Reply.class).wire(),
                "PING on a free shard's connection does not wait, though shard 0's keys may be busy");
        assertEquals(3, a.queuedCommands());
        List<Effect> fx = a.step(new Input.ConnectResult(3, c.moveId(), false, ShipFailure.CONNECTION_REFUSED));
        assertEquals(List.of("op", "x1", "x2", "x3"), replies(fx).stream().map(Effect.Reply::conn).toList(),
                "after the move they run in arrival order");
        assertEquals("+OK", replies(fx).get(1).wire(), "against the post-move state (aborted: accepted)");
    }

    @Test
    void aConnectionShardBeyondTheShardCountIsTakenModuloIt() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a", 2), Variant.KEVY_54);
        int busy = Sharding.shardOf("app:", 2);
        startMove(a, 0, "op", 1, "app:", "b");
        assertEquals(List.of(), a.step(on(busy + 2, 1, "x", "PING")));
        assertEquals(1, a.queuedCommands());
    }

    @Test
    void aCommandBehindAQueuedOneOnTheSameShardWaitsToo() {
        int shards = 4;
        KevyNode a = new KevyNode("a", cfg("a", "app:=a", shards), Variant.KEVY_54);
        String prefix = "app:";
        int busy = Sharding.shardOf(prefix, shards);
        String kBusy = Fixtures.keyOnShard("x", busy, shards);
        String kFree = Fixtures.keyOnShard("x", (busy + 1) % shards, shards);
        Effect.Connect c = startMove(a, 0, "op", 1, prefix, "b");
        // MSET touches the busy shard and a free one: it waits, and so must a later write on the free one,
        // or the two writes of kFree would run out of arrival order.
        assertEquals(List.of(), a.step(cmd(1, "m", 1, "MSET", kBusy, "1", kFree, "1")));
        assertEquals(List.of(), a.step(cmd(2, "s", 1, "SET", kFree, "2")));
        List<Effect> fx = a.step(new Input.ConnectResult(3, c.moveId(), false, ShipFailure.CONNECTION_REFUSED));
        assertEquals(List.of("op", "m", "s"), replies(fx).stream().map(Effect.Reply::conn).toList());
        assertEquals("\"2\"", call(a, 4, "GET", kFree));
    }

    @Test
    void aSecondMoveOfThePrefixWaitsThenGetsAlreadyMigrated() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        KevyNode b = new KevyNode("b", cfg("b", "app:=a"), Variant.KEVY_54);
        Effect.Connect c = startMove(a, 0, "op1", 1, "app:", "b");
        assertEquals(List.of(), a.step(cmd(1, "op2", 1, "MOVE-SCOPE", "app:", "FROM", "a", "TO", "c")));
        List<Effect> fx = completeMove(a, b, 5, c);
        assertEquals(List.of(new Effect.Reply("op1", 1, "+OK 0"),
                new Effect.Reply("op2", 1, "-ERR MOVE-SCOPE: prefix has already been migrated")), replies(fx));
        assertEquals(List.of("StartRefused"), Fixtures.traces(fx, "StartRefused").stream()
                .map(Effect.Trace::action).toList());
    }

    @Test
    void aSecondMoveOfThePrefixStartsAfterTheFirstAborts() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        Effect.Connect c = startMove(a, 0, "op1", 1, "app:", "b");
        a.step(cmd(1, "op2", 1, "MOVE-SCOPE", "app:", "FROM", "a", "TO", "c"));
        List<Effect> fx = a.step(new Input.PeerError(2, c.moveId(), ShipFailure.CONNECTION_CLOSED));
        assertEquals(List.of(new Effect.Reply("op1", 1, "-ERR MOVE-SCOPE ship failed: target replied non-OK: \"\"")),
                replies(fx));
        Effect.Connect second = one(fx, Effect.Connect.class);
        assertEquals("c", second.targetId());
        assertEquals(new MigrationState("a", "c"), a.migratingSnapshot().get("app:"));
        assertTrue(a.busyShards().containsValue(second.moveId()));
    }

    @Test
    void movesOfDifferentPrefixesOnDifferentShardsRunSideBySide() {
        int shards = 4;
        KevyNode a = new KevyNode("a", cfg("a", "app:=a, x=a", shards), Variant.KEVY_54);
        String p1 = "app:";
        String p2 = Fixtures.keyNotOnShardOf("p", p1, shards);
        startMove(a, 0, "op1", 1, p1, "b");
        startMove(a, 0, "op2", 1, p2, "c");
        assertEquals(2, a.movesInFlight().size());
        assertEquals(2, a.busyShards().size());
    }
}
