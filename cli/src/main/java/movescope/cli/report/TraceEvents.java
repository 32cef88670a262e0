package movescope.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an NDJSON trace back as one JSON object per line, keeping each line's text for the page's hover. */
public final class TraceEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One trace line: its 1-based line number, its text and its parsed fields. */
    public record Line(int number, String text, JsonNode event) {
    }

    private TraceEvents() {
    }

    /**
     * @throws TraceFormatException when a line is not a JSON object (names the file and line)
     */
    public static List<Line> read(Path file, String shownAs) throws IOException, TraceFormatException {
        List<Line> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int n = 0;
            while ((text = r.readLine()) != null) {
                n++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new TraceFormatException(shownAs + ":" + n + ":" + e.getLocation().getColumnNr()
                            + ": not a JSON trace line: " + e.getOriginalMessage());
                }
                if (node == null || !node.isObject() || !node.path("action").isTextual()) {
                    throw new TraceFormatException(shownAs + ":" + n + ":1: expected a JSON object with an "
                            + "\"action\" field (one trace event per line)");
                }
                out.add(new Line(n, text, node));
            }
        }
        return out;
    }

    /** Reads a trace this process just wrote; a malformed line there is movescope's bug, not the user's. */
    public static List<Line> readRun(Path file) throws IOException {
        try {
            return read(file, file.toString());
        } catch (TraceFormatException e) {
            throw new IllegalStateException("the simulator wrote a malformed trace: " + e.getMessage(), e);
        }
    }

    /** Parses trace lines this process just produced in memory (line numbers from 1, as in a file). */
    public static List<Line> parseRun(List<String> texts) {
        List<Line> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            try {
                out.add(new Line(i + 1, texts.get(i), JSON.readTree(texts.get(i))));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("the simulator wrote a malformed trace line " + (i + 1) + ": "
                        + e.getOriginalMessage(), e);
            }
        }
        return out;
    }

    public static List<JsonNode> events(List<Line> lines) {
        return lines.stream().map(Line::event).toList();
    }

    /** A trace file that is not NDJSON trace events: the user's input, exit 2. */
    public static final class TraceFormatException extends Exception {
        private static final long serialVersionUID = 1L;

        public TraceFormatException(String message) {
            super(message);
        }
    }
}
