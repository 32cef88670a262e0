package movescope.sim.check;

import static movescope.sim.check.InvariantsTest.keys;
import static movescope.sim.check.InvariantsTest.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.engine.Verdict;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * Proves that a key expired by its TTL is not a lost write (issue 8 item 7): a lone {@code SET k v EX 1} used
 * to be reported lost at the end of the run, in both variants; and that NoLostWrite still bites when such a
 * key vanishes before its deadline. Reproduce: {@code mvn -o -q -pl simulator test -Dtest=TtlIsNotLossTest}.
 */
class TtlIsNotLossTest {
    private static String lone(String variant, String set) {
        return """
                { "name": "ttl", "description": "a lone SET with a TTL", "variant": "%s",
                  "cluster": { "nodes": [ { "id": "a" }, { "id": "b" } ], "scopes": [ { "prefix": "app:", "writer": "a" } ] },
                  "clients": [ { "id": "c1", "primary": "a" } ],
                  "steps": [ { "at": 100, "do": "client", "client": "c1", "command": "%s", "expect": "+OK" } ],
                  "endMs": 5000 }
                """.formatted(variant, set);
    }

    @Test
    void anExpiredKeyIsNotALostWriteInEitherVariant() throws Exception {
        for (String variant : List.of("kevy-5.4", "fixed")) {
            for (String set : List.of("SET app:k v EX 1", "SET app:k v PX 300")) {
                RunResult r = Simulation.run(ScenarioLoader.loadString(lone(variant, set), "ttl.json"), 1,
                        Options.DEFAULT);
                assertEquals(Verdict.PASS, r.verdict(), variant + " " + set + ": " + r.summary());
            }
        }
    }

    @Test
    void aKeyGoneBeforeItsDeadlineIsStillLost() throws Exception {
        InvariantsTest.Fake w = new InvariantsTest.Fake(keys("app:x"), node("a", true, "app:=a"), node("b", true, "app:=a"));
        w.history.applied("a", 0, "c1@a", 1, List.of("SET", "app:x", "v1", "EX", "10"), 5);
        w.history.acked("c1@a", 1, 6);
        w.now = 9_000; // before the deadline (5 + 10 000 ms): no store holds it, so it is lost
        assertTrue(new NoLostWrite().checkKey(w, "app:x").isPresent());
        w.now = 10_006; // after it: the absence is the TTL doing its job
        assertEquals(Optional.empty(), new NoLostWrite().checkKey(w, "app:x"));
    }
}
