package movescope.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import movescope.checker.Check;
import movescope.checker.CheckOptions;
import movescope.checker.CheckReport;
import movescope.checker.InputProblem;
import movescope.checker.JsonReport;
import movescope.checker.TextReport;
import movescope.checker.tlc.TlcOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code movescope check}: model-checks specs with TLC and compares each outcome with its manifest. Thin by
 * design: parse the arguments, call {@link Check#run}, print, return the report's exit code.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
            "Model-check TLA+ specs with TLC and compare each outcome with its manifest.",
            "Each config runs in a fresh TLC JVM; its outcome is compared with the expectation in the spec "
                    + "folder's manifest.json.",
            "",
            "Targets:",
            "  (none)          every manifest entry under specs/ of the checkout containing the working "
                    + "directory (the nearest folder above it with specs/ and pom.xml), else of $MOVESCOPE_HOME",
            "  SPEC-DIR        the entries of SPEC-DIR/manifest.json; a folder of spec folders means all of them",
            "  manifest.json   that manifest's entries",
            "  CONFIG.cfg      that config. If a manifest.json next to it has an entry with this config, that "
                    + "entry's module and expectation are used. Otherwise it must pass, and its module is the "
                    + "first existing of: CONFIG.tla, MCCONFIG.tla, then the same for each shorter name made by "
                    + "dropping a trailing _suffix (so MCFoo_bug.cfg -> MCFoo_bug.tla, MCFoo.tla; Foo_small.cfg "
                    + "-> Foo_small.tla, MCFoo_small.tla, Foo.tla, MCFoo.tla).",
            "A relative target that is not found here is looked up under $MOVESCOPE_HOME.",
            "",
            "Per config it prints the outcome, the expectation and MATCH/MISMATCH, distinct states, depth and "
                    + "time, and for a violation the invariant and a counterexample, one state per line (the "
                    + "first state in full, later ones only the variables that changed). While TLC runs, stderr "
                    + "shows the config being checked and, every 10 s, the states found so far."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every config came out as expected",
            "1:a mismatch: unexpected violation or pass, wrong invariant, wrong state count, timeout",
            "2:bad input: missing file, invalid manifest, TLA+ parse/config/evaluation error",
            "3:internal error: TLC crashed or ran out of memory, or a movescope bug"})
public final class CheckCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "TARGET", arity = "0..*",
            description = "Spec folders, manifest.json files or .cfg files (default: all of specs/).")
    private List<Path> targets = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON document (the whole report, docs/json.md) instead of text.")
    private boolean json;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write JUnit XML to FILE: one test case per config, named by its file.")
    private Path junit;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "TLC worker threads (default: ${DEFAULT-VALUE}; 1 keeps state counts reproducible).")
    private int workers;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800",
            description = "Kill a TLC run after this many seconds (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "Where each run's full TLC output is kept (default: <tmp>/movescope-tlc-logs).")
    private Path logDir;

    @Option(names = "--jvm-arg", paramLabel = "ARG",
            description = "Extra option for the forked TLC JVM, e.g. --jvm-arg=-Xmx4g (repeatable).")
    private List<String> jvmArgs = new ArrayList<>();

    private final Path workingDir;
    private final java.util.Optional<Path> home;

    /** For picocli's default factory: the working directory is the process's. */
    public CheckCommand() {
        this(Path.of("").toAbsolutePath());
    }

    /** For in-process use (tests, {@link Console}): targets resolve against {@code workingDir}. */
    public CheckCommand(Path workingDir) {
        this(workingDir, java.util.Optional.empty());
    }

    private CheckCommand(Path workingDir, java.util.Optional<Path> home) {
        this.workingDir = workingDir;
        this.home = home;
    }

    /** Builds one from a {@link Console} so the JVM's own working directory is never consulted. */
    public CheckCommand(Console console) {
        this(console.workingDir(), console.movescopeHome().map(Path::of));
    }

    /**
     * Outside a checkout, {@code $MOVESCOPE_HOME} stands in for it: no target means its specs/, and a relative
     * target that does not exist here but does there (specs/MoveScope) is taken from there.
     */
    private Path effectiveWorkingDir() {
        if (home.isPresent() && targets.isEmpty() && movescope.checker.RepoRoot.find(workingDir).isEmpty()) {
            return home.get();
        }
        return workingDir;
    }

    private List<Path> effectiveTargets() {
        List<Path> out = new ArrayList<>();
        for (Path t : targets) {
            Path here = workingDir.resolve(t);
            if (!t.isAbsolute() && home.isPresent() && !java.nio.file.Files.exists(here)
                    && java.nio.file.Files.exists(home.get().resolve(t))) {
                out.add(home.get().resolve(t).toAbsolutePath().normalize());
            } else {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (workers < 1) {
            err.println("movescope check: --workers must be at least 1, got " + workers);
            err.flush();
            return CheckReport.EXIT_BAD_INPUT;
        }
        if (timeoutSeconds < 1) {
            err.println("movescope check: --timeout must be at least 1 second, got " + timeoutSeconds);
            err.flush();
            return CheckReport.EXIT_BAD_INPUT;
        }
        Path logs = logDir != null ? workingDir.resolve(logDir)
                : Path.of(System.getProperty("java.io.tmpdir"), "movescope-tlc-logs");
        List<String> jvm = new ArrayList<>(TlcOptions.DEFAULT_JVM_ARGS);
        jvm.addAll(jvmArgs);
        CheckOptions options = new CheckOptions(
                new TlcOptions(workers, Duration.ofSeconds(timeoutSeconds), logs, jvm), effectiveWorkingDir());

        CheckReport report = Check.run(effectiveTargets(), options, result -> {
            if (!json) {
                // Streamed: a long run shows each config as soon as TLC is done with it.
                TextReport.format(result).forEach(out::println);
                out.println();
                out.flush();
            }
        }, line -> {
            // Progress goes to stderr, so stdout stays the report (and --json stays one document).
            err.println("movescope check: " + line);
            err.flush();
        });
        if (junit != null) {
            movescope.cli.report.JunitXml.write(workingDir.resolve(junit), "movescope check",
                    report.results().stream().map(CheckCommand::junitCase).toList());
        }
        for (InputProblem p : report.problems()) {
            err.println("movescope check: " + p.path() + ": " + p.message());
        }
        if (json) {
            out.println(JsonReport.format(report));
        } else {
            out.println(TextReport.summary(report));
        }
        out.flush();
        err.flush();
        return report.exitCode();
    }

    private static movescope.cli.report.JunitXml.Case junitCase(movescope.checker.CheckResult r) {
        boolean match = r.verdict() == movescope.checker.Verdict.MATCH;
        String text = String.join("\n", TextReport.format(r)) + "\n";
        return new movescope.cli.report.JunitXml.Case(r.specDir() + "/" + r.config(), "movescope.check." + r.spec(),
                r.result().seconds(), match ? java.util.Optional.empty()
                        : java.util.Optional.of(String.join("; ", r.reasons())), match ? "" : text, text);
    }
}
