package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the JSON report says what the run did and points at a trace that matches it: seed and origin,
 * verdict, each step's reply, the golden outcome, the reproduce command, and a trace file whose line count
 * and SHA-256 are the ones in the report; every trace line is a JSON object with an action. A second run
 * writes byte-identical files. Reproduce: {@code mvn -o -q -pl cli test -Dtest=RunReportTest}.
 */
class RunReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void reportDescribesTheRunAndItsTrace() throws Exception {
        Scenarios.writeWithGolden(dir, "scenarios/r.json", Scenarios.simple("r", "\"+OK\"", ExitCodeTest.HOLD4));
        CliRun run = CliRun.of(dir, "run", "--reports", "out", "scenarios/r.json");
        assertEquals(0, run.exit(), run::transcript);

        JsonNode report = JSON.readTree(dir.resolve("out/r.report.json").toFile());
        assertEquals("scenarios/r.json", report.get("scenarioFile").asText());
        assertEquals(Seeds.fromFileName(Path.of("r.json")), report.get("seed").asLong());
        assertEquals("derived from the file name", report.get("seedOrigin").asText());
        assertEquals("PASS", report.get("verdict").asText());
        assertTrue(report.get("passed").asBoolean());
        assertEquals("+OK", report.get("steps").get(0).get("reply").asText());
        assertEquals("same", report.get("golden").get("outcome").asText());
        assertEquals("movescope run --seed " + report.get("seed").asLong() + " scenarios/r.json",
                report.get("reproduce").asText());
        assertTrue(report.get("baits").get("BaitCommitted").asLong() >= 1);

        Path trace = dir.resolve("out/r.trace.ndjson");
        List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
        assertEquals(report.get("trace").get("lines").asLong(), lines.size());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(Files.readAllBytes(trace));
        assertEquals(report.get("trace").get("sha256").asText(), HexFormat.of().formatHex(sha.digest()),
                "the trace file must be exactly the lines the run hashed");
        for (String line : lines) {
            assertTrue(JSON.readTree(line).hasNonNull("action"), line);
        }

        byte[] firstReport = Files.readAllBytes(dir.resolve("out/r.report.json"));
        byte[] firstTrace = Files.readAllBytes(trace);
        assertEquals(0, CliRun.of(dir, "run", "--reports", "out", "scenarios/r.json").exit());
        assertEquals(new String(firstReport, StandardCharsets.UTF_8),
                Files.readString(dir.resolve("out/r.report.json")));
        assertTrue(java.util.Arrays.equals(firstTrace, Files.readAllBytes(trace)));
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(List.of("r.report.json", "r.trace.ndjson"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left behind");
        }
    }
}
