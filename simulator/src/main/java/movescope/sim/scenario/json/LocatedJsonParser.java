package movescope.sim.scenario.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
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
 */
public final class LocatedJsonParser {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final String file;

    private LocatedJsonParser(String file) {
        this.file = file;
    }

    /** Parses a file; its path (as given) names it in errors. */
    public static JNode parse(Path path) throws ScenarioException {
        String name = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new ScenarioException(name, 0, 0, "", "no such file");
        }
        try (InputStream in = Files.newInputStream(path); JsonParser p = FACTORY.createParser(in)) {
            return new LocatedJsonParser(name).document(p);
        } catch (JsonProcessingException e) {
            throw fromJackson(name, e);
        } catch (IOException e) {
            throw new ScenarioException(name, 0, 0, "", "cannot read: " + e.getMessage());
        }
    }

    /** Parses text; {@code sourceName} names it in errors (tests, generated scenarios). */
    public static JNode parse(String json, String sourceName) throws ScenarioException {
        try (Reader r = new StringReader(json); JsonParser p = FACTORY.createParser(r)) {
            return new LocatedJsonParser(sourceName).document(p);
        } catch (JsonProcessingException e) {
            throw fromJackson(sourceName, e);
        } catch (IOException e) {
            throw new ScenarioException(sourceName, 0, 0, "", "cannot read: " + e.getMessage());
        }
    }

    private static ScenarioException fromJackson(String file, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        int line = loc == null ? 0 : loc.getLineNr();
        int col = loc == null ? 0 : loc.getColumnNr();
        return new ScenarioException(file, Math.max(line, 0), Math.max(col, 0), "",
                "invalid JSON: " + e.getOriginalMessage());
    }

    private JNode document(JsonParser p) throws IOException, ScenarioException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new ScenarioException(file, 1, 1, "", "empty file: expected a JSON object");
        }
        JNode root = value(p, t, "$");
        JsonToken extra = p.nextToken();
        if (extra != null) {
            JsonLocation l = p.currentTokenLocation();
            throw new ScenarioException(file, l.getLineNr(), l.getColumnNr(), "",
                    "unexpected content after the end of the document");
        }
        return root;
    }

    private JNode value(JsonParser p, JsonToken t, String path) throws IOException {
        JsonLocation l = p.currentTokenLocation();
        Where w = new Where(file, l.getLineNr(), l.getColumnNr(), path);
        switch (t) {
            case START_OBJECT: {
                LinkedHashMap<String, JNode> fields = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    fields.put(name, value(p, v, path + "." + name));
                }
                return new JNode.JObject(fields, w);
            }
            case START_ARRAY: {
                List<JNode> items = new ArrayList<>();
                JsonToken v;
                while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(value(p, v, path + "[" + items.size() + "]"));
                }
                return new JNode.JArray(List.copyOf(items), w);
            }
            case VALUE_STRING:
                return new JNode.JString(p.getText(), w);
            case VALUE_NUMBER_INT:
                return new JNode.JNumber(new java.math.BigDecimal(p.getBigIntegerValue()), true, w);
            case VALUE_NUMBER_FLOAT: {
                java.math.BigDecimal d = p.getDecimalValue();
                return new JNode.JNumber(d, false, w);
            }
            case VALUE_TRUE:
                return new JNode.JBool(true, w);
            case VALUE_FALSE:
                return new JNode.JBool(false, w);
            case VALUE_NULL:
                return new JNode.JNull(w);
            default:
                throw new IllegalStateException("unexpected JSON token " + t + " at " + path);
        }
    }
}
