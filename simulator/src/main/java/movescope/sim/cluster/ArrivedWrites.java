package movescope.sim.cluster;

import java.util.HashMap;
import java.util.List;

/**
 * node → (conn#reqId → a write request that reached the node and has not been executed yet), so the
 * model's {@code ClientWrite} trace, which names the request but not its values, can be tied to what
 * was written. It is kept per arrival, not per reply: a write executes whenever the node gets to it —
 * after its client timed out, after a queue behind a MOVE-SCOPE, or a second time when the network
 * duplicated the request — and every execution must reach the history (an applied write the history
 * does not know about would make an earlier acknowledged value look lost). Entries go when the write
 * executes, or all at once when the node's process dies with its queue. Only looked up, never iterated.
 */
final class ArrivedWrites {
    private static final class Arrived {
        final List<String> args;
        int copies;

        Arrived(List<String> args) {
            this.args = args;
        }
    }

    private final HashMap<String, HashMap<String, Arrived>> byNode = new HashMap<>();

    /** A copy of write request (conn, reqId) with {@code args} reached {@code node}. */
    void arrived(String node, String conn, long reqId, List<String> args) {
        byNode.computeIfAbsent(node, k -> new HashMap<>())
                .computeIfAbsent(conn + "#" + reqId, k -> new Arrived(args)).copies++;
    }

    /** The args of the write request (conn, reqId) that {@code node} just executed, or null if unknown. */
    List<String> executed(String node, String conn, long reqId) {
        HashMap<String, Arrived> m = byNode.get(node);
        String k = conn + "#" + reqId;
        Arrived a = m == null ? null : m.get(k);
        if (a == null) {
            return null;
        }
        if (--a.copies == 0) {
            m.remove(k);
        }
        return a.args;
    }

    /** {@code node}'s process died: the commands queued in it are never executed. */
    void died(String node) {
        byNode.remove(node);
    }
}
