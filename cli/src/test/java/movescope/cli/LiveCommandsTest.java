package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code live}, {@code serve} and {@code kevy-config} end to end: bad input exits 2 writing nothing; a run. */
class LiveCommandsTest {
    private static final String SCENARIO = """
            { "name": "tiny", "description": "one write, one redirect", "variant": "kevy-5.4",
              "cluster": { "nodes": [ { "id": "a" }, { "id": "b" } ], "scopes": "app:=a" },
              "clients": [ { "id": "c1", "primary": "b" } ],
              "steps": [
                { "at": 50, "do": "client", "client": "c1", "command": "SET app:1 v1", "expect": "+OK" },
                { "at": 100, "do": "operator", "node": "b", "command": "SET app:1 v2",
                  "expect": "-MISDIRECTED writer is 10.0.0.1:6004", "timing": "strict" },
                { "at": 150, "do": "partition", "from": [ "a" ], "to": [ "b" ] },
                { "at": 160, "do": "drop", "from": "a", "to": "b", "messages": "heartbeat", "count": 1 }
              ],
              "endMs": 400 }
            """;

    @Test
    void liveAgainstAnInProcessServeWritesTheTraceAndPasses(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("tiny.json"), SCENARIO);
        CliRun r = CliRun.of(tmp, "live", "tiny.json", "--serve", "--trace", "out/tiny.live.ndjson");
        assertEquals(0, r.exit(), r.transcript());
        assertTrue(r.out().contains("LIVE PASS tiny: 2 replies compared, 2 equal, 0 differ"), r.transcript());
        // serve cuts partitions between its nodes; message rules need more than the adapter.
        assertTrue(r.out().contains("3 steps run, 1 skipped"), r.transcript());
        assertTrue(r.out().contains("network fault 'drop' needs more than the lifecycle adapter: skipped"), r.transcript());
        String trace = Files.readString(tmp.resolve("out/tiny.live.ndjson"));
        assertTrue(trace.startsWith("{\"action\":\"LiveRequest\",\"args\":[\"SET\",\"app:1\",\"v1\"],\"from\":\"c1\",\"hop\":1,\"node\":\"b\""),
                trace);
        assertTrue(trace.contains("\"reply\":\"-MISDIRECTED writer is 10.0.0.1:6004\""), trace);
    }

    @Test
    void badInputExitsTwoAndWritesNothing(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("tiny.json"), SCENARIO);
        Files.writeString(tmp.resolve("bad.json"), SCENARIO.replace("\"strict\"", "\"sloppy\""));
        CliRun bad = CliRun.of(tmp, "live", "bad.json", "--serve", "--trace", "t.ndjson");
        assertEquals(2, bad.exit(), bad.transcript());
        assertTrue(bad.err().matches("(?s)bad\\.json:\\d+:\\d+: \\$\\.steps\\[1\\]\\.timing: unknown timing \"sloppy\" \\(expected strict or loose\\).*"),
                bad.transcript());
        CliRun neither = CliRun.of(tmp, "live", "tiny.json", "--trace", "t.ndjson");
        assertEquals(2, neither.exit(), neither.transcript());
        assertTrue(neither.err().contains("give exactly one of --cluster and --serve"), neither.transcript());
        CliRun missing = CliRun.of(tmp, "live", "tiny.json", "--cluster", "a=127.0.0.1:1", "--trace", "t.ndjson");
        assertEquals(2, missing.exit(), missing.transcript());
        assertTrue(missing.err().contains("--cluster does not say where node \"b\" is"), missing.transcript());
        CliRun noFile = CliRun.of(tmp, "serve", "nope.json", "--base-port", "0", "--control-port", "0");
        assertEquals(2, noFile.exit(), noFile.transcript());
        assertTrue(noFile.err().startsWith("nope.json: no such file"), noFile.transcript());
        assertFalse(Files.exists(tmp.resolve("t.ndjson")));
    }

    @Test
    void kevyConfigWritesOneTomlPerNode(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("tiny.json"), SCENARIO);
        CliRun r = CliRun.of(tmp, "kevy-config", "tiny.json", "--out", "nodes", "--base-port", "7101");
        assertEquals(0, r.exit(), r.transcript());
        assertTrue(r.out().contains("cluster a=127.0.0.1:7101,b=127.0.0.1:7102"), r.transcript());
        String a = Files.readString(tmp.resolve("nodes/a.toml"));
        assertTrue(a.contains("[server]\nbind = \"127.0.0.1\"\nport = 7101\nthreads = 1\n"), a);
        assertTrue(a.contains("[cluster]\nnode_id = \"a\"\nelect_port_base = 7301\n"
                + "peers = \"a@127.0.0.1:7301:7101, b@127.0.0.1:7302:7102\"\nscopes = \"app:=a\"\n"), a);
        assertTrue(Files.exists(tmp.resolve("nodes/b.toml")));
    }
}
