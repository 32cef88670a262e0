package movescope.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.report.RunResult;
import org.junit.jupiter.api.Test;

/** Steps with a reply-time window ({@code repliedAtMs}, issue 7 item 8): judged on the time, written back, refused when malformed. */
class ReplyTimeTest {

    /** A two-node cluster; the operator's SET on a at 100 ms is answered after the 2 ms latency below. */
    private static String scenario(String window, String expect) {
        return """
                { "name": "t", "description": "d", "variant": "kevy-5.4",
                  "cluster": { "nodes": [ { "id": "a" }, { "id": "b" } ], "scopes": "app:=a" },
                  "network": { "latency": { "dist": "constant", "ms": 1 } },
                  "steps": [ { "at": 100, "do": "operator", "node": "a", "command": "SET app:k v" %s %s } ],
                  "endMs": 1000 }
                """.formatted(expect == null ? "" : ", \"expect\": " + expect,
                window == null ? "" : ", \"repliedAtMs\": " + window);
    }

    private static RunResult run(String json) throws Exception {
        return Simulation.run(ScenarioLoader.loadString(json, "t.json"), 1, Options.DEFAULT);
    }

    @Test
    void aReplyInsideTheWindowPassesAndOneOutsideFails() throws Exception {
        RunResult free = run(scenario(null, "\"+OK\""));
        assertTrue(free.passed(), free.summary());
        long at = free.steps().get(0).repliedAtMs();
        assertTrue(at > 100, "replied at " + at);
        assertTrue(run(scenario("{ \"min\": " + at + ", \"max\": " + at + " }", "\"+OK\"")).passed());
        assertTrue(run(scenario("{ \"max\": " + at + " }", null)).passed(), "a window alone: any reply in time");
        RunResult late = run(scenario("{ \"max\": " + (at - 1) + " }", "\"+OK\""));
        assertFalse(late.passed());
        assertTrue(late.failures().get(0).contains("expected +OK, replied by " + (at - 1) + " ms, got +OK at " + at + " ms"),
                late.failures().toString());
        assertFalse(run(scenario("{ \"min\": " + (at + 1) + " }", null)).passed(), "too early");
        assertFalse(run(scenario("{ \"min\": " + at + " }", "\"-ERR\"")).passed(), "in time, wrong text");
    }

    @Test
    void theWindowIsWrittenBack() throws Exception {
        Scenario s = ScenarioLoader.loadString(scenario("{ \"min\": 10, \"max\": 200 }", "\"+OK\""), "t.json");
        Scenario again = ScenarioLoader.loadString(ScenarioWriter.toJson(s), "t.json");
        assertEquals(s.steps(), again.steps());
        Scenario alone = ScenarioLoader.loadString(scenario("{ \"min\": 10 }", null), "t.json");
        assertEquals(alone.steps(), ScenarioLoader.loadString(ScenarioWriter.toJson(alone), "t.json").steps());
    }

    @Test
    void malformedWindowsAreRefusedWithTheirLocation() {
        for (String[] bad : new String[][] {
                {"{ }", "expected \"min\", \"max\" or both"},
                {"{ \"min\": 20, \"max\": 10 }", "max 10 is before min 20"},
                {"{ \"mn\": 1 }", "unknown field"},
                {"{ \"min\": -1 }", "min"}}) {
            ScenarioException e = assertThrows(ScenarioException.class,
                    () -> ScenarioLoader.loadString(scenario(bad[0], "\"+OK\""), "t.json"), bad[0]);
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
            assertTrue(e.jsonPath().startsWith("$.steps[0].repliedAtMs"), e.jsonPath());
        }
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.loadString(scenario("{ \"max\": 5 }", "{ \"noReply\": true }"), "t.json"));
        assertTrue(e.getMessage().contains("cannot go with"), e.getMessage());
    }
}
