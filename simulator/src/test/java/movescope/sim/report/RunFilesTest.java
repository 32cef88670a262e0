package movescope.sim.report;

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
import java.util.stream.Stream;
import movescope.sim.Options;
import movescope.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves a run written to a directory leaves exactly a complete NDJSON trace (one sorted-key JSON object
 * per line, hashing to the reported SHA-256) and a JSON report, with no temporary files left behind.
 * Reproduce with {@code mvn -o -q -pl simulator test -Dtest=RunFilesTest}.
 */
class RunFilesTest {
    @Test
    void writesTraceAndReportAtomically(@TempDir Path dir) throws Exception {
        var s = ScenarioLoader.loadString("""
            { "name": "files", "description": "d", "variant": "kevy-5.4",
              "cluster": { "nodes": [ { "id": "a" }, { "id": "b" } ], "scopes": "app:=a" },
              "clients": [ { "id": "c1", "primary": "b" } ],
              "steps": [ { "at": 5, "do": "client", "client": "c1", "command": "SET app:1 x", "expect": "+OK" },
                         { "at": 9, "do": "operator", "node": "a", "command": "MOVE-SCOPE app: FROM a TO b", "expect": "+OK 1" } ],
              "endMs": 100, "expect": { "hold": ["SingleWriter"] } }
            """, "files.json");
        RunFiles.Written w = RunFiles.run(s, 4, Options.DEFAULT, dir, "files");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("files.report.json", "files.trace.ndjson"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        byte[] trace = Files.readAllBytes(w.trace());
        assertEquals(w.result().traceSha256(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(trace)));
        ObjectMapper m = new ObjectMapper();
        for (String line : new String(trace, StandardCharsets.UTF_8).split("\n")) {
            JsonNode n = m.readTree(line);
            List<String> keys = new java.util.ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            assertEquals(keys.stream().sorted().toList(), keys, "sorted keys: " + line);
            assertTrue(n.has("t") && n.has("seq") && n.has("action"), line);
        }
        JsonNode report = m.readTree(w.report().toFile());
        assertEquals("PASS", report.get("verdict").asText(), report.toString());
        assertEquals(4, report.get("seed").asLong());
        assertEquals("+OK 1", report.get("steps").get(1).get("reply").asText());
        assertEquals(w.result().traceSha256(), report.get("traceSha256").asText());
    }
}
