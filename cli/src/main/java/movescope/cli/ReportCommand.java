package movescope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import movescope.cli.html.RunPage;
import movescope.cli.io.AtomicFiles;
import movescope.cli.report.Headline;
import movescope.cli.report.TraceEvents;
import movescope.cli.run.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code movescope report <x.trace.ndjson>…}: the run page of a run that already happened, from its trace and,
 * when it lies beside the trace, its {@code x.report.json} (for the verdict, the violation and the headline).
 * Every input is read and checked before any page is written, so bad input leaves nothing behind.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
            "Write the HTML page of existing runs from their traces.",
            "For each x.trace.ndjson it writes x.html beside it (or --out FILE for a single trace): a "
                    + "self-contained page with a lane per node and client on the virtual-time axis, the "
                    + "messages, move phases, crashes, restarts, partitions and config pushes, replies coloured "
                    + "by verdict, and the violation marked with its invariant's claim. The verdict and headline "
                    + "come from x.report.json when it lies beside the trace."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:pages written", "2:bad input: missing or malformed trace or report (nothing written)",
            "3:internal error"})
public final class ReportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Console console;

    @Parameters(arity = "1..*", paramLabel = "<trace.ndjson>", description = "Trace files written by run, replay or swarm.")
    List<Path> traces;

    @Option(names = "--out", paramLabel = "FILE", description = "Where the page goes (only with one trace; default: x.html beside x.trace.ndjson).")
    Path out;

    @Option(names = "--json", description = "Print one JSON document listing the pages written (docs/json.md) instead of text.")
    boolean json;

    public ReportCommand(Console console) {
        this.console = console;
    }

    private record Page(Path target, String html) {
    }

    @Override
    public Integer call() throws IOException {
        if (out != null && traces.size() != 1) {
            console.err().println("movescope report: --out takes one trace, got " + traces.size());
            return ExitCode.BAD_INPUT.code();
        }
        List<Page> pages = new ArrayList<>();
        for (Path typed : traces) {
            Path trace = console.resolve(typed);
            List<TraceEvents.Line> lines;
            try {
                lines = TraceEvents.read(trace, typed.toString());
            } catch (IOException e) {
                console.err().println(typed + ":0:0: cannot read the trace: " + ScenarioRunner.describe(e));
                return ExitCode.BAD_INPUT.code();
            } catch (TraceEvents.TraceFormatException e) {
                console.err().println(e.getMessage());
                return ExitCode.BAD_INPUT.code();
            }
            String base = baseName(trace);
            Path reportFile = trace.resolveSibling(base + ".report.json");
            Optional<JsonNode> report = Optional.empty();
            if (Files.isRegularFile(reportFile)) {
                try {
                    report = Optional.of(JSON.readTree(reportFile.toFile()));
                } catch (IOException e) {
                    console.err().println(reportFile + ":0:0: not a run report: " + e.getMessage());
                    return ExitCode.BAD_INPUT.code();
                }
            }
            Path target = out != null ? console.resolve(out) : trace.resolveSibling(base + ".html");
            pages.add(new Page(target, RunPage.render(facts(base, typed, report, lines), lines)));
        }
        List<String> written = new ArrayList<>();
        for (Page p : pages) {
            AtomicFiles.write(p.target(), p.html());
            written.add(display(p.target()));
            if (!json) {
                console.out().println("page " + display(p.target()));
            }
        }
        if (json) {
            var doc = JSON.createObjectNode();
            doc.put("command", "report");
            doc.put("version", BuildInfo.load().line());
            var arr = doc.putArray("pages");
            written.forEach(arr::add);
            console.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        }
        console.out().flush();
        return ExitCode.PASS.code();
    }

    private RunPage.Facts facts(String base, Path typed, Optional<JsonNode> report, List<TraceEvents.Line> lines) {
        if (report.isEmpty()) {
            Headline h = new Headline(0, 0, 0, Headline.openMoves(TraceEvents.events(lines)).size(), List.of(), List.of());
            return new RunPage.Facts(base, typed.toString(), "?", 0, "trace only (no " + base
                    + ".report.json beside it: verdict unknown)", Optional.empty(), List.of(h.lines().get(0)), "");
        }
        JsonNode r = report.get();
        JsonNode v = r.path("violation");
        Optional<RunPage.Marked> marked = v.isObject()
                ? Optional.of(new RunPage.Marked(v.path("invariant").asText(), v.path("t").asLong(),
                        v.path("key").asText(), v.path("node").asText(), v.path("message").asText()))
                : Optional.empty();
        List<String> headline = new ArrayList<>();
        r.path("headline").path("text").forEach(t -> headline.add(t.asText()));
        String outcome = r.path("outcomeLine").asText(r.path("verdict").asText("?") + " " + r.path("scenarioFile").asText());
        return new RunPage.Facts(r.path("scenario").asText(base), r.path("scenarioFile").asText(typed.toString()),
                r.path("variant").asText("?"), r.path("seed").asLong(), outcome, marked, headline,
                r.path("reproduce").asText(""));
    }

    static String baseName(Path trace) {
        String name = trace.getFileName().toString();
        for (String suffix : List.of(".trace.ndjson", ".ndjson")) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = console.workingDir().toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
