package movescope.cli.run;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import movescope.cli.report.Headline;

/** The {@code headline} object of the run report and of {@code run --json} (docs/json.md). */
public final class HeadlineJson {
    private HeadlineJson() {
    }

    public static void write(JsonGenerator g, Headline h) throws IOException {
        g.writeObjectFieldStart("headline");
        g.writeNumberField("acknowledgedWritesLost", h.lostWrites());
        g.writeNumberField("twoWriterWindows", h.twoWriterWindows());
        g.writeNumberField("strandedWrites", h.strandedWrites());
        g.writeNumberField("movesNeverEnded", h.movesNeverEnded());
        g.writeArrayFieldStart("checked");
        for (String s : h.checked()) {
            g.writeString(s);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("skipped");
        for (String s : h.skipped()) {
            g.writeString(s);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("text");
        for (String s : h.lines()) {
            g.writeString(s);
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
