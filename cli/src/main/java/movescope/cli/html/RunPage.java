package movescope.cli.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import movescope.cli.report.Claims;
import movescope.cli.report.TraceEvents;

/**
 * One run as one self-contained HTML page: inline CSS, inline JavaScript drawing inline SVG, the run's data
 * embedded as JSON — nothing fetched from the network, so the file can be mailed, attached to CI or opened
 * offline. Lanes per node and client on the virtual-time axis, messages as arrows (lost ones crossed), move
 * phases named as in the spec, crashes/restarts as down spans, partitions, config pushes, replies coloured by
 * verdict and the violation marked with its invariant's claim in words ({@link Claims}). Zoom and a key/prefix
 * filter redraw; hovering (or clicking) a mark shows its trace line.
 */
public final class RunPage {
    private static final JsonFactory JSON = new JsonFactory();

    /** The violation to mark: invariant, time, key, node and the simulator's one-line explanation. */
    public record Marked(String invariant, long t, String key, String node, String message) {
    }

    /** What the page says about the run besides its trace. */
    public record Facts(String scenario, String file, String variant, long seed, String outcomeLine,
            Optional<Marked> violation, List<String> headline, String reproduce) {
        public Facts {
            headline = List.copyOf(headline);
        }
    }

    private RunPage() {
    }

    public static String render(Facts facts, List<TraceEvents.Line> trace) {
        Timeline tl = Timeline.of(trace, facts.violation().map(Marked::t), facts.violation().map(Marked::node));
        String data = data(facts, tl).replace("</", "<\\/");
        return PageTemplate.HTML
                .replace("@TITLE@", escape(facts.scenario() + " \u2014 movescope run"))
                .replace("@STYLE@", PageTemplate.CSS)
                .replace("@SCRIPT@", PageTemplate.JS)
                .replace("@DATA@", data);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String data(Facts f, Timeline tl) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("scenario", f.scenario());
            g.writeStringField("file", f.file());
            g.writeStringField("variant", f.variant());
            g.writeStringField("seed", Long.toString(f.seed()));
            g.writeStringField("outcome", f.outcomeLine());
            g.writeStringField("reproduce", f.reproduce());
            g.writeArrayFieldStart("headline");
            for (String h : f.headline()) {
                g.writeString(h);
            }
            g.writeEndArray();
            g.writeNumberField("endMs", tl.endMs());
            g.writeNumberField("events", tl.events());
            g.writeBooleanField("aggregated", tl.aggregated());
            g.writeNumberField("foldedNodes", tl.foldedNodes());
            g.writeNumberField("foldedClients", tl.foldedClients());
            if (f.violation().isPresent()) {
                Marked v = f.violation().get();
                g.writeObjectFieldStart("violation");
                g.writeStringField("invariant", v.invariant());
                g.writeStringField("claim", Claims.describe(v.invariant()));
                g.writeNumberField("t", v.t());
                g.writeStringField("key", v.key());
                g.writeStringField("node", v.node());
                g.writeStringField("message", v.message());
                g.writeEndObject();
            } else {
                g.writeNullField("violation");
            }
            g.writeArrayFieldStart("lanes");
            for (Timeline.Lane l : tl.lanes()) {
                g.writeStartArray();
                g.writeString(l.id());
                g.writeString(l.kind());
                g.writeString(l.label());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("spans");
            for (Timeline.Span s : tl.spans()) {
                g.writeStartArray();
                g.writeString(s.lane());
                g.writeNumber(s.from());
                g.writeNumber(s.to());
                g.writeString(s.kind());
                g.writeString(s.label());
                g.writeBoolean(s.open());
                g.writeEndArray();
            }
            g.writeEndArray();
            // Marks as arrays (lane, t, action, css, label, to, lost, count, line, text, key, prefix): long runs
            // carry thousands, and field names would double the page.
            g.writeArrayFieldStart("marks");
            for (Timeline.Mark m : tl.marks()) {
                g.writeStartArray();
                g.writeString(m.lane());
                g.writeNumber(m.t());
                g.writeString(m.action());
                g.writeString(m.css());
                g.writeString(m.label());
                g.writeString(m.to().orElse(""));
                g.writeBoolean(m.lost());
                g.writeNumber(m.count());
                g.writeNumber(m.line());
                g.writeString(m.text().length() > 4000 ? m.text().substring(0, 4000) + "\u2026" : m.text());
                g.writeString(m.key());
                g.writeString(m.prefix());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string cannot fail", e);
        }
        return text.toString();
    }
}
