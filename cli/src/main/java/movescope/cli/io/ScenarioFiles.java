package movescope.cli.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioException;
import movescope.sim.scenario.ScenarioLoader;

/**
 * Reads a scenario file the way every command does. Scenario files start with
 * {@code "$schema": "../scenario.schema.json"} so editors complete and check them against
 * scenarios/scenario.schema.json; that member is an editor hint, not part of the scenario, and the
 * simulator's strict loader (rightly) rejects members it does not know. So the top-level {@code $schema}
 * member, when its value is a string, is blanked out with spaces before loading: every other character keeps
 * its line and column, and the loader's {@code file:line:column} messages still point at the right place.
 * Anything unusual (a non-string value, a syntax error before the member) leaves the text untouched for
 * the loader to report; a syntax error after it is reported at the same place either way.
 */
public final class ScenarioFiles {
    private static final JsonFactory JSON = new JsonFactory();

    private ScenarioFiles() {
    }

    /**
     * @param typed the path as the user typed it: it names the file in error messages
     * @param file  where the file is
     * @throws IOException       when the file cannot be read
     * @throws ScenarioException when it is not a valid scenario (message: {@code file:line:column: ...})
     */
    public static Scenario load(Path typed, Path file) throws IOException, ScenarioException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return ScenarioLoader.loadString(withoutSchemaMember(text), typed.toString());
    }

    /** The text with its top-level {@code "$schema": "<string>"} member (and one adjacent comma) blanked. */
    public static String withoutSchemaMember(String text) {
        int[] span = schemaMemberSpan(text);
        if (span == null) {
            return text;
        }
        StringBuilder b = new StringBuilder(text);
        for (int i = span[0]; i < span[1]; i++) {
            char c = b.charAt(i);
            if (c != '\n' && c != '\r') {
                b.setCharAt(i, ' ');
            }
        }
        return b.toString();
    }

    /** [start, end) of the member including one comma, or null when there is nothing (safe) to blank. */
    private static int[] schemaMemberSpan(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) != null && t != JsonToken.END_OBJECT) {
                if (t != JsonToken.FIELD_NAME) {
                    return null;
                }
                int nameStart = (int) p.currentTokenLocation().getCharOffset();
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("$schema")) {
                    if (value != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    p.getText(); // Jackson reads a string lazily: consume it so the location is past its end
                    int valueEnd = (int) p.currentLocation().getCharOffset();
                    return withComma(text, nameStart, valueEnd);
                }
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                }
            }
            return null;
        } catch (IOException syntaxError) {
            return null; // the loader will report it with its position
        }
    }

    private static int[] withComma(String text, int start, int end) {
        int after = end;
        while (after < text.length() && Character.isWhitespace(text.charAt(after))) {
            after++;
        }
        if (after < text.length() && text.charAt(after) == ',') {
            return new int[] {start, after + 1};
        }
        int before = start - 1;
        while (before >= 0 && Character.isWhitespace(text.charAt(before))) {
            before--;
        }
        if (before >= 0 && text.charAt(before) == ',') {
            return new int[] {before, end};
        }
        if (before >= 0 && text.charAt(before) == '{') {
            return new int[] {start, end}; // the only member
        }
        return null;
    }
}
