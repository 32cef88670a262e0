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

/** {@code movescope run <scenario.json>… [--seed N] [--reports DIR] [--rewrite] [--quiet] [--html] [--junit F] [--json]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Run scenario files against their expectations and golden files.",
            "For each scenario it prints the seed first, then one verdict line: PASS, FOUND <invariant> "
                    + "(expected) when the violation the scenario expects occurred (a finding about kevy), or "
                    + "FAIL; then what was found in words (acknowledged writes lost, windows with two writers, "
                    + "stranded writes, moves that never ended, invariants checked and skipped) and, for every "
                    + "failure, the one command that reproduces it. It writes <name>.report.json and "
                    + "<name>.trace.ndjson (and with --html <name>.html) into the reports folder and compares "
                    + "each run with the golden file beside the scenario (x.golden.txt)."},
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

    @Option(names = "--html", description = "Also write each run's page, <name>.html: its timeline as one self-contained HTML file.")
    boolean html;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML to FILE: one test case per scenario, named by file.")
    Path junit;

    @Option(names = "--json", description = "Print one JSON document (docs/json.md) instead of text.")
    boolean json;

    public RunCommand(Console console) {
        this.console = console;
    }

    Console console() {
        return console;
    }

    @Override
    public Integer call() throws Exception {
        ScenarioRunner.Settings settings = new ScenarioRunner.Settings(
                seed == null ? OptionalLong.empty() : OptionalLong.of(seed), Optional.ofNullable(reports), rewrite, quiet,
                html, Optional.ofNullable(junit), json);
        return new ScenarioRunner(console).run(files, settings).code();
    }
}
