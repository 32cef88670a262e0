package movescope.sim.swarm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import movescope.model.scope.Scope;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.engine.Verdict;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.ChaosSpec;
import movescope.sim.scenario.ClientSpec;
import movescope.sim.scenario.ClusterSpec;
import movescope.sim.scenario.DataSpec;
import movescope.sim.scenario.Expectations;
import movescope.sim.scenario.FaultSpec;
import movescope.sim.scenario.Latency;
import movescope.sim.scenario.MessageClass;
import movescope.sim.scenario.NetRuleKind;
import movescope.sim.scenario.NetworkSpec;
import movescope.sim.scenario.NodeSpec;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioWriter;
import movescope.sim.scenario.Step;
import movescope.sim.scenario.WorkloadSpec;

/**
 * Shrinks a failing run to a small scenario that still fails the same way (same verdict, same violated
 * invariant), with the same seed:
 * <ol>
 * <li>materialize: the random workload commands and chaos faults the run actually performed become
 *   explicit steps (workload clients become declared clients; chaos loss/duplication become drop /
 *   duplicate rules until the chaos phase ends; chaos EINTR is added to {@code faults.eintr});</li>
 * <li>delta-debug the steps (remove halves, quarters, ... then single steps);</li>
 * <li>drop nodes no step, client, scope or data set mentions; drop unused clients;</li>
 * <li>simplify the network (constant 1 ms latency, no loss/duplication) and the end time.</li>
 * </ol>
 * Every candidate is a full simulation run; {@code budget} bounds how many. The result is a scenario
 * ready to be written with {@link ScenarioWriter} and committed.
 */
public final class Shrinker {
    /** The smallest failing scenario found, how it fails, and how many runs it took. */
    public record Outcome(Scenario scenario, RunResult result, int runs, boolean materialized, boolean fixpoint) {
        static Outcome unshrunk(Scenario s, RunResult r) {
            return new Outcome(s, r, 0, false, false);
        }

        public String json() {
            return ScenarioWriter.toJson(scenario);
        }
    }

    private final long seed;
    private final Verdict verdict;
    private final Predicate<RunResult> sameCause;
    private final Options options;
    private final int budget;
    private int runs;
    private RunResult lastFailing;

    private Shrinker(long seed, RunResult failing, int budget, Predicate<RunResult> sameCause, Options options) {
        this.seed = seed;
        this.verdict = failing.verdict();
        this.sameCause = sameCause;
        this.options = options;
        this.budget = budget;
        this.lastFailing = failing;
    }

    /** Shrinks keeping the verdict and the violated invariant (the swarm's historical notion of "same way"). */
    public static Outcome shrink(Scenario failing, long seed, RunResult result, int budget) {
        Verdict verdict = result.verdict();
        Optional<String> invariant = result.violation().map(v -> v.invariant());
        return shrink(failing, seed, result, budget,
                r -> r.verdict() == verdict && r.violation().map(v -> v.invariant()).equals(invariant), Options.DEFAULT);
    }

    /**
     * Shrinks keeping whatever {@code sameCause} accepts of a candidate's result (a campaign passes "fails with
     * the same signature", so a step the cause depends on — the move a config push needs — cannot go), run
     * with {@code options} (which must keep the trace when {@code sameCause} reads it). The passes repeat until
     * none removes anything (a fixpoint) or the budget is spent.
     */
    public static Outcome shrink(Scenario failing, long seed, RunResult result, int budget,
            Predicate<RunResult> sameCause, Options options) {
        Objects.requireNonNull(failing, "failing");
        if (result.verdict() == Verdict.PASS) {
            throw new IllegalArgumentException("cannot shrink a passing run");
        }
        Shrinker s = new Shrinker(seed, result, budget, sameCause, options);
        return s.run(failing, result);
    }

    private boolean failsSameWay(Scenario s) {
        if (runs >= budget) {
            return false;
        }
        return check(s);
    }

    /** One candidate run, whatever the budget says (the final guard must always run). */
    private boolean check(Scenario s) {
        runs++;
        RunResult r;
        try {
            r = Simulation.run(s, seed, options);
        } catch (RuntimeException e) {
            return false; // a candidate the model rejects is not a reproduction
        }
        boolean same = r.verdict() == verdict && sameCause.test(r);
        if (same) {
            lastFailing = r;
        }
        return same;
    }

    private Outcome run(Scenario failing, RunResult result) {
        Scenario best = failing;
        boolean materialized = false;
        Scenario mat = materialize(failing, result);
        if (failsSameWay(mat)) {
            best = mat;
            materialized = true;
        } else if (failing.chaos().isPresent()) {
            // Drop rules draw the network's random numbers in another order than the chaos phase's loss
            // does, so the run may go another way: keep the loss, duplication and EINTR as a chaos phase
            // that does nothing else (no crash, partition, move or snapshot arrivals draw anything).
            Scenario residual = materializeKeepingNetworkChaos(failing, result);
            if (failsSameWay(residual)) {
                best = residual;
                materialized = true;
            }
        }
        boolean fixpoint = false;
        while (runs < budget) {
            String before = ScenarioWriter.toJson(best);
            if (materialized) {
                best = ddminSteps(best);
                best = dropScopes(best);
                best = dropUnused(best);
                best = compactTimes(best);
            }
            best = simplifyNetwork(best);
            if (ScenarioWriter.toJson(best).equals(before)) {
                fixpoint = runs < budget;
                break;
            }
        }
        this.fixpoint = fixpoint;
        String desc = "Shrunk from a failing run (" + result.summary() + "). Reproduce: movescope run --seed "
                + seed + " <this file>.";
        best = best.withName(failing.name() + "-shrunk", desc).withSeed(OptionalLong.of(seed));
        if (best != failing && !check(best)) {
            // The rename cannot change behaviour; this guards the invariant that the output fails.
            best = failing;
        }
        return new Outcome(best, lastFailing, runs, materialized, this.fixpoint);
    }

    private boolean fixpoint;

    /**
     * Like {@link #materialize}, but the chaos phase's loss, duplication and EINTR stay a chaos phase (with
     * every arrival rate 0) instead of becoming drop and duplicate rules.
     */
    public static Scenario materializeKeepingNetworkChaos(Scenario s, RunResult r) {
        ChaosSpec c = s.chaos().orElseThrow();
        ChaosSpec quiet = new ChaosSpec(c.untilMs(), c.healBoundMs(), 0, c.meanDownMs(), 0, c.meanPartitionMs(),
                c.oneWayShare(), 0, c.pushConfigAfterMove(), 0, c.loss(), c.duplicate(), c.eintr());
        Scenario noChaos = s.withChaos(Optional.of(new ChaosSpec(c.untilMs(), c.healBoundMs(), 0, c.meanDownMs(), 0,
                c.meanPartitionMs(), c.oneWayShare(), 0, c.pushConfigAfterMove(), 0, 0, 0, 0)));
        Scenario m = materialize(noChaos, r);
        // The kept phase ends itself at untilMs — heals and restarts every down node — so the heal and the
        // restarts the original phase's end recorded at that instant must not happen a second time (a
        // second restart of a node that is up is a crash and a boot).
        List<Step> steps = new ArrayList<>();
        for (Step st : m.steps()) {
            boolean endOfPhase = st.at() == c.untilMs() && (st instanceof Step.HealStep || st instanceof Step.RestartStep);
            if (!endOfPhase) {
                steps.add(st);
            }
        }
        return m.withSteps(steps).withChaos(Optional.of(quiet)).withExpect(m.expect());
    }

    /** The run's random workload and chaos, as explicit steps. */
    public static Scenario materialize(Scenario s, RunResult r) {
        List<ClientSpec> clients = new ArrayList<>(s.clients());
        if (s.workload().isPresent()) {
            WorkloadSpec w = s.workload().get();
            for (int i = 0; i < w.clients(); i++) {
                clients.add(new ClientSpec(w.clientId(i), w.primaryOf(i, s.cluster()), w.timeoutMs()));
            }
        }
        List<Step> steps = new ArrayList<>(r.materializedSteps());
        NetworkSpec net = s.network();
        FaultSpec faults = s.faults();
        Expectations ex = s.expect();
        if (s.chaos().isPresent()) {
            ChaosSpec c = s.chaos().get();
            if (c.loss() > 0) {
                steps.add(0, new Step.NetRuleStep(0, NetRuleKind.DROP, Optional.empty(), Optional.empty(),
                        MessageClass.ANY, OptionalInt.empty(), OptionalLong.of(c.untilMs()), c.loss(), 0));
            }
            if (c.duplicate() > 0) {
                steps.add(0, new Step.NetRuleStep(0, NetRuleKind.DUPLICATE, Optional.empty(), Optional.empty(),
                        MessageClass.ANY, OptionalInt.empty(), OptionalLong.of(c.untilMs()), c.duplicate(), 0));
            }
            if (c.eintr() > 0) {
                faults = new FaultSpec(Math.min(1, faults.eintr() + c.eintr()), faults.eintrPerMove());
            }
            if (ex.migrationsEndBy().isEmpty() && c.migrationsEndBy() <= s.endMs()) {
                ex = ex.withMigrationsEndBy(OptionalLong.of(c.migrationsEndBy()));
            }
        }
        return s.withClients(clients).withSteps(steps).withWorkload(Optional.empty()).withChaos(Optional.empty())
                .withNetwork(net).withFaults(faults).withExpect(ex);
    }

    /**
     * Whether a step must stay in every candidate. A liveness failure ({@code MigrationEnds}) is only a
     * failure once faults stop, so the recovery steps — heals and restarts, which the materialized run has
     * at the end of its chaos phase — are never removed: without them a never-healed partition would
     * "reproduce" any liveness failure trivially.
     */
    private boolean isProtected(Step st) {
        return verdict == Verdict.LIVENESS_VIOLATION
                && (st instanceof Step.HealStep || st instanceof Step.RestartStep);
    }

    /** Delta debugging (ddmin) over the removable steps; protected steps keep their places. */
    private Scenario ddminSteps(Scenario s) {
        List<Step> all = s.steps();
        List<Integer> removable = new ArrayList<>();
        int lastHeal = lastHeal(all);
        for (int i = 0; i < all.size(); i++) {
            Step st = all.get(i);
            if (!isProtected(st) || (st instanceof Step.HealStep && i != lastHeal)) {
                removable.add(i);
            }
        }
        int n = 2;
        while (removable.size() >= 2 && runs < budget) {
            int chunk = Math.max(1, removable.size() / n);
            boolean reduced = false;
            for (int start = 0; start < removable.size() && runs < budget; start += chunk) {
                List<Integer> candidate = new ArrayList<>(removable.subList(0, start));
                candidate.addAll(removable.subList(Math.min(removable.size(), start + chunk), removable.size()));
                if (failsSameWay(s.withSteps(keep(all, candidate)))) {
                    removable = candidate;
                    n = Math.max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (chunk == 1) {
                    break;
                }
                n = Math.min(removable.size(), n * 2);
            }
        }
        if (removable.size() == 1 && failsSameWay(s.withSteps(keep(all, List.of())))) {
            removable = List.of();
        }
        return s.withSteps(keep(all, removable));
    }

    /**
     * The last heal: it removes every partition, so it alone ends the faults; earlier heals of a liveness
     * failure are removable like any step.
     */
    private static int lastHeal(List<Step> all) {
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i) instanceof Step.HealStep) {
                return i;
            }
        }
        return -1;
    }

    /** The protected steps and the kept removable ones ({@code kept}: indexes into {@code all}), in order. */
    private List<Step> keep(List<Step> all, List<Integer> kept) {
        Set<Integer> keptSet = new LinkedHashSet<>(kept);
        List<Step> out = new ArrayList<>();
        Set<String> down = new java.util.TreeSet<>();
        for (int i = 0; i < all.size(); i++) {
            Step st = all.get(i);
            if (keptSet.contains(i)) {
                out.add(st);
            } else if (isProtected(st) && (!(st instanceof Step.HealStep) || i == lastHeal(all))) {
                // A protected restart stays only while the crash it recovers from stays: removing a crash
                // together with its restart is a smaller story, not a never-restarted node.
                if (!(st instanceof Step.RestartStep r) || down.contains(r.node())) {
                    out.add(st);
                }
            } else {
                continue;
            }
            if (st instanceof Step.CrashStep c) {
                down.add(c.node());
            } else if (st instanceof Step.RestartStep r) {
                down.remove(r.node());
            }
        }
        return out;
    }

    /**
     * Brings steps closer in time: first the whole story earlier (the first step at 0), then each gap between
     * consecutive step times halved, from the last gap back. A gap the cause needs (a timeout to fire, a
     * heartbeat to lapse) survives because the candidate then fails differently or not at all.
     */
    private Scenario compactTimes(Scenario s) {
        if (s.steps().isEmpty()) {
            return s;
        }
        long first = s.steps().get(0).at();
        if (first > 0) {
            Scenario cand = Retime.earlier(s, first, first);
            if (failsSameWay(cand)) {
                s = cand;
            }
        }
        for (int i = s.steps().size() - 1; i >= 1 && runs < budget; i--) {
            long gap = s.steps().get(i).at() - s.steps().get(i - 1).at();
            if (gap >= 2) {
                Scenario cand = Retime.earlier(s, s.steps().get(i).at(), gap / 2);
                if (failsSameWay(cand)) {
                    s = cand;
                }
            }
        }
        return s;
    }

    /**
     * Drops scopes whose prefix no step mentions (so their writers, otherwise always "used", can go too):
     * from the cluster's scopes, per-node overrides stay as they are.
     */
    private Scenario dropScopes(Scenario s) {
        List<Scope> scopes = s.cluster().scopes();
        for (Scope sc : scopes) {
            if (runs >= budget || s.cluster().scopes().size() <= 1 || mentionsPrefix(s, sc.prefix())) {
                continue;
            }
            List<Scope> kept = new ArrayList<>(s.cluster().scopes());
            kept.remove(sc);
            ClusterSpec c = s.cluster();
            ClusterSpec cand = c.withScopes(kept);
            Scenario candidate = s.withCluster(cand);
            if (failsSameWay(candidate)) {
                s = candidate;
            }
        }
        return s;
    }

    private static boolean mentionsPrefix(Scenario s, String prefix) {
        for (Step st : s.steps()) {
            List<String> words = st instanceof Step.ClientStep c ? c.command()
                    : st instanceof Step.OperatorStep o ? o.command() : List.of();
            for (String w : words) {
                if (w.startsWith(prefix) || prefix.startsWith(w) && !w.isEmpty() && w.endsWith(":")) {
                    return true;
                }
            }
            if (st instanceof Step.PushConfigStep p && p.scopes().isPresent()) {
                for (Scope x : p.scopes().get()) {
                    if (x.prefix().equals(prefix)) {
                        return true;
                    }
                }
            }
        }
        for (DataSpec d : s.data()) {
            if (d.toString().contains(prefix)) {
                return true;
            }
        }
        return false;
    }

    private Scenario dropUnused(Scenario s) {
        // Clients no step uses.
        Set<String> usedClients = new LinkedHashSet<>();
        Set<String> usedNodes = new LinkedHashSet<>();
        for (Step st : s.steps()) {
            mentions(st, usedClients, usedNodes);
        }
        List<ClientSpec> clients = new ArrayList<>();
        for (ClientSpec c : s.clients()) {
            if (usedClients.contains(c.id())) {
                clients.add(c);
                usedNodes.add(c.primary());
            }
        }
        Scenario candidate = s.withClients(clients);
        if (clients.size() < s.clients().size() && failsSameWay(candidate)) {
            s = candidate;
        }
        for (DataSpec d : s.data()) {
            usedNodes.add(d.node());
        }
        for (NodeSpec n : s.cluster().nodes()) {
            for (Scope sc : s.cluster().scopesOf(n)) {
                usedNodes.add(sc.writer());
                sc.fallback().ifPresent(usedNodes::add);
            }
        }
        s.expect().values().forEach(v -> v.node().ifPresent(usedNodes::add));
        for (NodeSpec n : s.cluster().nodes()) {
            if (usedNodes.contains(n.id()) || s.cluster().nodes().size() <= 1) {
                continue;
            }
            List<NodeSpec> kept = new ArrayList<>();
            for (NodeSpec other : s.cluster().nodes()) {
                if (other.id().equals(n.id())) {
                    continue;
                }
                kept.add(new NodeSpec(other.id(), other.host(), other.clientPort(), other.electPort(), other.nodeId(),
                        other.peers().map(p -> p.stream().filter(x -> !x.equals(n.id())).toList()),
                        other.scopes(), other.shards(), other.election(), other.legacyPeerToken(), other.acceptShards()));
            }
            ClusterSpec c = s.cluster().withNodes(kept);
            Scenario cand = s.withCluster(c);
            if (failsSameWay(cand)) {
                s = cand;
            }
        }
        return s;
    }

    private static void mentions(Step st, Set<String> clients, Set<String> nodes) {
        if (st instanceof Step.ClientStep c) {
            clients.add(c.client());
        } else if (st instanceof Step.OperatorStep o) {
            nodes.add(o.node());
            nodes.addAll(o.command());
        } else if (st instanceof Step.CrashStep c) {
            nodes.add(c.node());
        } else if (st instanceof Step.RestartStep r) {
            nodes.add(r.node());
        } else if (st instanceof Step.SnapshotStep sn) {
            nodes.add(sn.node());
        } else if (st instanceof Step.PushConfigStep p) {
            nodes.add(p.node());
            p.peers().ifPresent(nodes::addAll);
            p.scopes().ifPresent(l -> l.forEach(sc -> {
                nodes.add(sc.writer());
                sc.fallback().ifPresent(nodes::add);
            }));
        } else if (st instanceof Step.PartitionStep p) {
            nodes.addAll(p.from());
            nodes.addAll(p.to());
            clients.addAll(p.from());
            clients.addAll(p.to());
        } else if (st instanceof Step.NetRuleStep r) {
            r.from().ifPresent(x -> {
                nodes.add(x);
                clients.add(x);
            });
            r.to().ifPresent(x -> {
                nodes.add(x);
                clients.add(x);
            });
        } else if (st instanceof Step.EintrStep e) {
            nodes.add(e.node());
        }
    }

    private Scenario simplifyNetwork(Scenario s) {
        NetworkSpec simple = NetworkSpec.DEFAULT;
        if (!s.network().equals(simple)) {
            Scenario cand = s.withNetwork(simple);
            if (failsSameWay(cand)) {
                s = cand;
            } else if (!(s.network().latency() instanceof Latency.Constant)) {
                cand = s.withNetwork(new NetworkSpec(s.network().latency(), 0, 0));
                if ((s.network().loss() > 0 || s.network().duplicate() > 0) && failsSameWay(cand)) {
                    s = cand;
                }
            }
        }
        if (s.chaos().isPresent() && s.workload().isEmpty()) {
            // A residual chaos phase (network loss only, see materializeKeepingNetworkChaos): try without it.
            Scenario cand = s.withChaos(Optional.empty());
            if (failsSameWay(cand)) {
                s = cand;
            }
        }
        if (s.faults().eintr() > 0) {
            Scenario cand = s.withFaults(FaultSpec.NONE);
            if (failsSameWay(cand)) {
                s = cand;
            }
        }
        // End soon after the failure, when it is a safety violation (liveness needs its deadline).
        if (lastFailing.violation().isPresent() && verdict == Verdict.SAFETY_VIOLATION) {
            long t = lastFailing.violation().get().t();
            long lastStep = 0;
            for (Step st : s.steps()) {
                lastStep = Math.max(lastStep, st.at());
            }
            long end = Math.max(t + 1, lastStep);
            if (s.chaos().isPresent()) {
                // A chaos phase must fit in the run (untilMs + healBoundMs <= endMs): never cut into it.
                end = Math.max(end, s.chaos().get().untilMs() + s.chaos().get().healBoundMs());
            }
            if (end < s.endMs()) {
                Scenario cand = s.withEnd(end, s.maxEvents());
                if (failsSameWay(cand)) {
                    s = cand;
                }
            }
        }
        return s;
    }
}
