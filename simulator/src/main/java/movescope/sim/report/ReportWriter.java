package movescope.sim.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import movescope.sim.check.Violation;

/**
 * The JSON run report: verdict, seed, summary, violation (with its trace excerpt), step replies seen vs
 * expected, failures, history findings, baits, counts, events and virtual time, and the trace's SHA-256.
 * Keys within each object are in a fixed order so reports diff cleanly as golden files.
 */
public final class ReportWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ReportWriter() {}

    public static String toJson(RunResult r) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
            pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
            pp.indentObjectsWith(new DefaultIndenter("  ", "\n"));
            g.setPrettyPrinter(pp);
            g.writeStartObject();
            g.writeStringField("scenario", r.scenario());
            g.writeNumberField("seed", r.seed());
            g.writeStringField("variant", r.variant());
            g.writeStringField("verdict", r.verdict().name());
            g.writeStringField("summary", r.summary());
            if (r.violation().isPresent()) {
                Violation v = r.violation().get();
                g.writeObjectFieldStart("violation");
                g.writeStringField("invariant", v.invariant());
                g.writeStringField("key", v.key());
                g.writeStringField("node", v.node());
                g.writeStringField("message", v.message());
                g.writeNumberField("t", v.t());
                g.writeNumberField("event", v.eventSeq());
                g.writeArrayFieldStart("excerpt");
                for (String line : v.excerpt()) {
                    g.writeString(line);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeArrayFieldStart("steps");
            for (StepResult s : r.steps()) {
                g.writeStartObject();
                g.writeNumberField("index", s.index());
                g.writeNumberField("at", s.at());
                g.writeStringField("do", s.doName());
                g.writeStringField("target", s.target());
                g.writeStringField("command", s.command());
                if (s.expected().isPresent()) {
                    g.writeStringField("expected", s.expected().get());
                }
                if (s.reply().isPresent()) {
                    g.writeStringField("reply", s.reply().get());
                    g.writeNumberField("repliedAt", s.repliedAtMs());
                } else {
                    g.writeNullField("reply");
                }
                g.writeBooleanField("ok", s.ok());
                if (!s.judged()) {
                    g.writeBooleanField("judged", false);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("failures");
            for (String f : r.failures()) {
                g.writeString(f);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("history");
            for (HistoryFinding h : r.history()) {
                g.writeStartObject();
                g.writeStringField("kind", h.kind());
                g.writeStringField("key", h.key());
                g.writeStringField("write", h.write());
                g.writeStringField("detail", h.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("baits");
            for (Map.Entry<String, Long> e : r.baits().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("counts");
            for (Map.Entry<String, Long> e : r.counts().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("events", r.eventsProcessed());
            g.writeNumberField("virtualTimeMs", r.virtualTimeMs());
            g.writeNumberField("traceLines", r.traceLines());
            g.writeStringField("traceSha256", r.traceSha256());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().replace("\r\n", "\n") + "\n";
    }
}
