package movescope.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test helper: finds the checkout's scenarios/ folder from the module's working directory. */
public final class RepoPaths {
    private RepoPaths() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("scenarios/scenario.schema.json"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no scenarios/scenario.schema.json above " + Path.of("").toAbsolutePath());
    }

    public static Path scenarios() {
        return root().resolve("scenarios");
    }

    public static Path schema() {
        return scenarios().resolve("scenario.schema.json");
    }

    /** Every scenario file of the corpus (not goldens, not the schema), sorted for a stable test order. */
    public static List<Path> corpus() {
        try (Stream<Path> files = Files.walk(scenarios())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("scenario.schema.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
