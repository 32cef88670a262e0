package movescope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import movescope.sim.scenario.json.Limits;
import movescope.sim.scenario.json.LocatedJsonParser;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import movescope.checker.RepoRoot;
import movescope.checker.tlc.TlcOptions;
import movescope.checker.tlc.TlcRunner;
import movescope.checker.trace.TableVariant;
import movescope.checker.trace.TraceCheck;
import movescope.checker.trace.TraceResult;
import movescope.model.protocol.Variant;
import movescope.sim.scenario.ScenarioException;
import movescope.sim.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code movescope trace-check}: replays simulator traces with TLC against
 * specs/MigrationTable/TraceMigrationTable.tla (see {@link TraceCheck}). Thin: resolve each trace's
 * variant, call {@link TraceCheck#runAll}, print one verdict per trace.
 */
@Command(name = "trace-check", mixinStandardHelpOptions = true,
        description = {
            "Check simulator traces against the MigrationTable spec with TLC.",
            "Every Start, StartRefused, Commit, CommitRemove/CommitInsert, Abort, Crash/Restart and checked "
                    + "ClientWrite verdict in a trace (NDJSON, as run writes them) must be a step the spec allows, "
                    + "with the same result, on that node's migration table. All traces go into one TLC run.",
            "",
            "The variant decides the table's layout and what survives a crash. Default: read from the run "
                    + "report next to the trace (X.trace.ndjson -> X.report.json): its variant, or for a custom "
                    + "one the scenario file it names. --variant and --switch override it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every trace accepted",
            "1:a trace rejected (its first unmatched line is printed)",
            "2:bad input: unreadable or malformed trace, unknown variant, no report to take the variant from",
            "3:internal error: TLC gave no verdict, or a movescope bug"})
public final class TraceCheckCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "TRACE", arity = "1..*", description = "Trace files (*.trace.ndjson).")
    private List<Path> traces = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON document (docs/json.md) instead of text.")
    boolean json;

    @Option(names = "--variant", paramLabel = "NAME", description = "kevy-5.4 or fixed, for every trace.")
    private String variant;

    @Option(names = "--switch", paramLabel = "NAME=VALUE",
            description = "A variant switch on top of the variant, e.g. --switch migratedDurable=true (repeatable).")
    private Map<String, String> switches = new LinkedHashMap<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Kill the TLC run after this many seconds (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    private final Console console;

    public TraceCheckCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> root = RepoRoot.find(console.workingDir())
                .or(() -> console.movescopeHome().map(Path::of));
        if (root.isEmpty() || !Files.isRegularFile(root.get().resolve("specs/MigrationTable").resolve(TraceCheck.SPEC))) {
            err.println("movescope trace-check: cannot find specs/MigrationTable/" + TraceCheck.SPEC
                    + " (run inside the checkout or set MOVESCOPE_HOME)");
            err.flush();
            return ExitCode.BAD_INPUT.code();
        }
        if (timeoutSeconds < 1) {
            err.println("movescope trace-check: --timeout must be at least 1 second, got " + timeoutSeconds);
            err.flush();
            return ExitCode.BAD_INPUT.code();
        }
        List<TraceCheck.Input> inputs = new ArrayList<>();
        for (Path t : traces) {
            Path file = console.resolve(t);
            try {
                Variant v = variantOf(file, root.get());
                String text = LocatedJsonParser.readUtf8(file, t.toString(), Limits.MAX_TRACE_BYTES);
                inputs.add(new TraceCheck.Input(t.toString(), text.lines().toList(), TableVariant.of(v)));
            } catch (ScenarioException e) {
                // already names the file: "<file>: <reason>" or "<file>:<line>:<column>: <problem>"
                err.println("movescope trace-check: " + e.getMessage());
                err.flush();
                return ExitCode.BAD_INPUT.code();
            } catch (IOException | IllegalArgumentException e) {
                err.println("movescope trace-check: " + t + ": " + (e instanceof IOException io
                        ? movescope.sim.scenario.json.JsonMessages.ioReason(io) : e.getMessage()));
                err.flush();
                return ExitCode.BAD_INPUT.code();
            }
        }
        TlcRunner runner = new TlcRunner(TlcOptions.defaults(
                Path.of(System.getProperty("java.io.tmpdir"), "movescope-tlc-logs"), Duration.ofSeconds(timeoutSeconds)));
        TraceCheck.Report report = TraceCheck.runAll(inputs, root.get().resolve("specs/MigrationTable"), runner);
        PrintWriter text = out;
        if (json) {
            out = new PrintWriter(java.io.Writer.nullWriter());
        }
        ExitCode code = ExitCode.PASS;
        for (int i = 0; i < report.results().size(); i++) {
            TraceResult r = report.results().get(i);
            String v = inputs.get(i).variant().toString();
            switch (r.status()) {
                case ACCEPTED -> out.printf("accepted  %s (%s): %d lines, %d table events checked%n", r.name(), v,
                        r.lines(), r.eventsChecked());
                case REJECTED -> {
                    // A rejection found before TLC carries its line in the reason already: say it once.
                    String why = r.reason().startsWith("line " + r.failingLine() + ": ")
                            ? r.reason().substring(("line " + r.failingLine() + ": ").length()) : r.reason();
                    out.printf("REJECTED  %s (%s): line %d: %s%n", r.name(), v, r.failingLine(), why);
                    out.printf("          %s%n", r.failingText());
                    code = code.worst(ExitCode.FAIL);
                }
                case BAD_INPUT -> {
                    out.printf("BAD INPUT %s: %s%n", r.name(), r.reason());
                    code = code.worst(ExitCode.BAD_INPUT);
                }
                case ERROR -> {
                    out.printf("ERROR     %s: %s%n", r.name(), r.reason());
                    code = code.worst(ExitCode.INTERNAL);
                }
                default -> throw new IllegalStateException("unhandled status " + r.status());
            }
        }
        long accepted = report.results().stream().filter(TraceResult::accepted).count();
        out.printf("%d of %d traces accepted, %d table events checked, %d TLC run(s), %.1f s%n", accepted,
                report.results().size(), report.eventsChecked(), report.tlcRuns(), report.tlcSeconds());
        out.flush();
        if (json) {
            var mapper = new ObjectMapper();
            var doc = mapper.createObjectNode();
            doc.put("command", "trace-check");
            doc.put("version", BuildInfo.load().line());
            doc.put("accepted", accepted);
            doc.put("traces", report.results().size());
            doc.put("eventsChecked", report.eventsChecked());
            var arr = doc.putArray("results");
            for (int i = 0; i < report.results().size(); i++) {
                TraceResult r = report.results().get(i);
                var o = arr.addObject();
                o.put("trace", r.name());
                o.put("variant", inputs.get(i).variant().toString());
                o.put("status", r.status().name());
                o.put("lines", r.lines());
                o.put("eventsChecked", r.eventsChecked());
                if (r.status() == TraceResult.Status.ACCEPTED) {
                    o.putNull("failingLine");
                    o.putNull("reason");
                } else {
                    o.put("failingLine", r.failingLine());
                    o.put("reason", r.reason());
                }
            }
            text.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            text.flush();
        }
        return code.code();
    }

    /** --variant/--switch, else the run report next to the trace (its variant, or its scenario's). */
    private Variant variantOf(Path trace, Path root) throws IOException, ScenarioException {
        Variant v;
        if (variant != null) {
            v = Variant.named(variant);
        } else {
            v = fromReport(trace, root);
        }
        for (Map.Entry<String, String> s : switches.entrySet()) {
            v = v.withSwitch(s.getKey(), s.getValue());
        }
        return v;
    }

    private Variant fromReport(Path trace, Path root) throws IOException, ScenarioException {
        String name = trace.getFileName().toString();
        if (!name.endsWith(".trace.ndjson")) {
            throw new IllegalArgumentException("not a *.trace.ndjson file, so no run report to take the variant from;"
                    + " pass --variant");
        }
        Path report = trace.resolveSibling(name.substring(0, name.length() - ".trace.ndjson".length()) + ".report.json");
        if (!Files.isRegularFile(report)) {
            throw new IllegalArgumentException("no run report " + report.getFileName() + " next to it; pass --variant");
        }
        JsonNode r;
        try {
            r = new ObjectMapper().readTree(LocatedJsonParser.readUtf8(report, report.toString(), Limits.MAX_TRACE_BYTES));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation l = e.getLocation();
            throw new IllegalArgumentException("the run report " + report.getFileName() + " is not valid JSON"
                    + (l == null ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")") + "; pass --variant");
        }
        String named = r.path("variant").asText("");
        if (named.equals("kevy-5.4") || named.equals("fixed")) {
            return Variant.named(named);
        }
        String scenario = r.path("scenarioFile").asText("");
        for (Path base : List.of(console.workingDir(), root)) {
            Path f = base.resolve(scenario);
            if (!scenario.isEmpty() && Files.isRegularFile(f)) {
                return ScenarioLoader.load(f, scenario).variant();
            }
        }
        throw new IllegalArgumentException("the run report names variant \"" + named + "\" and no readable scenario"
                + " file (\"" + scenario + "\"); pass --variant and --switch");
    }
}
