package movescope.live.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import movescope.model.election.ElectMessage;
import movescope.model.election.ElectRole;
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
        if (in instanceof NodeInput.PushConfig p) {
            // The pushed strings are node_id, peers, scopes, shards; the rest of the config file
            // ([cluster] enabled, the election and replication settings) stays what it is, as in the
            // simulator's ConfigPush.
            NodeConfig cur = node.durable().config();
            NodeConfig next = NodeConfig.parse(p.nodeId(), p.peers(), p.scopes(), p.shards())
                    .withClusterEnabled(cur.clusterEnabled()).withElection(cur.election());
            return convert(node.step(new Input.PushConfig(next)));
        }
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
        } else if (in instanceof NodeInput.ElectDeliver d) {
            return new Input.ElectDeliver(d.nowMs(), toModel(d.message()));
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
            } else if (e instanceof Effect.ElectSend s) {
                out.add(new NodeAction.ElectSend(s.to(), s.addr(), fromModel(s.message())));
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

    /** The live copy of a model election message. */
    static ElectMsg fromModel(ElectMessage m) {
        if (m instanceof ElectMessage.Hb h) {
            return new ElectMsg.Hb(h.epoch(), h.nodeId(), h.role().wireName(), h.replOffset());
        } else if (m instanceof ElectMessage.Offer o) {
            return new ElectMsg.Offer(o.newEpoch(), o.candidateId(), o.replOffset());
        } else if (m instanceof ElectMessage.Accept a) {
            return new ElectMsg.Accept(a.epoch(), a.accepterId());
        } else if (m instanceof ElectMessage.Announce a) {
            return new ElectMsg.Announce(a.epoch(), a.newPrimaryId(), a.newPrimaryAddr());
        }
        throw new IllegalStateException("election message unknown to live mode: " + m);
    }

    /** The model's election message for a live one. */
    static ElectMessage toModel(ElectMsg m) {
        if (m instanceof ElectMsg.Hb h) {
            ElectRole role = null;
            for (ElectRole r : ElectRole.values()) {
                if (r.wireName().equals(h.role())) {
                    role = r;
                }
            }
            if (role == null) {
                throw new IllegalArgumentException("unknown election role " + h.role());
            }
            return new ElectMessage.Hb(h.epoch(), h.nodeId(), role, h.replOffset());
        } else if (m instanceof ElectMsg.Offer o) {
            return new ElectMessage.Offer(o.newEpoch(), o.candidateId(), o.replOffset());
        } else if (m instanceof ElectMsg.Accept a) {
            return new ElectMessage.Accept(a.epoch(), a.accepterId());
        } else if (m instanceof ElectMsg.Announce a) {
            return new ElectMessage.Announce(a.epoch(), a.newPrimaryId(), a.newPrimaryAddr());
        }
        throw new IllegalArgumentException("unknown election message " + m);
    }

    /**
     * [election plane] What the boot at construction (time 0) asks to be scheduled: the election plane's
     * first 200 ms tick when the config runs the plane, else nothing. The caller performs these once, when
     * it starts serving a node that was not rebuilt from a journal.
     */
    public List<NodeAction> startActions() {
        return convert(node.startEffects());
    }

    /**
     * Whether this node's election listener is at {@code port}: it is up, its config runs the election plane
     * and {@code elect_port_base} (or {@code port + 200}) is {@code port}. Messages to any other port of the
     * node are lost, as a dial to a port nobody listens on is.
     */
    public boolean electListensOn(int port) {
        NodeConfig c = node.config();
        return node.isUp() && c.electionPlane() && c.election().listenPort() == port;
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
