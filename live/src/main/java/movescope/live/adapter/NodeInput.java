package movescope.live.adapter;

import java.util.List;

/**
 * What live mode feeds one node, in live mode's own words. {@link ModelNode} maps each to the model's
 * {@code Input}; keeping a copy here means the serve loop and its journal never name a model type, so a
 * change of the model's step API is fixed in {@link ModelNode} alone.
 */
public sealed interface NodeInput {
    record Command(long nowMs, String conn, long reqId, List<String> args) implements NodeInput {
        public Command {
            args = List.copyOf(args);
        }
    }

    /** {@code error} null: refused (the model's default text). */
    record ConnectResult(long nowMs, String moveId, boolean ok, String error) implements NodeInput {}

    record SendComplete(long nowMs, String moveId) implements NodeInput {}

    record PeerReply(long nowMs, String moveId, String line) implements NodeInput {}

    record PeerError(long nowMs, String moveId, String reason) implements NodeInput {}

    record Timer(long nowMs, String timerId) implements NodeInput {}

    record Heartbeat(long nowMs, String peerId) implements NodeInput {}

    /** An election-plane message reached this node's election listener. */
    record ElectDeliver(long nowMs, ElectMsg message) implements NodeInput {
        public ElectDeliver {
            java.util.Objects.requireNonNull(message, "message");
        }
    }

    record Crash() implements NodeInput {}

    record Restart(long nowMs) implements NodeInput {}

    /** A config file in kevy's strings ({@code nodeId} empty = unset); it takes effect at the next restart. */
    record PushConfig(String nodeId, String peers, String scopes, int shards) implements NodeInput {}

    record Snapshot(long nowMs) implements NodeInput {}
}
