package movescope.bench;

import java.util.concurrent.TimeUnit;
import movescope.sim.GeneratedScenarios;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.HeartbeatPolicy;
import movescope.sim.scenario.Scenario;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Simulated events per second: one whole deterministic run of a generated cluster (N nodes, one scope
 * each with a fallback, heartbeats to the nodes whose routing depends on them, a random workload, every
 * invariant checked after every event) per benchmark operation. The {@code events} auxiliary counter is
 * the number of simulator events processed, so JMH reports it as events per second next to runs per
 * second. The seed is fixed, so every operation processes exactly the same events.
 *
 * <p>Run: {@code bench/run SimulatorBench} (add {@code -f 3} for more forks: two cores give wide error bars).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class SimulatorBench {

    @Param({"100", "1000"})
    public int nodes;

    /** Virtual seconds per run. */
    @Param({"10"})
    public int virtualSeconds;

    private Scenario scenario;

    @Setup(Level.Trial)
    public void setUp() {
        // 20 clients at 50 operations/s each: 1,000 client operations per virtual second.
        scenario = GeneratedScenarios.cluster(nodes, 1, virtualSeconds, 20, 50.0, HeartbeatPolicy.FALLBACKS);
    }

    /** Counts simulator events; JMH divides by the measured time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        public long events;
    }

    @Benchmark
    public RunResult run(Events counter) {
        RunResult result = Simulation.run(scenario, 42L, Options.DEFAULT);
        counter.events += result.eventsProcessed();
        return result;
    }
}
