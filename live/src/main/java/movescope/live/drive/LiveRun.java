package movescope.live.drive;

import java.util.Set;
import java.util.function.Consumer;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Scenario;

/** One {@code movescope live} run: the simulator's prediction, the real run, and the judgement. */
public final class LiveRun {
    public record Outcome(RunResult predicted, LiveDriver.Result live, LiveJudge.Report report) {}

    private LiveRun() {
    }

    public static Outcome run(Scenario sc, long seed, LiveCluster cluster, Lifecycle lifecycle, Set<Integer> loose,
            Consumer<String> traceSink) throws InterruptedException {
        // The prediction first: it is quick, and a live cluster should not wait on it mid-run.
        RunResult predicted = Simulation.run(sc, seed, Options.DEFAULT);
        LiveDriver.Result live = new LiveDriver(sc, cluster, lifecycle, traceSink).run();
        return new Outcome(predicted, live, LiveJudge.judge(sc, predicted, live, loose));
    }
}
