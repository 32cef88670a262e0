package movescope.model.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import movescope.model.routing.Peer;

/**
 * Shared helpers for the protocol tests: a three-node cluster config (a, b, c), command builders, and
 * effect filters. Nothing here decides a test's outcome; it only shortens the tests.
 */
final class Fixtures {
    private Fixtures() {}

    static final String PEERS = "a@10.0.0.1:16100:6004, b@10.0.0.2:16100:6004, c@10.0.0.3:16100:6004";
    static final String ADDR_A = "10.0.0.1:6004";
    static final String ADDR_B = "10.0.0.2:6004";
    static final String ADDR_C = "10.0.0.3:6004";

    static List<Peer> peers() {
        try {
            return NodeConfig.parsePeers(PEERS);
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    /** Node {@code self} of the a/b/c cluster with {@code scopes} (kevy syntax) and {@code shards} shards. */
    static NodeConfig cfg(String self, String scopes, int shards) {
        try {
            return NodeConfig.parse(self, PEERS, scopes, shards);
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    static NodeConfig cfg(String self, String scopes) {
        return cfg(self, scopes, 1);
    }

    static List<String> args(String... a) {
        return List.of(a);
    }

    static Input.ClientCommand cmd(long now, String conn, long reqId, String... a) {
        return new Input.ClientCommand(now, conn, reqId, Arrays.asList(a));
    }

    /** Sends one command and returns its single reply's wire text (fails if there is not exactly one). */
    static String call(KevyNode n, long now, String... a) {
        List<Effect> fx = n.step(cmd(now, "c1", 1, a));
        List<Effect.Reply> r = replies(fx);
        assertEquals(1, r.size(), () -> "expected one reply to " + Arrays.toString(a) + " but got " + fx);
        return r.get(0).wire();
    }

    static List<Effect.Reply> replies(List<Effect> fx) {
        return only(fx, Effect.Reply.class);
    }

    static List<Effect.Trace> traces(List<Effect> fx, String action) {
        List<Effect.Trace> out = new ArrayList<>();
        for (Effect.Trace t : only(fx, Effect.Trace.class)) {
            if (t.action().equals(action)) {
                out.add(t);
            }
        }
        return out;
    }

    static List<String> actions(List<Effect> fx) {
        List<String> out = new ArrayList<>();
        for (Effect.Trace t : only(fx, Effect.Trace.class)) {
            out.add(t.action());
        }
        return out;
    }

    static <T extends Effect> List<T> only(List<Effect> fx, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Effect e : fx) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    static <T extends Effect> T one(List<Effect> fx, Class<T> type) {
        List<T> all = only(fx, type);
        assertEquals(1, all.size(), () -> "expected one " + type.getSimpleName() + " in " + fx);
        return all.get(0);
    }

    /** Starts {@code MOVE-SCOPE prefix FROM from TO to} on the source; returns its Connect effect. */
    static Effect.Connect startMove(KevyNode source, long now, String conn, long reqId, String prefix, String to) {
        List<Effect> fx = source.step(cmd(now, conn, reqId, "MOVE-SCOPE", prefix, "FROM", source.name(), "TO", to));
        assertTrue(replies(fx).isEmpty(), () -> "MOVE-SCOPE answered at once: " + fx);
        return one(fx, Effect.Connect.class);
    }

    /** Connects the move; returns the SendIngest effect. */
    static Effect.SendIngest connect(KevyNode source, long now, String moveId) {
        return one(source.step(new Input.ConnectResult(now, moveId, true, null)), Effect.SendIngest.class);
    }

    /** Delivers the INGEST request to the target; returns the target's reply line. */
    static String deliver(KevyNode target, long now, Effect.SendIngest send) {
        List<Effect> fx = target.step(new Input.ClientCommand(now, "ship:" + send.moveId(), 0, send.args()));
        return one(fx, Effect.Reply.class).wire();
    }

    /**
     * Runs the rest of a move after Start on a loss-free network: connect, send, ingest on the target,
     * reply, and (seed layout) the commit timer. Returns every effect of the source from the reply on,
     * which holds the operator's {@code +OK <frames>} or the ship-failure reply.
     */
    static List<Effect> completeMove(KevyNode source, KevyNode target, long now, Effect.Connect c) {
        Effect.SendIngest send = connect(source, now, c.moveId());
        String reply = deliver(target, now + 1, send);
        source.step(new Input.SendComplete(now + 1, c.moveId()));
        List<Effect> fx = new ArrayList<>(source.step(new Input.PeerReply(now + 2, c.moveId(), reply)));
        for (Effect.SetTimer t : only(fx, Effect.SetTimer.class)) {
            if (t.timerId().endsWith("/commit")) {
                fx.addAll(source.step(new Input.TimerFired(now + 2 + t.delayMs(), t.timerId())));
            }
        }
        return fx;
    }

    /** The operator's reply to the MOVE-SCOPE on connection {@code conn}. */
    static String replyOn(List<Effect> fx, String conn) {
        List<String> out = new ArrayList<>();
        for (Effect.Reply r : replies(fx)) {
            if (r.conn().equals(conn)) {
                out.add(r.wire());
            }
        }
        assertEquals(1, out.size(), () -> "expected one reply on " + conn + " in " + fx);
        return out.get(0);
    }

    /** A key whose shard on a node with {@code shards} shards is {@code shard} (found by counting up). */
    static String keyOnShard(String prefix, int shard, int shards) {
        for (int i = 0; i < 10_000; i++) {
            String k = prefix + i;
            if (Sharding.shardOf(k, shards) == shard) {
                return k;
            }
        }
        throw new AssertionError("no key under " + prefix + " on shard " + shard);
    }

    /** A key whose shard differs from {@code other}'s. */
    static String keyNotOnShardOf(String prefix, String other, int shards) {
        int avoid = Sharding.shardOf(other, shards);
        return keyOnShard(prefix, (avoid + 1) % shards, shards);
    }
}
