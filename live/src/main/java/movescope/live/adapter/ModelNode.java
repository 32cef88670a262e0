package movescope.live.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import movescope.model.protocol.ConfigException;
import movescope.model.protocol.Effect;
import movescope.model.protocol.Input;
import movescope.model.protocol.KevyNode;
import movescope.model.protocol.NodeConfig;
import movescope.model.protocol.ShipFailure;
import movescope.model.protocol.Variant;

/**
 * The ONE place live mode touches the model's step API ({@code KevyNode}, {@code Input}, {@code Effect},
 * {@code ShipFailure}); see docs/model-api.md. Everything else in movescope.live speaks {@link NodeInput} and
 * {@link NodeAction}. If the model's API drifts, this class is what to fix.
 */
public final class ModelNode {
    /** kevy's connect and read timeouts of the ship connection (the model enforces them with its own timers). */
    public static final long CONNECT_TIMEOUT_MS = KevyNode.CONNECT_TIMEOUT_MS;
    public static final long READ_TIMEOUT_MS = KevyNode.READ_TIMEOUT_MS;
    public static final String CONNECTION_CLOSED = ShipFailure.CONNECTION_CLOSED;
    public static final String CONNECTION_REFUSED = ShipFailure.CONNECTION_REFUSED;
    public static final String INTERRUPTED = ShipFailure.INTERRUPTED;

    private final KevyNode node;

    public ModelNode(String name, NodeConfig config, Variant variant) {
        this.node = new KevyNode(name, config, variant);
    }

    public List<NodeAction> step(NodeInput in) throws ConfigException {
        return convert(node.step(toModel(in)));
    }

    private static Input toModel(NodeInput in) throws ConfigException {
        if (in instanceof NodeInput.Command c) {
            return new Input.ClientCommand(c.nowMs(), c.conn(), c.reqId(), c.args());
        } else if (in instanceof NodeInput.ConnectResult c) {
            return new Input.ConnectResult(c.nowMs(), c.moveId(), c.ok(), c.error());
        } else if (in instanceof NodeInput.SendComplete s) {
            return new Input.SendComplete(s.nowMs(), s.moveId());
        } else if (in instanceof NodeInput.PeerReply r) {
            return new Input.PeerReply(r.nowMs(), r.moveId(), r.line());
        } else if (in instanceof NodeInput.PeerError e) {
            return new Input.PeerError(e.nowMs(), e.moveId(), e.reason());
        } else if (in instanceof NodeInput.Timer t) {
            return new Input.TimerFired(t.nowMs(), t.timerId());
        } else if (in instanceof NodeInput.Heartbeat h) {
            return new Input.HeartbeatFrom(h.nowMs(), h.peerId());
        } else if (in instanceof NodeInput.Crash) {
            return new Input.Crash();
        } else if (in instanceof NodeInput.Restart r) {
            return new Input.Restart(r.nowMs());
        } else if (in instanceof NodeInput.PushConfig p) {
            return new Input.PushConfig(NodeConfig.parse(p.nodeId(), p.peers(), p.scopes(), p.shards()));
        } else if (in instanceof NodeInput.Snapshot s) {
            return new Input.Snapshot(s.nowMs());
        }
        throw new IllegalArgumentException("unknown input " + in);
    }

    private static List<NodeAction> convert(List<Effect> effects) {
        List<NodeAction> out = new ArrayList<>(effects.size());
        for (Effect e : effects) {
            if (e instanceof Effect.Reply r) {
                out.add(new NodeAction.Reply(r.conn(), r.reqId(), r.wire()));
            } else if (e instanceof Effect.Connect c) {
                out.add(new NodeAction.Connect(c.moveId(), c.targetId(), c.addr(), c.timeoutMs()));
            } else if (e instanceof Effect.SendIngest s) {
                out.add(new NodeAction.SendIngest(s.moveId(), s.targetId(), s.args()));
            } else if (e instanceof Effect.SetTimer t) {
                out.add(new NodeAction.SetTimer(t.timerId(), t.delayMs()));
            } else if (e instanceof Effect.CancelTimer t) {
                out.add(new NodeAction.CancelTimer(t.timerId()));
            } else if (e instanceof Effect.Trace t) {
                out.add(new NodeAction.Trace(t.action(), t.fields()));
            } else {
                throw new IllegalStateException("effect unknown to live mode: " + e);
            }
        }
        return out;
    }

    public boolean isUp() {
        return node.isUp();
    }

    public Optional<String> bootError() {
        return node.bootError();
    }

    /** The config this node runs with: its peers are where heartbeats go. */
    public NodeConfig config() {
        return node.config();
    }

    /** Validates a config push before it is journaled (kevy's parser texts). */
    public static void checkConfig(NodeInput.PushConfig p) throws ConfigException {
        NodeConfig.parse(p.nodeId(), p.peers(), p.scopes(), p.shards());
    }
}
