package movescope.sim.swarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import movescope.gen.Rng;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.engine.Verdict;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.ChaosSpec;
import movescope.sim.scenario.ClusterSpec;
import movescope.sim.scenario.Scenario;

/**
 * Swarm testing (TigerBeetle-style): many random runs of one template whose fault mix is itself drawn from
 * each run's seed — some runs crash nodes often and never partition, others lose messages and never crash —
 * so seeds differ in kind, not only in order. A failing run is shrunk ({@link Shrinker}) to a minimal
 * scenario that still fails the same way, with the same seed.
 */
public final class Swarm {
    /** One random run: its seed, the drawn chaos and the outcome. */
    public record Run(int index, long seed, ChaosSpec chaos, Verdict verdict, String summary, String traceSha256,
            long events) {}

    /** A failing run and its shrunk reproduction. */
    public record Failure(Run run, Scenario failing, Shrinker.Outcome shrunk) {}

    public record Result(List<Run> runs, List<Failure> failures) {
        public boolean allPassed() {
            return failures.isEmpty();
        }
    }

    private Swarm() {}

    /** The seed of run {@code i} of a swarm started from {@code baseSeed} (non-negative, printable). */
    public static long seedOf(long baseSeed, int i) {
        return Rng.of(baseSeed).fork("swarm-run/" + i).nextLong() & Long.MAX_VALUE;
    }

    /** The template with a chaos phase drawn from {@code seed}, without the wider adversary. */
    public static Scenario draw(Scenario template, long seed) {
        return draw(template, seed, false);
    }

    /**
     * The template with a chaos phase drawn from {@code seed}; with {@code adversary}, each run also draws
     * the wider adversary's switches (docs/campaigns.md "The wider adversary").
     */
    public static Scenario draw(Scenario template, long seed, boolean adversary) {
        Rng r = Rng.of(seed).fork("swarm");
        long end = template.endMs();
        long until = template.chaos().map(ChaosSpec::untilMs).orElse(end / 3);
        long heal = template.chaos().map(ChaosSpec::healBoundMs).orElse(Math.max(0, end - until));
        ChaosSpec c = new ChaosSpec(until, Math.min(heal, Math.max(0, end - until)),
                r.chance(0.5) ? 0 : r.uniformDouble(0.05, 0.6),
                r.uniform(200, 5000),
                r.chance(0.5) ? 0 : r.uniformDouble(0.05, 0.6),
                r.uniform(300, 8000),
                r.nextDouble(),
                r.uniformDouble(0.2, 2.0),
                r.nextDouble(),
                r.chance(0.5) ? 0 : r.uniformDouble(0.05, 0.5),
                r.chance(0.5) ? 0 : r.uniformDouble(0, 0.05),
                r.chance(0.5) ? 0 : r.uniformDouble(0, 0.05),
                r.chance(0.5) ? 0 : r.uniformDouble(0, 0.3));
        // The wider adversary, drawn after the mix above so the mix of a seed stays what it was: odd moves
        // (to self, by a non-owner, crossing, nested, undeclared), config pushes in a random order, and a
        // router preempted inside the seed layout's commit window (cluster.commitWindowMs).
        if (adversary) {
            c = new ChaosSpec(c.untilMs(), c.healBoundMs(), c.crashPerSec(), c.meanDownMs(), c.partitionPerSec(),
                    c.meanPartitionMs(), c.oneWayShare(), c.movePerSec(), c.pushConfigAfterMove(), c.snapshotPerSec(),
                    c.loss(), c.duplicate(), c.eintr(), r.chance(0.5) ? 0 : r.uniformDouble(0.1, 0.5), r.nextBoolean());
        }
        Scenario out = template.withChaos(Optional.of(c)).withSeed(OptionalLong.of(seed));
        if (adversary && r.chance(0.3)) {
            ClusterSpec k = template.cluster();
            out = out.withCluster(k.withCommitWindowMs(r.uniform(1, 20)));
        }
        return out;
    }

    /**
     * Runs {@code count} random variations of {@code template}; failing runs are shrunk with at most
     * {@code shrinkBudget} extra runs each (0 = do not shrink).
     */
    public static Result run(long baseSeed, int count, Scenario template, int shrinkBudget) {
        List<Run> runs = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long seed = seedOf(baseSeed, i);
            Scenario s = draw(template, seed).withName(template.name() + "-swarm-" + i, template.description());
            RunResult r = Simulation.run(s, seed, Options.DEFAULT);
            Run run = new Run(i, seed, s.chaos().orElseThrow(), r.verdict(), r.summary(), r.traceSha256(),
                    r.eventsProcessed());
            runs.add(run);
            if (r.verdict() != Verdict.PASS) {
                Shrinker.Outcome shrunk = shrinkBudget > 0 ? Shrinker.shrink(s, seed, r, shrinkBudget)
                        : Shrinker.Outcome.unshrunk(s, r);
                failures.add(new Failure(run, s, shrunk));
            }
        }
        return new Result(runs, failures);
    }

    /** Same as {@link #run(long, int, Scenario, int)} with a shrink budget of 200 runs. */
    public static Result run(long baseSeed, int count, Scenario template) {
        return run(baseSeed, count, template, 200);
    }
}
