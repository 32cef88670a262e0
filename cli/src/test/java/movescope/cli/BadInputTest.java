package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proves that a bad scenario file is reported as {@code file:line:column: message} on stderr with exit code 2,
 * that no stack trace is printed, and that nothing at all is written to the reports folder — not even for
 * the good files named on the same command line. Fixtures are in cli/src/test/resources/bad/.
 * Reproduce: {@code ./movescope run cli/src/test/resources/bad/unknown-node.json}, or
 * {@code mvn -o -q -pl cli test -Dtest=BadInputTest}.
 */
class BadInputTest {
    @TempDir
    Path reports;

    private static Path resources() {
        return RepoPaths.root().resolve("cli/src/test/resources");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "syntax-error.json | 7:3  | invalid JSON",
        "unknown-field.json| 6:28 | unknown field \"lattency\"",
        "wrong-type.json   | 6:12 | $.endMs",
        "unknown-node.json | 7:41 | unknown node \"d\""})
    void badFileIsReportedWithItsPositionAndNothingIsWritten(String file, String position, String mentions)
            throws IOException {
        CliRun run = CliRun.of(resources(), "run", "--reports", reports.toString(), "bad/" + file);
        assertEquals(2, run.exit(), run::transcript);
        String first = run.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("bad/" + file + ":" + position + ": "), () -> "position: " + run.transcript());
        assertTrue(first.contains(mentions), run::transcript);
        assertFalse(run.err().contains("\tat "), () -> "a user mistake must not print a stack trace: " + run.transcript());
        assertEquals("", run.out(), "nothing runs, so not even a seed is printed");
        assertReportsEmpty();
    }

    @Test
    void oneBadFileStopsTheGoodOnesToo() throws IOException {
        Path root = RepoPaths.root();
        CliRun run = CliRun.of(root, "run", "--reports", reports.toString(), "scenarios/stories/ingest-replies.json",
                "cli/src/test/resources/bad/unknown-node.json");
        assertEquals(2, run.exit(), run::transcript);
        assertTrue(run.err().contains("1 scenario file is invalid; nothing was run and nothing was written"),
                run::transcript);
        assertReportsEmpty();
    }

    @Test
    void missingFileIsBadInput() throws IOException {
        CliRun run = CliRun.of(resources(), "run", "--reports", reports.toString(), "bad/no-such-scenario.json");
        assertEquals(2, run.exit(), run::transcript);
        assertTrue(run.err().startsWith("bad/no-such-scenario.json: no such file") && !run.err().contains(":0:0"),
                run::transcript);
        assertReportsEmpty();
    }

    @Test
    void everyBadFileIsReportedNotJustTheFirst() throws IOException {
        CliRun run = CliRun.of(resources(), "run", "--reports", reports.toString(), "bad/wrong-type.json",
                "bad/unknown-node.json");
        assertEquals(2, run.exit(), run::transcript);
        List<String> lines = run.err().lines().toList();
        assertTrue(lines.get(0).startsWith("bad/wrong-type.json:6:12: "), run::transcript);
        assertTrue(lines.get(1).startsWith("bad/unknown-node.json:7:41: "), run::transcript);
        assertReportsEmpty();
    }

    private void assertReportsEmpty() throws IOException {
        try (Stream<Path> files = Files.list(reports)) {
            assertEquals(List.of(), files.toList(), "the reports folder must stay empty");
        }
    }
}
