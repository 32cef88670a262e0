package movescope.sim.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import movescope.sim.engine.Verdict;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Expectations;
import movescope.sim.scenario.LogExpectation;
import movescope.sim.scenario.ScenarioLoader;
import movescope.sim.scenario.ScenarioWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves {@code expect.logs} (docs/scenario-format.md): a node's per-shard log is judged frame for frame at the
 * end — the right frames pass; a wrong argument, a missing or an extra frame fail with the first difference and
 * both logs; a shard the node does not have fails with its shard count; a down node's log is judged; the writer
 * keeps the field. Reproduce: {@code mvn -B -o -pl simulator test -Dtest=LogExpectationsTest}.
 */
class LogExpectationsTest {
    private static String story(String logs) {
        return """
            { "name": "logs", "description": "b logs the MISDIRECTED attempt c2 is redirected from; a logs a PEXPIREAT after a relative TTL",
              "variant": "kevy-5.4",
              "cluster": { "nodes": [ { "id": "a" }, { "id": "b" } ], "scopes": "app:=a" },
              "clients": [ { "id": "c1", "primary": "a" }, { "id": "c2", "primary": "b" } ],
              "steps": [
                { "at": 10, "do": "client", "client": "c1", "command": "SET app:1 v PX 5000", "expect": "+OK" },
                { "at": 20, "do": "client", "client": "c2", "command": "SET app:2 w", "expect": "+OK" },
                { "at": 30, "do": "crash", "node": "b" }
              ],
              "expect": { "history": false, "logs": %s },
              "endMs": 1000
            }""".formatted(logs);
    }

    private static RunResult run(String logs) {
        return Story.run(story(logs), 1);
    }

    @Test
    void theRightFramesPass() {
        RunResult r = run("""
            [ { "node": "a", "frames": [ "SET app:1 v PX 5000", ["PEXPIREAT", "app:1", "5011"], "SET app:2 w" ] },
              { "node": "b", "shard": 0, "frames": [ "SET app:2 w" ] } ]""");
        assertEquals(Verdict.PASS, r.verdict(), () -> Story.dump(r));
    }

    @Test
    void aWrongArgumentFailsWithTheFirstDifferenceAndBothLogs() {
        RunResult r = run("""
            [ { "node": "a", "frames": [ "SET app:1 v PX 5000", "PEXPIREAT app:1 5000", "SET app:2 w" ] } ]""");
        assertEquals(Verdict.EXPECTATION_FAILED, r.verdict());
        assertEquals(List.of("log of a shard 0 (aof-0.aof): frame 2 is PEXPIREAT app:1 5011, expected PEXPIREAT app:1 5000;"
                + " expected [SET app:1 v PX 5000 | PEXPIREAT app:1 5000 | SET app:2 w],"
                + " actual [SET app:1 v PX 5000 | PEXPIREAT app:1 5011 | SET app:2 w]"),
                r.failures());
    }

    @Test
    void aMissingAndAnExtraFrameFail() {
        RunResult missing = run("""
            [ { "node": "b", "frames": [ "SET app:2 w", "SET app:3 x" ] } ]""");
        assertEquals(List.of("log of b shard 0 (aof-0.aof): 1 frames, expected 2; the first missing one is SET app:3 x;"
                + " expected [SET app:2 w | SET app:3 x], actual [SET app:2 w]"), missing.failures());
        RunResult extra = run("""
            [ { "node": "a", "frames": [ "SET app:1 v PX 5000" ] } ]""");
        assertTrue(extra.failures().get(0).contains("3 frames, expected 1; the first extra one is PEXPIREAT app:1 5011"),
                extra.failures().toString());
        RunResult empty = run("""
            [ { "node": "b", "frames": [ ] } ]""");
        assertTrue(empty.failures().get(0).endsWith("expected [], actual [SET app:2 w]"), empty.failures().toString());
    }

    @Test
    void aShardTheNodeDoesNotHaveFails() {
        RunResult r = run("""
            [ { "node": "a", "shard": 1, "frames": [ ] } ]""");
        assertEquals(List.of("log of a shard 1 (aof-1.aof): the node has 1 shard, so no such log"), r.failures());
    }

    @Test
    void theWriterKeepsTheLogs() throws Exception {
        var s = ScenarioLoader.loadString(story("""
            [ { "node": "a", "frames": [ "SET app:1 v PX 5000", ["SET", "k", "a b"], ["SET", "k", ""] ] },
              { "node": "b", "shard": 3, "frames": [ ] } ]"""), "logs.json");
        var again = ScenarioLoader.loadString(ScenarioWriter.toJson(s), "again.json");
        List<LogExpectation> logs = again.expect().logs();
        assertEquals(s.expect().logs(), logs);
        assertEquals(List.of("SET", "k", "a b"), logs.get(0).frames().get(1));
        assertEquals(3, logs.get(1).shard());
        Expectations e = s.expect().withMigrationsEndBy(java.util.OptionalLong.of(5));
        assertEquals(s.expect().logs(), e.logs(), "retiming keeps them");
    }
}
