package movescope.sim.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import movescope.model.protocol.Effect;
import movescope.model.protocol.Input;
import movescope.model.protocol.ShipFailure;
import movescope.sim.engine.EventQueue;
import movescope.sim.net.Network;
import movescope.sim.scenario.MessageClass;
import movescope.sim.scenario.ScriptedPeerSpec;

/**
 * The ship connections of MOVE-SCOPE, one per move: the source connects to the target, sends the
 * MOVE-SCOPE-INGEST request and waits for its reply. Each connection is one TCP stream — never
 * duplicated — bound to the source and target processes that opened and accepted it, so a crash on
 * either side ends it (a closed connection, or a reply that never comes). The spurious EINTR, which
 * interrupts the source's wait for the reply, is injected here too: by count (a scripted step) or by
 * chance when a client command reaches the waiting source.
 */
final class IngestLinks {
    /** The connection name the target's node sees for a move's INGEST request: {@code ingest:<moveId>}. */
    static final String CONN_PREFIX = "ingest:";

    /** What the links need from the world: time, processes and their steps, and traced sends. */
    interface Host {
        long now();

        /** The incarnation of {@code node}'s process: it changes at every crash and restart. */
        long inc(String node);

        boolean isUp(String node);

        boolean hasNode(String node);

        void stepNode(String node, Input input);

        /** Sends one message on the network and traces what happened to it. */
        Network.Fate send(String from, String to, MessageClass cls);

        void count(String name);

        /** Draws whether this wait fails with EINTR on an idle shard ({@code faults.eintrPerMove}). */
        boolean eintrPerMoveStrikes();

        /** Until when {@code node} holds {@code c} back: a shard it needs is applying an INGEST (0: not held). */
        long heldUntil(String node, Input.ClientCommand c);

        /** The shard of {@code key} on {@code node} (its current config). */
        int shardOf(String node, String key);

        /** Traces a scripted peer's part ({@code ScriptedPeer}, docs/vocabulary.md). */
        void traceScripted(String peer, String event, String moveId, Object... more);
    }

    private enum Phase { CONNECTING, CONNECTED, SENDING, AWAITING, DONE }

    private static final class Link {
        final String moveId;
        final String source;
        final String target;
        final long sourceInc;
        /** The scripted peer this link dialled, or null when the target is a kevy node. */
        final ScriptedPeerSpec scripted;
        long targetInc = -1;
        /** The source's shard that runs the move and waits for the reply: shard_of(prefix), known once it sends. */
        int sourceShard = -1;
        Phase phase = Phase.CONNECTING;

        Link(String moveId, String source, String target, long sourceInc, ScriptedPeerSpec scripted) {
            this.moveId = moveId;
            this.source = source;
            this.target = target;
            this.sourceInc = sourceInc;
            this.scripted = scripted;
        }
    }

    private final EventQueue<Events> agenda;
    private final Map<String, String> addrToNode;
    private final long sendBufferBytes;
    private final Host host;
    /** Scripted peers by the address nodes dial ({@code host:port}); looked up, never iterated. */
    private final Map<String, ScriptedPeerSpec> scripted = new HashMap<>();
    /** By moveId, in the order the moves connected. */
    private final LinkedHashMap<String, Link> links = new LinkedHashMap<>();
    /** node → EINTRs still to inject into its next waits for an INGEST reply (scripted). */
    private final HashMap<String, Integer> eintrBudget = new HashMap<>();

    IngestLinks(EventQueue<Events> agenda, Map<String, String> addrToNode, long sendBufferBytes, Host host,
                List<ScriptedPeerSpec> scriptedPeers) {
        this.agenda = agenda;
        this.addrToNode = addrToNode;
        this.sendBufferBytes = sendBufferBytes;
        this.host = host;
        for (ScriptedPeerSpec sp : scriptedPeers) {
            scripted.put(sp.addr(), sp);
        }
    }

    /** A scripted EINTR step: {@code node}'s next {@code count} waits for an INGEST reply are interrupted. */
    void addEintr(String node, int count) {
        eintrBudget.merge(node, count, Integer::sum);
    }

    /** The source's {@code Connect} effect. */
    void connect(String source, Effect.Connect c) {
        long now = host.now();
        ScriptedPeerSpec sp = scripted.get(c.addr());
        String target = sp != null ? sp.id() : addrToNode.getOrDefault(c.addr(), c.targetId());
        Link ic = new Link(c.moveId(), source, target, host.inc(source), sp);
        links.put(c.moveId(), ic);
        if (sp == null && !host.hasNode(target)) {
            agenda.schedule(now, new Events.ConnectAnswered(c.moveId(), false, null));
            return;
        }
        Network.Fate fate = host.send(source, target, MessageClass.INGEST);
        if (!fate.lost()) {
            agenda.schedule(now + fate.delays()[0], new Events.ConnectArrives(c.moveId()));
        }
    }

    void connectArrives(String moveId) {
        Link ic = links.get(moveId);
        if (ic == null) {
            return;
        }
        if (ic.scripted != null) {
            scriptedConnect(ic);
            return;
        }
        boolean up = host.isUp(ic.target);
        if (up) {
            ic.targetInc = host.inc(ic.target);
        }
        Network.Fate fate = host.send(ic.target, ic.source, MessageClass.INGEST);
        if (!fate.lost()) {
            agenda.schedule(host.now() + fate.delays()[0],
                    new Events.ConnectAnswered(moveId, up, null));
        }
    }

    void connectAnswered(Events.ConnectAnswered a) {
        Link ic = links.get(a.moveId());
        if (ic == null || !sourceAlive(ic)) {
            return;
        }
        if (a.ok()) {
            ic.phase = Phase.CONNECTED;
        } else {
            ic.phase = Phase.DONE;
        }
        host.stepNode(ic.source, new Input.ConnectResult(host.now(), a.moveId(), a.ok(), a.error()));
    }

    /** The source's {@code SendIngest} effect: a request that fits the send buffer completes at once. */
    void sendIngest(String source, Effect.SendIngest s) {
        Link ic = links.get(s.moveId());
        if (ic == null) {
            return;
        }
        long now = host.now();
        ic.phase = Phase.SENDING;
        if (s.args().size() >= 2) {
            ic.sourceShard = host.shardOf(source, s.args().get(1));
        }
        long bytes = s.args().size() >= 3 ? s.args().get(2).length() : 0;
        Network.Fate fate = host.send(source, ic.target, MessageClass.INGEST);
        boolean fits = bytes <= sendBufferBytes;
        if (fits) {
            agenda.schedule(now, new Events.SendDone(s.moveId()));
        }
        if (!fate.lost()) {
            long at = now + fate.delays()[0];
            if (!fits) {
                agenda.schedule(at, new Events.SendDone(s.moveId()));
            }
            agenda.schedule(at, new Events.IngestArrives(s.moveId(), s.args()));
        }
    }

    void sendDone(String moveId) {
        Link ic = links.get(moveId);
        if (ic == null || !sourceAlive(ic) || ic.phase != Phase.SENDING) {
            return;
        }
        // A big request completes only if the target is still there to read it.
        ic.phase = Phase.AWAITING;
        host.stepNode(ic.source, new Input.SendComplete(host.now(), moveId));
        int budget = eintrBudget.getOrDefault(ic.source, 0);
        if (budget > 0 && ic.phase == Phase.AWAITING) {
            eintrBudget.put(ic.source, budget - 1);
            interrupt(ic);
        } else if (ic.phase == Phase.AWAITING && host.eintrPerMoveStrikes()) {
            interrupt(ic);
        }
    }

    void ingestArrives(Events.IngestArrives i) {
        Link scriptedLink = links.get(i.moveId());
        if (scriptedLink != null && scriptedLink.scripted != null) {
            // A scripted peer reads the request and answers only on its own schedule.
            long bytes = i.args().size() >= 3 ? i.args().get(2).length() : 0;
            host.traceScripted(scriptedLink.scripted.id(), "receive", i.moveId(), "command", i.args().get(0),
                    "prefix", i.args().size() >= 2 ? i.args().get(1) : "", "bulkBytes", bytes);
            return;
        }
        Link ic = links.get(i.moveId());
        if (ic == null || !host.isUp(ic.target) || host.inc(ic.target) != ic.targetInc) {
            return; // the target process that accepted the connection is gone
        }
        Input.ClientCommand cmd = new Input.ClientCommand(host.now(), CONN_PREFIX + i.moveId(), 0, i.args());
        long held = host.heldUntil(ic.target, cmd);
        if (held > host.now()) {
            // An earlier INGEST is still being applied on the shard this one needs: it is read when that ends.
            agenda.schedule(held, i);
            return;
        }
        host.stepNode(ic.target, cmd);
    }

    /**
     * The target replied on connection {@code ingest:<moveId>}: the reply travels back on the stream once the
     * target has spent {@code applyMs} applying the frames (its prefix shard busy meanwhile: the world holds
     * back the commands that need that shard).
     */
    void targetReplied(String node, String moveId, String wire, long applyMs) {
        if (applyMs > 0) {
            agenda.schedule(host.now() + applyMs, new Events.IngestApplied(moveId, node, host.inc(node), wire));
            return;
        }
        targetReplied(node, moveId, wire);
    }

    /** The apply time of {@code a} has passed: the reply leaves if the process that applied is still there. */
    void ingestApplied(Events.IngestApplied a) {
        if (host.isUp(a.node()) && host.inc(a.node()) == a.inc()) {
            targetReplied(a.node(), a.moveId(), a.wire());
        }
    }

    private void targetReplied(String node, String moveId, String wire) {
        Link ic = links.get(moveId);
        if (ic == null) {
            return;
        }
        // One TCP stream: never duplicated.
        Network.Fate fate = host.send(node, ic.source, MessageClass.INGEST_REPLY);
        if (!fate.lost()) {
            agenda.schedule(host.now() + fate.delays()[0], new Events.IngestReplyArrives(moveId, wire));
        }
    }

    void replyArrives(Events.IngestReplyArrives r) {
        Link ic = links.get(r.moveId());
        if (ic != null && sourceAlive(ic)) {
            ic.phase = Phase.DONE;
            host.stepNode(ic.source, new Input.PeerReply(host.now(), r.moveId(), r.wire()));
        }
    }

    void fails(Events.IngestFails f) {
        Link ic = links.get(f.moveId());
        if (ic != null && sourceAlive(ic) && ic.phase != Phase.DONE) {
            ic.phase = Phase.DONE;
            host.stepNode(ic.source, new Input.PeerError(host.now(), f.moveId(), f.reason()));
        }
    }

    /**
     * A client command on a connection of shard {@code connShard} reached {@code node}: each of its moves
     * waiting for the INGEST reply on that shard may be interrupted ({@code strikes} draws once per such move,
     * in connection order).
     */
    void clientCommandArrives(String node, int connShard, java.util.function.BooleanSupplier strikes) {
        for (Link ic : new ArrayList<>(links.values())) {
            // Only traffic on the waiting shard's own ring can interrupt its recv (kevy-source-facts §1, "Why
            // the read can see EINTR"); a connection on the key's shard (one-shard nodes) is not told apart.
            boolean onWaitingShard = connShard == Input.ClientCommand.KEY_SHARD || connShard == ic.sourceShard;
            if (ic.source.equals(node) && ic.phase == Phase.AWAITING && ic.sourceInc == host.inc(node)
                    && onWaitingShard && strikes.getAsBoolean()) {
                interrupt(ic);
            }
        }
    }

    /**
     * {@code id}'s process died: a source waiting on it as target sees the ship connection closed (if the
     * FIN gets through), and the connections it opened as source are gone.
     */
    void died(String id) {
        for (Link ic : links.values()) {
            if (ic.target.equals(id) && ic.phase != Phase.DONE && ic.phase != Phase.CONNECTING
                    && ic.targetInc != -1) {
                Network.Fate fate = host.send(id, ic.source, MessageClass.INGEST_REPLY);
                if (!fate.lost()) {
                    agenda.schedule(host.now() + fate.delays()[0],
                            new Events.IngestFails(ic.moveId, ic.phase == Phase.SENDING
                            // the send was still going: write_all into a closed socket (scope_move.rs:209)
                            ? ShipFailure.WRITE_BROKEN_PIPE
                            // the one read sees EOF (scope_move.rs:215-221)
                            : ShipFailure.CONNECTION_CLOSED));
                }
            }
        }
        links.values().removeIf(ic -> ic.source.equals(id));
    }

    /** The connection reached a scripted peer: refused, or accepted with its answer scheduled. */
    private void scriptedConnect(Link ic) {
        ScriptedPeerSpec sp = ic.scripted;
        host.traceScripted(sp.id(), sp.accept() ? "accept" : "refuse", ic.moveId);
        Network.Fate fate = host.send(sp.id(), ic.source, MessageClass.INGEST);
        if (fate.lost()) {
            return;
        }
        agenda.schedule(host.now() + fate.delays()[0], new Events.ConnectAnswered(ic.moveId, sp.accept(), null));
        if (sp.accept()) {
            ic.targetInc = 0;
            agenda.schedule(host.now() + sp.replyAfterMs(), new Events.ScriptedPeerAnswers(ic.moveId));
        }
    }

    /** A scripted peer's {@code replyAfterMs} passed: it writes its reply (if any) and closes the connection. */
    void scriptedPeerAnswers(String moveId) {
        Link ic = links.get(moveId);
        if (ic == null || ic.scripted == null) {
            return;
        }
        ScriptedPeerSpec sp = ic.scripted;
        Network.Fate fate = host.send(sp.id(), ic.source, MessageClass.INGEST_REPLY);
        if (sp.reply().isPresent()) {
            host.traceScripted(sp.id(), "reply", moveId, "bytes", sp.reply().get());
            if (!fate.lost()) {
                agenda.schedule(host.now() + fate.delays()[0], new Events.ScriptedReplyArrives(moveId, sp.reply().get()));
            }
        } else {
            host.traceScripted(sp.id(), "close", moveId);
            if (!fate.lost()) {
                agenda.schedule(host.now() + fate.delays()[0], new Events.IngestFails(moveId,
                        ic.phase == Phase.SENDING ? ShipFailure.WRITE_BROKEN_PIPE : ShipFailure.CONNECTION_CLOSED));
            }
        }
    }

    /** A scripted peer's raw bytes reach the source: its one read of the reply ({@code raw}, one char per byte). */
    void scriptedReplyArrives(Events.ScriptedReplyArrives r) {
        Link ic = links.get(r.moveId());
        if (ic != null && sourceAlive(ic) && ic.phase != Phase.DONE) {
            ic.phase = Phase.DONE;
            host.stepNode(ic.source, new Input.PeerReply(host.now(), r.moveId(), r.bytes(), true));
        }
    }

    private boolean sourceAlive(Link ic) {
        return host.inc(ic.source) == ic.sourceInc && host.isUp(ic.source);
    }

    private void interrupt(Link ic) {
        // The Abort the model traces carries the reason "read: Interrupted system call (os error 4)".
        host.count("eintr");
        ic.phase = Phase.DONE;
        host.stepNode(ic.source, new Input.PeerError(host.now(), ic.moveId, ShipFailure.INTERRUPTED));
    }
}
