package movescope.sim.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.engine.Verdict;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * Proves the shrinker shrinks: a failing scenario padded with steps, nodes and clients that have nothing
 * to do with the failure must come back strictly smaller, still failing the same way. A shrinker that
 * returned its input (a no-op) would pass SwarmTest's "not bigger than the run it came from" check; it
 * fails every assertion here. Deterministic: fixed scenario, fixed seed.
 */
class ShrinkerShrinksTest {
    /** stories/redirect-loop-after-commit.json plus a fourth node, a second client and 24 unrelated steps. */
    static String padded() {
        StringBuilder steps = new StringBuilder();
        steps.append("{ \"at\": 100, \"do\": \"client\", \"client\": \"c1\", \"command\": \"SET app:billing:k1 v1\" },\n");
        steps.append("{ \"at\": 1000, \"do\": \"operator\", \"node\": \"a\", \"command\": \"MOVE-SCOPE app:billing: FROM a TO b\" }");
        for (int i = 0; i < 24; i++) {
            String node = new String[] {"c", "d"}[i % 2];
            steps.append(",\n{ \"at\": ").append(200 + i * 70).append(", \"do\": \"")
                    .append(i % 3 == 0 ? "client\", \"client\": \"c2\"" : "operator\", \"node\": \"" + node + "\"")
                    .append(", \"command\": \"SET other:k").append(i).append(" v\" }");
        }
        return """
                { "name": "padded", "description": "a redirect loop after a commit, padded",
                  "variant": "kevy-5.4",
                  "cluster": { "nodes": [ { "id": "a" }, { "id": "b" }, { "id": "c" }, { "id": "d" } ],
                               "scopes": "app:billing:=a, other:=c" },
                  "clients": [ { "id": "c1", "primary": "a" }, { "id": "c2", "primary": "d" } ],
                  "steps": [ %s ],
                  "endMs": 3000 }
                """.formatted(steps);
    }

    @Test
    void aPaddedFailureShrinksToFewerStepsNodesAndClients() throws Exception {
        Scenario s = ScenarioLoader.loadString(padded(), "padded.json");
        RunResult r = Simulation.run(s, 1, Options.DEFAULT);
        assertEquals(Verdict.SAFETY_VIOLATION, r.verdict(), r.summary());
        assertEquals("RedirectsConverge", r.violation().orElseThrow().invariant());

        Shrinker.Outcome o = Shrinker.shrink(s, 1, r, 300);
        Scenario small = o.scenario();
        System.out.println("shrunk in " + o.runs() + " runs from " + s.steps().size() + " steps, "
                + s.cluster().nodes().size() + " nodes to " + small.steps().size() + " steps, "
                + small.cluster().nodes().size() + " nodes:\n" + o.json());
        assertTrue(o.runs() > 0, "the shrinker tried no candidate");
        assertTrue(small.steps().size() <= 2, "the 24 unrelated steps must go: " + small.steps().size() + " left");
        assertTrue(small.cluster().nodes().size() < s.cluster().nodes().size(), "node d is mentioned by nothing left");
        assertTrue(small.clients().size() < s.clients().size(), "client c2 has no step left");
        RunResult again = Simulation.run(ScenarioLoader.loadString(o.json(), "shrunk.json"), 1, Options.DEFAULT);
        assertEquals(Verdict.SAFETY_VIOLATION, again.verdict(), again.summary());
        assertEquals("RedirectsConverge", again.violation().orElseThrow().invariant());
    }
}
