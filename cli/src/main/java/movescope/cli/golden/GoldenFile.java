package movescope.cli.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import movescope.cli.io.AtomicFiles;

/**
 * The golden file of a scenario: {@code x.golden.txt} beside {@code x.json}. Comparing is line-based and
 * ignores CRLF vs LF, so a checkout on Windows compares equal.
 */
public final class GoldenFile {
    private GoldenFile() {
    }

    public static Path besides(Path scenarioFile) {
        String name = scenarioFile.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return scenarioFile.resolveSibling(base + ".golden.txt");
    }

    public static Optional<String> read(Path golden) throws IOException {
        if (!Files.isRegularFile(golden)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(golden, StandardCharsets.UTF_8));
    }

    /** What comparing a run with its golden file found. */
    public sealed interface Outcome {
        /** The rendering equals the golden file. */
        record Same() implements Outcome {
        }

        /** The rendering differs; {@code diff} is readable (see {@link TextDiff}). */
        record Differs(String diff) implements Outcome {
        }

        /** There is no golden file yet; {@code --rewrite} creates it. */
        record Missing() implements Outcome {
        }

        /** The run used another seed than the scenario's own, so its golden file does not apply. */
        record NotApplicable(long goldenSeed) implements Outcome {
        }

        /** {@code --rewrite} wrote the file; {@code changed} says whether its content changed. */
        record Rewritten(boolean changed) implements Outcome {
        }
    }

    public static Outcome compare(Path golden, String rendering) throws IOException {
        Optional<String> expected = read(golden);
        if (expected.isEmpty()) {
            return new Outcome.Missing();
        }
        String diff = TextDiff.diff(expected.get(), rendering, golden.getFileName().toString(), "this run");
        return diff.isEmpty() ? new Outcome.Same() : new Outcome.Differs(diff);
    }

    public static Outcome rewrite(Path golden, String rendering) throws IOException {
        Optional<String> before = read(golden);
        boolean changed = before.isEmpty() || !TextDiff.diff(before.get(), rendering, "", "").isEmpty();
        if (changed) {
            AtomicFiles.write(golden, rendering);
        }
        return new Outcome.Rewritten(changed);
    }
}
