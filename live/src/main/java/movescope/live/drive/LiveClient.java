package movescope.live.drive;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import movescope.live.resp.RespConnection;
import movescope.sim.client.ClientAction;
import movescope.sim.client.KeyCache;
import movescope.sim.client.RwClient;

/**
 * A kevy-cluster-rw-like client over real connections. The decisions (MISDIRECTED followed once with the
 * 4096-entry key cache, QUIESCED retried after 5/10/20/40/80/80/80 ms and then one last request) are the
 * simulator's own {@link RwClient} state machine, fed with replies rewritten to scenario addresses, so live
 * and simulated clients make the same choices; this class only does the I/O: one cached connection per
 * node (as kevy-cluster-rw keeps one per address), real sleeps, and a read timeout per request.
 */
final class LiveClient implements AutoCloseable {
    /** A command takes at most this many requests/sleeps (7 QUIESCED retries + a redirect need 17). */
    static final int MAX_ACTIONS = 64;

    private final String id;
    private final RwClient rw;
    private final LiveCluster cluster;
    private final Recorder rec;
    private final long timeoutMs;
    private final Map<String, RespConnection> conns = new HashMap<>();

    LiveClient(String id, String primary, LiveCluster cluster, Recorder rec, long timeoutMs) {
        this.id = id;
        this.rw = new RwClient(id, primary, cluster.simAddrToNode(), KeyCache.KEVY_CAPACITY);
        this.cluster = cluster;
        this.rec = rec;
        this.timeoutMs = timeoutMs;
    }

    /** Runs one command; returns the reply given to the caller, or null if none came before {@code endAtMs}. */
    String run(int step, List<String> command, long endAtMs, Runnable onFirstSent) throws InterruptedException {
        try {
            return run(step, command, endAtMs, new Runnable[] {onFirstSent});
        } finally {
            onFirstSent.run();
        }
    }

    private String run(int step, List<String> command, long endAtMs, Runnable[] first) throws InterruptedException {
        ClientAction a = rw.start(command);
        int hop = 0;
        for (int i = 0; i < MAX_ACTIONS; i++) {
            if (a instanceof ClientAction.Done d) {
                return d.reply();
            }
            if (a instanceof ClientAction.Sleep s) {
                Thread.sleep(s.ms());
                a = rw.onWake();
                continue;
            }
            ClientAction.Send send = (ClientAction.Send) a;
            long left = endAtMs - rec.nowMs();
            if (left <= 0) {
                return null;
            }
            boolean endBound = left < timeoutMs;
            int readTimeout = (int) Math.max(1, Math.min(left, timeoutMs));
            long sent = rec.nowMs();
            rec.request(step, id, send.node(), send.args(), ++hop);
            Runnable onSent = first[0];
            first[0] = () -> { };
            Wire.Outcome o = request(send.node(), send.args(), readTimeout, onSent);
            rec.reply(step, id, send.node(), send.args(), sent, o.reply(), o.error());
            if (o.timedOut()) {
                if (endBound) {
                    return null;
                }
                a = rw.onError("-ERR movescope: client timed out after " + timeoutMs + " ms");
            } else {
                a = rw.onReply(o.reply());
            }
        }
        throw new IllegalStateException("client " + id + ": more than " + MAX_ACTIONS + " actions for one command");
    }

    /** The node the last request of the last command went to (who accepted a write). */
    String lastTarget() {
        return rw.target();
    }

    private Wire.Outcome request(String node, List<String> args, int readTimeoutMs, Runnable onSent) {
        RespConnection c = conns.get(node);
        if (c != null && c.peerClosed()) {
            // The node closed it while idle (its process restarted). kevy-cluster-rw would keep failing on
            // it; the simulator has no connections to lose, so to compare with it live opens a new one.
            c.close();
            conns.remove(node);
            c = null;
        }
        if (c == null) {
            try {
                c = RespConnection.open(cluster.liveAddr(node), Wire.CONNECT_TIMEOUT_MS, readTimeoutMs);
            } catch (IOException e) {
                onSent.run();
                return new Wire.Outcome("-ERR movescope: connection refused by " + cluster.simAddr(node), false,
                        e.toString());
            }
            conns.put(node, c);
        }
        try {
            c.setReadTimeout(readTimeoutMs);
        } catch (IOException e) {
            // a broken connection shows in the call below
        }
        Wire.Outcome o = Wire.call(cluster, node, c, args, onSent);
        if (o.timedOut() || (o.reply() != null && o.reply().startsWith("-ERR movescope: connection"))) {
            // A connection whose reply is still owed (or that broke) cannot carry the next request.
            c.close();
            conns.remove(node);
        }
        return o;
    }

    @Override
    public void close() {
        conns.values().forEach(RespConnection::close);
        conns.clear();
    }
}
