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

/** {@code movescope run <scenario.json>… [--seed N] [--reports DIR] [--rewrite] [--quiet]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Run scenario files against their expectations and golden files.",
            "Prints each run's seed first, then a verdict line, and for every failure",
            "the one command that reproduces it. Writes <name>.report.json and",
            "<name>.trace.ndjson into the reports folder and compares each run with",
            "the golden file beside the scenario (x.golden.txt)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every scenario passed",
            "1:a violation, failed expectation or golden mismatch",
            "2:bad input or usage (nothing is run or written)",
            "3:internal error"})
public class RunCommand implements Callable<Integer> {
    private final Console console;

    @Parameters(arity = "1..*", paramLabel = "<scenario.json>",
            description = "Scenario files to run; a folder stands for every scenario file below it.")
    List<Path> files;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of every run (default: the scenario's own seed, else one derived from its file name).")
    Long seed;

    @Option(names = "--reports", paramLabel = "DIR",
            description = "Where reports go (default: reports/ of the checkout holding the scenario, else $MOVESCOPE_HOME/reports, else ./reports).")
    Path reports;

    @Option(names = "--rewrite", description = "Regenerate the golden files instead of comparing with them.")
    boolean rewrite;

    @Option(names = {"-q", "--quiet"}, description = "Print only seeds, verdict lines and reproduce lines.")
    boolean quiet;

    public RunCommand(Console console) {
        this.console = console;
    }

    Console console() {
        return console;
    }

    @Override
    public Integer call() throws Exception {
        ScenarioRunner.Settings settings = new ScenarioRunner.Settings(
                seed == null ? OptionalLong.empty() : OptionalLong.of(seed), Optional.ofNullable(reports), rewrite, quiet);
        return new ScenarioRunner(console).run(files, settings).code();
    }
}
