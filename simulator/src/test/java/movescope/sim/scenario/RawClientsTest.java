package movescope.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.report.RunResult;
import org.junit.jupiter.api.Test;

/** Closed-loop raw clients (issue 7 item 8): their loop and tallies, the fields written back and refused. */
class RawClientsTest {

    private static String scenario(String raw, String steps) {
        return """
                { "name": "r", "description": "d", "variant": "kevy-5.4",
                  "cluster": { "nodes": [ { "id": "a" }, { "id": "b" } ], "scopes": "app:=b" },
                  "network": { "latency": { "dist": "constant", "ms": 1 } },
                  "clients": [ { "id": "r1", "primary": "a", "timeoutMs": 100, "raw": %s } ],
                  "steps": [ %s ],
                  "endMs": 1000 }
                """.formatted(raw, steps);
    }

    private static RunResult run(String json) throws Exception {
        return Simulation.run(ScenarioLoader.loadString(json, "r.json"), 1, Options.DEFAULT);
    }

    @Test
    void theLoopSendsAwaitsAndRepeatsWithoutFollowingRedirects() throws Exception {
        // One round trip is 2 ms; with 8 ms of think time a loop of [0, 99] sends at 0, 10, ..., 90: 10 commands.
        RunResult r = run(scenario("{ \"command\": \"SET app:k v\", \"untilMs\": 99, \"thinkMs\": 8 }", ""));
        assertEquals(Map.of("r1", Map.of("-MISDIRECTED writer is 10.0.0.2:6004", 10L)), r.tallies());
    }

    @Test
    void aDownNodeAndALostReplyAreTalliedToo() throws Exception {
        RunResult down = run(scenario("{ \"command\": \"GET x\", \"fromMs\": 10, \"untilMs\": 30, \"thinkMs\": 9 }",
                "{ \"at\": 0, \"do\": \"crash\", \"node\": \"a\" }"));
        assertEquals(1, down.tallies().get("r1").size(), down.tallies().toString());
        assertTrue(down.tallies().get("r1").keySet().iterator().next().contains("refused"), down.tallies().toString());
        RunResult lost = run(scenario("{ \"command\": \"GET x\", \"untilMs\": 500 }",
                "{ \"at\": 0, \"do\": \"drop\", \"from\": \"a\", \"to\": \"r1\", \"messages\": \"reply\" }"));
        assertTrue(lost.tallies().get("r1").get("(timeout)") >= 4, lost.tallies().toString());
    }

    @Test
    void theLoopIsWrittenBack() throws Exception {
        Scenario s = ScenarioLoader.loadString(scenario("{ \"command\": \"SET app:k v\", \"fromMs\": 5, \"untilMs\": 99, \"thinkMs\": 8 }", ""), "r.json");
        assertEquals(s.clients(), ScenarioLoader.loadString(ScenarioWriter.toJson(s), "r.json").clients());
    }

    @Test
    void badLoopsAreRefusedWithTheirLocation() {
        String[][] bad = {
                {"{ \"command\": \"GET x\", \"untilMs\": 2000 }", "", "after endMs"},
                {"{ \"command\": \"GET x\", \"fromMs\": 50, \"untilMs\": 40 }", "", "before fromMs"},
                {"{ \"untilMs\": 40 }", "", "command"},
                {"{ \"command\": \"GET x\", \"untilMs\": 40, \"every\": 3 }", "", "unknown field"},
                {"{ \"command\": \"GET x\", \"untilMs\": 40 }", "{ \"at\": 1, \"do\": \"client\", \"client\": \"r1\", \"command\": \"GET y\" }",
                        "is a raw client"}};
        for (String[] b : bad) {
            ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.loadString(scenario(b[0], b[1]), "r.json"), b[0]);
            assertTrue(e.getMessage().contains(b[2]), e.getMessage());
        }
    }
}
