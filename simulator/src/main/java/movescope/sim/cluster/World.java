package movescope.sim.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import movescope.gen.Rng;
import movescope.sim.client.ClientErrors;
import movescope.model.protocol.Effect;
import movescope.model.protocol.Input;
import movescope.model.protocol.KevyNode;
import movescope.model.protocol.NodeConfig;
import movescope.model.protocol.VolatileState;
import movescope.model.scope.Scope;
import movescope.model.store.Store;
import movescope.model.store.Value;
import movescope.sim.check.Checker;
import movescope.sim.check.EndOfRun;
import movescope.sim.check.History;
import movescope.sim.check.RouteCache;
import movescope.sim.check.MoveEnds;
import movescope.sim.check.Shipments;
import movescope.sim.check.Topology;
import movescope.sim.check.Violation;
import movescope.sim.check.WorldView;
import movescope.sim.Options;
import movescope.sim.engine.EventQueue;
import movescope.sim.engine.Verdict;
import movescope.sim.fault.Chaos;
import movescope.sim.fault.FaultEvent;
import movescope.sim.net.NetRule;
import movescope.sim.net.Network;
import movescope.sim.operator.ConfigPush;
import movescope.sim.operator.Operator;
import movescope.sim.report.HistoryFinding;
import movescope.sim.report.Judgement;
import movescope.sim.report.RunResult;
import movescope.sim.report.StepOutcomes;
import movescope.sim.report.StepResult;
import movescope.sim.scenario.Commands;
import movescope.sim.scenario.DataSpec;
import movescope.sim.scenario.Expectations;
import movescope.sim.scenario.HeartbeatPolicy;
import movescope.sim.scenario.MessageClass;
import movescope.sim.scenario.NodeSpec;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.Step;
import movescope.sim.trace.Fields;
import movescope.sim.trace.TraceLog;

/**
 * The simulated world of one run and the coordinator of its parts: it owns virtual time, the agenda and
 * the nodes (model {@code KevyNode}s) — running each input through a node and performing the effects —
 * and hands every other concern to one class each: {@link Clients} (scripted and workload clients),
 * {@link IngestLinks} (MOVE-SCOPE's ship connections), {@link Heartbeats} (who hears whom, DOWN watches),
 * {@link TraceFeed} (model trace → history, checker, baits), {@link movescope.sim.fault.Chaos} (random
 * faults), {@link movescope.sim.operator.Operator} (operator requests), and at the end
 * {@link movescope.sim.check.EndOfRun}, {@link movescope.sim.report.StepOutcomes} and
 * {@link movescope.sim.report.Judgement}. Single-threaded and deterministic:
 * every random choice comes from a stream forked from the run's seed per component ({@code network},
 * {@code chaos}, {@code workload/<client>}, {@code node/<id>}), every collection that is iterated is
 * ordered, and time is the agenda's. The same scenario and seed give the same trace, byte for byte.
 *
 * <p>Modelling choices that are not kevy's own (documented in docs/scenario-format.md): heartbeats are
 * delivered at the tick (their latency is irrelevant next to the 5 s DOWN threshold) and, with policy
 * {@code fallbacks}, only to the nodes whose acceptance depends on them; ingest-connection messages are
 * never duplicated (one TCP stream); MOVE-SCOPE's serialization time ({@code serializeFrameCostUs} per frame)
 * delays the source's connect, during which its shard stays busy.
 */
public final class World implements WorldView {
    static final long HEARTBEAT_EVERY_MS = Heartbeats.EVERY_MS;
    static final String OPERATOR = Operator.NAME;
    static final String INGEST_CONN = IngestLinks.CONN_PREFIX;
    static final String LOADER_CONN = "loader";
    /** The model's timer id of the seed layout's commit window: {@code <shipId>/commit}. */
    static final String COMMIT_TIMER_SUFFIX = "/commit";

    // ---------------------------------------------------------------- configuration
    private final Scenario sc;
    private final long seed;
    private final boolean traceHeartbeats;

    // ---------------------------------------------------------------- engine
    private final EventQueue<Events> agenda = new EventQueue<>();
    private long now;
    private long events;
    private boolean outOfEvents;
    private Violation violation;

    // ---------------------------------------------------------------- components
    private final Chaos chaos;
    private final Network net;
    private final TraceLog trace;
    private final LinkedHashMap<String, KevyNode> nodes = new LinkedHashMap<>();
    private final List<KevyNode> nodeList = new ArrayList<>();
    private final List<String> nodeIds = new ArrayList<>();
    private final HashMap<String, Long> incarnation = new HashMap<>();
    private final HashMap<String, String> addrToNode = new HashMap<>();
    private final HashMap<String, String> nodeAddr = new HashMap<>();
    private final TreeSet<String> probe;
    private final History history;
    private final Shipments shipments = new Shipments();
    private final MoveEnds moveEnds = new MoveEnds();
    private final Topology topology;
    /** Incremental routes of the probe keys; null on the reference path (Options.Checks.REFERENCE). */
    private final RouteCache routes;
    /** Options.Checks.AUDITED: every probe key's cached routes are audited after every event. */
    private final boolean auditRoutes;
    private final HashMap<String, Integer> nodeIndex = new HashMap<>();
    private final Checker checker;
    /** Model trace → run trace, history, checker, baits. */
    private final TraceFeed feed;
    private final HashMap<String, HashMap<String, Long>> timers = new HashMap<>();
    private long timerTokens;
    private final HashMap<String, Optional<List<Store>>> recoverableCache = new HashMap<>();
    /** Per node (by index): the number of the last input it processed, numbered across the run ({@link #storeVersion}). */
    private long[] storeVersions;
    private long inputsProcessed;

    // ship connections of MOVE-SCOPE, by moveId
    private final IngestLinks ingest;
    private final RawClients rawClients;

    // clients: scripted and workload
    private final Clients clients;

    // operator requests: conn → what waits for the reply
    private final Operator operator = new Operator();

    // replies to the scenario's client and operator steps
    private final StepOutcomes stepOutcomes = new StepOutcomes();

    // heartbeats: who hears whom, and the DOWN watches
    private final Heartbeats heartbeats;

    // materialized steps (for the shrinker)
    private final List<Step> materialized = new ArrayList<>();

    // counts
    private final TreeMap<String, Long> counts = new TreeMap<>();

    public World(Scenario scenario, long seed, boolean traceHeartbeats, TraceLog trace) {
        this(scenario, seed, traceHeartbeats, Options.Checks.INCREMENTAL, trace);
    }

    /** @param checks whether invariant checks use the incremental {@link RouteCache} (see {@link Options.Checks}) */
    public World(Scenario scenario, long seed, boolean traceHeartbeats, Options.Checks checks, TraceLog trace) {
        this.sc = scenario;
        this.seed = seed;
        this.traceHeartbeats = traceHeartbeats;
        this.trace = trace;
        Rng root = Rng.of(seed);
        this.net = new Network(scenario.network(), root.fork("network"));
        for (NodeSpec spec : scenario.cluster().nodes()) {
            NodeConfig cfg = scenario.cluster().configOf(spec.id());
            KevyNode n = new KevyNode(spec.id(), cfg, scenario.variant());
            nodes.put(spec.id(), n);
            nodeIndex.put(spec.id(), nodeList.size());
            nodeList.add(n);
            nodeIds.add(spec.id());
            incarnation.put(spec.id(), 0L);
            addrToNode.put(spec.clientAddr(), spec.id());
            nodeAddr.put(spec.id(), spec.clientAddr());
            timers.put(spec.id(), new HashMap<>());
        }
        this.storeVersions = new long[nodeList.size()];
        this.probe = scenario.probeKeys();
        this.history = new History(probe, checks != Options.Checks.REFERENCE, checks == Options.Checks.AUDITED);
        this.topology = new Topology(nodeList, checks != Options.Checks.REFERENCE, checks == Options.Checks.AUDITED);
        this.heartbeats = new Heartbeats(scenario.cluster().heartbeats(), nodes, nodeList, nodeIds, probe,
                checks != Options.Checks.REFERENCE, checks == Options.Checks.AUDITED);
        this.auditRoutes = checks == Options.Checks.AUDITED;
        if (checks == Options.Checks.REFERENCE) {
            this.routes = null;
        } else {
            HashMap<String, Integer> addrIndex = new HashMap<>();
            addrToNode.forEach((addr, id) -> addrIndex.put(addr, nodeIndex.get(id)));
            this.routes = new RouteCache(nodeList, addrIndex, probe, checks == Options.Checks.AUDITED);
        }
        TreeSet<String> enabled = new TreeSet<>(scenario.expect().hold());
        scenario.expect().violation().ifPresent(enabled::add);
        this.checker = new Checker(Checker.standard(enabled));
        this.feed = new TraceFeed(this, new FeedHost(), trace, traceHeartbeats, checker, history, shipments, moveEnds,
                topology, heartbeats, arrivedWrites, probe, nodeIds);
        ClientHost clientHost = new ClientHost();
        this.clients = new Clients(scenario, root, addrToNode, agenda, clientHost);
        this.rawClients = new RawClients(scenario, agenda, clientHost);
        this.ingest = new IngestLinks(agenda, addrToNode, scenario.cluster().sendBufferBytes(), new LinkHost(),
                scenario.cluster().scriptedPeers());
        this.chaos = new Chaos(scenario, root.fork("chaos"), net, trace, nodeIds, new ChaosHost());
        this.connShardRng = root.fork("connShard");
        // Boot problems at time 0 (a per-node table that does not build) are part of the story.
        for (KevyNode n : nodeList) {
            n.bootError().ifPresent(err -> trace.add(0, "Restart", Fields.of("node", n.name(), "ok", false, "error", err)));
        }
        setUp(root);
    }

    private void count(String name) {
        counts.merge(name, 1L, Long::sum);
    }

    private void count(String name, long n) {
        counts.merge(name, n, Long::sum);
    }

    // =================================================================================== set-up

    private void setUp(Rng root) {
        // The election plane's first 200 ms wait, from the boot at construction (nothing without the plane).
        for (String id : nodeIds) {
            execute(id, nodes.get(id).startEffects(), false);
        }
        preload();
        if (sc.cluster().warm()) {
            for (String p : nodeIds) {
                heartbeats.ticked(p, 0L);
                for (String r : heartbeats.receiversOf(p)) {
                    deliverHeartbeat(r, p);
                }
            }
        }
        for (String p : nodeIds) {
            long phase = 1 + root.fork("node/" + p).nextLong(HEARTBEAT_EVERY_MS);
            agenda.schedule(phase, new Events.HeartbeatTick(p));
        }
        for (int i = 0; i < sc.steps().size(); i++) {
            agenda.schedule(sc.steps().get(i).at(), new Events.StepDue(i));
        }
        clients.start();
        rawClients.start();
        chaos.start();
        OptionalLong deadline = sc.expect().migrationsEndBy();
        if (deadline.isEmpty() && sc.chaos().isPresent()) {
            deadline = OptionalLong.of(sc.chaos().get().migrationsEndBy());
        }
        if (deadline.isPresent() && deadline.getAsLong() <= sc.endMs()) {
            agenda.schedule(deadline.getAsLong(), new Events.LivenessDeadline());
        }
    }

    private void preload() {
        for (DataSpec d : sc.data()) {
            KevyNode n = nodes.get(d.node());
            long refused = 0;
            for (int i = 0; i < d.keys(); i++) {
                changed(d.node());
                stepped(d.node());
                List<Effect> effs = n.step(new Input.ClientCommand(0, LOADER_CONN, i,
                        List.of("SET", d.key(i), d.value(i))));
                for (Effect e : effs) {
                    if (e instanceof Effect.Reply r && r.wire().startsWith("-")) {
                        refused++;
                    }
                }
            }
            // Not traced: preloading is set-up, not an action of docs/vocabulary.md; counted instead.
            count("preloadedKeys", d.keys() - refused);
            count("preloadRefused", refused);
        }
    }

    // =================================================================================== main loop

    /** Runs to the end (or the first violation / the event bound) and returns the result. */
    public RunResult run() {
        long maxEvents = sc.maxEvents();
        // The initial state is a state like any other: a config that redirects into a cycle, names a
        // writer that is no node, or gives a key two writers is a violation at 0 ms, before any event.
        checker.routingChanged(probe);
        checker.storeChanged(probe);
        checker.check(this).ifPresent(f -> violate(f.invariant(), f.key(), "", f.message()));
        while (!agenda.isEmpty() && violation == null) {
            long t = agenda.peekTime();
            if (t > sc.endMs()) {
                break;
            }
            if (events >= maxEvents) {
                outOfEvents = true;
                break;
            }
            Events e = agenda.poll();
            now = t;
            events++;
            handle(e);
            if (auditRoutes) {
                // Reads every column; the cache audits each read against routing every node from scratch.
                for (String k : probe) {
                    routes.routes(k, now);
                }
            }
            if (violation == null && checker.hasDirty()) {
                checker.check(this).ifPresent(f -> violate(f.invariant(), f.key(), "", f.message()));
            }
        }
        if (violation == null && !outOfEvents) {
            now = sc.endMs();
        }
        // The trace's last line says why the run ended, so a validator can tell a trace cut short by a
        // violation (a seed-layout commit window may be left open) from one whose last lines were removed.
        trace.add(now, "RunEnd", Fields.of("reason", violation != null ? "violation" : outOfEvents ? "maxEvents" : "endMs",
                "commitWindowMs", sc.cluster().commitWindowMs()));
        return finish();
    }

    private void violate(String invariant, String key, String node, String message) {
        if (violation != null) {
            return;
        }
        violation = new Violation(invariant, key, node, message, now, events, trace.excerpt());
    }

    private void handle(Events e) {
        if (e instanceof Events.HeartbeatTick h) {
            heartbeatTick(h.node());
        } else if (e instanceof Events.ElectArrives a) {
            electArrives(a);
        } else if (e instanceof Events.RequestArrives r) {
            requestArrives(r);
        } else if (e instanceof Events.ReplyArrives r) {
            replyArrives(r);
        } else if (e instanceof Events.TimerDue t) {
            timerDue(t);
        } else if (e instanceof Events.StepDue s) {
            stepDue(s.index());
        } else if (e instanceof Events.WorkloadNext w) {
            clients.workloadNext(w.client());
        } else if (e instanceof Events.ClientWake w) {
            clients.wake(w);
        } else if (e instanceof Events.ClientTimeout t) {
            clients.timeout(t);
        } else if (e instanceof Events.ConnectArrives c) {
            ingest.connectArrives(c.moveId());
        } else if (e instanceof Events.ConnectAnswered c) {
            ingest.connectAnswered(c);
        } else if (e instanceof Events.SendDone s) {
            ingest.sendDone(s.moveId());
        } else if (e instanceof Events.IngestArrives i) {
            ingest.ingestArrives(i);
        } else if (e instanceof Events.IngestReplyArrives r) {
            ingest.replyArrives(r);
        } else if (e instanceof Events.IngestFails f) {
            ingest.fails(f);
        } else if (e instanceof Events.IngestApplied a) {
            ingest.ingestApplied(a);
        } else if (e instanceof Events.RawSend rs) {
            rawClients.send(rs.client());
        } else if (e instanceof Events.RawTimeout rt) {
            rawClients.timeout(rt);
        } else if (e instanceof Events.ScriptedPeerAnswers a) {
            ingest.scriptedPeerAnswers(a.moveId());
        } else if (e instanceof Events.ScriptedReplyArrives r) {
            ingest.scriptedReplyArrives(r);
        } else if (e instanceof Events.Deferred d) {
            if (inc(d.node()) == d.inc() && nodes.get(d.node()).isUp()) {
                execute(d.node(), d.effects(), false);
            }
        } else if (e instanceof Events.DownWatch d) {
            downWatch(d.r(), d.p());
        } else if (e instanceof Events.Fault f) {
            chaos.handle(f.event());
        } else if (e instanceof Events.LivenessDeadline) {
            livenessDeadline();
        } else {
            throw new IllegalStateException("unhandled event " + e);
        }
    }

    // =================================================================================== nodes

    private long inc(String node) {
        return incarnation.get(node);
    }

    /** Node {@code id} is about to process an input: its cached routes must be recomputed. */
    private void changed(String id) {
        if (routes != null) {
            routes.nodeChanged(nodeIndex.get(id));
        }
    }

    /**
     * Inputs that cannot change a node's routes, so its cached routes stay: a data command (a read or a
     * write of the model's command tables) only reads the routing state and changes stores and the log —
     * executed at once, or queued behind a busy shard and executed by a later input, which is not neutral.
     * MOVE-SCOPE, MOVE-SCOPE-INGEST, unknown commands and every other input count as changes. This is
     * knowledge of the model's {@code KevyNode.step}; RouteCacheTest checks it against the reference path.
     */
    private static boolean routingNeutral(Input input) {
        return input instanceof Input.ClientCommand c && (movescope.model.routing.Commands.isRead(c.args())
                || movescope.model.routing.Commands.isWrite(c.args()));
    }

    /**
     * Node {@code r} is about to process a heartbeat from {@code p}, which sets r's last-heard time of p
     * to the later of the two. When r has heard p and does not see it DOWN now, that changes no route now
     * and only moves the moment p turns DOWN later (a cached expiry becomes early, which is safe). Any
     * other case — p DOWN now, p never heard (its view stops being a constant and starts to lapse), r down
     * — counts as a change (see {@link RouteCache}). "Heard and not DOWN" is "not DOWN now but DOWN after
     * the threshold", read through r's own {@code isDown}.
     */
    private void heartbeatWillReach(String r, String p) {
        if (routes != null) {
            KevyNode n = nodes.get(r);
            boolean heardAndUp = n.isUp() && !n.isDown(p, now) && n.isDown(p, now + KevyNode.DOWN_AFTER_MS + 1);
            if (!heardAndUp) {
                routes.nodeChanged(nodeIndex.get(r));
            }
        }
    }

    /** Node {@code id} is about to process an input: its store may change ({@link #storeVersion}). */
    private void stepped(String id) {
        storeVersions[nodeIndex.get(id)] = ++inputsProcessed;
    }

    private void stepNode(String id, Input input) {
        KevyNode n = nodes.get(id);
        if (!routingNeutral(input)) {
            changed(id);
        }
        stepped(id);
        List<Effect> effs = n.step(input);
        count("nodeSteps");
        recoverableCache.remove(id);
        execute(id, effs, true);
    }

    /** Performs a step's effects in order; after a {@code Start}, connect and timers wait for serialization. */
    private void execute(String id, List<Effect> effs, boolean mayDefer) {
        List<Effect> deferred = null;
        long deferMs = 0;
        for (Effect e : effs) {
            if (e instanceof Effect.Trace t) {
                feed.onTrace(id, t);
                if (t.action().equals("Ingest") || t.action().equals("IngestRefused")) {
                    noteApply(id, t);
                }
                if (mayDefer && t.action().equals("Start")) {
                    Object frames = t.fields().get("frames");
                    long f = frames instanceof Number num ? num.longValue() : 0;
                    deferMs = (f * sc.cluster().serializeFrameCostUs() + 999) / 1000;
                    if (deferMs > 0) {
                        deferred = new ArrayList<>();
                    }
                }
            } else if (deferred != null && (e instanceof Effect.Connect || e instanceof Effect.SetTimer)) {
                deferred.add(e);
            } else if (e instanceof Effect.Reply r) {
                routeReply(id, r);
            } else if (e instanceof Effect.Connect c) {
                ingest.connect(id, c);
            } else if (e instanceof Effect.SendIngest s) {
                ingest.sendIngest(id, s);
            } else if (e instanceof Effect.ElectSend s) {
                electSend(id, s);
            } else if (e instanceof Effect.SetTimer t) {
                long token = ++timerTokens;
                timers.get(id).put(t.timerId(), token);
                // The seed layout's commit window (SetTimer(<moveId>/commit, 0)) lasts commitWindowMs.
                long delay = t.timerId().endsWith(COMMIT_TIMER_SUFFIX) && t.delayMs() == 0
                        ? sc.cluster().commitWindowMs() : t.delayMs();
                agenda.schedule(now + delay, new Events.TimerDue(id, t.timerId(), token));
            } else if (e instanceof Effect.CancelTimer t) {
                timers.get(id).remove(t.timerId());
            } else {
                throw new IllegalStateException("unhandled effect " + e);
            }
        }
        if (deferred != null && !deferred.isEmpty()) {
            agenda.schedule(now + deferMs, new Events.Deferred(id, inc(id), List.copyOf(deferred)));
        }
    }

    private void timerDue(Events.TimerDue t) {
        Long token = timers.get(t.node()).get(t.timerId());
        if (token != null && token == t.token()) {
            timers.get(t.node()).remove(t.timerId());
            stepNode(t.node(), new Input.TimerFired(now, t.timerId()));
        }
    }

    /** What the trace feed reports back: counts and the first violation. */
    private final class FeedHost implements TraceFeed.Host {
        @Override
        public void count(String name) {
            World.this.count(name);
        }

        @Override
        public void violate(String invariant, String key, String node, String message) {
            World.this.violate(invariant, key, node, message);
        }
    }

    private void crash(String id) {
        KevyNode n = nodes.get(id);
        if (!n.isUp()) {
            return;
        }
        stepNode(id, new Input.Crash());
        afterDeath(id);
    }

    /** Bookkeeping of a dead process: its timers, connections and waiting peers. */
    private void afterDeath(String id) {
        incarnation.merge(id, 1L, Long::sum);
        timers.get(id).clear();
        String addr = nodeAddr.get(id);
        // Clients and operator requests waiting on this node see their connection closed.
        clients.connectionClosedBy(id, addr);
        for (String conn : operator.unansweredOn(id)) {
            sendReply(id, OPERATOR, conn, 1, ClientErrors.render(ClientErrors.SERVER_CLOSED), MessageClass.REPLY);
        }
        ingest.died(id);
    }

    private void restart(String id) {
        KevyNode n = nodes.get(id);
        if (n.isUp()) {
            crash(id);
        }
        incarnation.merge(id, 1L, Long::sum);
        stepNode(id, new Input.Restart(now));
        heartbeats.restarted(id);
    }

    // =================================================================================== network plumbing

    private void traceFate(Network.Fate fate, String from, String to, MessageClass cls) {
        if (cls == MessageClass.HEARTBEAT && !traceHeartbeats) {
            return;
        }
        if (fate.lost()) {
            count("dropped");
            trace.add(now, "Drop", Fields.of("from", from, "to", to, "messages", cls.wireName(), "reason", fate.dropReason()));
        } else {
            if (fate.duplicated()) {
                trace.add(now, "Duplicate", Fields.of("from", from, "to", to, "messages", cls.wireName()));
            }
            if (fate.extraDelayMs() > 0) {
                trace.add(now, "Delay", Fields.of("from", from, "to", to, "messages", cls.wireName(),
                        "delayMs", fate.extraDelayMs()));
            }
        }
    }

    /** Write requests that reached a node and wait to be executed, to tie its ClientWrite trace to values. */
    private final ArrivedWrites arrivedWrites = new ArrivedWrites();

    /** A request from a client or the operator to {@code node}. */
    private void sendRequest(String from, String node, String conn, long reqId, List<String> args) {
        Network.Fate fate = net.send(now, from, node, MessageClass.REQUEST);
        traceFate(fate, from, node, MessageClass.REQUEST);
        for (long d : fate.delays()) {
            agenda.schedule(now + d, new Events.RequestArrives(from, node, conn, reqId, args));
        }
    }

    private void requestArrives(Events.RequestArrives r) {
        KevyNode n = nodes.get(r.node());
        if (!n.isUp()) {
            sendReply(r.node(), r.from(), r.conn(), r.reqId(), ClientErrors.render(ClientErrors.CONNECTION_REFUSED),
                    MessageClass.REPLY);
            return;
        }
        int connShard = connShard(r);
        long heldUntil = appliedUntil(r.node(), n.waitsOn(new Input.ClientCommand(now, r.conn(), r.reqId(), r.args(), connShard)));
        if (heldUntil > now) {
            // A shard it needs is applying an INGEST (ingestFrameCostUs per frame): it is read when that ends.
            agenda.schedule(heldUntil, r);
            return;
        }
        count("requests");
        // The spurious EINTR: a client command arriving while this node's MOVE-SCOPE waits for the
        // INGEST reply may interrupt that read — if its connection is on the shard that waits.
        if (chaos.eintrPossible()) {
            ingest.clientCommandArrives(r.node(), connShard, chaos::eintrStrikes);
        }
        if (sc.cluster().heartbeats() == HeartbeatPolicy.FALLBACKS && r.args().size() >= 2) {
            refreshView(r.node(), r.args().get(1));
        }
        if (movescope.model.routing.Commands.isWrite(r.args())) {
            arrivedWrites.arrived(r.node(), r.conn(), r.reqId(), r.args());
        }
        stepNode(r.node(), new Input.ClientCommand(now, r.conn(), r.reqId(), r.args(), connShard));
    }

    /** Apply time of the INGEST whose trace was just seen, for the reply that follows it in the same step. */
    private long pendingApplyMs;
    /** (node, incarnation, shard) → the virtual time its INGEST apply ends; looked up, never iterated. */
    private final HashMap<String, Long> applyEnds = new HashMap<>();

    /**
     * An {@code Ingest}/{@code IngestRefused} trace on {@code node}: its frames take {@code applied x
     * ingestFrameCostUs} to apply, during which its prefix shard is busy and the reply waits.
     */
    private void noteApply(String node, Effect.Trace t) {
        Object applied = t.fields().get("applied");
        Object shard = t.fields().get("shard");
        long frames = applied instanceof Number a ? a.longValue() : 0;
        long ms = (frames * sc.cluster().ingestFrameCostUs() + 999) / 1000;
        pendingApplyMs = ms;
        if (ms > 0 && shard instanceof Number sh) {
            String k = node + '\u0000' + inc(node) + '\u0000' + sh.intValue();
            applyEnds.merge(k, now + ms, Math::max);
        }
    }

    /** The latest end of an INGEST apply on {@code node}'s {@code shards}, or 0. */
    private long appliedUntil(String node, java.util.SortedSet<Integer> shards) {
        if (applyEnds.isEmpty()) {
            return 0;
        }
        long until = 0;
        for (int sh : shards) {
            Long end = applyEnds.get(node + '\u0000' + inc(node) + '\u0000' + sh);
            if (end != null) {
                until = Math.max(until, end);
            }
        }
        return until;
    }

    /** (node, incarnation, connection) → the shard that owns the connection; looked up, never iterated. */
    private final HashMap<String, Integer> connShards = new HashMap<>();
    /** Draws the shard of each new connection to a multi-shard node (the kernel's SO_REUSEPORT pick). */
    private Rng connShardRng;

    /**
     * The shard that owns the connection {@code r} came on (kevy-source-facts §3): fixed at the connection's
     * first command to this process — {@code cluster.connShards[<client or "operator">]} when the scenario pins it, else drawn
     * uniformly from the node's accepting shards ({@code acceptShards}, default all) with the run's seed. A
     * one-shard node has nothing to choose: {@link Input.ClientCommand#KEY_SHARD}, so one-shard runs draw nothing.
     */
    private int connShard(Events.RequestArrives r) {
        KevyNode n = nodes.get(r.node());
        int shards = n.config().shards();
        if (shards == 1) {
            return Input.ClientCommand.KEY_SHARD;
        }
        String k = r.node() + '\u0000' + inc(r.node()) + '\u0000' + r.conn();
        Integer s = connShards.get(k);
        if (s == null) {
            Integer pinned = sc.cluster().connShards().get(r.from());
            if (pinned != null) {
                s = pinned % shards;
            } else {
                int accepting = Math.min(shards, sc.cluster().node(r.node()).orElseThrow().acceptShards().orElse(shards));
                s = connShardRng.uniformInt(0, accepting - 1);
            }
            connShards.put(k, s);
        }
        return s;
    }

    /**
     * Heartbeat policy {@code fallbacks}: node {@code id} does not receive its writers' heartbeats unless it
     * is their fallback. Just before it routes {@code key}, give it the last heartbeat it would have had
     * from the key's writer — if the writer is up and the link is not cut — so its DOWN view, and thus its
     * redirect target, is what it would be with every heartbeat delivered.
     */
    private void refreshView(String id, String key) {
        KevyNode n = nodes.get(id);
        Optional<VolatileState> v = n.volatileState();
        if (v.isEmpty()) {
            return;
        }
        Optional<Scope> s = v.get().table().lookup(key);
        if (s.isEmpty() || s.get().fallback().isEmpty()) {
            return;
        }
        String p = s.get().writer();
        if (n.config().electionPlane()) {
            return; // its DOWN view is kevy-elect's heartbeats, delivered as messages
        }
        Long tick = heartbeats.lastTick(p);
        if (p.equals(id) || tick == null || !nodes.containsKey(p) || !nodes.get(p).isUp()
                || heartbeats.hears(p, id) || net.isCut(p, id)) {
            return;
        }
        count("heartbeatsRefreshed");
        heartbeatWillReach(id, p);
        stepped(id);
        List<Effect> effs = n.step(new Input.HeartbeatFrom(tick, p));
        if (traceHeartbeats) {
            execute(id, effs, false);
        }
    }

    private void sendReply(String node, String to, String conn, long reqId, String wire, MessageClass cls) {
        Network.Fate fate = net.send(now, node, to, cls);
        traceFate(fate, node, to, cls);
        for (long d : fate.delays()) {
            agenda.schedule(now + d, new Events.ReplyArrives(node, to, conn, reqId, wire));
        }
    }

    private void routeReply(String node, Effect.Reply r) {
        String conn = r.conn();
        if (conn.startsWith(INGEST_CONN)) {
            long applyMs = pendingApplyMs;
            pendingApplyMs = 0;
            ingest.targetReplied(node, conn.substring(INGEST_CONN.length()), r.wire(), applyMs);
        } else if (conn.equals(LOADER_CONN)) {
            return;
        } else if (operator.owns(conn)) {
            sendReply(node, OPERATOR, conn, r.reqId(), r.wire(), MessageClass.REPLY);
        } else {
            int at = conn.indexOf('@');
            String client = at < 0 ? conn : conn.substring(0, at);
            sendReply(node, client, conn, r.reqId(), r.wire(), MessageClass.REPLY);
        }
    }

    private void replyArrives(Events.ReplyArrives r) {
        if (r.to().equals(OPERATOR)) {
            Operator.Request w = operator.answered(r.conn(), r.wire(), now);
            if (w == null) {
                return;
            }
            ack(r.conn(), r.reqId(), r.wire());
            if (w.stepIndex() >= 0) {
                stepOutcomes.replied(w.stepIndex(), r.wire(), now);
            }
            if (w.movePrefix() != null) {
                chaos.moveAnswered(w.reply(), w.movePrefix(), w.moveTo());
            }
            return;
        }
        if (rawClients.owns(r.to())) {
            rawClients.replyArrives(r);
            return;
        }
        clients.replyArrives(r);
    }

    private void ack(String conn, long reqId, String wire) {
        if (!wire.startsWith("-") && !ClientErrors.isIoError(wire)) {
            List<String> keys = history.acked(conn, reqId, now);
            if (!keys.isEmpty()) {
                checker.storeChanged(keys);
            }
        } else {
            history.forget(conn, reqId);
        }
    }

    /** What the ship connections may do to the world. */
    private final class LinkHost implements IngestLinks.Host {
        @Override
        public long now() {
            return now;
        }

        @Override
        public long inc(String node) {
            return World.this.inc(node);
        }

        @Override
        public boolean isUp(String node) {
            return nodes.get(node).isUp();
        }

        @Override
        public boolean hasNode(String node) {
            return nodes.containsKey(node);
        }

        @Override
        public void stepNode(String node, Input input) {
            World.this.stepNode(node, input);
        }

        @Override
        public Network.Fate send(String from, String to, MessageClass cls) {
            Network.Fate fate = net.send(now, from, to, cls);
            traceFate(fate, from, to, cls);
            return fate;
        }

        @Override
        public void count(String name) {
            World.this.count(name);
        }

        @Override
        public long heldUntil(String node, Input.ClientCommand c) {
            return appliedUntil(node, nodes.get(node).waitsOn(c));
        }

        @Override
        public boolean eintrPerMoveStrikes() {
            return chaos.eintrPerMoveStrikes();
        }

        @Override
        public int shardOf(String node, String key) {
            return nodes.get(node).config().shardOf(key);
        }

        @Override
        public void traceScripted(String peer, String event, String moveId, Object... more) {
            Object[] kv = new Object[6 + more.length];
            kv[0] = "peer";
            kv[1] = peer;
            kv[2] = "event";
            kv[3] = event;
            kv[4] = "moveId";
            kv[5] = moveId;
            System.arraycopy(more, 0, kv, 6, more.length);
            trace.add(now, "ScriptedPeer", Fields.of(kv));
        }
    }

    // =================================================================================== heartbeats

    private void heartbeatTick(String p) {
        agenda.schedule(now + HEARTBEAT_EVERY_MS, new Events.HeartbeatTick(p));
        if (!nodes.get(p).isUp()) {
            return;
        }
        heartbeats.ticked(p, now);
        for (String r : heartbeats.receiversOf(p)) {
            if (!nodes.get(r).isUp()) {
                continue;
            }
            Network.Fate fate = net.send(now, p, r, MessageClass.HEARTBEAT);
            if (fate.lost()) {
                traceFate(fate, p, r, MessageClass.HEARTBEAT);
                continue;
            }
            deliverHeartbeat(r, p);
        }
    }

    private void deliverHeartbeat(String r, String p) {
        KevyNode n = nodes.get(r);
        List<String> watched = heartbeats.watchedKeys(r, p);
        boolean wasDown = !watched.isEmpty() && n.isDown(p, now);
        count("heartbeatsDelivered");
        heartbeatWillReach(r, p);
        stepped(r);
        List<Effect> effs = n.step(new Input.HeartbeatFrom(now, p));
        recoverableCache.remove(r);
        if (traceHeartbeats) {
            execute(r, effs, false);
        }
        if (!watched.isEmpty()) {
            if (wasDown) {
                feed.bumpEpoch(r);
                checker.routingChanged(watched);
            }
            if (heartbeats.heard(r, p, now)) {
                agenda.schedule(now + movescope.model.protocol.KevyNode.DOWN_AFTER_MS + 1, new Events.DownWatch(r, p));
            }
        }
    }

    // =================================================================================== election plane

    /**
     * An election-plane message to {@code s.addr()}: it reaches the node whose election listener is bound
     * there (up, plane on, {@code host:elect_port_base|port+200}); with none, it is lost, as a dial to a
     * closed port is (kevy retries the dial; the model has no queue to keep it in). Loss, partitions and
     * rules apply; heartbeats are class {@code heartbeat}, the rest {@code election}.
     */
    private void electSend(String from, Effect.ElectSend s) {
        String to = null;
        for (NodeSpec spec : sc.cluster().nodes()) {
            KevyNode n = nodes.get(spec.id());
            if (n.isUp() && n.config().electionPlane()
                    && (spec.host() + ":" + n.config().election().listenPort()).equals(s.addr())) {
                to = spec.id();
                break;
            }
        }
        if (to == null) {
            count("electNoListener");
            return;
        }
        MessageClass cls = s.message() instanceof movescope.model.election.ElectMessage.Hb
                ? MessageClass.HEARTBEAT : MessageClass.ELECTION;
        Network.Fate fate = net.send(now, from, to, cls);
        traceFate(fate, from, to, cls);
        for (long d : fate.delays()) {
            agenda.schedule(now + d, new Events.ElectArrives(to, inc(to), s.message()));
        }
    }

    private void electArrives(Events.ElectArrives a) {
        KevyNode n = nodes.get(a.node());
        if (!n.isUp() || inc(a.node()) != a.inc()) {
            return; // the listener that the message was sent to died with its process
        }
        count("electMessages");
        String p = a.message().sender();
        boolean hb = a.message() instanceof movescope.model.election.ElectMessage.Hb;
        List<String> watched = hb ? heartbeats.watchedKeys(a.node(), p) : List.of();
        boolean wasDown = !watched.isEmpty() && n.isDown(p, now);
        stepNode(a.node(), new Input.ElectDeliver(now, a.message()));
        if (!watched.isEmpty()) {
            if (wasDown) {
                feed.bumpEpoch(a.node());
                checker.routingChanged(watched);
            }
            if (heartbeats.heard(a.node(), p, now)) {
                agenda.schedule(now + KevyNode.DOWN_AFTER_MS + 1, new Events.DownWatch(a.node(), p));
            }
        }
    }

    private void downWatch(String r, String p) {
        Heartbeats.Watch w = heartbeats.watchFires(r, p, now);
        if (w.turnedDown()) {
            if (nodes.get(r).isUp()) {
                feed.bumpEpoch(r);
                checker.routingChanged(heartbeats.watchedKeys(r, p));
            }
        } else if (w.againAt() >= 0) {
            agenda.schedule(w.againAt(), new Events.DownWatch(r, p));
        }
    }

    // =================================================================================== clients

    /** What the clients may do to the world. */
    private final class ClientHost implements Clients.Host {
        @Override
        public long now() {
            return now;
        }

        @Override
        public void sendRequest(String from, String node, String conn, long reqId, List<String> args) {
            World.this.sendRequest(from, node, conn, reqId, args);
        }

        @Override
        public void sendReply(String node, String to, String conn, long reqId, String wire) {
            World.this.sendReply(node, to, conn, reqId, wire, MessageClass.REPLY);
        }

        @Override
        public void ack(String conn, long reqId, String wire) {
            World.this.ack(conn, reqId, wire);
        }

        @Override
        public void forget(String conn, long reqId) {
            history.forget(conn, reqId);
        }

        @Override
        public void stepReplied(int index, String reply) {
            stepOutcomes.replied(index, reply, now);
        }

        @Override
        public void record(Step s) {
            materialized.add(s);
        }

        @Override
        public void count(String name) {
            World.this.count(name);
        }
    }

    // =================================================================================== steps

    private void stepDue(int index) {
        Step s = sc.steps().get(index);
        materialized.add(s);
        if (s instanceof Step.ClientStep cs) {
            clients.stepDue(index, cs);
        } else if (s instanceof Step.OperatorStep os) {
            operatorSend(index, os.node(), os.command(), null, null);
        } else if (s instanceof Step.CrashStep cs) {
            crash(cs.node());
        } else if (s instanceof Step.RestartStep rs) {
            restart(rs.node());
        } else if (s instanceof Step.SnapshotStep ss) {
            if (nodes.get(ss.node()).isUp()) {
                stepNode(ss.node(), new Input.Snapshot(now));
            }
        } else if (s instanceof Step.PushConfigStep p) {
            pushConfig(p);
        } else if (s instanceof Step.PartitionStep p) {
            long id = net.partition(new TreeSet<>(p.from()), new TreeSet<>(p.to()), p.oneWay());
            count("partitions");
            trace.add(now, "Partition", Fields.of("partition", id, "from", p.from(), "to", p.to(), "oneWay", p.oneWay()));
        } else if (s instanceof Step.HealStep) {
            int n = net.healAll();
            trace.add(now, "Heal", Fields.of("partitions", (long) n));
        } else if (s instanceof Step.NetRuleStep r) {
            net.addRule(new NetRule(r.kind(), r.from(), r.to(), r.messages(),
                    r.count().isPresent() ? r.count().getAsInt() : -1, r.untilMs(), r.probability(), r.delayMs()));
        } else if (s instanceof Step.EintrStep e) {
            ingest.addEintr(e.node(), e.count());
        } else {
            throw new IllegalStateException("unhandled step " + s);
        }
    }

    private void operatorSend(int stepIndex, String node, List<String> args, String movePrefix, String moveTo) {
        String conn = operator.open(stepIndex, node, args, movePrefix, moveTo);
        count("operatorCommands");
        sendRequest(OPERATOR, node, conn, 1, args);
    }

    private void pushConfig(Step.PushConfigStep p) {
        KevyNode n = nodes.get(p.node());
        NodeConfig cfg = ConfigPush.apply(n.durable().configForNextBoot(), p, sc.cluster());
        stepNode(p.node(), new Input.PushConfig(cfg));
        if (p.restart()) {
            restart(p.node());
        }
    }

    // =================================================================================== chaos

    /** What {@link Chaos} may do to the world: the same operations a scripted step performs. */
    private final class ChaosHost implements Chaos.Host {
        @Override
        public long now() {
            return now;
        }

        @Override
        public List<String> upNodes() {
            List<String> up = new ArrayList<>();
            for (KevyNode n : nodeList) {
                if (n.isUp()) {
                    up.add(n.name());
                }
            }
            return up;
        }

        @Override
        public boolean isUp(String node) {
            return nodes.get(node).isUp();
        }

        @Override
        public boolean hasNode(String node) {
            return nodes.containsKey(node);
        }

        @Override
        public NodeConfig configForNextBoot(String node) {
            return nodes.get(node).durable().configForNextBoot();
        }

        @Override
        public void schedule(long at, FaultEvent e) {
            agenda.schedule(at, new Events.Fault(e));
        }

        @Override
        public void record(Step s) {
            materialized.add(s);
        }

        @Override
        public void count(String name) {
            World.this.count(name);
        }

        @Override
        public void crash(String node) {
            World.this.crash(node);
        }

        @Override
        public void restart(String node) {
            World.this.restart(node);
        }

        @Override
        public void snapshot(String node) {
            stepNode(node, new Input.Snapshot(now));
        }

        @Override
        public void sendMove(String node, List<String> args, String prefix, String to) {
            operatorSend(-1, node, args, prefix, to);
        }

        @Override
        public void pushConfig(Step.PushConfigStep p) {
            World.this.pushConfig(p);
        }
    }

    private void livenessDeadline() {
        for (KevyNode n : nodeList) {
            if (n.isUp() && !n.movesInFlight().isEmpty()) {
                var m = n.movesInFlight().values().iterator().next();
                violate(Expectations.MIGRATION_ENDS, "", n.name(), "migration " + m.moveId() + " of \""
                        + m.prefix() + "\" from " + m.from() + " to " + m.to() + " has not ended (phase "
                        + m.phase() + ")");
                return;
            }
        }
    }

    // =================================================================================== WorldView

    @Override
    public long now() {
        return now;
    }

    @Override
    public List<KevyNode> nodes() {
        return nodeList;
    }

    @Override
    public KevyNode node(String id) {
        return nodes.get(id);
    }

    @Override
    public Optional<String> nodeOfAddr(String addr) {
        return Optional.ofNullable(addrToNode.get(addr));
    }

    @Override
    public History history() {
        return history;
    }

    @Override
    public Shipments shipments() {
        return shipments;
    }

    @Override
    public MoveEnds moveEnds() {
        return moveEnds;
    }

    @Override
    public List<String> candidates(String key) {
        return topology.candidates(key);
    }

    @Override
    public boolean scoped(String key) {
        return topology.scoped(key);
    }

    @Override
    public Optional<RouteCache> routes() {
        return Optional.ofNullable(routes);
    }

    @Override
    public boolean audited() {
        return auditRoutes;
    }

    @Override
    public long storeVersion(String id) {
        Integer i = nodeIndex.get(id);
        return i == null ? -1 : storeVersions[i];
    }

    @Override
    public Optional<Value> valueOn(String id, String key) {
        KevyNode n = nodes.get(id);
        if (n.isUp()) {
            return WorldView.held(n, key, now, Optional.empty());
        }
        Optional<List<Store>> stores = recoverableCache.get(id);
        if (stores == null) {
            stores = n.recoverableStores(now);
            recoverableCache.put(id, stores);
        }
        return WorldView.held(n, key, now, stores);
    }

    // =================================================================================== the end

    private RunResult finish() {
        List<String> failures = new ArrayList<>();
        boolean stoppedEarly = violation != null || outOfEvents;
        List<StepResult> stepResults = stepOutcomes.judge(sc.steps(), stoppedEarly, failures);
        List<HistoryFinding> findings = new ArrayList<>();
        Expectations ex = sc.expect();
        if (!stoppedEarly) {
            findings = new EndOfRun(this, probe).evaluate(ex, feed.baits(), failures);
            if (violation == null && ex.violation().isPresent()) {
                violation = EndOfRun.expectedFromHistory(ex.violation().get(), findings, failures, now, events);
            }
        }
        Judgement judgement = Judgement.of(violation, outOfEvents, ex.violation(), failures, events, now, sc.endMs());
        Verdict verdict = judgement.verdict();
        String summary = judgement.summary();
        count("events", events);
        count("messagesSent", net.sentCount());
        count("messagesLost", net.lostCount());
        count("messagesDuplicated", net.duplicatedCount());
        count("writesApplied", history.appliedCount());
        count("writesAcked", history.ackedCount());
        count("invariantKeyChecks", checker.keyChecks());
        count("probeKeys", probe.size());
        count("nodes", nodeList.size());
        List<Step> mat = new ArrayList<>(materialized);
        mat.sort((a, b) -> Long.compare(a.at(), b.at()));
        return new RunResult(sc.name(), seed, sc.variant().name(), verdict, summary, Optional.ofNullable(violation),
                stepResults, failures, findings, Collections.unmodifiableSortedMap(new TreeMap<>(feed.baits())),
                Collections.unmodifiableSortedMap(new TreeMap<>(counts)), events, now, trace.lineCount(),
                trace.sha256(), trace.lines(), mat, rawClients.tallies());
    }
}
