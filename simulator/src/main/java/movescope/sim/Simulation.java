package movescope.sim;

import movescope.sim.cluster.World;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Scenario;
import movescope.sim.trace.TraceLog;

/**
 * The simulator's entry point: one scenario, one seed, one deterministic run. The CLI, the swarm, the
 * benchmarks and the tests all go through {@link #run}.
 */
public final class Simulation {
    private Simulation() {}

    /** Runs {@code scenario} with {@code seed} (the scenario's own seed is not consulted here). */
    public static RunResult run(Scenario scenario, long seed, Options options) {
        TraceLog trace = new TraceLog(options.excerptLines(), options.keepTrace(), options.traceSink());
        return new World(scenario, seed, options.traceHeartbeats(), options.checks(), trace).run();
    }

    /** Runs with the scenario's own seed, or 0 when it has none. */
    public static RunResult run(Scenario scenario, Options options) {
        return run(scenario, scenario.seed().orElse(0L), options);
    }
}
