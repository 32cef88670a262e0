package movescope.cli.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import movescope.cli.golden.GoldenFile;
import movescope.sim.check.Violation;
import movescope.sim.report.HistoryFinding;
import movescope.sim.report.RunResult;
import movescope.sim.report.StepResult;

/**
 * The JSON run report written to {@code reports/<scenario>.report.json}: the simulator's {@link RunResult}
 * plus what the CLI decided around it (where the seed came from, the golden comparison, the trace file, the
 * command that reproduces the run). Fields are written in a fixed order so two reports of the same run are
 * byte-identical and diff well.
 */
public final class RunReport {
    private static final JsonFactory JSON = new JsonFactory();

    private RunReport() {
    }

    /** The CLI's side of a run. */
    public record Context(String scenarioFile, String seedOrigin, boolean passed, String traceFile,
            String goldenFile, GoldenFile.Outcome golden, String reproduce, movescope.cli.run.Finding finding,
            Headline headline) {
    }

    public static String render(RunResult r, Context c) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeStringField("scenarioFile", c.scenarioFile());
            g.writeStringField("scenario", r.scenario());
            g.writeStringField("variant", r.variant());
            g.writeNumberField("seed", r.seed());
            g.writeStringField("seedOrigin", c.seedOrigin());
            g.writeStringField("verdict", r.verdict().name());
            g.writeBooleanField("passed", c.passed());
            g.writeStringField("summary", r.summary());
            g.writeStringField("outcome", c.finding().wordName());
            g.writeStringField("outcomeLine", c.finding().line(c.scenarioFile()));
            g.writeFieldName("claim");
            if (c.finding().claim().isPresent()) {
                g.writeString(c.finding().claim().get());
            } else {
                g.writeNull();
            }
            movescope.cli.run.HeadlineJson.write(g, c.headline());
            g.writeFieldName("violation");
            violation(g, r.violation());
            g.writeArrayFieldStart("steps");
            for (StepResult s : r.steps()) {
                step(g, s);
            }
            g.writeEndArray();
            strings(g, "failures", r.failures());
            g.writeArrayFieldStart("history");
            for (HistoryFinding f : r.history()) {
                g.writeStartObject();
                g.writeStringField("kind", f.kind());
                g.writeStringField("key", f.key());
                g.writeStringField("write", f.write());
                g.writeStringField("detail", f.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            numbers(g, "baits", r.baits());
            numbers(g, "counts", r.counts());
            if (!r.tallies().isEmpty()) {
                g.writeObjectFieldStart("tallies");
                for (var e : r.tallies().entrySet()) {
                    numbers(g, e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            g.writeNumberField("eventsProcessed", r.eventsProcessed());
            g.writeNumberField("virtualTimeMs", r.virtualTimeMs());
            g.writeObjectFieldStart("trace");
            g.writeStringField("file", c.traceFile());
            g.writeNumberField("lines", r.traceLines());
            g.writeStringField("sha256", r.traceSha256());
            g.writeEndObject();
            g.writeObjectFieldStart("golden");
            g.writeStringField("file", c.goldenFile());
            golden(g, c.golden());
            g.writeEndObject();
            g.writeStringField("reproduce", c.reproduce());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string cannot fail", e);
        }
        return text + "\n";
    }

    private static void violation(JsonGenerator g, Optional<Violation> violation) throws IOException {
        if (violation.isEmpty()) {
            g.writeNull();
            return;
        }
        Violation v = violation.get();
        g.writeStartObject();
        g.writeStringField("invariant", v.invariant());
        g.writeStringField("key", v.key());
        g.writeStringField("node", v.node());
        g.writeStringField("message", v.message());
        g.writeNumberField("t", v.t());
        g.writeNumberField("eventSeq", v.eventSeq());
        strings(g, "excerpt", v.excerpt());
        g.writeEndObject();
    }

    private static void step(JsonGenerator g, StepResult s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", s.index());
        g.writeNumberField("at", s.at());
        g.writeStringField("do", s.doName());
        g.writeStringField("target", s.target());
        g.writeStringField("command", s.command());
        g.writeFieldName("expected");
        if (s.expected().isPresent()) {
            g.writeString(s.expected().get());
        } else {
            g.writeNull();
        }
        g.writeFieldName("reply");
        if (s.reply().isPresent()) {
            g.writeString(s.reply().get());
        } else {
            g.writeNull();
        }
        g.writeNumberField("repliedAtMs", s.repliedAtMs());
        g.writeBooleanField("ok", s.ok());
        g.writeBooleanField("judged", s.judged());
        g.writeEndObject();
    }

    private static void golden(JsonGenerator g, GoldenFile.Outcome outcome) throws IOException {
        // Java 17: no pattern matching for switch yet, so an instanceof chain over the sealed outcomes.
        if (outcome instanceof GoldenFile.Outcome.Same) {
            g.writeStringField("outcome", "same");
        } else if (outcome instanceof GoldenFile.Outcome.Missing) {
            g.writeStringField("outcome", "missing");
        } else if (outcome instanceof GoldenFile.Outcome.Differs d) {
            g.writeStringField("outcome", "differs");
            g.writeStringField("diff", d.diff());
        } else if (outcome instanceof GoldenFile.Outcome.NotApplicable n) {
            g.writeStringField("outcome", "not-applicable");
            g.writeNumberField("goldenSeed", n.goldenSeed());
        } else if (outcome instanceof GoldenFile.Outcome.Rewritten w) {
            g.writeStringField("outcome", "rewritten");
            g.writeBooleanField("changed", w.changed());
        } else {
            throw new IllegalStateException("unknown golden outcome " + outcome);
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void numbers(JsonGenerator g, String name, Map<String, Long> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : values.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
