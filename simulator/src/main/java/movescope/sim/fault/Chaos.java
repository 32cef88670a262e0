package movescope.sim.fault;

import movescope.sim.engine.VirtualTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import movescope.gen.Rng;
import movescope.model.protocol.NodeConfig;
import movescope.model.scope.Scope;
import movescope.sim.net.Network;
import movescope.sim.operator.ConfigPush;
import movescope.sim.scenario.ChaosSpec;
import movescope.sim.scenario.NodeSpec;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.Step;
import movescope.sim.trace.Fields;
import movescope.sim.trace.TraceLog;

/**
 * The random faults of a run: the chaos phase's Poisson arrivals of crashes, partitions, MOVE-SCOPEs
 * and snapshots, the extra loss and duplication it puts on the network, the spurious EINTR, and the
 * heal phase that follows. Every choice comes from the run's {@code chaos} stream, in the order the
 * agenda hands out events. Each fault it injects is also recorded as a scenario step, so a failing run
 * can be shrunk and replayed as a script.
 */
public final class Chaos {
    /** What chaos acts on; the world implements it. */
    public interface Host {
        long now();

        List<String> upNodes();

        boolean isUp(String node);

        boolean hasNode(String node);

        NodeConfig configForNextBoot(String node);

        void schedule(long at, FaultEvent e);

        /** Records an injected fault as a step of the materialized scenario (for the shrinker). */
        void record(Step s);

        void count(String name);

        void crash(String node);

        void restart(String node);

        void snapshot(String node);

        /** Sends the operator's MOVE-SCOPE; {@link #moveAnswered} is told about its reply. */
        void sendMove(String node, List<String> args, String prefix, String to);

        void pushConfig(Step.PushConfigStep p);
    }

    private final Scenario sc;
    private final Rng rng;
    /**
     * EINTR draws of a run with a chaos phase come from their own stream, so that a shrunk reproduction
     * which keeps the phase's EINTR but none of its arrivals (crash, partition, move, snapshot) draws the same
     * strikes. Without a chaos phase the scripted {@code faults.eintr} keeps drawing from {@link #rng}, as it
     * always did (the corpus's goldens depend on it).
     */
    private final Rng eintrRng;
    private final Network net;
    private final TraceLog trace;
    private final Host host;
    private final List<String> nodeIds;
    private boolean active;
    private double eintrChance;
    /** prefix → the writer the operator believes in after its last successful MOVE-SCOPE of it. */
    private final TreeMap<String, String> believedOwner = new TreeMap<>();
    /** The scopes declared anywhere in the cluster, first declaration of each prefix, in file order. */
    private final List<Scope> declaredScopes = new ArrayList<>();

    public Chaos(Scenario sc, Rng rng, Network net, TraceLog trace, List<String> nodeIds, Host host) {
        this.sc = sc;
        this.rng = rng;
        this.eintrRng = rng.fork("eintr");
        this.net = net;
        this.trace = trace;
        this.nodeIds = nodeIds;
        this.host = host;
        this.eintrChance = sc.faults().eintr();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (Scope s : sc.cluster().scopes()) {
            if (seen.add(s.prefix())) {
                declaredScopes.add(s);
            }
        }
        for (NodeSpec n : sc.cluster().nodes()) {
            for (Scope s : n.scopes().orElse(List.of())) {
                if (seen.add(s.prefix())) {
                    declaredScopes.add(s);
                }
            }
        }
    }

    /** Starts the chaos phase, if the scenario has one. */
    public void start() {
        sc.chaos().ifPresent(ch -> {
            active = true;
            net.setExtra(ch.loss(), ch.duplicate());
            eintrChance = Math.min(1, sc.faults().eintr() + ch.eintr());
            scheduleArrival("crash", ch.crashPerSec());
            scheduleArrival("partition", ch.partitionPerSec());
            scheduleArrival("move", ch.movePerSec());
            scheduleArrival("snapshot", ch.snapshotPerSec());
            host.schedule(ch.untilMs(), new FaultEvent.End());
        });
    }

    /** Whether a client command can interrupt a waiting MOVE-SCOPE at all (no draw when it cannot). */
    public boolean eintrPossible() {
        return eintrChance > 0;
    }

    /** A stream of its own, so that scenarios without {@code eintrPerMove} draw exactly what they always drew. */
    private Rng perMoveRng;

    /** Draws, once per wait for an INGEST reply, whether it fails with EINTR on an idle shard. */
    public boolean eintrPerMoveStrikes() {
        double p = sc.faults().eintrPerMove();
        if (p == 0) {
            return false;
        }
        if (perMoveRng == null) {
            perMoveRng = rng.fork("eintrPerMove");
        }
        return perMoveRng.chance(p);
    }

    /** Draws whether one waiting MOVE-SCOPE is interrupted by an arriving client command. */
    public boolean eintrStrikes() {
        return (sc.chaos().isPresent() ? eintrRng : rng).chance(eintrChance);
    }

    public void handle(FaultEvent e) {
        if (e instanceof FaultEvent.Arrival a) {
            arrival(a.kind());
        } else if (e instanceof FaultEvent.Restart r) {
            if (!host.isUp(r.node())) {
                host.record(new Step.RestartStep(host.now(), r.node()));
                host.restart(r.node());
            }
        } else if (e instanceof FaultEvent.Heal h) {
            if (net.heal(h.partitionId())) {
                host.record(new Step.HealStep(host.now()));
                trace.add(host.now(), "Heal", Fields.of("partition", h.partitionId()));
            }
        } else if (e instanceof FaultEvent.Push p) {
            push(p);
        } else if (e instanceof FaultEvent.End) {
            end();
        } else {
            throw new IllegalStateException("unhandled fault event " + e);
        }
    }

    private void scheduleArrival(String kind, double perSec) {
        if (perSec <= 0) {
            return;
        }
        long gap = Math.max(1, rng.exponentialLong(1000.0 / perSec));
        host.schedule(VirtualTime.after(host.now(), gap), new FaultEvent.Arrival(kind));
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

    private void arrival(String kind) {
        if (!active) {
            return;
        }
        ChaosSpec ch = sc.chaos().orElseThrow();
        long now = host.now();
        switch (kind) {
            case "crash" -> {
                List<String> up = host.upNodes();
                if (!up.isEmpty()) {
                    String id = rng.pick(up);
                    host.record(new Step.CrashStep(now, id));
                    host.crash(id);
                    host.schedule(VirtualTime.after(now, Math.max(1, rng.exponentialLong(ch.meanDownMs()))), new FaultEvent.Restart(id));
                }
            }
            case "partition" -> {
                if (nodeIds.size() > 1) {
                    String x = rng.pick(nodeIds);
                    List<String> others = new ArrayList<>(nodeIds);
                    others.remove(x);
                    boolean oneWay = rng.chance(ch.oneWayShare());
                    boolean outward = rng.nextBoolean();
                    List<String> from = oneWay && !outward ? others : List.of(x);
                    List<String> to = oneWay && !outward ? List.of(x) : others;
                    long id = net.partition(new TreeSet<>(from), new TreeSet<>(to), oneWay);
                    host.count("partitions");
                    host.record(new Step.PartitionStep(now, from, to, oneWay));
                    trace.add(now, "Partition", Fields.of("partition", id, "from", from, "to", to, "oneWay", oneWay));
                    host.schedule(VirtualTime.after(now, Math.max(1, rng.exponentialLong(ch.meanPartitionMs()))), new FaultEvent.Heal(id));
                }
            }
            case "move" -> {
                if (!declaredScopes.isEmpty() && nodeIds.size() > 1) {
                    Scope s = rng.pick(declaredScopes);
                    String owner = believedOwner.getOrDefault(s.prefix(), s.writer());
                    List<String> targets = new ArrayList<>(nodeIds);
                    targets.remove(owner);
                    String to = rng.pick(targets);
                    if (ch.oddMoves() > 0 && rng.chance(ch.oddMoves())) {
                        oddMove(s.prefix(), owner, to, now);
                    } else if (host.hasNode(owner)) {
                        move(now, owner, s.prefix(), owner, to);
                    }
                }
            }
            case "snapshot" -> {
                List<String> up = host.upNodes();
                if (!up.isEmpty()) {
                    String id = rng.pick(up);
                    host.record(new Step.SnapshotStep(now, id));
                    host.snapshot(id);
                }
            }
            default -> throw new IllegalStateException("unknown chaos kind " + kind);
        }
        scheduleArrival(kind, rateOf(kind));
    }

    /** The operator sends {@code MOVE-SCOPE prefix FROM from TO to} to node {@code via}. */
    private void move(long now, String via, String prefix, String from, String to) {
        if (!host.hasNode(via)) {
            return;
        }
        List<String> args = List.of("MOVE-SCOPE", prefix, "FROM", from, "TO", to);
        host.record(new Step.OperatorStep(now, via, args, Optional.empty()));
        host.sendMove(via, args, prefix, to);
    }

    /**
     * One adversarial move (the wider adversary of issue 8): kevy's operator may send any of these, and
     * each exercises a path the plain owner → other move never takes. An empty prefix is not drawn: a
     * scenario file's command words cannot carry an empty argument.
     */
    private void oddMove(String prefix, String owner, String to, long now) {
        switch ((int) rng.uniform(0, 4)) {
            case 0 -> move(now, owner, prefix, owner, owner); // to self
            case 1 -> {
                // By a non-owner: the node that is neither the owner nor the target sends it.
                List<String> others = new ArrayList<>(nodeIds);
                others.remove(owner);
                String x = rng.pick(others);
                move(now, x, prefix, x, x.equals(to) ? owner : to);
            }
            case 2 -> {
                move(now, owner, prefix, owner, to); // crossing: a→b while b→a
                move(now, to, prefix, to, owner);
            }
            case 3 -> {
                move(now, owner, prefix, owner, to); // nested: the parent and a sub-prefix at once
                move(now, owner, prefix + "n:", owner, rng.pick(nodeIds));
            }
            default -> move(now, owner, "undeclared" + rng.uniform(0, 9) + ":", owner, to); // no scope declares it
        }
    }

    /** A chaos MOVE-SCOPE returned {@code reply}: on +OK the operator may roll the new writer out to every node. */
    public void moveAnswered(String reply, String prefix, String to) {
        if (!reply.startsWith("+OK")) {
            return;
        }
        believedOwner.put(prefix, to);
        ChaosSpec ch = sc.chaos().orElseThrow();
        if (!active || !rng.chance(ch.pushConfigAfterMove())) {
            return;
        }
        long at = host.now();
        List<String> order = new ArrayList<>(nodeIds);
        if (ch.shufflePushes()) {
            order = rng.shuffle(order); // config pushes in every order, not only node order
        }
        for (String id : order) {
            at += 500;
            host.schedule(at, new FaultEvent.Push(id, prefix, to));
        }
    }

    private void push(FaultEvent.Push p) {
        List<Scope> scopes = ConfigPush.withWriter(host.configForNextBoot(p.node()), p.prefix(), p.writer());
        Step.PushConfigStep step = new Step.PushConfigStep(host.now(), p.node(), Optional.empty(), Optional.empty(),
                Optional.of(scopes), OptionalInt.empty(), true);
        host.record(step);
        host.pushConfig(step);
    }

    private void end() {
        active = false;
        net.setExtra(0, 0);
        net.clearRules();
        eintrChance = sc.faults().eintr();
        int healed = net.healAll();
        long now = host.now();
        trace.add(now, "Heal", Fields.of("partitions", (long) healed, "phase", "heal"));
        host.record(new Step.HealStep(now));
        for (String id : nodeIds) {
            if (!host.isUp(id)) {
                host.record(new Step.RestartStep(now, id));
                host.restart(id);
            }
        }
    }
}
