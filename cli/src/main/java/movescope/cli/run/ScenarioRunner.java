package movescope.cli.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import movescope.cli.Console;
import movescope.cli.ExitCode;
import movescope.cli.golden.GoldenFile;
import movescope.cli.golden.GoldenRenderer;
import movescope.cli.io.AtomicFiles;
import movescope.cli.io.ReportsLocation;
import movescope.cli.io.ScenarioFiles;
import movescope.cli.report.Headline;
import movescope.cli.report.RunReport;
import movescope.cli.report.TraceFile;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioException;

/**
 * What {@code movescope run} does, in this order, so that bad input never leaves anything behind:
 * (1) load and validate every scenario file, printing {@code file:line:column: message} for each bad one and
 * stopping with exit 2 before anything runs; (2) for each scenario print its seed first, run it, compare the
 * run's golden rendering with {@code x.golden.txt} (or rewrite it), write the JSON report and the NDJSON trace
 * atomically, print a verdict line and, for a failure, the one command that reproduces it; (3) print
 * {@code N passed, M failed} and return the worst exit code.
 */
public final class ScenarioRunner {
    private final Console console;
    private final PrintWriter err;
    private PrintWriter out;

    public ScenarioRunner(Console console) {
        this.console = console;
        this.out = console.out();
        this.err = console.err();
    }

    /** The options of {@code run}/{@code replay}. */
    public record Settings(OptionalLong seed, Optional<Path> reportsDir, boolean rewrite, boolean quiet,
            boolean html, Optional<Path> junit, boolean json) {
        public Settings(OptionalLong seed, Optional<Path> reportsDir, boolean rewrite, boolean quiet) {
            this(seed, reportsDir, rewrite, quiet, false, Optional.empty(), false);
        }
    }

    /** A scenario file that loaded: as the user typed it, where it is, and what it says. */
    record Loaded(Path typed, Path file, Scenario scenario) {
    }

    public ExitCode run(List<Path> typedFiles, Settings settings) throws IOException {
        if (settings.json()) {
            // --json: stdout carries one JSON document only; the text lines are not printed.
            out = new PrintWriter(java.io.Writer.nullWriter());
        }
        List<Path> expanded = expandDirectories(typedFiles);
        if (expanded.isEmpty()) {
            err.println("movescope: no scenario files in " + typedFiles.stream().map(Path::toString)
                    .collect(java.util.stream.Collectors.joining(", ")) + " (a scenario is a *.json file with "
                    + "\"cluster\" and \"steps\"; *.report.json and *.schema.json are skipped); nothing was run");
            return ExitCode.BAD_INPUT;
        }
        List<Loaded> loaded = new ArrayList<>();
        int bad = 0;
        for (Path typed : expanded) {
            Optional<Loaded> l = load(typed);
            if (l.isPresent()) {
                loaded.add(l.get());
            } else {
                bad++;
            }
        }
        if (bad > 0) {
            err.println("movescope: " + bad + (bad == 1 ? " scenario file is" : " scenario files are")
                    + " invalid; nothing was run and nothing was written");
            return ExitCode.BAD_INPUT;
        }
        Optional<String> conflict = usageConflicts(loaded, settings);
        if (conflict.isPresent()) {
            err.println("movescope: " + conflict.get());
            return ExitCode.BAD_INPUT;
        }
        int passed = 0;
        int failed = 0;
        List<RunRecord> records = new ArrayList<>();
        for (Loaded l : loaded) {
            RunRecord r = runOne(l, settings);
            records.add(r);
            if (r.passed()) {
                passed++;
            } else {
                failed++;
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        if (settings.junit().isPresent()) {
            Path junit = console.resolve(settings.junit().get());
            movescope.cli.report.JunitXml.write(junit, "movescope run",
                    records.stream().map(RunRecord::junitCase).toList());
        }
        if (settings.json()) {
            console.out().println(RunJson.render(records, passed, failed));
            console.out().flush();
        }
        return failed == 0 ? ExitCode.PASS : ExitCode.FAIL;
    }

    /**
     * A folder argument stands for every scenario file below it (see {@link movescope.cli.io.ScenarioFolder}:
     * not reports or schemas), in sorted order, so {@code movescope run scenarios/} runs the corpus the way
     * the corpus test does.
     */
    private List<Path> expandDirectories(List<Path> typedFiles) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path typed : typedFiles) {
            Path actual = console.resolve(typed);
            if (!java.nio.file.Files.isDirectory(actual)) {
                out.add(typed);
                continue;
            }
            movescope.cli.io.ScenarioFolder.Contents contents = movescope.cli.io.ScenarioFolder.list(actual);
            contents.scenarios().forEach(p -> out.add(typed.resolve(actual.relativize(p))));
            if (contents.skipped() > 0 && !contents.scenarios().isEmpty()) {
                err.println("movescope: " + typed + ": skipped " + contents.skipped() + " JSON file"
                        + (contents.skipped() == 1 ? "" : "s") + " that " + (contents.skipped() == 1 ? "is" : "are")
                        + " not a scenario (reports, schemas)");
            }
        }
        return out;
    }

    private Optional<Loaded> load(Path typed) {
        Path file = console.resolve(typed);
        try {
            return Optional.of(new Loaded(typed, file, ScenarioFiles.load(typed, file)));
        } catch (IOException e) {
            err.println(typed + ": cannot read the scenario file: " + describe(e));
            return Optional.empty();
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            return Optional.empty();
        }
    }

    public static String describe(IOException e) {
        String kind = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way"
                : e instanceof java.nio.file.NotDirectoryException ? "a file is in the way (not a folder)"
                : e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
                        ? fse.getReason().toLowerCase(java.util.Locale.ROOT)
                : "input/output error";
        return kind;
    }

    /** Checks that need every scenario loaded: a rewrite must use the golden seed; reports must not collide. */
    private Optional<String> usageConflicts(List<Loaded> loaded, Settings settings) {
        Map<Path, Path> reportOwners = new LinkedHashMap<>();
        // Every refusal is decided before any folder is created: first the checks between the files...
        for (Loaded l : loaded) {
            if (settings.rewrite() && settings.seed().isPresent()) {
                long golden = SeedChoice.scenarioDefault(l.scenario(), l.file()).seed();
                if (golden != settings.seed().getAsLong()) {
                    return Optional.of("--rewrite records golden output with the scenario's own seed (" + golden
                            + " for " + l.typed() + "); drop --seed or pass --seed " + golden);
                }
            }
            Path report = reportPath(l, settings, ".report.json");
            Path previous = reportOwners.putIfAbsent(report, l.typed());
            if (previous != null) {
                return Optional.of(previous + " and " + l.typed() + " would both write " + display(report)
                        + "; run them separately or rename one");
            }
        }
        // ...then whether each reports folder could be created and written, creating nothing yet.
        for (Loaded l : loaded) {
            Optional<String> unwritable = unwritable(reportPath(l, settings, ".report.json").getParent());
            if (unwritable.isPresent()) {
                return unwritable;
            }
        }
        return Optional.empty();
    }

    /** A reports folder that cannot be created or written is the user's to fix (exit 2), not a crash. */
    private Optional<String> unwritable(Path dir) {
        // The nearest part of the path that exists must be a writable folder; nothing is created here.
        Path existing = dir;
        while (existing != null && !java.nio.file.Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of("cannot create the reports folder " + display(dir) + ": no existing parent folder");
        }
        if (!java.nio.file.Files.isDirectory(existing)) {
            return Optional.of("cannot create the reports folder " + display(dir) + ": " + display(existing)
                    + " is a file, not a folder");
        }
        if (!java.nio.file.Files.isWritable(existing)) {
            return Optional.of((existing.equals(dir) ? "cannot write into the reports folder " + display(dir)
                    : "cannot create the reports folder " + display(dir) + ": " + display(existing)
                            + " is not writable"));
        }
        return Optional.empty();
    }

    private Path reportsDir(Loaded l, Settings settings) {
        return settings.reportsDir().map(console::resolve)
                .orElseGet(() -> ReportsLocation.defaultFor(l.file(), console.movescopeHome(), console.workingDir()));
    }

    private Path reportPath(Loaded l, Settings settings, String suffix) {
        return reportsDir(l, settings).resolve(baseName(l.file()) + suffix).toAbsolutePath().normalize();
    }

    static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }

    /** Runs one loaded scenario and prints its lines. */
    private RunRecord runOne(Loaded l, Settings settings) throws IOException {
        long started = System.nanoTime(); // wall time for the JUnit report only; never reaches a trace or golden
        SeedChoice seed = SeedChoice.of(settings.seed(), l.scenario(), l.file());
        SeedChoice goldenSeed = SeedChoice.scenarioDefault(l.scenario(), l.file());
        out.println("seed " + seed.seed() + " (" + seed.origin().label() + ") " + l.typed());
        out.flush();

        Path tracePath = reportPath(l, settings, ".trace.ndjson");
        Path reportPath = reportPath(l, settings, ".report.json");
        Path pagePath = reportPath(l, settings, ".html");
        RunResult result;
        try (TraceFile trace = new TraceFile(tracePath)) {
            result = Simulation.run(l.scenario(), seed.seed(), Options.DEFAULT.withTraceSink(trace));
            trace.commit();
        }

        Path golden = GoldenFile.besides(l.file());
        String rendering = GoldenRenderer.render(l.file().getFileName().toString(), result);
        GoldenFile.Outcome goldenOutcome;
        if (settings.rewrite()) {
            goldenOutcome = GoldenFile.rewrite(golden, rendering);
        } else if (seed.seed() != goldenSeed.seed()) {
            goldenOutcome = new GoldenFile.Outcome.NotApplicable(goldenSeed.seed());
        } else {
            goldenOutcome = GoldenFile.compare(golden, rendering);
        }

        List<movescope.cli.report.TraceEvents.Line> traceLines =
                movescope.cli.report.TraceEvents.readRun(tracePath);
        Headline headline = Headline.of(result, l.scenario().expect(),
                movescope.cli.report.TraceEvents.events(traceLines));
        // A run without its golden file checks less than it claims: that is a failure, not a pass (record
        // one with --rewrite). A run under another seed than the golden's is reported as not comparable.
        boolean passed = result.passed() && !(goldenOutcome instanceof GoldenFile.Outcome.Differs)
                && !(goldenOutcome instanceof GoldenFile.Outcome.Missing);
        Finding finding = Finding.of(result, goldenOutcome instanceof GoldenFile.Outcome.Differs,
                goldenOutcome instanceof GoldenFile.Outcome.Missing);
        String reproduce = movescope.cli.Launcher.command(console) + " run --seed " + seed.seed() + " " + l.typed();
        AtomicFiles.write(reportPath, RunReport.render(result, new RunReport.Context(l.typed().toString(),
                seed.origin().label(), passed, display(tracePath), display(golden), goldenOutcome, reproduce,
                finding, headline)));
        Optional<Path> page = Optional.empty();
        if (settings.html()) {
            movescope.cli.html.RunPage.Facts facts = new movescope.cli.html.RunPage.Facts(result.scenario(),
                    l.typed().toString(), result.variant(), seed.seed(), finding.line(l.typed().toString()),
                    result.violation().map(v -> new movescope.cli.html.RunPage.Marked(v.invariant(), v.t(),
                            v.key(), v.node(), v.message())),
                    headline.lines(), reproduce);
            AtomicFiles.write(pagePath, movescope.cli.html.RunPage.render(facts, traceLines));
            page = Optional.of(pagePath);
        }

        print(l, result, finding, headline, goldenOutcome, golden, reportPath, tracePath, page, reproduce,
                passed, settings.quiet());
        double seconds = (System.nanoTime() - started) / 1e9;
        return new RunRecord(l.typed().toString(), passed, finding, headline, result, display(reportPath),
                display(tracePath), page.map(this::display), goldenWord(goldenOutcome, golden), reproduce, seconds);
    }

    private void print(Loaded l, RunResult r, Finding finding, Headline headline, GoldenFile.Outcome golden,
            Path goldenPath, Path reportPath, Path tracePath, Optional<Path> page, String reproduce, boolean passed,
            boolean quiet) {
        String indent = "     ";
        out.println(finding.line(l.typed().toString()));
        if (!quiet) {
            finding.claim().ifPresent(c -> out.println(indent + "claim: " + c));
            for (String line : headline.lines()) {
                out.println(indent + line);
            }
            if (!r.passed()) {
                for (String f : r.failures()) {
                    out.println(indent + "- " + f);
                }
                r.violation().ifPresent(v -> {
                    out.println(indent + "last trace lines before " + v.invariant() + ":");
                    for (String line : v.excerpt()) {
                        out.println(indent + "  " + line);
                    }
                });
            }
            out.println(indent + "golden " + goldenWord(golden, goldenPath));
            if (golden instanceof GoldenFile.Outcome.Differs d) {
                for (String line : d.diff().split("\n", -1)) {
                    if (!line.isEmpty()) {
                        out.println(indent + line);
                    }
                }
            }
            out.println(indent + r.eventsProcessed() + " events, " + r.virtualTimeMs() + " ms virtual time; baits "
                    + pairs(r.baits()));
            out.println(indent + "report " + display(reportPath) + "; trace " + display(tracePath)
                    + page.map(p -> "; page " + display(p)).orElse(""));
        }
        if (!passed) {
            out.println("reproduce: " + reproduce);
        }
        out.flush();
    }

    private String goldenWord(GoldenFile.Outcome golden, Path goldenPath) {
        if (golden instanceof GoldenFile.Outcome.Same) {
            return "matches";
        } else if (golden instanceof GoldenFile.Outcome.Differs) {
            return "differs from " + display(goldenPath);
        } else if (golden instanceof GoldenFile.Outcome.Missing) {
            return "MISSING: " + display(goldenPath) + " (record one with --rewrite)";
        } else if (golden instanceof GoldenFile.Outcome.NotApplicable n) {
            return "NOT COMPARABLE (recorded with seed " + n.goldenSeed() + ", this run used another)";
        } else if (golden instanceof GoldenFile.Outcome.Rewritten w) {
            return w.changed() ? "rewritten: " + display(goldenPath) : "unchanged";
        }
        throw new IllegalStateException("unknown golden outcome " + golden);
    }

    private static String pairs(Map<String, Long> map) {
        StringBuilder b = new StringBuilder();
        map.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return b.length() == 0 ? "none" : b.toString();
    }

    /** A path as the user would type it: relative to the working directory when it is inside it. */
    private String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = console.workingDir().toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
