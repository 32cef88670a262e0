package movescope.sim.scenario.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import movescope.sim.scenario.ScenarioException;

/**
 * Reads a JSON document with Jackson's streaming parser into a {@link JNode} tree that keeps every value's
 * line, column and path. Duplicate keys are rejected by Jackson itself ({@code STRICT_DUPLICATE_DETECTION}),
 * trailing content after the document is rejected here; comments and other leniencies are off (Jackson's
 * defaults), so a file that loads here loads in any JSON tool.
 *
 * <p>Every input is bounded before it can cost memory or time ({@link Limits}): the file is read with a
 * size cap and only when it is a regular file (a FIFO would block, a device never ends), decoded as strict
 * UTF-8 ({@link Utf8Text}), nested at most {@link Limits#MAX_DEPTH} deep; strings, numbers and arrays are
 * capped, and numbers are kept as written (never expanded: {@code 1e999999999} stays eleven characters).
 * Jackson's own messages are rewritten in JSON's words ({@link JsonMessages}).
 */
public final class LocatedJsonParser {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Our own limits (checked with locations below) are all tighter than these; Jackson's are set
            // loose so that its less helpful messages never fire first.
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Limits.MAX_FILE_BYTES)
                    .maxStringLength(Limits.MAX_FILE_BYTES)
                    .maxNameLength(Limits.MAX_FILE_BYTES)
                    .maxNestingDepth(Limits.MAX_DEPTH + 8)
                    .build())
            .build();

    private final String file;

    private LocatedJsonParser(String file) {
        this.file = file;
    }

    /** Parses a file; its path (as given) names it in errors. */
    public static JNode parse(Path path) throws ScenarioException {
        return parse(path, path.toString());
    }

    /** Parses a file; {@code name} (the path as the user typed it) names it in errors. */
    public static JNode parse(Path path, String name) throws ScenarioException {
        return parse(Utf8Text.decode(readCapped(path, name), name), name);
    }

    /** Parses a file's bytes (strict UTF-8, at most {@link Limits#MAX_FILE_BYTES}); {@code name} names them. */
    public static JNode parseBytes(byte[] bytes, String name) throws ScenarioException {
        if (bytes.length > Limits.MAX_FILE_BYTES) {
            throw fileError(name, "is " + bytes.length + " bytes; the limit for this input is " + Limits.MAX_FILE_BYTES
                    + " bytes");
        }
        return parse(Utf8Text.decode(bytes, name), name);
    }

    /**
     * The file's bytes, refused with the file's name and the reason when it is missing, not a regular file,
     * unreadable or larger than {@link Limits#MAX_FILE_BYTES}. Read with a cap too, as a file can grow (or
     * lie about its size) between the check and the read.
     */
    public static byte[] readCapped(Path path, String name) throws ScenarioException {
        return readCapped(path, name, Limits.MAX_FILE_BYTES);
    }

    /**
     * Any input text file (a trace, a run report) read the same bounded way as a scenario: a regular file of
     * at most {@code maxBytes}, strict UTF-8 with the first bad byte located.
     */
    public static String readUtf8(Path path, String name, int maxBytes) throws ScenarioException {
        return Utf8Text.decode(readCapped(path, name, maxBytes), name);
    }

    private static byte[] readCapped(Path path, String name, int maxBytes) throws ScenarioException {
        if (!Files.exists(path)) {
            throw fileError(name, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw fileError(name, "is a folder, not a scenario file");
        }
        if (!Files.isRegularFile(path)) {
            throw fileError(name, "is not a regular file (a device, FIFO or socket)");
        }
        try {
            if (Files.size(path) > maxBytes) {
                throw fileError(name, "is " + Files.size(path) + " bytes; the limit for this input is "
                        + maxBytes + " bytes");
            }
            try (InputStream in = Files.newInputStream(path)) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw fileError(name, "is larger than the limit of " + maxBytes + " bytes");
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw fileError(name, "no such file");
        } catch (AccessDeniedException e) {
            throw fileError(name, "cannot be read: permission denied");
        } catch (IOException e) {
            throw fileError(name, "cannot be read: " + JsonMessages.ioReason(e));
        }
    }

    private static ScenarioException fileError(String name, String reason) {
        return ScenarioException.forFile(name, reason);
    }

    /** Parses text; {@code sourceName} names it in errors (tests, generated scenarios). */
    public static JNode parse(String json, String sourceName) throws ScenarioException {
        if (json.length() > Limits.MAX_FILE_BYTES) {
            throw fileError(sourceName, "is longer than the limit of " + Limits.MAX_FILE_BYTES + " characters");
        }
        try (Reader r = new StringReader(json); JsonParser p = FACTORY.createParser(r)) {
            return new LocatedJsonParser(sourceName).document(p);
        } catch (JsonProcessingException e) {
            throw fromJackson(sourceName, e);
        } catch (IOException e) {
            throw fileError(sourceName, "cannot be read: " + JsonMessages.ioReason(e));
        }
    }

    private static ScenarioException fromJackson(String file, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        int line = loc == null ? 1 : Math.max(loc.getLineNr(), 1);
        int col = loc == null ? 1 : Math.max(loc.getColumnNr(), 1);
        return new ScenarioException(file, line, col, "", "invalid JSON: " + JsonMessages.rewrite(e.getOriginalMessage()));
    }

    private JNode document(JsonParser p) throws IOException, ScenarioException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new ScenarioException(file, 1, 1, "", "empty file: expected a JSON object");
        }
        JNode root = value(p, t, "$", 1);
        JsonToken extra = p.nextToken();
        if (extra != null) {
            JsonLocation l = p.currentTokenLocation();
            throw new ScenarioException(file, l.getLineNr(), l.getColumnNr(), "",
                    "unexpected content after the end of the document");
        }
        return root;
    }

    private JNode value(JsonParser p, JsonToken t, String path, int depth) throws IOException, ScenarioException {
        JsonLocation l = p.currentTokenLocation();
        Where w = new Where(file, l.getLineNr(), l.getColumnNr(), path);
        switch (t) {
            case START_OBJECT: {
                depth(w, depth);
                LinkedHashMap<String, JNode> fields = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonLocation nl = p.currentTokenLocation();
                    Where nw = new Where(file, nl.getLineNr(), nl.getColumnNr(), path);
                    text(name, nw, "field name");
                    if (fields.size() >= Limits.MAX_ELEMENTS) {
                        throw error(nw, "more than " + Limits.MAX_ELEMENTS + " fields in one object");
                    }
                    JsonToken v = p.nextToken();
                    fields.put(name, value(p, v, path + "." + name, depth + 1));
                }
                return new JNode.JObject(fields, w);
            }
            case START_ARRAY: {
                depth(w, depth);
                List<JNode> items = new ArrayList<>();
                JsonToken v;
                while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (items.size() >= Limits.MAX_ELEMENTS) {
                        throw error(w, "more than " + Limits.MAX_ELEMENTS + " elements in one array");
                    }
                    items.add(value(p, v, path + "[" + items.size() + "]", depth + 1));
                }
                return new JNode.JArray(List.copyOf(items), w);
            }
            case VALUE_STRING:
                return new JNode.JString(text(p.getText(), w, "string"), w);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: {
                String text = p.getText();
                if (text.length() > Limits.MAX_NUMBER_CHARS) {
                    throw error(w, "a number of " + text.length() + " characters (" + JsonMessages.clip(text)
                            + "); numbers are limited to " + Limits.MAX_NUMBER_CHARS + " characters");
                }
                return new JNode.JNumber(text, t == JsonToken.VALUE_NUMBER_INT, w);
            }
            case VALUE_TRUE:
                return new JNode.JBool(true, w);
            case VALUE_FALSE:
                return new JNode.JBool(false, w);
            case VALUE_NULL:
                return new JNode.JNull(w);
            default:
                throw error(w, "unexpected JSON token");
        }
    }

    private static void depth(Where w, int depth) throws ScenarioException {
        if (depth > Limits.MAX_DEPTH) {
            throw error(w, "nested more than " + Limits.MAX_DEPTH + " levels deep");
        }
    }

    /** Refuses over-long text and lone UTF-16 surrogates (from {@code \ud800} escapes), which no UTF-8 file can hold. */
    private static String text(String s, Where w, String what) throws ScenarioException {
        if (s.length() > Limits.MAX_STRING_CHARS) {
            throw error(w, "a " + what + " of " + s.length() + " characters; strings are limited to "
                    + Limits.MAX_STRING_CHARS);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw error(w, String.format("a lone UTF-16 surrogate \\u%04x at character %d of this %s;"
                        + " escape a character outside the BMP as a surrogate pair, or write it as UTF-8", (int) c, i + 1, what));
            }
        }
        return s;
    }

    private static ScenarioException error(Where w, String problem) {
        return new ScenarioException(w.file(), w.line(), w.column(), w.path(), problem);
    }
}
