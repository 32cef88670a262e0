package movescope.live.drive;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;
import movescope.live.resp.RespConnection;
import movescope.live.resp.WireText;

/**
 * One request to a real node, with the simulator's texts for what is not a reply (so that a crashed node
 * compares equal): {@code -ERR movescope: connection refused by <addr>}, {@code ... connection closed by
 * <addr>}; a read that times out is {@link Outcome#timedOut}.
 */
final class Wire {
    private Wire() {
    }

    record Outcome(String reply, boolean timedOut, String error) {
        Outcome(String reply, boolean timedOut) {
            this(reply, timedOut, null);
        }
    }

    static final int CONNECT_TIMEOUT_MS = 5000;

    /** On a fresh connection; {@code readTimeoutMs} ≥ 1. */
    static Outcome once(LiveCluster cluster, String node, List<String> args, int readTimeoutMs) {
        return once(cluster, node, args, readTimeoutMs, () -> { });
    }

    /** {@code onSent} runs once the request is written (or could not be), before the reply is awaited. */
    static Outcome once(LiveCluster cluster, String node, List<String> args, int readTimeoutMs, Runnable onSent) {
        RespConnection c;
        try {
            c = RespConnection.open(cluster.liveAddr(node), CONNECT_TIMEOUT_MS, readTimeoutMs);
        } catch (IOException e) {
            onSent.run();
            return new Outcome("-ERR movescope: connection refused by " + cluster.simAddr(node), false, e.toString());
        }
        try (c) {
            return call(cluster, node, c, args, onSent);
        }
    }

    static Outcome call(LiveCluster cluster, String node, RespConnection c, List<String> args) {
        return call(cluster, node, c, args, () -> { });
    }

    static Outcome call(LiveCluster cluster, String node, RespConnection c, List<String> args, Runnable onSent) {
        boolean sent = false;
        try {
            c.send(args);
            c.flush();
            sent = true;
            onSent.run();
            return new Outcome(cluster.normalize(WireText.render(c.read())), false);
        } catch (SocketTimeoutException e) {
            return new Outcome(null, true);
        } catch (ConnectException e) {
            return new Outcome("-ERR movescope: connection refused by " + cluster.simAddr(node), false);
        } catch (EOFException e) {
            return new Outcome("-ERR movescope: connection closed by " + cluster.simAddr(node), false, "EOF");
        } catch (IOException e) {
            return new Outcome("-ERR movescope: connection closed by " + cluster.simAddr(node), false, e.toString());
        } finally {
            if (!sent) {
                onSent.run();
            }
        }
    }
}
