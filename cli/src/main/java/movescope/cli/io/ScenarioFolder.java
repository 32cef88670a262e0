package movescope.cli.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which files of a folder argument are scenarios. By name: {@code *.json}, but never a run report
 * ({@code *.report.json}), a schema ({@code *.schema.json}) or a campaign/swarm report ({@code *.campaign.json});
 * by content: a JSON object whose top level has a {@code cluster} or {@code steps} member, the two every
 * scenario has. A file that does not parse as JSON at all is kept, so the loader reports it with
 * {@code file:line:column} instead of it vanishing silently; a valid JSON document of another kind (a
 * report, a manifest) is skipped and counted.
 */
public final class ScenarioFolder {
    private static final JsonFactory JSON = new JsonFactory();
    private static final List<String> NOT_SCENARIOS = List.of(".report.json", ".schema.json", ".campaign.json");

    /** The scenario files below a folder, sorted, and how many other JSON files were skipped. */
    public record Contents(List<Path> scenarios, int skipped) {
        public Contents {
            scenarios = List.copyOf(scenarios);
        }
    }

    private ScenarioFolder() {
    }

    public static Contents list(Path folder) throws IOException {
        List<Path> scenarios = new ArrayList<>();
        int skipped = 0;
        List<Path> files;
        try (Stream<Path> all = Files.walk(folder)) {
            files = all.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted().toList();
        }
        for (Path p : files) {
            String name = p.getFileName().toString();
            if (NOT_SCENARIOS.stream().anyMatch(name::endsWith) || !looksLikeScenario(p)) {
                skipped++;
            } else {
                scenarios.add(p);
            }
        }
        return new Contents(scenarios, skipped);
    }

    /** True unless the file is well-formed JSON whose top level lacks both {@code cluster} and {@code steps}. */
    static boolean looksLikeScenario(Path file) {
        try (JsonParser p = JSON.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return p.currentToken() == null; // an empty file: let the loader say so
            }
            boolean member = false;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_OBJECT && t != null) {
                if (t == JsonToken.FIELD_NAME) {
                    String n = p.currentName();
                    member |= n.equals("cluster") || n.equals("steps");
                    p.nextToken();
                    p.skipChildren();
                }
            }
            return member;
        } catch (IOException e) {
            return true;
        }
    }
}
