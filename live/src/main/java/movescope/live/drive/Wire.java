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

    record Outcome(String reply, boolean timedOut) {}

    static final int CONNECT_TIMEOUT_MS = 5000;

    /** On a fresh connection; {@code readTimeoutMs} ≥ 1. */
    static Outcome once(LiveCluster cluster, String node, List<String> args, int readTimeoutMs) {
        RespConnection c;
        try {
            c = RespConnection.open(cluster.liveAddr(node), CONNECT_TIMEOUT_MS, readTimeoutMs);
        } catch (IOException e) {
            return new Outcome("-ERR movescope: connection refused by " + cluster.simAddr(node), false);
        }
        try (c) {
            return call(cluster, node, c, args);
        }
    }

    static Outcome call(LiveCluster cluster, String node, RespConnection c, List<String> args) {
        try {
            return new Outcome(cluster.normalize(WireText.render(c.call(args))), false);
        } catch (SocketTimeoutException e) {
            return new Outcome(null, true);
        } catch (ConnectException e) {
            return new Outcome("-ERR movescope: connection refused by " + cluster.simAddr(node), false);
        } catch (EOFException e) {
            return new Outcome("-ERR movescope: connection closed by " + cluster.simAddr(node), false);
        } catch (IOException e) {
            return new Outcome("-ERR movescope: connection closed by " + cluster.simAddr(node), false);
        }
    }
}
