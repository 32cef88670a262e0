package movescope.cli.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import movescope.cli.BuildInfo;

/**
 * {@code movescope run --json}: one JSON document on stdout (schema: docs/json.md "run"). Each scenario's full
 * detail stays in its report file; this is the index a script reads first.
 */
final class RunJson {
    private static final JsonFactory JSON = new JsonFactory();

    private RunJson() {
    }

    static String render(List<RunRecord> records, int passed, int failed) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeStringField("command", "run");
            g.writeStringField("version", BuildInfo.load().line());
            g.writeNumberField("passed", passed);
            g.writeNumberField("failed", failed);
            g.writeArrayFieldStart("scenarios");
            for (RunRecord r : records) {
                g.writeStartObject();
                g.writeStringField("file", r.file());
                g.writeStringField("outcome", r.finding().wordName());
                g.writeBooleanField("passed", r.passed());
                g.writeFieldName("invariant");
                if (r.finding().invariant().isPresent()) {
                    g.writeString(r.finding().invariant().get());
                } else {
                    g.writeNull();
                }
                g.writeStringField("line", r.finding().line(r.file()));
                g.writeNumberField("seed", r.result().seed());
                g.writeStringField("variant", r.result().variant());
                HeadlineJson.write(g, r.headline());
                g.writeStringField("golden", r.golden());
                g.writeStringField("report", r.report());
                g.writeStringField("trace", r.trace());
                g.writeFieldName("page");
                if (r.page().isPresent()) {
                    g.writeString(r.page().get());
                } else {
                    g.writeNull();
                }
                g.writeStringField("reproduce", r.reproduce());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string cannot fail", e);
        }
        return text.toString();
    }
}
