package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM during {@code run} leaves nothing half-written (issue 13 item 4): a long run is started in its own
 * JVM, terminated once its temporary trace file exists (so the signal lands mid-run, not before or after),
 * and afterwards the reports folder holds no {@code .tmp} file and no report of the unfinished run. Before
 * the shutdown hook every interrupted run left one more {@code .<name>.trace.ndjson.<pid>.tmp} behind.
 * The outcome checked does not depend on when the signal lands; the bounded wait only makes it land mid-run.
 */
class InterruptedRunTest {
    @TempDir
    Path dir;

    static final String LONG_RUN = """
            { "name": "long", "description": "a run long enough to be interrupted",
              "variant": "kevy-5.4",
              "cluster": { "nodes": [ { "id": "a" }, { "id": "b" }, { "id": "c" } ], "scopes": "app:=a" },
              "workload": { "clients": 200, "keysPerScope": 50, "opsPerSec": 1000 },
              "endMs": 100000000, "maxEvents": 50000000 }
            """;

    @Test
    void sigtermMidRunLeavesNoTemporaryOrPartialFiles() throws Exception {
        Path scenario = Scenarios.write(dir, "scenarios/long.json", LONG_RUN);
        Path reports = dir.resolve("reports");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "movescope.cli.Main",
                "run", "--reports", reports.toString(), scenario.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            boolean midRun = false;
            for (int i = 0; i < 600 && p.isAlive() && !midRun; i++) {
                midRun = !temporaryFiles(reports).isEmpty();
                if (!midRun) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
            assertTrue(midRun, "the run never got as far as its trace file: " + Files.readString(dir.resolve("out.txt")));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run did not stop on SIGTERM");
        } finally {
            p.destroyForcibly();
        }
        assertTrue(temporaryFiles(reports).isEmpty(), "left behind: " + temporaryFiles(reports));
        assertFalse(Files.exists(reports.resolve("long.report.json")), "a report of an unfinished run");
        assertFalse(Files.exists(reports.resolve("long.trace.ndjson")), "a trace of an unfinished run");
    }

    static List<Path> temporaryFiles(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
