package movescope.sim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * Where a move spends its time (issue 7 item 8): serializing on the source ({@code serializeFrameCostUs}) delays
 * the connect; applying on the target ({@code ingestFrameCostUs}) keeps the target's prefix shard busy — a
 * command that needs it is read only after the apply — and delays the reply.
 */
class MoveCostsTest {

    /** 1,000 keys moved a → b over 1 ms links; b is asked for a key of the prefix's shard while it applies. */
    private static RunResult run(long serializeUs, long ingestUs) throws Exception {
        String json = """
                { "name": "c", "description": "d", "variant": "kevy-5.4",
                  "cluster": { "nodes": [ { "id": "a" }, { "id": "b" } ], "scopes": "app:=a",
                               "serializeFrameCostUs": %d, "ingestFrameCostUs": %d },
                  "network": { "latency": { "dist": "constant", "ms": 1 } },
                  "data": [ { "node": "a", "prefix": "app:", "keys": 1000 } ],
                  "steps": [ { "at": 100, "do": "operator", "node": "a", "command": "MOVE-SCOPE app: FROM a TO b", "expect": "+OK 1000" },
                             { "at": 300, "do": "operator", "node": "b", "command": "GET zz" } ],
                  "endMs": 5000 }
                """.formatted(serializeUs, ingestUs);
        return Simulation.run(ScenarioLoader.loadString(json, "c.json"), 1, Options.DEFAULT);
    }

    @Test
    void theSourceSerializesTheTargetAppliesAndItsShardWaits() throws Exception {
        RunResult free = run(0, 0);
        RunResult serialize = run(1000, 0);
        RunResult apply = run(0, 1000);
        assertTrue(free.passed() && serialize.passed() && apply.passed(), free.summary() + serialize.summary() + apply.summary());
        long base = free.steps().get(0).repliedAtMs();
        // Each cost is 1,000 frames x 1 ms = 1 s, wherever it is spent.
        assertEquals(base + 1000, serialize.steps().get(0).repliedAtMs());
        assertEquals(base + 1000, apply.steps().get(0).repliedAtMs());
        // The GET at 300 ms needs b's only shard: free while a serializes, busy while b applies.
        assertEquals(302, serialize.steps().get(1).repliedAtMs());
        assertTrue(apply.steps().get(1).repliedAtMs() > 1000, "read after the apply: " + apply.steps().get(1).repliedAtMs());
        assertEquals(302, free.steps().get(1).repliedAtMs());
    }

    @Test
    void anIngestThatArrivesWhileAnotherIsAppliedWaitsForIt() throws Exception {
        // a and c ship 1,000 frames each to b (one shard) at the same time; b applies one after the other.
        String json = """
                { "name": "c2", "description": "d", "variant": "kevy-5.4",
                  "cluster": { "nodes": [ { "id": "a" }, { "id": "b" }, { "id": "c" } ], "scopes": "app:=a, zzz:=c",
                               "serializeFrameCostUs": 0, "ingestFrameCostUs": 1000 },
                  "network": { "latency": { "dist": "constant", "ms": 1 } },
                  "data": [ { "node": "a", "prefix": "app:", "keys": 1000 }, { "node": "c", "prefix": "zzz:", "keys": 1000 } ],
                  "steps": [ { "at": 100, "do": "operator", "node": "a", "command": "MOVE-SCOPE app: FROM a TO b", "expect": "+OK 1000" },
                             { "at": 100, "do": "operator", "node": "c", "command": "MOVE-SCOPE zzz: FROM c TO b", "expect": "+OK 1000" } ],
                  "endMs": 9000 }
                """;
        RunResult r = Simulation.run(ScenarioLoader.loadString(json, "c2.json"), 1, Options.DEFAULT);
        assertTrue(r.passed(), r.summary());
        long first = Math.min(r.steps().get(0).repliedAtMs(), r.steps().get(1).repliedAtMs());
        long second = Math.max(r.steps().get(0).repliedAtMs(), r.steps().get(1).repliedAtMs());
        assertTrue(first >= 1100 && first < 1200, "the first apply takes 1 s: " + first);
        assertTrue(second >= first + 1000, "the second waits for the first, then takes 1 s: " + first + ", " + second);
    }
}
