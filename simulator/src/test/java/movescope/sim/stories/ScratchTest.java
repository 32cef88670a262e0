package movescope.sim.stories;

import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void run() throws Exception {
        String json = """
            {
              "name": "committed-move",
              "description": "A moves app:billing: to B; writes before, during and after the move.",
              "variant": "kevy-5.4",
              "cluster": {
                "nodes": [ { "id": "a" }, { "id": "b" }, { "id": "c" } ],
                "scopes": [ { "prefix": "app:billing:", "writer": "a" } ]
              },
              "clients": [ { "id": "c1", "primary": "a" }, { "id": "c2", "primary": "c" } ],
              "data": [ { "node": "a", "prefix": "app:billing:bulk", "keys": 10000 } ],
              "steps": [
                { "at": 100, "do": "client", "client": "c1", "command": "SET app:billing:1 v1", "expect": "+OK" },
                { "at": 200, "do": "operator", "node": "a", "command": "MOVE-SCOPE app:billing: FROM a TO b",
                  "expect": { "regex": "\\\\+OK \\\\d+" } },
                { "at": 300, "do": "client", "client": "c2", "command": "SET app:billing:1 v2" },
                { "at": 2000, "do": "client", "client": "c1", "command": "SET app:billing:1 v3", "expect": "+OK" }
              ],
              "endMs": 3000,
              "expect": { "hold": ["SingleWriter","NoLostWrite","NoStrandedWrite","QuiescedOnlyInFlight"], "baits": [ "BaitCommitted" ], "values": [ { "key": "app:billing:1", "node": "b", "expect": "\\"v3\\"" } ] }
            }
            """;
        Scenario s = ScenarioLoader.loadString(json, "x.json");
        RunResult r = Simulation.run(s, 1, Options.DEFAULT.withKeepTrace(true));
        System.out.println(r.summary());
        r.trace().forEach(System.out::println);
        r.steps().forEach(System.out::println);
        System.out.println(r.failures());
        System.out.println(r.counts());
        r.violation().ifPresent(System.out::println);
    }
}
