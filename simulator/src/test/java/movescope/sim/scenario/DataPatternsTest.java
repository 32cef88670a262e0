package movescope.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import movescope.model.protocol.Variant;
import movescope.sim.Simulation;
import movescope.sim.report.RunResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code data} sets with key and value patterns (issue 7 item 8): the names they give, and the patterns refused. */
class DataPatternsTest {

    private static final String SCENARIO = """
            { "name": "p", "description": "d", "variant": "kevy-5.4",
              "cluster": { "nodes": [ { "id": "a" }, { "id": "b" } ], "scopes": "app:=a" },
              "data": [ { "node": "a", "prefix": "app:", "keys": 12, "keyPattern": "user-%06d", "valuePattern": "100%% of %d" } ],
              "steps": [ { "at": 10, "do": "operator", "node": "a", "command": "GET app:user-000011", "expect": "\\"100% of 11\\"" },
                         { "at": 20, "do": "operator", "node": "a", "command": "DBSIZE", "expect": ":12" } ],
              "endMs": 100 }
            """;

    @Test
    void patternsNameTheKeysAndValues() {
        DataSpec d = new DataSpec("a", "app:", 3, "k%03d", "v%d");
        assertEquals(List.of("app:k000", "app:k001", "app:k002"), List.of(d.key(0), d.key(1), d.key(2)));
        assertEquals("v2", d.value(2));
        assertEquals("app:1234", new DataSpec("a", "app:", 2, "%02d", "x%d").key(1234), "a width is a minimum");
        assertEquals("app:7", new DataSpec("a", "app:", 8).key(7), "default key pattern");
        assertEquals("v7", new DataSpec("a", "app:", 8).value(7), "default value pattern");
    }

    @Test
    void aPreloadedKeyIsThereUnderItsPatternedName() throws Exception {
        Scenario s = ScenarioLoader.loadString(SCENARIO, "p.json");
        assertEquals(Variant.KEVY_54, s.variant());
        RunResult r = Simulation.run(s, 1, movescope.sim.Options.DEFAULT);
        assertTrue(r.passed(), r.summary());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no-hole", "%d-%d", "%s", "%x", "50%", "%0d", "%021d", "%-5d", "%5d"})
    void badPatternsAreRefusedWithTheirLocation(String pattern) {
        assertTrue(DataSpec.patternProblem(pattern) != null, pattern);
        String json = SCENARIO.replace("\"user-%06d\"", "\"" + pattern + "\"");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.loadString(json, "p.json"));
        assertEquals("$.data[0].keyPattern", e.jsonPath(), e.getMessage());
        assertEquals(3, e.line(), e.getMessage());
    }

    @Test
    void goodPatterns() {
        for (String p : List.of("%d", "v%d", "%06d", "%%%d%%", "%020d", "k:%01d:x")) {
            assertNull(DataSpec.patternProblem(p), p);
        }
    }
}
