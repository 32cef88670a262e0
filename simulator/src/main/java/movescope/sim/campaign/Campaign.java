package movescope.sim.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Scenario;
import movescope.sim.swarm.Swarm;

/**
 * Runs a campaign: the swarm runs of one template and base seed, on {@code jobs} threads. Each run is
 * single-threaded and a pure function of (template, base seed, index), so the set of results does not
 * depend on {@code jobs}; finished runs are handed to the listener in index order (a run that finishes
 * early waits for the ones before it), so the journal and the printed lines do not depend on it either.
 * When {@code stop} turns true (Ctrl-C, SIGTERM) no new run starts, the runs in progress finish and are
 * reported, and the result says it was interrupted.
 */
public final class Campaign {
    /** What to run. {@code runs} counts the whole campaign; the shard picks its slice of it. */
    public record Config(long baseSeed, int runs, Scenario template, Shard shard, int jobs, int shrinkBudget,
            boolean adversary) {
        public Config {
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(shard, "shard");
            if (runs < 1 || jobs < 1 || shrinkBudget < 0) {
                throw new IllegalArgumentException("runs and jobs must be >= 1, shrinkBudget >= 0");
            }
        }

        /** The run indexes of this shard, in order. */
        public List<Integer> indexes() {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                if (shard.contains(i)) {
                    out.add(i);
                }
            }
            return out;
        }
    }

    /** Told about each finished run, in index order, from the thread that called {@link #run}. */
    public interface Listener {
        void finished(RunRecord r);
    }

    /** Every run of the shard that finished (resumed ones included), by index, and whether it was cut short. */
    public record Outcome(TreeMap<Integer, RunRecord> records, boolean interrupted) {}

    private Campaign() {}

    /** The scenario of run {@code index}: the template with its chaos drawn from the run's seed. */
    public static Scenario scenarioOf(Config c, int index) {
        long seed = Swarm.seedOf(c.baseSeed(), index);
        return Swarm.draw(c.template(), seed, c.adversary()).withName(c.template().name() + "-swarm-" + index,
                c.template().description());
    }

    /** Runs run {@code index} and keeps what the report needs. */
    public static RunRecord runOne(Config c, int index) {
        long seed = Swarm.seedOf(c.baseSeed(), index);
        RunResult r = Simulation.run(scenarioOf(c, index), seed, Options.DEFAULT.withKeepTrace(true));
        String sig = r.passed() ? "" : Signature.of(r).id();
        String inv = r.passed() ? "" : Signature.invariantOf(r);
        return new RunRecord(index, seed, r.verdict().name(), inv, sig, r.summary(), r.traceSha256(),
                r.eventsProcessed(), r.baits(), Coverage.actions(r.trace()), Coverage.switchPaths(r.trace()));
    }

    /**
     * Runs every index of {@code config}'s shard not in {@code done} (records of an earlier, interrupted
     * campaign: they are kept as they are and not reported to the listener again).
     */
    public static Outcome run(Config config, Map<Integer, RunRecord> done, Listener listener, BooleanSupplier stop) {
        TreeMap<Integer, RunRecord> records = new TreeMap<>(done);
        List<Integer> todo = new ArrayList<>();
        for (int i : config.indexes()) {
            if (!done.containsKey(i)) {
                todo.add(i);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(config.jobs(), r -> {
            Thread t = new Thread(r, "campaign-run");
            t.setDaemon(true);
            return t;
        });
        CompletionService<RunRecord> cs = new ExecutorCompletionService<>(pool);
        TreeMap<Integer, RunRecord> waiting = new TreeMap<>();
        int submitted = 0;
        int emitted = 0;
        int inFlight = 0;
        boolean interrupted = false;
        try {
            while (emitted < todo.size()) {
                while (!interrupted && submitted < todo.size() && inFlight < 2 * config.jobs()) {
                    if (stop.getAsBoolean()) {
                        interrupted = true;
                        break;
                    }
                    int index = todo.get(submitted++);
                    cs.submit(() -> runOne(config, index));
                    inFlight++;
                }
                if (inFlight == 0) {
                    break; // interrupted: everything submitted has been reported
                }
                RunRecord r = take(cs);
                inFlight--;
                waiting.put(r.index(), r);
                while (emitted < submitted && waiting.containsKey(todo.get(emitted))) {
                    RunRecord next = waiting.remove(todo.get(emitted++));
                    records.put(next.index(), next);
                    listener.finished(next);
                }
                if (!interrupted && stop.getAsBoolean()) {
                    interrupted = true;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(records, interrupted || records.size() < config.indexes().size());
    }

    private static RunRecord take(CompletionService<RunRecord> cs) {
        Future<RunRecord> f;
        try {
            f = cs.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a run", e);
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a run", e);
        } catch (ExecutionException e) {
            // A run that throws is a movescope bug: stop the campaign loudly rather than report a wrong count.
            throw new IllegalStateException("a campaign run crashed: " + e.getCause(), e.getCause());
        }
    }
}
