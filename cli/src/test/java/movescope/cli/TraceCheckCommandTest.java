package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves {@code movescope trace-check} end to end: a trace written by {@code movescope run} is accepted by
 * TLC against specs/MigrationTable (exit 0), the same trace with its {@code CommitRemove} line deleted is
 * rejected at the line after the gap (exit 1, the line number and text printed), and a trace with no run
 * report beside it is bad input (exit 2). The spec is found through MOVESCOPE_HOME, as the launcher sets it.
 * Reproduce: {@code mvn -o -q -pl cli test -Dtest=TraceCheckCommandTest}.
 */
class TraceCheckCommandTest {
    @TempDir
    Path dir;

    private Map<String, String> env() {
        return Map.of("MOVESCOPE_HOME", RepoPaths.root().toString());
    }

    @Test
    void acceptsARunsTraceAndRejectsItWithACommitStepRemoved() throws Exception {
        Scenarios.writeWithGolden(dir, "scenarios/t.json", Scenarios.simple("t", "\"+OK\"", ExitCodeTest.HOLD4));
        CliRun run = CliRun.of(dir, env(), "run", "--reports", "out", "scenarios/t.json");
        assertEquals(0, run.exit(), run::transcript);

        CliRun good = CliRun.of(dir, env(), "trace-check", "out/t.trace.ndjson");
        assertEquals(0, good.exit(), good::transcript);
        assertTrue(good.out().contains("accepted  out/t.trace.ndjson"), good::transcript);

        // kevy-5.4 uses the seed layout: commit is CommitRemove then CommitInsert. Without the remove, the
        // insert of a prefix that is still MIGRATING is no step of the spec.
        List<String> lines = Files.readAllLines(dir.resolve("out/t.trace.ndjson"), StandardCharsets.UTF_8);
        List<String> tampered = new ArrayList<>();
        int removedAt = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (removedAt < 0 && lines.get(i).contains("\"action\":\"CommitRemove\"")) {
                removedAt = i + 1; // 1-based number of the removed line = the next line's number afterwards
                continue;
            }
            tampered.add(lines.get(i));
        }
        assertTrue(removedAt > 0, "the run must have committed in two steps (seed layout)");
        Files.write(dir.resolve("out/bad.trace.ndjson"), tampered, StandardCharsets.UTF_8);
        Files.copy(dir.resolve("out/t.report.json"), dir.resolve("out/bad.report.json"));

        CliRun bad = CliRun.of(dir, env(), "trace-check", "out/bad.trace.ndjson");
        assertEquals(1, bad.exit(), bad::transcript);
        assertTrue(bad.out().contains("REJECTED  out/bad.trace.ndjson"), bad::transcript);
        assertTrue(bad.out().contains("line " + removedAt + ":"), bad::transcript);
        assertTrue(bad.out().contains("CommitInsert"), bad::transcript);
    }

    @Test
    void aTraceWithoutItsReportIsBadInput() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/lonely.trace.ndjson"), "", StandardCharsets.UTF_8);
        CliRun r = CliRun.of(dir, env(), "trace-check", "out/lonely.trace.ndjson");
        assertEquals(2, r.exit(), r::transcript);
    }
}
