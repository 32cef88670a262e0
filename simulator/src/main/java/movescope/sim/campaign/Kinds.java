package movescope.sim.campaign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import movescope.model.protocol.Variant;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.engine.Verdict;
import movescope.sim.report.RunResult;
import movescope.sim.report.StepResult;
import movescope.sim.scenario.ClientSpec;
import movescope.sim.scenario.Expectations;
import movescope.sim.scenario.ReplyExpectation;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioWriter;
import movescope.sim.scenario.Step;
import movescope.sim.swarm.Shrinker;

/**
 * Groups a campaign's failing runs into kinds (one per {@link Signature}), most frequent first (ties: the
 * earlier first run first), and shrinks the first run of each kind — one shrink per kind, not per failure —
 * keeping the signature, so the shrinker cannot drop an action the failure depends on. The shrunk scenario
 * becomes a regression: named after the kind, {@code expect.violation} set, every answered step's reply
 * pinned; then each {@code fixed} remedy switch is turned on alone to see which one removes the kind.
 * Kinds are shrunk in parallel; each shrink is deterministic, so the result does not depend on {@code jobs}.
 */
public final class Kinds {
    private static final Options TRACED = Options.DEFAULT.withKeepTrace(true);

    private Kinds() {}

    /** The kinds of {@code records}, unshrunk. */
    public static List<Kind> group(Map<Integer, RunRecord> records) {
        Map<String, List<RunRecord>> by = new LinkedHashMap<>();
        for (RunRecord r : new TreeMap<>(records).values()) {
            if (r.failed()) {
                by.computeIfAbsent(r.signature(), k -> new ArrayList<>()).add(r);
            }
        }
        List<List<RunRecord>> groups = new ArrayList<>(by.values());
        groups.sort(Comparator.<List<RunRecord>>comparingInt(g -> -g.size()).thenComparingInt(g -> g.get(0).index()));
        List<Kind> out = new ArrayList<>();
        for (int k = 0; k < groups.size(); k++) {
            List<RunRecord> g = groups.get(k);
            Signature sig = Signature.parseId(g.get(0).signature())
                    .orElse(new Signature(g.get(0).invariant(), List.of()));
            List<Integer> idx = new ArrayList<>();
            g.forEach(r -> idx.add(r.index()));
            String name = String.format("kind-%02d-%s", k + 1, sig.slug());
            out.add(new Kind(k + 1, name, sig, idx, g.get(0).seed(), g.get(0).summary(), Optional.empty()));
        }
        return out;
    }

    /** {@code kinds} with their shrunk reproductions; stops starting shrinks when {@code stop} turns true. */
    public static List<Kind> shrinkAll(List<Kind> kinds, Campaign.Config c, BooleanSupplier stop) {
        int budget = c.shrinkBudget();
        int jobs = c.jobs();
        if (budget == 0 || kinds.isEmpty()) {
            return kinds;
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "campaign-shrink");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Optional<Kind.Shrunk>>> futures = new ArrayList<>();
            for (Kind k : kinds) {
                futures.add(pool.submit(() -> stop.getAsBoolean() ? Optional.<Kind.Shrunk>empty()
                        : Optional.of(shrink(k, c))));
            }
            List<Kind> out = new ArrayList<>();
            for (int i = 0; i < kinds.size(); i++) {
                Kind k = kinds.get(i);
                out.add(new Kind(k.rank(), k.name(), k.signature(), k.runIndexes(), k.firstSeed(), k.firstSummary(),
                        get(futures.get(i))));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while shrinking", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("shrinking crashed: " + e.getCause(), e.getCause());
        }
    }

    /** Shrinks the first run of {@code kind} and turns it into a regression scenario. */
    public static Kind.Shrunk shrink(Kind kind, Campaign.Config c) {
        int budget = c.shrinkBudget();
        long baseSeed = c.baseSeed();
        int index = kind.firstRun();
        long seed = kind.firstSeed();
        Scenario failing = Campaign.scenarioOf(c, index);
        RunResult first = Simulation.run(failing, seed, TRACED);
        Signature sig = kind.signature();
        Shrinker.Outcome o = Shrinker.shrink(failing, seed, first, budget,
                r -> !r.passed() && Signature.of(r).equals(sig), TRACED);
        Scenario shrunk = o.scenario();
        RunResult shrunkRun = o.result();
        String explanation = Explanation.of(shrunkRun);
        SortedMap<String, String> remedies = new TreeMap<>();
        List<String> removedBy = new ArrayList<>();
        for (String sw : Variant.SWITCHES) {
            String fixedValue = Variant.FIXED.switches().get(sw);
            if (shrunk.variant().switches().get(sw).equals(fixedValue)) {
                remedies.put(sw, "already on");
                continue;
            }
            Scenario cand = withVariant(shrunk, shrunk.variant().withSwitch(sw, fixedValue));
            RunResult r = Simulation.run(cand, seed, Options.DEFAULT);
            String what = r.passed() ? "PASS" : r.verdict() + " " + r.violation().map(v -> v.invariant())
                    .orElse(r.history().isEmpty() ? "" : Signature.historyInvariant(r.history().get(0).kind()));
            remedies.put(sw, what.trim());
            if (r.passed()) {
                removedBy.add(sw);
            }
        }
        String reproduce = "./movescope run <this file>";
        String desc = "Failure kind " + kind.rank() + " of a campaign (" + kind.count() + " runs, first run "
                + index + " of base seed " + baseSeed + "), shrunk to its cause " + sig.id() + ". " + explanation
                + (removedBy.isEmpty() ? " No single fixed remedy removes it."
                        : " Removed by the remedy " + String.join(", ", removedBy) + " alone.")
                + " Regression: " + reproduce + " passes while the hole is there.";
        Scenario named = shrunk.withName(kind.name(), desc).withSeed(OptionalLong.of(seed));
        Scenario regression = asRegression(named, sig, shrunkRun, true);
        boolean passes = passes(regression, seed);
        if (!passes) {
            regression = asRegression(named, sig, shrunkRun, false);
            passes = passes(regression, seed);
        }
        return new Kind.Shrunk(ScenarioWriter.toJson(regression), regression.steps().size(),
                regression.cluster().nodes().size(), regression.clients().size(), keysOf(regression),
                regression.endMs(), o.runs(), o.fixpoint(), passes, shrunkRun.summary(), explanation, remedies,
                removedBy);
    }

    private static int keysOf(Scenario s) {
        TreeSet<String> keys = new TreeSet<>();
        for (Step st : s.steps()) {
            if (st instanceof Step.ClientStep c && c.command().size() > 1) {
                keys.add(c.command().get(1));
            }
        }
        return keys.size();
    }

    private static boolean passes(Scenario s, long seed) {
        try {
            return Simulation.run(s, seed, Options.DEFAULT).verdict() == Verdict.PASS;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The shrunk scenario as a regression: {@code expect.violation} names the kind's invariant (when it is
     * one a scenario can expect), and with {@code pinReplies} each step answered before the failure expects
     * exactly the reply it got.
     */
    static Scenario asRegression(Scenario s, Signature sig, RunResult run, boolean pinReplies) {
        Expectations ex = s.expect();
        boolean expectable = Expectations.SELECTABLE.contains(sig.invariant())
                || sig.invariant().equals(Expectations.MIGRATION_ENDS);
        Expectations ex2 = new Expectations(ex.hold(), expectable ? Optional.of(sig.invariant()) : ex.violation(),
                ex.baits(), ex.migrationsEndBy(), ex.history(), ex.values(), ex.logs());
        List<Step> steps = new ArrayList<>(s.steps());
        if (pinReplies) {
            for (StepResult r : run.steps()) {
                if (r.reply().isEmpty() || r.index() >= steps.size()) {
                    continue;
                }
                Step st = steps.get(r.index());
                Optional<ReplyExpectation> e = Optional.of(new ReplyExpectation.Exact(r.reply().get()));
                if (st instanceof Step.ClientStep c) {
                    steps.set(r.index(), new Step.ClientStep(c.at(), c.client(), c.command(), e));
                } else if (st instanceof Step.OperatorStep op) {
                    steps.set(r.index(), new Step.OperatorStep(op.at(), op.node(), op.command(), e));
                }
            }
        }
        return s.withSteps(steps).withExpect(ex2);
    }

    static Scenario withVariant(Scenario s, Variant v) {
        return new Scenario(s.name(), s.description(), s.seed(), v, s.cluster(), s.network(), s.faults(), s.clients(),
                s.data(), s.steps(), s.workload(), s.chaos(), s.endMs(), s.maxEvents(), s.expect());
    }

    /** Client ids of {@code s} (for tests and reports). */
    static List<String> clientIds(Scenario s) {
        List<String> out = new ArrayList<>();
        for (ClientSpec c : s.clients()) {
            out.add(c.id());
        }
        return out;
    }
}
