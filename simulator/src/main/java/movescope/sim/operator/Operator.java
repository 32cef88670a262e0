package movescope.sim.operator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's open requests: one connection per command ({@code operator#<n>}), and what waits for
 * its reply — a scripted step (by index) or a chaos MOVE-SCOPE (by prefix and target). Only the first
 * reply on a connection counts; duplicates the network makes are ignored. Ordered by opening, so the
 * replies a dead node's closed connections produce come out in a deterministic order.
 */
public final class Operator {
    /** The name the operator has as a network endpoint. */
    public static final String NAME = "operator";

    /** One operator command on its own connection. */
    public static final class Request {
        private final int stepIndex;
        private final String node;
        private final List<String> args;
        private final String movePrefix;
        private final String moveTo;
        private String reply;
        private long repliedAt = -1;

        Request(int stepIndex, String node, List<String> args, String movePrefix, String moveTo) {
            this.stepIndex = stepIndex;
            this.node = node;
            this.args = args;
            this.movePrefix = movePrefix;
            this.moveTo = moveTo;
        }

        /** The scenario step this request runs, or -1 when chaos issued it. */
        public int stepIndex() {
            return stepIndex;
        }

        public String node() {
            return node;
        }

        public List<String> args() {
            return args;
        }

        /** The prefix of a chaos MOVE-SCOPE, or null. */
        public String movePrefix() {
            return movePrefix;
        }

        /** The target of a chaos MOVE-SCOPE, or null. */
        public String moveTo() {
            return moveTo;
        }

        /** The first reply, or null while unanswered. */
        public String reply() {
            return reply;
        }

        public long repliedAt() {
            return repliedAt;
        }
    }

    private final LinkedHashMap<String, Request> requests = new LinkedHashMap<>();
    private long counter;

    /** Opens a connection for a command to {@code node} and returns its name. */
    public String open(int stepIndex, String node, List<String> args, String movePrefix, String moveTo) {
        String conn = NAME + "#" + (++counter);
        requests.put(conn, new Request(stepIndex, node, args, movePrefix, moveTo));
        return conn;
    }

    /** Whether {@code conn} is one of the operator's connections. */
    public boolean owns(String conn) {
        return requests.containsKey(conn);
    }

    /**
     * A reply arrived on {@code conn}: returns its request if this is the first reply, else null (an
     * unknown connection or a duplicate).
     */
    public Request answered(String conn, String wire, long now) {
        Request r = requests.get(conn);
        if (r == null || r.reply != null) {
            return null;
        }
        r.reply = wire;
        r.repliedAt = now;
        return r;
    }

    /** The connections to {@code node} still waiting for a reply, in the order they were opened. */
    public List<String> unansweredOn(String node) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Request> e : requests.entrySet()) {
            if (e.getValue().reply == null && e.getValue().node.equals(node)) {
                out.add(e.getKey());
            }
        }
        return out;
    }
}
