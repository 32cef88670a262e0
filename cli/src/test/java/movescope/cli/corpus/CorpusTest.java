package movescope.cli.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import movescope.cli.CliRun;
import movescope.cli.RepoPaths;
import movescope.cli.golden.GoldenFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every scenario of scenarios/ exactly as {@code movescope run} does — with its own expectations
 * (replies, violations, baits, values, history) and against its committed golden output — and fails on any
 * unmet expectation or golden difference, printing the CLI's own report. This is how the whole corpus runs
 * in {@code mvn verify}. Reproduce one: {@code ./movescope run scenarios/<dir>/<name>.json}; after an
 * intended behaviour change, {@code ./movescope run --rewrite <file>} and review the golden diff.
 */
class CorpusTest {
    @TempDir
    Path reports;

    @TestFactory
    Stream<DynamicTest> everyScenarioMeetsItsExpectationsAndGolden() {
        Path root = RepoPaths.root();
        return RepoPaths.corpus().stream().map(file -> dynamicTest(root.relativize(file).toString(), () -> {
            assertTrue(Files.isRegularFile(GoldenFile.besides(file)),
                    "no golden file beside " + file + "; record one with: ./movescope run --rewrite " + root.relativize(file));
            CliRun run = CliRun.of(root, "run", "--reports", reports.toString(), root.relativize(file).toString());
            assertEquals(0, run.exit(), run::transcript);
            assertTrue(run.out().contains("golden matches"), run::transcript);
            String base = file.getFileName().toString().replaceFirst("\\.json$", "");
            assertTrue(Files.size(reports.resolve(base + ".report.json")) > 0, "no report written");
            assertTrue(Files.isRegularFile(reports.resolve(base + ".trace.ndjson")), "no trace written");
        }));
    }

    @Test
    void scenarioNamesAreUniqueSoReportsDoNotCollide() {
        Map<String, Path> seen = new HashMap<>();
        for (Path file : RepoPaths.corpus()) {
            Path other = seen.put(file.getFileName().toString(), file);
            assertEquals(null, other, "two scenarios named " + file.getFileName() + ": " + other + " and " + file);
        }
    }

    @Test
    void everyGoldenFileHasItsScenario() throws Exception {
        try (Stream<Path> files = Files.walk(RepoPaths.scenarios())) {
            List<Path> orphans = files.filter(p -> p.getFileName().toString().endsWith(".golden.txt"))
                    .filter(g -> !Files.exists(g.resolveSibling(
                            g.getFileName().toString().replaceFirst("\\.golden\\.txt$", ".json"))))
                    .toList();
            assertEquals(List.of(), orphans, "golden files without a scenario");
        }
    }

    @Test
    void theReadmeMainCommandShowsAFindingOfKevy54() throws Exception {
        Path root = RepoPaths.root();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\./movescope run --html (\\S+\\.json)")
                .matcher(Files.readString(root.resolve("README.md")));
        assertTrue(m.find(), "README's main command: ./movescope run --html <scenario>");
        String scenario = Files.readString(root.resolve(m.group(1)));
        assertTrue(scenario.contains("\"variant\": \"kevy-5.4\""), "the main story runs kevy as built");
        CliRun run = CliRun.of(root, "run", "--html", "--reports", reports.toString(), m.group(1));
        assertEquals(0, run.exit(), run::transcript);
        assertTrue(run.outLines().get(1).startsWith("FOUND "), "the main command prints a finding: " + run.transcript());
        String base = Path.of(m.group(1)).getFileName().toString().replaceFirst("\\.json$", "");
        assertTrue(Files.isRegularFile(reports.resolve(base + ".html")), "and writes its page");
        assertTrue(Files.readString(root.resolve(".ci/run")).contains("./movescope run --html " + m.group(1)),
                "CI's smoke line runs the README's main command");
    }
}
