package movescope.sim.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import movescope.gen.Rng;
import movescope.model.protocol.Effect;
import movescope.model.protocol.Input;
import movescope.model.protocol.KevyNode;
import movescope.model.protocol.NodeConfig;
import movescope.model.protocol.Sharding;
import movescope.model.protocol.ShipFailure;
import movescope.model.protocol.VolatileState;
import movescope.model.routing.Peer;
import movescope.model.scope.OwnershipTable;
import movescope.model.scope.Scope;
import movescope.model.store.Store;
import movescope.model.store.Value;
import movescope.sim.check.Checker;
import movescope.sim.check.History;
import movescope.sim.check.RouteCache;
import movescope.sim.check.Shipments;
import movescope.sim.check.Topology;
import movescope.sim.check.Violation;
import movescope.sim.check.WorldView;
import movescope.sim.check.WriteRecord;
import movescope.sim.client.ClientAction;
import movescope.sim.client.KeyCache;
import movescope.sim.client.RwClient;
import movescope.sim.Options;
import movescope.sim.engine.EventQueue;
import movescope.sim.engine.Verdict;
import movescope.sim.net.NetRule;
import movescope.sim.net.Network;
import movescope.sim.report.HistoryFinding;
import movescope.sim.report.RunResult;
import movescope.sim.report.StepResult;
import movescope.sim.scenario.ChaosSpec;
import movescope.sim.scenario.ClientSpec;
import movescope.sim.scenario.Commands;
import movescope.sim.scenario.DataSpec;
import movescope.sim.scenario.Expectations;
import movescope.sim.scenario.HeartbeatPolicy;
import movescope.sim.scenario.MessageClass;
import movescope.sim.scenario.NetRuleKind;
import movescope.sim.scenario.NodeSpec;
import movescope.sim.scenario.ReplyExpectation;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.Step;
import movescope.sim.scenario.ValueExpectation;
import movescope.sim.scenario.WorkloadSpec;
import movescope.sim.trace.TraceLog;

/**
 * The simulated world of one run: virtual time, the agenda, the nodes (model {@code KevyNode}s), the
 * network, clients, the operator, faults and the invariant checker. Single-threaded and deterministic:
 * every random choice comes from a stream forked from the run's seed per component ({@code network},
 * {@code chaos}, {@code workload/<client>}, {@code node/<id>}), every collection that is iterated is
 * ordered, and time is the agenda's. The same scenario and seed give the same trace, byte for byte.
 *
 * <p>Modelling choices that are not kevy's own (documented in docs/scenario-format.md): heartbeats are
 * delivered at the tick (their latency is irrelevant next to the 5 s DOWN threshold) and, with policy
 * {@code fallbacks}, only to the nodes whose acceptance depends on them; ingest-connection messages are
 * never duplicated (one TCP stream); MOVE-SCOPE's serialization time ({@code sliceFrameCostUs} per frame)
 * delays the source's connect, during which its shard stays busy.
 */
public final class World implements WorldView {
    static final long HEARTBEAT_EVERY_MS = 200;
    static final String OPERATOR = "operator";
    static final String INGEST_CONN = "ingest:";
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
    private final Rng chaosRng;
    private final Network net;
    private final TraceLog trace;
    private final LinkedHashMap<String, KevyNode> nodes = new LinkedHashMap<>();
    private final List<KevyNode> nodeList = new ArrayList<>();
    private final List<String> nodeIds = new ArrayList<>();
    private final HashMap<String, Long> incarnation = new HashMap<>();
    private final HashMap<String, Long> epoch = new HashMap<>();
    private final HashMap<String, String> addrToNode = new HashMap<>();
    private final HashMap<String, String> nodeAddr = new HashMap<>();
    private final TreeSet<String> probe;
    private final History history;
    private final Shipments shipments = new Shipments();
    private final Topology topology;
    /** Incremental routes of the probe keys; null on the reference path (Options.Checks.REFERENCE). */
    private final RouteCache routes;
    /** Options.Checks.AUDITED: every probe key's cached routes are audited after every event. */
    private final boolean auditRoutes;
    private final HashMap<String, Integer> nodeIndex = new HashMap<>();
    private final Checker checker;
    private final HashMap<String, HashMap<String, Long>> timers = new HashMap<>();
    private long timerTokens;
    private final HashMap<String, Integer> eintrBudget = new HashMap<>();
    private double eintrChance;
    private final HashMap<String, Optional<List<Store>>> recoverableCache = new HashMap<>();

    // ingest connections, by moveId
    private enum Phase { CONNECTING, CONNECTED, SENDING, AWAITING, DONE }

    private static final class IngestConn {
        final String moveId;
        final String source;
        final String target;
        final long sourceInc;
        long targetInc = -1;
        Phase phase = Phase.CONNECTING;

        IngestConn(String moveId, String source, String target, long sourceInc) {
            this.moveId = moveId;
            this.source = source;
            this.target = target;
            this.sourceInc = sourceInc;
        }
    }

    private final LinkedHashMap<String, IngestConn> ingest = new LinkedHashMap<>();

    // clients
    private static final class ClientState {
        final RwClient rw;
        final long timeoutMs;
        final Rng rng;
        final boolean workload;
        long reqCounter;
        long currentReqId = -1;
        String currentConn;
        String currentNode;
        boolean awaiting;
        int currentStep = -1;
        final ArrayDeque<Integer> pendingSteps = new ArrayDeque<>();
        long ops;
        long startedAt;

        ClientState(RwClient rw, long timeoutMs, Rng rng, boolean workload) {
            this.rw = rw;
            this.timeoutMs = timeoutMs;
            this.rng = rng;
            this.workload = workload;
        }
    }

    private final LinkedHashMap<String, ClientState> clients = new LinkedHashMap<>();

    // operator requests: conn → what waits for the reply
    private static final class OpWait {
        final int stepIndex;
        final String node;
        final List<String> args;
        final String movePrefix;
        final String moveTo;
        String reply;
        long repliedAt = -1;

        OpWait(int stepIndex, String node, List<String> args, String movePrefix, String moveTo) {
            this.stepIndex = stepIndex;
            this.node = node;
            this.args = args;
            this.movePrefix = movePrefix;
            this.moveTo = moveTo;
        }
    }

    private final LinkedHashMap<String, OpWait> ops = new LinkedHashMap<>();
    private long opCounter;

    // step outcomes: index → (reply, time)
    private final HashMap<Integer, String> stepReply = new HashMap<>();
    private final HashMap<Integer, Long> stepReplyAt = new HashMap<>();

    // heartbeats
    private Map<String, List<String>> receivers;
    private final HashMap<String, Long> watchMirror = new HashMap<>();
    private final HashMap<String, Boolean> watchPending = new HashMap<>();
    private final HashMap<List<Scope>, Map<String, List<String>>> keysByFallbackWriter = new HashMap<>();
    /**
     * The same, by identity of the scopes list: hashing a 1,000-scope list (Scope and Optional hash codes)
     * at every delivered heartbeat cost more than the heartbeat itself. Nodes share their config's list.
     */
    private final java.util.IdentityHashMap<List<Scope>, Map<String, List<String>>> keysByFallbackWriterId =
            new java.util.IdentityHashMap<>();

    // chaos
    private boolean chaosActive;
    private final TreeMap<String, String> believedOwner = new TreeMap<>();
    private final List<Scope> declaredScopes = new ArrayList<>();

    // materialized steps (for the shrinker)
    private final List<Step> materialized = new ArrayList<>();

    // counts and baits
    private final TreeMap<String, Long> counts = new TreeMap<>();
    private final TreeMap<String, Long> baits = new TreeMap<>();

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
        this.chaosRng = root.fork("chaos");
        this.net = new Network(scenario.network(), root.fork("network"));
        for (NodeSpec spec : scenario.cluster().nodes()) {
            NodeConfig cfg = scenario.cluster().configOf(spec.id());
            KevyNode n = new KevyNode(spec.id(), cfg, scenario.variant());
            nodes.put(spec.id(), n);
            nodeIndex.put(spec.id(), nodeList.size());
            nodeList.add(n);
            nodeIds.add(spec.id());
            incarnation.put(spec.id(), 0L);
            epoch.put(spec.id(), 0L);
            addrToNode.put(spec.clientAddr(), spec.id());
            nodeAddr.put(spec.id(), spec.clientAddr());
            timers.put(spec.id(), new HashMap<>());
        }
        this.probe = scenario.probeKeys();
        this.history = new History(probe);
        this.topology = new Topology(nodeList);
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
        for (String b : Expectations.BAITS) {
            baits.put(b, 0L);
        }
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (Scope s : scenario.cluster().scopes()) {
            if (seen.add(s.prefix())) {
                declaredScopes.add(s);
            }
        }
        for (NodeSpec n : scenario.cluster().nodes()) {
            for (Scope s : n.scopes().orElse(List.of())) {
                if (seen.add(s.prefix())) {
                    declaredScopes.add(s);
                }
            }
        }
        for (ClientSpec c : scenario.clients()) {
            clients.put(c.id(), new ClientState(new RwClient(c.id(), c.primary(), addrToNode, KeyCache.KEVY_CAPACITY),
                    c.timeoutMs(), root.fork("client/" + c.id()), false));
        }
        scenario.workload().ifPresent(w -> {
            for (int i = 0; i < w.clients(); i++) {
                String id = w.clientId(i);
                clients.put(id, new ClientState(new RwClient(id, w.primaryOf(i, scenario.cluster()), addrToNode,
                        KeyCache.KEVY_CAPACITY), w.timeoutMs(), root.fork("workload/" + id), true));
            }
        });
        this.eintrChance = scenario.faults().eintr();
        // Boot problems at time 0 (a per-node table that does not build) are part of the story.
        for (KevyNode n : nodeList) {
            n.bootError().ifPresent(err -> trace.add(0, "Restart", fields("node", n.name(), "ok", false, "error", err)));
        }
        setUp(root);
    }

    private static SortedMap<String, Object> fields(Object... kv) {
        TreeMap<String, Object> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private void count(String name) {
        counts.merge(name, 1L, Long::sum);
    }

    private void count(String name, long n) {
        counts.merge(name, n, Long::sum);
    }

    // =================================================================================== set-up

    private void setUp(Rng root) {
        preload();
        if (sc.cluster().warm()) {
            for (String p : nodeIds) {
                lastTick.put(p, 0L);
                for (String r : receivers().getOrDefault(p, List.of())) {
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
        sc.workload().ifPresent(w -> {
            for (ClientState c : clients.values()) {
                if (c.workload) {
                    agenda.schedule(w.fromMs() + think(c, w), new Events.WorkloadNext(c.rw.id()));
                }
            }
        });
        sc.chaos().ifPresent(ch -> {
            chaosActive = true;
            net.setExtra(ch.loss(), ch.duplicate());
            eintrChance = Math.min(1, sc.faults().eintr() + ch.eintr());
            scheduleArrival("crash", ch.crashPerSec());
            scheduleArrival("partition", ch.partitionPerSec());
            scheduleArrival("move", ch.movePerSec());
            scheduleArrival("snapshot", ch.snapshotPerSec());
            agenda.schedule(ch.untilMs(), new Events.ChaosEnd());
        });
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
                List<Effect> effs = n.step(new Input.ClientCommand(0, LOADER_CONN, i,
                        List.of("SET", d.prefix() + i, "v" + i)));
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
        } else if (e instanceof Events.RequestArrives r) {
            requestArrives(r);
        } else if (e instanceof Events.ReplyArrives r) {
            replyArrives(r);
        } else if (e instanceof Events.TimerDue t) {
            timerDue(t);
        } else if (e instanceof Events.StepDue s) {
            stepDue(s.index());
        } else if (e instanceof Events.WorkloadNext w) {
            workloadNext(w.client());
        } else if (e instanceof Events.ClientWake w) {
            ClientState c = clients.get(w.client());
            if (c.rw.busy() && !c.awaiting && c.reqCounter == w.token()) {
                perform(c, c.rw.onWake());
            }
        } else if (e instanceof Events.ClientTimeout t) {
            clientTimeout(t);
        } else if (e instanceof Events.ConnectArrives c) {
            connectArrives(c.moveId());
        } else if (e instanceof Events.ConnectAnswered c) {
            connectAnswered(c);
        } else if (e instanceof Events.SendDone s) {
            sendDone(s.moveId());
        } else if (e instanceof Events.IngestArrives i) {
            ingestArrives(i);
        } else if (e instanceof Events.IngestReplyArrives r) {
            IngestConn ic = ingest.get(r.moveId());
            if (ic != null && inc(ic.source) == ic.sourceInc && nodes.get(ic.source).isUp()) {
                ic.phase = Phase.DONE;
                stepNode(ic.source, new Input.PeerReply(now, r.moveId(), r.wire()));
            }
        } else if (e instanceof Events.IngestFails f) {
            IngestConn ic = ingest.get(f.moveId());
            if (ic != null && inc(ic.source) == ic.sourceInc && nodes.get(ic.source).isUp() && ic.phase != Phase.DONE) {
                ic.phase = Phase.DONE;
                stepNode(ic.source, new Input.PeerError(now, f.moveId(), f.reason()));
            }
        } else if (e instanceof Events.Deferred d) {
            if (inc(d.node()) == d.inc() && nodes.get(d.node()).isUp()) {
                execute(d.node(), d.effects(), false);
            }
        } else if (e instanceof Events.DownWatch d) {
            downWatch(d.r(), d.p());
        } else if (e instanceof Events.ChaosArrival a) {
            chaosArrival(a.kind());
        } else if (e instanceof Events.ChaosRestart r) {
            if (!nodes.get(r.node()).isUp()) {
                materialized.add(new Step.RestartStep(now, r.node()));
                restart(r.node());
            }
        } else if (e instanceof Events.ChaosHeal h) {
            if (net.heal(h.partitionId())) {
                materialized.add(new Step.HealStep(now));
                trace.add(now, "Heal", fields("partition", h.partitionId()));
            }
        } else if (e instanceof Events.ChaosPush p) {
            chaosPush(p);
        } else if (e instanceof Events.ChaosEnd) {
            chaosEnd();
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

    private void stepNode(String id, Input input) {
        KevyNode n = nodes.get(id);
        if (!routingNeutral(input)) {
            changed(id);
        }
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
                onTrace(id, t);
                if (mayDefer && t.action().equals("Start")) {
                    Object frames = t.fields().get("frames");
                    long f = frames instanceof Number num ? num.longValue() : 0;
                    deferMs = (f * sc.cluster().sliceFrameCostUs() + 999) / 1000;
                    if (deferMs > 0) {
                        deferred = new ArrayList<>();
                    }
                }
            } else if (deferred != null && (e instanceof Effect.Connect || e instanceof Effect.SetTimer)) {
                deferred.add(e);
            } else if (e instanceof Effect.Reply r) {
                routeReply(id, r);
            } else if (e instanceof Effect.Connect c) {
                connect(id, c);
            } else if (e instanceof Effect.SendIngest s) {
                sendIngest(id, s);
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

    /** Model trace → run trace, history, checker, baits. */
    private void onTrace(String id, Effect.Trace t) {
        String action = t.action();
        SortedMap<String, Object> f = t.fields();
        if (action.equals("Heartbeat")) {
            count("heartbeats");
            if (traceHeartbeats) {
                trace.add(now, action, f);
            }
            return;
        }
        trace.add(now, action, f);
        switch (action) {
            case "ClientWrite" -> {
                count("clientWrites");
                String verdict = String.valueOf(f.get("verdict"));
                String key = String.valueOf(f.get("key"));
                String reply = String.valueOf(f.get("reply"));
                String conn = String.valueOf(f.get("conn"));
                long reqId = f.get("reqId") instanceof Number n ? n.longValue() : -1;
                List<String> args = executed(id, conn, reqId);
                if (verdict.equals("accepted") && Boolean.TRUE.equals(f.get("checked"))) {
                    String write = args == null ? String.valueOf(f.get("cmd")) + " " + key : Commands.render(args);
                    checker.accepted(this, id, key, write + " (conn " + conn + " #" + reqId + ")")
                            .ifPresent(v -> violate(v.invariant(), key, id, v.message()));
                }
                if (verdict.equals("accepted") && !reply.startsWith("-")) {
                    if (args != null) {
                        checker.storeChanged(history.applied(id, epoch.get(id), conn, reqId, args, now));
                    }
                } else if (verdict.equals("QUIESCED") || verdict.equals("MISDIRECTED")) {
                    // A refused write must never show up later on this node (NoPhantomWrite).
                    if (args != null) {
                        checker.storeChanged(history.refused(id, verdict, conn, reqId, args, valueOn(id, key), now));
                    }
                    if (verdict.equals("QUIESCED")) {
                        baits.merge("BaitQuiesced", 1L, Long::sum);
                        checker.quiesced(this, id, key).ifPresent(v -> violate(v.invariant(), key, id, v.message()));
                    }
                }
            }
            case "ClientRead" -> count("clientReads");
            case "Start" -> {
                count("moveStarts");
                bumpEpoch(id);
                String prefix = String.valueOf(f.get("prefix"));
                topology.addMoveTarget(prefix, String.valueOf(f.get("to")));
                checker.routingChanged(keysUnder(prefix));
            }
            case "Commit", "CommitInsert" -> {
                count("commits");
                baits.merge("BaitCommitted", 1L, Long::sum);
                bumpEpoch(id);
                checker.routingChanged(keysUnder(String.valueOf(f.get("prefix"))));
            }
            case "CommitRemove" -> {
                bumpEpoch(id);
                checker.routingChanged(keysUnder(String.valueOf(f.get("prefix"))));
            }
            case "Ship" -> shipments.shipped(id, String.valueOf(f.get("prefix")), String.valueOf(f.get("moveId")),
                    String.valueOf(f.get("to")), now);
            case "Abort" -> {
                count("aborts");
                shipments.aborted(id, String.valueOf(f.get("prefix")), String.valueOf(f.get("moveId")));
                baits.merge("BaitAborted", 1L, Long::sum);
                bumpEpoch(id);
                checker.routingChanged(keysUnder(String.valueOf(f.get("prefix"))));
            }
            case "Ingest", "IngestRefused" -> {
                String prefix = String.valueOf(f.get("prefix"));
                if (action.equals("Ingest")) {
                    shipments.ingested(id, prefix);
                    // With ownershipOnIngest the ingesting node now owns the prefix, whether or not a
                    // MOVE-SCOPE Start was seen (an operator may send MOVE-SCOPE-INGEST by hand).
                    topology.addMoveTarget(prefix, id);
                }
                List<String> keys = keysUnder(prefix);
                for (String k : keys) {
                    history.addHolder(k, id);
                    history.ingested(id, k, valueOn(id, k)); // what arrived by ingest was taken legitimately
                }
                checker.storeChanged(keys);
                checker.routingChanged(keys);
            }
            case "Crash" -> {
                count("crashes");
                arrivedWrites.remove(id); // commands queued in the dead process are never executed
                shipments.died(id);
                afterRoutingChangeOf(id);
            }
            case "Restart" -> {
                count("restarts");
                for (String k : probe) {
                    history.addHolder(k, id); // a replay may apply logged writes, even MISDIRECTED ones
                }
                afterRoutingChangeOf(id);
            }
            default -> {
                // StartRefused, Snapshot, PushConfig, ...: no routing or store change to check.
            }
        }
    }

    private void bumpEpoch(String id) {
        epoch.merge(id, 1L, Long::sum);
    }

    private void afterRoutingChangeOf(String id) {
        bumpEpoch(id);
        topology.invalidate();
        receivers = null;
        keysByFallbackWriter.clear();
        keysByFallbackWriterId.clear();
        checker.routingChanged(probe);
        checker.storeChanged(probe);
    }

    private List<String> keysUnder(String prefix) {
        if (prefix.isEmpty()) {
            return new ArrayList<>(probe);
        }
        return new ArrayList<>(probe.subSet(prefix, true, prefix + Character.MAX_VALUE, true));
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
        for (ClientState c : clients.values()) {
            if (c.rw.busy() && c.awaiting && id.equals(c.currentNode)) {
                sendReply(id, c.rw.id(), c.currentConn, c.currentReqId,
                        "-ERR movescope: connection closed by " + addr, MessageClass.REPLY);
            }
        }
        for (Map.Entry<String, OpWait> e : ops.entrySet()) {
            if (e.getValue().reply == null && e.getValue().node.equals(id)) {
                sendReply(id, OPERATOR, e.getKey(), 1, "-ERR movescope: connection closed by " + addr,
                        MessageClass.REPLY);
            }
        }
        // A source waiting on this target sees the ship connection closed (if the FIN gets through).
        for (IngestConn ic : ingest.values()) {
            if (ic.target.equals(id) && ic.phase != Phase.DONE && ic.phase != Phase.CONNECTING
                    && ic.targetInc != -1) {
                Network.Fate fate = net.send(now, id, ic.source, MessageClass.INGEST_REPLY);
                traceFate(fate, id, ic.source, MessageClass.INGEST_REPLY);
                if (!fate.lost()) {
                    agenda.schedule(now + fate.delays()[0],
                            new Events.IngestFails(ic.moveId, ShipFailure.CONNECTION_CLOSED));
                }
            }
        }
        ingest.values().removeIf(ic -> ic.source.equals(id));
    }

    private void restart(String id) {
        KevyNode n = nodes.get(id);
        if (n.isUp()) {
            crash(id);
        }
        incarnation.merge(id, 1L, Long::sum);
        stepNode(id, new Input.Restart(now));
        watchMirror.keySet().removeIf(k -> k.startsWith(id + "\u0000"));
    }

    // =================================================================================== network plumbing

    private void traceFate(Network.Fate fate, String from, String to, MessageClass cls) {
        if (cls == MessageClass.HEARTBEAT && !traceHeartbeats) {
            return;
        }
        if (fate.lost()) {
            count("dropped");
            trace.add(now, "Drop", fields("from", from, "to", to, "messages", cls.wireName(), "reason", fate.dropReason()));
        } else {
            if (fate.duplicated()) {
                trace.add(now, "Duplicate", fields("from", from, "to", to, "messages", cls.wireName()));
            }
            if (fate.extraDelayMs() > 0) {
                trace.add(now, "Delay", fields("from", from, "to", to, "messages", cls.wireName(),
                        "delayMs", fate.extraDelayMs()));
            }
        }
    }

    /**
     * node → (conn#reqId → a write request that reached the node and has not been executed yet), so the
     * model's {@code ClientWrite} trace, which names the request but not its values, can be tied to what
     * was written. It is kept per arrival, not per reply: a write executes whenever the node gets to it —
     * after its client timed out, after a queue behind a MOVE-SCOPE, or a second time when the network
     * duplicated the request — and every execution must reach the history (an applied write the history
     * does not know about would make an earlier acknowledged value look lost). Entries go when the write
     * executes, or all at once when the node's process dies with its queue.
     */
    private final HashMap<String, HashMap<String, ArrivedWrite>> arrivedWrites = new HashMap<>();

    private static final class ArrivedWrite {
        final List<String> args;
        int copies;

        ArrivedWrite(List<String> args) {
            this.args = args;
        }
    }

    private void arrived(String node, String conn, long reqId, List<String> args) {
        arrivedWrites.computeIfAbsent(node, k -> new HashMap<>())
                .computeIfAbsent(conn + "#" + reqId, k -> new ArrivedWrite(args)).copies++;
    }

    /** The args of the write request (conn, reqId) that {@code node} just executed, or null if unknown. */
    private List<String> executed(String node, String conn, long reqId) {
        HashMap<String, ArrivedWrite> m = arrivedWrites.get(node);
        String k = conn + "#" + reqId;
        ArrivedWrite a = m == null ? null : m.get(k);
        if (a == null) {
            return null;
        }
        if (--a.copies == 0) {
            m.remove(k);
        }
        return a.args;
    }

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
            sendReply(r.node(), r.from(), r.conn(), r.reqId(), "-ERR movescope: connection refused by "
                    + nodeAddr.get(r.node()), MessageClass.REPLY);
            return;
        }
        count("requests");
        // The spurious EINTR: a client command arriving while this node's MOVE-SCOPE waits for the
        // INGEST reply may interrupt that read.
        if (eintrChance > 0) {
            for (IngestConn ic : new ArrayList<>(ingest.values())) {
                if (ic.source.equals(r.node()) && ic.phase == Phase.AWAITING && ic.sourceInc == inc(r.node())
                        && chaosRng.chance(eintrChance)) {
                    interrupt(ic);
                }
            }
        }
        if (sc.cluster().heartbeats() == HeartbeatPolicy.FALLBACKS && r.args().size() >= 2) {
            refreshView(r.node(), r.args().get(1));
        }
        if (movescope.model.routing.Commands.isWrite(r.args())) {
            arrived(r.node(), r.conn(), r.reqId(), r.args());
        }
        stepNode(r.node(), new Input.ClientCommand(now, r.conn(), r.reqId(), r.args()));
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
        Long tick = lastTick.get(p);
        if (p.equals(id) || tick == null || !nodes.containsKey(p) || !nodes.get(p).isUp()
                || receivers().getOrDefault(p, List.of()).contains(id) || net.isCut(p, id)) {
            return;
        }
        count("heartbeatsRefreshed");
        heartbeatWillReach(id, p);
        List<Effect> effs = n.step(new Input.HeartbeatFrom(tick, p));
        if (traceHeartbeats) {
            execute(id, effs, false);
        }
    }

    private final HashMap<String, Long> lastTick = new HashMap<>();

    private void interrupt(IngestConn ic) {
        // The Abort the model traces carries the reason "Interrupted system call (os error 4)".
        count("eintr");
        ic.phase = Phase.DONE;
        stepNode(ic.source, new Input.PeerError(now, ic.moveId, ShipFailure.INTERRUPTED));
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
            String moveId = conn.substring(INGEST_CONN.length());
            IngestConn ic = ingest.get(moveId);
            if (ic == null) {
                return;
            }
            // One TCP stream: never duplicated.
            Network.Fate fate = net.send(now, node, ic.source, MessageClass.INGEST_REPLY);
            traceFate(fate, node, ic.source, MessageClass.INGEST_REPLY);
            if (!fate.lost()) {
                agenda.schedule(now + fate.delays()[0], new Events.IngestReplyArrives(moveId, r.wire()));
            }
        } else if (conn.equals(LOADER_CONN)) {
            return;
        } else if (ops.containsKey(conn)) {
            sendReply(node, OPERATOR, conn, r.reqId(), r.wire(), MessageClass.REPLY);
        } else {
            int at = conn.indexOf('@');
            String client = at < 0 ? conn : conn.substring(0, at);
            sendReply(node, client, conn, r.reqId(), r.wire(), MessageClass.REPLY);
        }
    }

    private void replyArrives(Events.ReplyArrives r) {
        if (r.to().equals(OPERATOR)) {
            OpWait w = ops.get(r.conn());
            if (w == null || w.reply != null) {
                return;
            }
            w.reply = r.wire();
            w.repliedAt = now;
            ack(r.conn(), r.reqId(), r.wire());
            if (w.stepIndex >= 0) {
                stepReply.put(w.stepIndex, r.wire());
                stepReplyAt.put(w.stepIndex, now);
            }
            if (w.movePrefix != null) {
                chaosMoveAnswered(w);
            }
            return;
        }
        ClientState c = clients.get(r.to());
        if (c == null || !c.rw.busy() || !c.awaiting || c.currentReqId != r.reqId() || !r.conn().equals(c.currentConn)) {
            return; // a duplicate or a reply after the client gave up
        }
        c.awaiting = false;
        ack(r.conn(), r.reqId(), r.wire());
        perform(c, c.rw.onReply(r.wire()));
    }

    private void ack(String conn, long reqId, String wire) {
        if (!wire.startsWith("-")) {
            List<String> keys = history.acked(conn, reqId, now);
            if (!keys.isEmpty()) {
                checker.storeChanged(keys);
            }
        } else {
            history.forget(conn, reqId);
        }
    }

    // =================================================================================== ingest connections

    private void connect(String source, Effect.Connect c) {
        String target = addrToNode.getOrDefault(c.addr(), c.targetId());
        IngestConn ic = new IngestConn(c.moveId(), source, target, inc(source));
        ingest.put(c.moveId(), ic);
        if (!nodes.containsKey(target)) {
            agenda.schedule(now, new Events.ConnectAnswered(c.moveId(), false, ShipFailure.CONNECTION_REFUSED));
            return;
        }
        Network.Fate fate = net.send(now, source, target, MessageClass.INGEST);
        traceFate(fate, source, target, MessageClass.INGEST);
        if (!fate.lost()) {
            agenda.schedule(now + fate.delays()[0], new Events.ConnectArrives(c.moveId()));
        }
    }

    private void connectArrives(String moveId) {
        IngestConn ic = ingest.get(moveId);
        if (ic == null) {
            return;
        }
        boolean up = nodes.get(ic.target).isUp();
        if (up) {
            ic.targetInc = inc(ic.target);
        }
        Network.Fate fate = net.send(now, ic.target, ic.source, MessageClass.INGEST);
        traceFate(fate, ic.target, ic.source, MessageClass.INGEST);
        if (!fate.lost()) {
            agenda.schedule(now + fate.delays()[0],
                    new Events.ConnectAnswered(moveId, up, up ? null : ShipFailure.CONNECTION_REFUSED));
        }
    }

    private void connectAnswered(Events.ConnectAnswered a) {
        IngestConn ic = ingest.get(a.moveId());
        if (ic == null || inc(ic.source) != ic.sourceInc || !nodes.get(ic.source).isUp()) {
            return;
        }
        if (a.ok()) {
            ic.phase = Phase.CONNECTED;
        } else {
            ic.phase = Phase.DONE;
        }
        stepNode(ic.source, new Input.ConnectResult(now, a.moveId(), a.ok(), a.error()));
    }

    private void sendIngest(String source, Effect.SendIngest s) {
        IngestConn ic = ingest.get(s.moveId());
        if (ic == null) {
            return;
        }
        ic.phase = Phase.SENDING;
        long bytes = s.args().size() >= 3 ? s.args().get(2).length() : 0;
        Network.Fate fate = net.send(now, source, ic.target, MessageClass.INGEST);
        traceFate(fate, source, ic.target, MessageClass.INGEST);
        boolean fits = bytes <= sc.cluster().sendBufferBytes();
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

    private void sendDone(String moveId) {
        IngestConn ic = ingest.get(moveId);
        if (ic == null || inc(ic.source) != ic.sourceInc || !nodes.get(ic.source).isUp() || ic.phase != Phase.SENDING) {
            return;
        }
        // A big request completes only if the target is still there to read it.
        ic.phase = Phase.AWAITING;
        stepNode(ic.source, new Input.SendComplete(now, moveId));
        int budget = eintrBudget.getOrDefault(ic.source, 0);
        if (budget > 0 && ic.phase == Phase.AWAITING) {
            eintrBudget.put(ic.source, budget - 1);
            interrupt(ic);
        }
    }

    private void ingestArrives(Events.IngestArrives i) {
        IngestConn ic = ingest.get(i.moveId());
        if (ic == null || !nodes.get(ic.target).isUp() || inc(ic.target) != ic.targetInc) {
            return; // the target process that accepted the connection is gone
        }
        stepNode(ic.target, new Input.ClientCommand(now, INGEST_CONN + i.moveId(), 0, i.args()));
    }

    // =================================================================================== heartbeats

    /** sender → receivers under the cluster's heartbeat policy, from the running configs. */
    private Map<String, List<String>> receivers() {
        if (receivers == null) {
            TreeMap<String, List<String>> m = new TreeMap<>();
            HeartbeatPolicy policy = sc.cluster().heartbeats();
            if (policy != HeartbeatPolicy.NONE) {
                for (KevyNode r : nodeList) {
                    if (!r.isUp()) {
                        continue;
                    }
                    Set<String> peers = new java.util.HashSet<>();
                    for (Peer p : r.config().peers()) {
                        peers.add(p.id());
                    }
                    if (policy == HeartbeatPolicy.ALL) {
                        for (String p : nodeIds) {
                            if (!p.equals(r.name()) && peers.contains(p)) {
                                m.computeIfAbsent(p, k -> new ArrayList<>()).add(r.name());
                            }
                        }
                    } else {
                        TreeSet<String> writers = new TreeSet<>();
                        for (Scope s : r.config().scopes()) {
                            if (s.fallback().isPresent() && s.fallback().get().equals(r.name())
                                    && !s.writer().equals(r.name()) && peers.contains(s.writer())
                                    && nodes.containsKey(s.writer())) {
                                writers.add(s.writer());
                            }
                        }
                        for (String p : writers) {
                            m.computeIfAbsent(p, k -> new ArrayList<>()).add(r.name());
                        }
                    }
                }
            }
            receivers = m;
        }
        return receivers;
    }

    private void heartbeatTick(String p) {
        agenda.schedule(now + HEARTBEAT_EVERY_MS, new Events.HeartbeatTick(p));
        if (!nodes.get(p).isUp()) {
            return;
        }
        lastTick.put(p, now);
        for (String r : receivers().getOrDefault(p, List.of())) {
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

    /** Probe keys whose acceptance on {@code r} depends on its DOWN view of writer {@code p}. */
    private List<String> watchedKeys(String r, String p) {
        KevyNode n = nodes.get(r);
        Optional<VolatileState> v = n.volatileState();
        if (v.isEmpty()) {
            return List.of();
        }
        List<Scope> key = n.config().scopes();
        Map<String, List<String>> byWriter = keysByFallbackWriterId.get(key);
        if (byWriter == null) {
            byWriter = keysByFallbackWriter.get(key);
            if (byWriter != null) {
                keysByFallbackWriterId.put(key, byWriter);
            }
        }
        if (byWriter == null) {
            byWriter = new HashMap<>();
            OwnershipTable table = v.get().table();
            for (String k : probe) {
                Optional<Scope> s = table.lookup(k);
                if (s.isPresent() && s.get().fallback().isPresent()) {
                    byWriter.computeIfAbsent(s.get().writer(), w -> new ArrayList<>()).add(k);
                }
            }
            keysByFallbackWriter.put(key, byWriter);
            keysByFallbackWriterId.put(key, byWriter);
        }
        return byWriter.getOrDefault(p, List.of());
    }

    private void deliverHeartbeat(String r, String p) {
        KevyNode n = nodes.get(r);
        List<String> watched = watchedKeys(r, p);
        boolean wasDown = !watched.isEmpty() && n.isDown(p, now);
        count("heartbeatsDelivered");
        heartbeatWillReach(r, p);
        List<Effect> effs = n.step(new Input.HeartbeatFrom(now, p));
        recoverableCache.remove(r);
        if (traceHeartbeats) {
            execute(r, effs, false);
        }
        if (!watched.isEmpty()) {
            if (wasDown) {
                bumpEpoch(r);
                checker.routingChanged(watched);
            }
            String k = r + "\u0000" + p;
            watchMirror.put(k, now);
            if (!watchPending.getOrDefault(k, false)) {
                watchPending.put(k, true);
                agenda.schedule(now + movescope.model.protocol.KevyNode.DOWN_AFTER_MS + 1, new Events.DownWatch(r, p));
            }
        }
    }

    private void downWatch(String r, String p) {
        String k = r + "\u0000" + p;
        Long last = watchMirror.get(k);
        if (last == null) {
            watchPending.put(k, false);
            return;
        }
        if (now - last > movescope.model.protocol.KevyNode.DOWN_AFTER_MS) {
            watchPending.put(k, false);
            if (nodes.get(r).isUp()) {
                bumpEpoch(r);
                checker.routingChanged(watchedKeys(r, p));
            }
        } else {
            agenda.schedule(last + movescope.model.protocol.KevyNode.DOWN_AFTER_MS + 1, new Events.DownWatch(r, p));
        }
    }

    // =================================================================================== clients

    private void startCommand(ClientState c, List<String> args) {
        count("clientCommands");
        c.startedAt = now;
        perform(c, c.rw.start(args));
    }

    private void perform(ClientState c, ClientAction a) {
        if (a instanceof ClientAction.Send s) {
            long reqId = ++c.reqCounter;
            c.currentReqId = reqId;
            c.currentNode = s.node();
            c.currentConn = c.rw.id() + "@" + s.node();
            c.awaiting = true;
            sendRequest(c.rw.id(), s.node(), c.currentConn, reqId, s.args());
            agenda.schedule(now + c.timeoutMs, new Events.ClientTimeout(c.rw.id(), reqId));
        } else if (a instanceof ClientAction.Sleep s) {
            c.awaiting = false;
            agenda.schedule(now + s.ms(), new Events.ClientWake(c.rw.id(), c.reqCounter));
        } else if (a instanceof ClientAction.Done d) {
            c.awaiting = false;
            commandDone(c, d.reply());
        }
    }

    private void clientTimeout(Events.ClientTimeout t) {
        ClientState c = clients.get(t.client());
        if (c.rw.busy() && c.awaiting && c.currentReqId == t.reqId()) {
            c.awaiting = false;
            history.forget(c.currentConn, t.reqId());
            perform(c, c.rw.onError("-ERR movescope: client timed out after " + c.timeoutMs + " ms"));
        }
    }

    private void commandDone(ClientState c, String reply) {
        c.ops++;
        if (c.currentStep >= 0) {
            stepReply.put(c.currentStep, reply);
            stepReplyAt.put(c.currentStep, now);
            c.currentStep = -1;
        }
        if (!c.pendingSteps.isEmpty()) {
            int next = c.pendingSteps.removeFirst();
            c.currentStep = next;
            startCommand(c, ((Step.ClientStep) sc.steps().get(next)).command());
        } else if (c.workload) {
            WorkloadSpec w = sc.workload().orElseThrow();
            long at = now + think(c, w);
            if (at < w.untilMs()) {
                agenda.schedule(at, new Events.WorkloadNext(c.rw.id()));
            }
        }
    }

    private long think(ClientState c, WorkloadSpec w) {
        return Math.max(1, c.rng.exponentialLong(1000.0 / w.opsPerSec()));
    }

    private void workloadNext(String id) {
        ClientState c = clients.get(id);
        WorkloadSpec w = sc.workload().orElseThrow();
        if (now >= w.untilMs() || c.rw.busy()) {
            return;
        }
        List<String> keys = workloadKeys();
        if (keys.isEmpty()) {
            return;
        }
        String cmd = pickCommand(c.rng, w.mix());
        String key = c.rng.pick(keys);
        String value = id + "-" + (c.ops + 1);
        List<String> args = switch (cmd) {
            case "SET" -> List.of("SET", key, value);
            case "RPUSH" -> List.of("RPUSH", key, value);
            case "DEL" -> List.of("DEL", key);
            case "MSET" -> {
                String k2 = c.rng.pick(keys);
                yield k2.equals(key) ? List.of("MSET", key, value) : List.of("MSET", key, value, k2, value);
            }
            case "GET" -> List.of("GET", key);
            case "LRANGE" -> List.of("LRANGE", key, "0", "-1");
            default -> throw new IllegalStateException("unknown workload command " + cmd);
        };
        materialized.add(new Step.ClientStep(now, id, args, Optional.empty()));
        startCommand(c, args);
    }

    private List<String> workloadKeysCache;

    private List<String> workloadKeys() {
        if (workloadKeysCache == null) {
            workloadKeysCache = sc.workload().map(w -> w.resolvedKeys(sc.cluster())).orElse(List.of());
        }
        return workloadKeysCache;
    }

    private static String pickCommand(Rng rng, SortedMap<String, Integer> mix) {
        int total = 0;
        for (int v : mix.values()) {
            total += v;
        }
        int x = rng.nextInt(total);
        for (Map.Entry<String, Integer> e : mix.entrySet()) {
            x -= e.getValue();
            if (x < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("empty mix");
    }

    // =================================================================================== steps

    private void stepDue(int index) {
        Step s = sc.steps().get(index);
        materialized.add(s);
        if (s instanceof Step.ClientStep cs) {
            ClientState c = clients.get(cs.client());
            if (c.rw.busy()) {
                c.pendingSteps.addLast(index);
            } else {
                c.currentStep = index;
                startCommand(c, cs.command());
            }
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
            trace.add(now, "Partition", fields("partition", id, "from", p.from(), "to", p.to(), "oneWay", p.oneWay()));
        } else if (s instanceof Step.HealStep) {
            int n = net.healAll();
            trace.add(now, "Heal", fields("partitions", (long) n));
        } else if (s instanceof Step.NetRuleStep r) {
            net.addRule(new NetRule(r.kind(), r.from(), r.to(), r.messages(),
                    r.count().isPresent() ? r.count().getAsInt() : -1, r.untilMs(), r.probability(), r.delayMs()));
        } else if (s instanceof Step.EintrStep e) {
            eintrBudget.merge(e.node(), e.count(), Integer::sum);
        } else {
            throw new IllegalStateException("unhandled step " + s);
        }
    }

    private void operatorSend(int stepIndex, String node, List<String> args, String movePrefix, String moveTo) {
        String conn = OPERATOR + "#" + (++opCounter);
        ops.put(conn, new OpWait(stepIndex, node, args, movePrefix, moveTo));
        count("operatorCommands");
        sendRequest(OPERATOR, node, conn, 1, args);
    }

    private void pushConfig(Step.PushConfigStep p) {
        KevyNode n = nodes.get(p.node());
        NodeConfig cur = n.durable().configForNextBoot();
        NodeConfig cfg = cur;
        if (p.nodeId().isPresent()) {
            cfg = cfg.withNodeId(p.nodeId().get() ? p.node() : null);
        }
        if (p.peers().isPresent()) {
            List<Peer> peers = new ArrayList<>();
            for (String id : p.peers().get()) {
                peers.add(sc.cluster().peerOf(sc.cluster().node(id).orElseThrow()));
            }
            cfg = cfg.withPeers(peers);
        }
        if (p.scopes().isPresent()) {
            cfg = cfg.withScopes(p.scopes().get());
        }
        if (p.shards().isPresent()) {
            cfg = cfg.withShards(p.shards().getAsInt());
        }
        stepNode(p.node(), new Input.PushConfig(cfg));
        if (p.restart()) {
            restart(p.node());
        }
    }

    // =================================================================================== chaos

    private void scheduleArrival(String kind, double perSec) {
        if (perSec <= 0) {
            return;
        }
        long gap = Math.max(1, chaosRng.exponentialLong(1000.0 / perSec));
        agenda.schedule(now + gap, new Events.ChaosArrival(kind));
    }

    private double rateOf(String kind) {
        ChaosSpec ch = sc.chaos().orElseThrow();
        return switch (kind) {
            case "crash" -> ch.crashPerSec();
            case "partition" -> ch.partitionPerSec();
            case "move" -> ch.movePerSec();
            case "snapshot" -> ch.snapshotPerSec();
            default -> throw new IllegalStateException(kind);
        };
    }

    private List<String> upNodes() {
        List<String> up = new ArrayList<>();
        for (KevyNode n : nodeList) {
            if (n.isUp()) {
                up.add(n.name());
            }
        }
        return up;
    }

    private void chaosArrival(String kind) {
        if (!chaosActive) {
            return;
        }
        ChaosSpec ch = sc.chaos().orElseThrow();
        switch (kind) {
            case "crash" -> {
                List<String> up = upNodes();
                if (!up.isEmpty()) {
                    String id = chaosRng.pick(up);
                    materialized.add(new Step.CrashStep(now, id));
                    crash(id);
                    agenda.schedule(now + Math.max(1, chaosRng.exponentialLong(ch.meanDownMs())),
                            new Events.ChaosRestart(id));
                }
            }
            case "partition" -> {
                if (nodeIds.size() > 1) {
                    String x = chaosRng.pick(nodeIds);
                    List<String> others = new ArrayList<>(nodeIds);
                    others.remove(x);
                    boolean oneWay = chaosRng.chance(ch.oneWayShare());
                    boolean outward = chaosRng.nextBoolean();
                    List<String> from = oneWay && !outward ? others : List.of(x);
                    List<String> to = oneWay && !outward ? List.of(x) : others;
                    long id = net.partition(new TreeSet<>(from), new TreeSet<>(to), oneWay);
                    count("partitions");
                    materialized.add(new Step.PartitionStep(now, from, to, oneWay));
                    trace.add(now, "Partition", fields("partition", id, "from", from, "to", to, "oneWay", oneWay));
                    agenda.schedule(now + Math.max(1, chaosRng.exponentialLong(ch.meanPartitionMs())),
                            new Events.ChaosHeal(id));
                }
            }
            case "move" -> {
                if (!declaredScopes.isEmpty() && nodeIds.size() > 1) {
                    Scope s = chaosRng.pick(declaredScopes);
                    String owner = believedOwner.getOrDefault(s.prefix(), s.writer());
                    List<String> targets = new ArrayList<>(nodeIds);
                    targets.remove(owner);
                    String to = chaosRng.pick(targets);
                    if (nodes.containsKey(owner)) {
                        List<String> args = List.of("MOVE-SCOPE", s.prefix(), "FROM", owner, "TO", to);
                        materialized.add(new Step.OperatorStep(now, owner, args, Optional.empty()));
                        operatorSend(-1, owner, args, s.prefix(), to);
                    }
                }
            }
            case "snapshot" -> {
                List<String> up = upNodes();
                if (!up.isEmpty()) {
                    String id = chaosRng.pick(up);
                    materialized.add(new Step.SnapshotStep(now, id));
                    stepNode(id, new Input.Snapshot(now));
                }
            }
            default -> throw new IllegalStateException("unknown chaos kind " + kind);
        }
        scheduleArrival(kind, rateOf(kind));
    }

    /** A chaos MOVE-SCOPE returned: on +OK the operator may roll the new writer out to every node. */
    private void chaosMoveAnswered(OpWait w) {
        if (!w.reply.startsWith("+OK")) {
            return;
        }
        believedOwner.put(w.movePrefix, w.moveTo);
        ChaosSpec ch = sc.chaos().orElseThrow();
        if (!chaosActive || !chaosRng.chance(ch.pushConfigAfterMove())) {
            return;
        }
        long at = now;
        for (String id : nodeIds) {
            at += 500;
            agenda.schedule(at, new Events.ChaosPush(id, w.movePrefix, w.moveTo));
        }
    }

    private void chaosPush(Events.ChaosPush p) {
        KevyNode n = nodes.get(p.node());
        NodeConfig cur = n.durable().configForNextBoot();
        List<Scope> scopes = new ArrayList<>();
        for (Scope s : cur.scopes()) {
            scopes.add(s.prefix().equals(p.prefix()) ? new Scope(s.prefix(), p.writer(),
                    s.fallback().filter(f -> !f.equals(p.writer()))) : s);
        }
        Step.PushConfigStep step = new Step.PushConfigStep(now, p.node(), Optional.empty(), Optional.empty(),
                Optional.of(List.copyOf(scopes)), OptionalInt.empty(), true);
        materialized.add(step);
        pushConfig(step);
    }

    private void chaosEnd() {
        chaosActive = false;
        net.setExtra(0, 0);
        net.clearRules();
        eintrChance = sc.faults().eintr();
        int healed = net.healAll();
        trace.add(now, "Heal", fields("partitions", (long) healed, "phase", "heal"));
        materialized.add(new Step.HealStep(now));
        for (String id : nodeIds) {
            if (!nodes.get(id).isUp()) {
                materialized.add(new Step.RestartStep(now, id));
                restart(id);
            }
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
    public Optional<Value> valueOn(String id, String key) {
        KevyNode n = nodes.get(id);
        if (n.isUp()) {
            return n.read(key, now);
        }
        Optional<List<Store>> stores = recoverableCache.get(id);
        if (stores == null) {
            stores = n.recoverableStores(now);
            recoverableCache.put(id, stores);
        }
        if (stores.isEmpty()) {
            return Optional.empty();
        }
        List<Store> s = stores.get();
        return s.get(Sharding.shardOf(key, s.size())).get(key, now);
    }

    // =================================================================================== the end

    private List<String> acceptingAtEnd(String key) {
        List<String> out = new ArrayList<>();
        if (routes != null && routes.covers(key)) {
            int[] r = routes.routes(key, now);
            for (int i = 0; i < r.length; i++) {
                if (r[i] == RouteCache.ACCEPT) {
                    out.add(nodeList.get(i).name());
                }
            }
            return out;
        }
        for (KevyNode n : nodeList) {
            if (n.isUp() && n.acceptsWrite(key, now)) {
                out.add(n.name());
            }
        }
        return out;
    }

    private RunResult finish() {
        List<String> failures = new ArrayList<>();
        List<StepResult> stepResults = new ArrayList<>();
        boolean stoppedEarly = violation != null || outOfEvents;
        for (int i = 0; i < sc.steps().size(); i++) {
            Step s = sc.steps().get(i);
            Optional<ReplyExpectation> exp;
            String target;
            List<String> cmd;
            if (s instanceof Step.ClientStep cs) {
                exp = cs.expect();
                target = cs.client();
                cmd = cs.command();
            } else if (s instanceof Step.OperatorStep os) {
                exp = os.expect();
                target = os.node();
                cmd = os.command();
            } else {
                continue;
            }
            String reply = stepReply.get(i);
            boolean judged = !stoppedEarly || reply != null;
            boolean ok = exp.isEmpty() || !judged || exp.get().matches(reply);
            stepResults.add(new StepResult(i, s.at(), s.doName(), target, Commands.render(cmd),
                    exp.map(ReplyExpectation::describe), Optional.ofNullable(reply),
                    stepReplyAt.getOrDefault(i, -1L), ok, judged));
            if (!ok) {
                failures.add("step " + i + " (at " + s.at() + " ms, " + s.doName() + " " + target + " "
                        + Commands.render(cmd) + "): expected " + exp.get().describe() + ", got "
                        + (reply == null ? "no reply" : reply));
            }
        }
        List<HistoryFinding> findings = new ArrayList<>();
        Expectations ex = sc.expect();
        if (!stoppedEarly) {
            for (String b : ex.baits()) {
                if (baits.getOrDefault(b, 0L) == 0) {
                    failures.add("bait " + b + " was never reached");
                }
            }
            for (ValueExpectation v : ex.values()) {
                String node = v.node().orElse(null);
                if (node == null) {
                    List<String> acc = acceptingAtEnd(v.key());
                    if (acc.isEmpty()) {
                        failures.add("value of " + v.key() + ": no live node accepts writes for it at the end");
                        continue;
                    }
                    node = acc.get(0);
                }
                KevyNode n = nodes.get(node);
                if (!n.isUp()) {
                    failures.add("value of " + v.key() + ": node " + node + " is down at the end");
                    continue;
                }
                List<Store> stores = n.volatileState().orElseThrow().stores();
                Store st = stores.get(Sharding.shardOf(v.key(), stores.size())).copy();
                String got = st.execute(v.command(), now).wire();
                if (!v.expect().matches(got)) {
                    failures.add("value of " + v.key() + " on " + node + " (" + Commands.render(v.command())
                            + "): expected " + v.expect().describe() + ", got " + got);
                }
            }
            if (ex.history()) {
                for (String key : probe) {
                    Optional<WriteRecord> w = history.lastAcked(key);
                    if (w.isEmpty()) {
                        continue;
                    }
                    if (!topology.scoped(key)) {
                        // Outside every scope all nodes accept the key (scopes are opt-in): nothing can be
                        // stranded, only lost.
                        boolean held = false;
                        for (KevyNode n : nodeList) {
                            if (History.holds(w.get(), valueOn(n.name(), key))) {
                                held = true;
                                break;
                            }
                        }
                        if (!held) {
                            findings.add(new HistoryFinding("lost", key, w.get().describe(),
                                    "no node holds it; the key is under no scope"));
                        }
                        continue;
                    }
                    List<String> owners = acceptingAtEnd(key);
                    for (String o : owners) {
                        if (History.holds(w.get(), nodes.get(o).read(key, now))) {
                            continue;
                        }
                        String holder = null;
                        for (KevyNode n : nodeList) {
                            if (History.holds(w.get(), valueOn(n.name(), key))) {
                                holder = n.name();
                                break;
                            }
                        }
                        if (holder != null) {
                            findings.add(new HistoryFinding("stranded", key, w.get().describe(),
                                    "owner " + o + " does not hold it; " + holder + " does"));
                        } else {
                            findings.add(new HistoryFinding("lost", key, w.get().describe(),
                                    "no node holds it; owner at the end: " + o));
                        }
                    }
                }
                for (Map.Entry<String, String> e : history.overlaps().entrySet()) {
                    findings.add(new HistoryFinding("overlap", e.getKey(), "", e.getValue()));
                }
                for (HistoryFinding f : findings) {
                    failures.add("history: " + f.kind() + " " + f.key() + ": " + f.write()
                            + (f.write().isEmpty() ? "" : " — ") + f.detail());
                }
            }
        }
        Verdict verdict;
        String summary;
        Optional<String> expectedViolation = ex.violation();
        if (violation != null) {
            if (expectedViolation.isPresent() && expectedViolation.get().equals(violation.invariant())) {
                String occurred = "expected violation " + violation.invariant() + " occurred at " + violation.t()
                        + " ms: " + violation.message();
                if (failures.isEmpty()) {
                    verdict = Verdict.PASS;
                    summary = "PASS: " + occurred;
                } else {
                    // A step that missed its expected reply before the violation fails the run: the story
                    // did not go the way the scenario says, even if it ended where it was meant to.
                    verdict = Verdict.EXPECTATION_FAILED;
                    summary = "EXPECTATION_FAILED: " + failures.get(0)
                            + (failures.size() > 1 ? " (+" + (failures.size() - 1) + " more)" : "") + " (" + occurred
                            + ")";
                }
            } else {
                verdict = violation.invariant().equals(Expectations.MIGRATION_ENDS) ? Verdict.LIVENESS_VIOLATION
                        : Verdict.SAFETY_VIOLATION;
                summary = verdict + " " + violation.invariant() + " at " + violation.t() + " ms: " + violation.message();
            }
        } else if (outOfEvents) {
            verdict = Verdict.OUT_OF_EVENTS;
            summary = "OUT_OF_EVENTS: ran out of events before the end (" + events + " events, virtual time "
                    + now + " of " + sc.endMs() + " ms)";
        } else {
            if (expectedViolation.isPresent()) {
                failures.add("expected violation " + expectedViolation.get() + " did not occur");
            }
            if (failures.isEmpty()) {
                verdict = Verdict.PASS;
                summary = "PASS (" + events + " events, " + now + " ms)";
            } else {
                verdict = Verdict.EXPECTATION_FAILED;
                summary = "EXPECTATION_FAILED: " + failures.get(0)
                        + (failures.size() > 1 ? " (+" + (failures.size() - 1) + " more)" : "");
            }
        }
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
                stepResults, failures, findings, Collections.unmodifiableSortedMap(new TreeMap<>(baits)),
                Collections.unmodifiableSortedMap(new TreeMap<>(counts)), events, now, trace.lineCount(),
                trace.sha256(), trace.lines(), mat);
    }
}
