package movescope.sim.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.engine.Verdict;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * Proves swarm testing finds kevy 5.4's violations from random runs whose fault mixes differ per seed, and
 * that a failing run shrinks to a smaller scenario file that loads and still fails the same way with the
 * same seed. Reproduce with {@code mvn -o -q -pl simulator test -Dtest=SwarmTest}; a shrunk scenario is
 * printed and can be saved and run with {@code movescope run}.
 */
class SwarmTest {
    static final String TEMPLATE = """
            {
              "name": "swarm", "description": "kevy-5.4 under a random workload, moves and faults",
              "variant": "kevy-5.4",
              "cluster": { "nodes": [ { "id": "a" }, { "id": "b" }, { "id": "c" } ], "scopes": "app:=a|b, user:=b" },
              "workload": { "clients": 2, "keysPerScope": 2, "opsPerSec": 20, "untilMs": 5000, "timeoutMs": 300,
                            "mix": { "SET": 3, "RPUSH": 1, "GET": 1 } },
              "chaos": { "untilMs": 5000, "healBoundMs": 75000 },
              "endMs": 80000
            }
            """;

    @Test
    void fixedMixesDifferPerSeed() throws Exception {
        Scenario t = ScenarioLoader.loadString(TEMPLATE, "t.json");
        Set<Boolean> crashes = new HashSet<>();
        Set<Boolean> loss = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            var c = Swarm.draw(t, Swarm.seedOf(1, i)).chaos().orElseThrow();
            crashes.add(c.crashPerSec() > 0);
            loss.add(c.loss() > 0);
            assertTrue(c.movePerSec() >= 0.2);
        }
        assertEquals(Set.of(true, false), crashes, "some seeds crash nodes, others never do");
        assertEquals(Set.of(true, false), loss);
    }

    @Test
    void kevy54FailsAndShrinksToAReproducingScenario() throws Exception {
        Scenario t = ScenarioLoader.loadString(TEMPLATE, "t.json");
        Swarm.Result r = Swarm.run(7, 6, t, 120);
        assertEquals(6, r.runs().size());
        assertFalse(r.allPassed(), "kevy-5.4 under moves violates something");
        Swarm.Failure f = r.failures().get(0);
        Shrinker.Outcome o = f.shrunk();
        String json = o.json();
        System.out.println("shrunk in " + o.runs() + " runs (materialized=" + o.materialized() + "):\n" + json);
        Scenario back = ScenarioLoader.loadString(json, "shrunk.json");
        assertEquals(f.run().seed(), back.seed().getAsLong());
        RunResult again = Simulation.run(back, back.seed().getAsLong(), Options.DEFAULT);
        assertEquals(f.run().verdict(), again.verdict(), again.summary());
        if (f.run().verdict() == Verdict.SAFETY_VIOLATION || f.run().verdict() == Verdict.LIVENESS_VIOLATION) {
            RunResult orig = Simulation.run(f.failing(), f.run().seed(), Options.DEFAULT);
            assertEquals(orig.violation().orElseThrow().invariant(), again.violation().orElseThrow().invariant());
        }
        if (o.materialized()) {
            assertTrue(back.chaos().isEmpty() && back.workload().isEmpty(), "the random parts became steps");
            RunResult orig = Simulation.run(f.failing(), f.run().seed(), Options.DEFAULT);
            assertTrue(back.steps().size() <= orig.materializedSteps().size(), "not bigger than the run it came from");
        }
    }
}
