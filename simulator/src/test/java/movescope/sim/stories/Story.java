package movescope.sim.stories;

import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioException;
import movescope.sim.scenario.ScenarioLoader;

/** Test helper: load a scenario from text and run it, printing the summary (and the trace on request). */
final class Story {
    private Story() {}

    static Scenario load(String json) {
        try {
            return ScenarioLoader.loadString(json, "story.json");
        } catch (ScenarioException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static RunResult run(String json, long seed) {
        RunResult r = Simulation.run(load(json), seed, Options.DEFAULT.withKeepTrace(true));
        System.out.println(r.scenario() + " seed " + seed + ": " + r.summary());
        return r;
    }

    static String dump(RunResult r) {
        StringBuilder b = new StringBuilder(r.summary()).append('\n');
        r.trace().forEach(l -> b.append(l).append('\n'));
        r.steps().forEach(s -> b.append(s).append('\n'));
        r.failures().forEach(f -> b.append("FAIL ").append(f).append('\n'));
        return b.toString();
    }
}
