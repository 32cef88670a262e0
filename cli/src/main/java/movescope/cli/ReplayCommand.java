package movescope.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import movescope.cli.run.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code movescope replay --seed N <scenario.json>}: {@code run} with the seed required, the form a
 * reproduce line takes when it is pasted from a report or a bug.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay scenario files with a given seed (run with --seed required).")
public class ReplayCommand implements Callable<Integer> {
    private final Console console;

    @Option(names = "--seed", required = true, paramLabel = "N", description = "The seed to replay.")
    long seed;

    @Parameters(arity = "1..*", paramLabel = "<scenario.json>", description = "Scenario files to replay.")
    List<Path> files;

    @Option(names = "--reports", paramLabel = "DIR", description = "Where reports go (as for run).")
    Path reports;

    @Option(names = {"-q", "--quiet"}, description = "Print only seeds, verdict lines and reproduce lines.")
    boolean quiet;

    @Option(names = "--html", description = "Also write each run's page, <name>.html (as for run).")
    boolean html;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML to FILE (as for run).")
    Path junit;

    @Option(names = "--json", description = "Print one JSON document (docs/json.md) instead of text.")
    boolean json;

    public ReplayCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        ScenarioRunner.Settings settings = new ScenarioRunner.Settings(OptionalLong.of(seed),
                Optional.ofNullable(reports), false, quiet, html, Optional.ofNullable(junit), json);
        return new ScenarioRunner(console).run(files, settings).code();
    }
}
