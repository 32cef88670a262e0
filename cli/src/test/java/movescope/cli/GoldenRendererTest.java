package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the golden rendering is stable where it must be (the same run renders byte-identically, from any
 * working directory and reports folder) and leaves out the simulator's bookkeeping counters, and that each
 * step stays on one line even when its command carries CR/LF (a MOVE-SCOPE-INGEST bulk).
 * Reproduce: {@code mvn -o -q -pl cli test -Dtest=GoldenRendererTest}.
 */
class GoldenRendererTest {
    @TempDir
    Path dir;

    @Test
    void renderingDoesNotDependOnWhereItRuns() throws Exception {
        Scenarios.write(dir, "a/scenarios/ok.json", Scenarios.simple("ok", "\"+OK\"", ExitCodeTest.HOLD4));
        assertEquals(0, CliRun.of(dir.resolve("a"), "run", "--rewrite", "--reports", "r1", "scenarios/ok.json").exit());
        String golden = Files.readString(dir.resolve("a/scenarios/ok.golden.txt"));
        CliRun fromElsewhere = CliRun.of(dir, "run", "--reports", "r2", dir.resolve("a/scenarios/ok.json").toString());
        assertEquals(0, fromElsewhere.exit(), fromElsewhere::transcript);
        assertTrue(fromElsewhere.out().contains("golden matches"), fromElsewhere::transcript);
        assertFalse(golden.contains("events="), golden);
        assertFalse(golden.contains("invariantKeyChecks"), golden);
        assertTrue(golden.contains("verdict: PASS"), golden);
        assertTrue(golden.contains("-> +OK at "), golden);
    }

    @Test
    void stepCommandsAreRenderedUnambiguously() throws Exception {
        // Joined with spaces, ["SET", "k", "a b"] and ["SET", "k", "a", "b"] rendered the same, and an
        // empty argument vanished; the golden now quotes them like redis-cli, without double escaping.
        String json = Scenarios.simple("q", "\"+OK\"", ExitCodeTest.HOLD4)
                .replace("\"steps\": [", "\"steps\": [ { \"at\": 1, \"do\": \"operator\", \"node\": \"a\","
                        + " \"command\": [\"SET\", \"app:q\", \"a b\"] },"
                        + " { \"at\": 2, \"do\": \"operator\", \"node\": \"a\", \"command\": [\"ECHO\", \"\", \"x\\r\\n\"] },");
        Scenarios.write(dir, "scenarios/q.json", json);
        CliRun r = CliRun.of(dir, "run", "--rewrite", "--reports", "out", "scenarios/q.json");
        String golden = Files.readString(dir.resolve("scenarios/q.golden.txt"));
        assertTrue(golden.contains("operator a         SET app:q \"a b\"\n"), golden);
        assertTrue(golden.contains("operator a         ECHO \"\" \"x\\r\\n\"\n"), golden);
    }

    @Test
    void controlCharactersAreEscaped() throws Exception {
        java.lang.reflect.Method escape = movescope.cli.golden.GoldenRenderer.class.getDeclaredMethod("escape", String.class);
        escape.setAccessible(true);
        assertEquals("*1\\r\\n$3\\r\\nSET\\\\x\\u0001", escape.invoke(null, "*1\r\n$3\r\nSET\\x\u0001"));
    }
}
