package movescope.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import movescope.sim.Options;
import movescope.sim.Simulation;
import org.junit.jupiter.api.Test;

/**
 * Proves {@link ScenarioWriter} writes what {@link ScenarioLoader} reads: loading the written text gives an
 * equal scenario (and the same run), for a scenario using every step kind and option. Reproduce with
 * {@code mvn -o -q -pl simulator test -Dtest=ScenarioWriterTest}.
 */
class ScenarioWriterTest {
    static final String ALL = """
            {
              "name": "everything", "description": "every field", "seed": 5,
              "variant": { "base": "kevy-5.4", "tableLayout": "atomic", "shipWriteTimeoutMs": 1000, "ingestLogged": true },
              "cluster": {
                "nodes": [ { "id": "a", "host": "h1", "clientPort": 7001, "electPort": 17001 },
                           { "id": "b", "nodeId": false, "peers": ["a", "b"], "scopes": "x:=b", "shards": 3 },
                           { "id": "c" } ],
                "scopes": [ { "prefix": "app:", "writer": "a", "fallback": "c" } ],
                "shards": 2, "warm": false, "heartbeats": "none", "serializeFrameCostUs": 10, "sendBufferBytes": 100
              },
              "network": { "latency": { "dist": "exponential", "meanMs": 3.5, "minMs": 1 }, "loss": 0.01, "duplicate": 0.02 },
              "faults": { "eintr": 0.25 },
              "clients": [ { "id": "c1", "primary": "a", "timeoutMs": 500 } ],
              "data": [ { "node": "a", "prefix": "app:bulk:", "keys": 10 } ],
              "steps": [
                { "at": 1, "do": "client", "client": "c1", "command": ["SET", "app:1", "a b"], "expect": { "prefix": "+" } },
                { "at": 2, "do": "operator", "node": "a", "command": "MOVE-SCOPE app: FROM a TO c", "expect": { "regex": "\\\\+OK \\\\d+" } },
                { "at": 3, "do": "operator", "node": "b", "command": "GET app:1", "expect": { "noReply": true } },
                { "at": 4, "do": "crash", "node": "b" },
                { "at": 5, "do": "restart", "node": "b" },
                { "at": 6, "do": "snapshot", "node": "c" },
                { "at": 7, "do": "pushConfig", "node": "c", "nodeId": false, "peers": ["a", "c"], "scopes": "app:=c", "shards": 1, "restart": false },
                { "at": 8, "do": "partition", "from": ["a", "c1"], "to": ["b"], "oneWay": true },
                { "at": 9, "do": "heal" },
                { "at": 10, "do": "drop", "from": "a", "messages": "ingest", "count": 2 },
                { "at": 11, "do": "duplicate", "to": "b", "untilMs": 50, "probability": 0.5 },
                { "at": 12, "do": "delay", "messages": "heartbeat", "delayMs": 7 },
                { "at": 13, "do": "eintr", "node": "a", "count": 3 }
              ],
              "workload": { "clients": 2, "primaries": ["a"], "keys": ["app:1"], "keysPerScope": 1, "opsPerSec": 5,
                            "mix": { "SET": 1, "LRANGE": 2 }, "fromMs": 3, "untilMs": 90, "timeoutMs": 40 },
              "chaos": { "untilMs": 50, "healBoundMs": 40, "crashPerSec": 1, "movePerSec": 2, "loss": 0.1 },
              "endMs": 100, "maxEvents": 12345,
              "expect": { "hold": ["SingleWriter"], "violation": "NoLostWrite", "baits": ["BaitAborted"],
                          "migrationsEndBy": 95, "history": false,
                          "values": [ { "key": "app:1", "node": "a", "command": "LRANGE app:1 0 -1", "expect": "[]" },
                                      { "key": "app:2", "expect": "(nil)" } ] }
            }
            """;

    @Test
    void writtenScenarioLoadsBackEqual() throws Exception {
        Scenario s = ScenarioLoader.loadString(ALL, "all.json");
        String json = ScenarioWriter.toJson(s);
        Scenario back = ScenarioLoader.loadString(json, "written.json");
        assertEquals(s, back, json);
        assertEquals(json, ScenarioWriter.toJson(back), "writing is stable");
        assertEquals(Simulation.run(s, 3, Options.DEFAULT).traceSha256(), Simulation.run(back, 3, Options.DEFAULT).traceSha256());
    }

    @Test
    void generatedClusterRoundTrips() throws Exception {
        String gen = """
            { "name": "g", "description": "d", "variant": "fixed",
              "cluster": { "generate": { "nodes": 12, "scopesPerNode": 2 } }, "endMs": 10 }
            """;
        Scenario s = ScenarioLoader.loadString(gen, "g.json");
        assertEquals(12, s.cluster().nodes().size());
        assertEquals("n00", s.cluster().nodes().get(0).id());
        assertEquals(24, s.cluster().scopes().size());
        assertEquals(HeartbeatPolicy.FALLBACKS, s.cluster().heartbeats());
        assertEquals(s, ScenarioLoader.loadString(ScenarioWriter.toJson(s), "g2.json"));
    }
}
