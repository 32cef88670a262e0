package movescope.cli.bench;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.cluster.World;
import movescope.sim.engine.EventQueue;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Scenario;
import movescope.sim.trace.TraceLog;

/** Times simulator runs (one thread, the options a campaign uses) and samples the agenda's size. */
public final class SimBench {
    private SimBench() {
    }

    /** One run to time: the scenario and the seed it runs with. */
    public record Job(Scenario scenario, long seed) {}

    /** What a timed series of runs did, with how the runs ended (verdict, or verdict:invariant → runs). */
    public record Series(Ceiling.Timing timing, TreeMap<String, Long> verdicts) {}

    /**
     * Runs jobs {@code 0, 1, 2, ...} back to back until {@code budgetNanos} have passed (at least one run) and
     * returns the events processed, the runs and the nanoseconds between the first run's start and the last
     * one's end.
     */
    public static Series time(IntFunction<Job> jobs, long budgetNanos) {
        TreeMap<String, Long> verdicts = new TreeMap<>();
        long events = 0;
        int runs = 0;
        Meter meter = Meter.start();
        long elapsed;
        do {
            Job j = jobs.apply(runs);
            RunResult r = Simulation.run(j.scenario(), j.seed(), Options.DEFAULT);
            events += r.eventsProcessed();
            verdicts.merge(r.verdict().name() + r.violation().map(v -> ":" + v.invariant()).orElse(""), 1L, Long::sum);
            runs++;
            elapsed = meter.elapsedNanos();
        } while (elapsed < budgetNanos);
        return new Series(meter.stop(events, runs, elapsed), verdicts);
    }

    /** The agenda's size seen at every trace line of some runs: mean and maximum; absent if it cannot be read. */
    public record QueueSize(double mean, long max, long samples) {
        /** The size the ceiling's queue is filled to: the mean, rounded, at least 1. */
        public int ceilingSize() {
            return (int) Math.max(1, Math.round(mean));
        }
    }

    /**
     * The warm-up: runs jobs {@code 0, 1, 2, ...} until {@code budgetNanos} have passed (at least one run), and
     * meanwhile samples the size of each run's {@link EventQueue} at every trace line, i.e. in the middle of
     * handling an event. Warm-up runs are not timed, so the sampling costs the measurement nothing. The agenda
     * is private to the simulator; it is found by reflection in the world's object graph, so the simulator
     * carries no hook for the bench. The size is empty when no agenda can be found (the caller then falls
     * back to an estimate and says so).
     */
    public static Optional<QueueSize> warmUp(IntFunction<Job> jobs, long budgetNanos) {
        long[] acc = new long[3]; // sum, max, samples
        boolean found = true;
        long t0 = System.nanoTime();
        int i = 0;
        do {
            Job j = jobs.apply(i++);
            EventQueue<?>[] queue = new EventQueue<?>[1];
            TraceLog trace = new TraceLog(Options.DEFAULT.excerptLines(), false, line -> {
                if (queue[0] != null) {
                    long n = queue[0].size();
                    acc[0] += n;
                    acc[1] = Math.max(acc[1], n);
                    acc[2]++;
                }
            });
            World w = new World(j.scenario(), j.seed(), false, Options.DEFAULT.checks(), trace);
            Optional<EventQueue<?>> q = findQueue(w);
            found &= q.isPresent();
            queue[0] = q.orElse(null);
            w.run();
        } while (System.nanoTime() - t0 < budgetNanos);
        return !found || acc[2] == 0 ? Optional.empty()
                : Optional.of(new QueueSize((double) acc[0] / acc[2], acc[1], acc[2]));
    }

    /** The first {@link EventQueue} reachable from {@code root} through the simulator's own objects (breadth first). */
    static Optional<EventQueue<?>> findQueue(Object root) {
        ArrayDeque<Object> todo = new ArrayDeque<>();
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        todo.add(root);
        seen.put(root, true);
        int visited = 0;
        while (!todo.isEmpty() && visited++ < 10_000) {
            Object o = todo.poll();
            for (Class<?> c = o.getClass(); c != null && c.getName().startsWith("movescope."); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                        continue;
                    }
                    Object v;
                    try {
                        f.setAccessible(true);
                        v = f.get(o);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        continue;
                    }
                    if (v instanceof EventQueue<?> q) {
                        return Optional.of(q);
                    }
                    if (v != null && v.getClass().getName().startsWith("movescope.") && seen.put(v, true) == null) {
                        todo.add(v);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
