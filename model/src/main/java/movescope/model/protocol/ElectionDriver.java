package movescope.model.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import movescope.model.election.ElectEvent;
import movescope.model.election.ElectMessage;
import movescope.model.election.ElectOutbound;
import movescope.model.election.ElectRole;
import movescope.model.election.Elector;
import movescope.model.election.ReplicationGate;
import movescope.model.routing.Peer;

/**
 * The election plane inside a node: what kevy's transport orchestrator does around the elector
 * ({@code crates/kevy-elect/src/transport_loops.rs:186-271}), as effects.
 * <ul>
 * <li>A <b>pump</b> is one orchestrator iteration: on an inbound message {@code on_message} then
 *   {@code tick} (:230-235); when 200 ms pass without one, {@code tick} alone (:241-245). The wait restarts
 *   after every pump, so the node sets {@link #TICK_TIMER} to 200 ms after each one (the simulator replaces a
 *   timer set again under the same id).</li>
 * <li>After the pump the elector's saved pair goes to {@link DurableState#electMeta()} before any message of
 *   the pump leaves (persist.rs: "durable before the frame leaves"; a crash falls between steps).</li>
 * <li>When {@code (role, primary, has_quorum(now))} differs from the last pump's (:201-212), the topology
 *   callback runs: {@link ReplicationGate#onTopologyChange}. The gate therefore changes only at pumps, as in
 *   kevy; a primary whose peers fall silent is fenced at the first pump after the 5 s lapse.</li>
 * <li>Outbound messages go to each other {@code peers} entry's {@code host:elect_port}; a broadcast goes to
 *   every entry but this node's, in config order. A message to an id no entry names is never sent (kevy
 *   queues it for a peer that has no outbound thread). kevy's 256-message cap per peer queue is not
 *   modelled.</li>
 * </ul>
 * Traces: {@code Elect} (field {@code event}: stand, vote, win, timeout, follow, demote; {@code epoch},
 * {@code peer}) for each elector state change, {@code GateChange} ({@code gate}: open, readonly, fenced) when
 * the gate's answer to a write changes. Messages themselves are not traced, like heartbeats.
 */
final class ElectionDriver {
    /** The orchestrator's 200 ms wait, as a timer. */
    static final String TICK_TIMER = "elect/tick";

    /** What the topology callback compares (transport_loops.rs:205). */
    record View(ElectRole role, Optional<String> primary, boolean quorum) {}

    private ElectionDriver() {}

    /** The elector of a booting node whose config runs the plane, restored from {@code elect.meta}. */
    static Elector newElector(NodeConfig cfg, DurableState durable) {
        List<String> ids = new ArrayList<>();
        for (Peer p : cfg.peers()) {
            ids.add(p.id());
        }
        // kevy advertises <bind>:<server.port> (state/election.rs:293, 316-326); bind is 127.0.0.1 by
        // default. Receivers ignore it (elector_inbound.rs:131).
        String addr = "127.0.0.1:" + cfg.election().serverPort();
        return new Elector(cfg.nodeId().orElseThrow(), ids, addr, durable.electMeta());
    }

    /** The first wait of the orchestrator after the transport spawns. */
    static void start(List<Effect> out) {
        out.add(new Effect.SetTimer(TICK_TIMER, Elector.HB_INTERVAL_MS));
    }

    /** One pump at {@code nowMs}, for {@code msg} (empty: the 200 ms wait ran out). */
    static void pump(String name, VolatileState v, DurableState durable, long nowMs, Optional<ElectMessage> msg,
            List<Effect> out) {
        Elector e = v.elector;
        List<ElectOutbound> outs = new ArrayList<>();
        msg.ifPresent(m -> outs.addAll(e.onMessage(m, nowMs)));
        outs.addAll(e.tick(nowMs));
        durable.saveElectMeta(e.meta());
        for (ElectEvent ev : e.drainEvents()) {
            trace(out, name, "Elect", "event", ev.kind().wireName(), "epoch", ev.epoch(), "peer", ev.peer(),
                    "role", e.role().wireName());
        }
        View view = new View(e.role(), e.currentPrimary(), e.hasQuorum(nowMs));
        if (!view.equals(v.electView)) {
            String before = v.gate.state();
            v.gate.onTopologyChange(view.role(), view.primary(), view.quorum(), e.nodeId());
            v.electView = view;
            if (!before.equals(v.gate.state())) {
                trace(out, name, "GateChange", "gate", v.gate.state(), "role", view.role().wireName(),
                        "primary", view.primary().orElse(""), "quorum", view.quorum());
            }
        }
        for (ElectOutbound o : outs) {
            for (Peer p : v.config.peers()) {
                boolean to = o.to().equals(ElectOutbound.BROADCAST) ? !p.id().equals(e.nodeId()) : p.id().equals(o.to());
                if (to) {
                    out.add(new Effect.ElectSend(p.id(), p.host() + ":" + p.electPort(), o.msg()));
                }
            }
        }
        out.add(new Effect.SetTimer(TICK_TIMER, Elector.HB_INTERVAL_MS));
    }

    private static void trace(List<Effect> out, String name, String action, Object... kv) {
        TreeMap<String, Object> f = new TreeMap<>();
        f.put("node", name);
        for (int i = 0; i < kv.length; i += 2) {
            f.put((String) kv[i], kv[i + 1]);
        }
        out.add(new Effect.Trace(action, f));
    }
}
