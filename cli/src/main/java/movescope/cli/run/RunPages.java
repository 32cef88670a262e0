package movescope.cli.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import movescope.cli.html.RunPage;
import movescope.cli.report.Headline;
import movescope.cli.report.TraceEvents;
import movescope.sim.Options;
import movescope.sim.report.RunResult;
import movescope.sim.Simulation;
import movescope.sim.scenario.Scenario;

/**
 * The run page of a scenario that is not run from the command line — a campaign kind's shrunk scenario:
 * the scenario is run once, its trace kept in memory, and the page drawn exactly as {@code run --html} draws
 * it (same facts, same verdict line, same headline). Deterministic: the page is a function of the scenario.
 */
public final class RunPages {
    private RunPages() {
    }

    /**
     * @param file      where the scenario file lies (its name derives the seed when the scenario pins none)
     * @param shownAs   the path the page shows and the reproduce line runs
     * @param launcher  the command that starts movescope ({@code ./movescope})
     */
    public static String render(Scenario scenario, Path file, String shownAs, String launcher) {
        SeedChoice seed = SeedChoice.of(OptionalLong.empty(), scenario, file);
        List<String> lines = new ArrayList<>();
        RunResult result = Simulation.run(scenario, seed.seed(), Options.DEFAULT.withTraceSink(lines::add));
        List<TraceEvents.Line> trace = TraceEvents.parseRun(lines);
        Headline headline = Headline.of(result, scenario.expect(), TraceEvents.events(trace));
        Finding finding = Finding.of(result, false, false);
        RunPage.Facts facts = new RunPage.Facts(result.scenario(), shownAs, result.variant(), seed.seed(),
                finding.line(shownAs),
                result.violation().map(v -> new RunPage.Marked(v.invariant(), v.t(), v.key(), v.node(), v.message())),
                headline.lines(), launcher + " run " + shownAs);
        return RunPage.render(facts, trace);
    }
}
