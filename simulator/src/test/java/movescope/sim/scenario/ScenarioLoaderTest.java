package movescope.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import movescope.model.protocol.Variant;
import movescope.model.scope.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the scenario loader accepts the documented format (docs/scenario-format.md), fills defaults, and
 * rejects bad input with the right line, column, JSON path and message. Reproduce a failure with
 * {@code mvn -o -q -pl simulator test -Dtest=ScenarioLoaderTest}.
 */
class ScenarioLoaderTest {
    static final String GOOD = """
            {
              "name": "committed-move",
              "description": "A moves app:billing: to B",
              "seed": 7,
              "variant": "kevy-5.4",
              "cluster": {
                "nodes": [ { "id": "a" }, { "id": "b", "host": "h-b", "clientPort": 7000 }, { "id": "c", "nodeId": false } ],
                "scopes": [ { "prefix": "app:billing:", "writer": "a", "fallback": "b" } ],
                "shards": 2
              },
              "clients": [ { "id": "c1", "primary": "a" } ],
              "steps": [
                { "at": 100, "do": "client", "client": "c1", "command": "SET app:billing:1 v1", "expect": "+OK" },
                { "at": 200, "do": "operator", "node": "a", "command": "MOVE-SCOPE app:billing: FROM a TO b",
                  "expect": { "regex": "\\\\+OK \\\\d+" } },
                { "at": 300, "do": "partition", "from": ["a"], "to": ["b", "c1"], "oneWay": true },
                { "at": 400, "do": "drop", "messages": "ingestReply", "count": 1 },
                { "at": 500, "do": "pushConfig", "node": "b", "scopes": "app:billing:=b" }
              ],
              "endMs": 2000,
              "expect": { "baits": [ "BaitCommitted" ], "values": [ { "key": "app:billing:1", "node": "b", "expect": "\\"v1\\"" } ] }
            }
            """;

    @Test
    void loadsTheDocumentedExample() throws Exception {
        Scenario s = ScenarioLoader.loadString(GOOD, "good.json");
        assertEquals("committed-move", s.name());
        assertEquals(7L, s.seed().getAsLong());
        assertEquals(Variant.KEVY_54, s.variant());
        assertEquals(List.of("a", "b", "c"), s.cluster().nodeIds());
        assertEquals("10.0.0.1", s.cluster().node("a").orElseThrow().host());
        assertEquals("h-b:7000", s.cluster().node("b").orElseThrow().clientAddr());
        assertEquals(Optional.empty(), s.cluster().configOf("c").nodeId());
        assertEquals(3, s.cluster().configOf("a").peers().size());
        assertEquals(2, s.cluster().configOf("a").shards());
        assertEquals(5, s.steps().size());
        Step.ClientStep c = (Step.ClientStep) s.steps().get(0);
        assertEquals(List.of("SET", "app:billing:1", "v1"), c.command());
        assertTrue(((Step.OperatorStep) s.steps().get(1)).expect().orElseThrow().matches("+OK 12"));
        Step.PushConfigStep p = (Step.PushConfigStep) s.steps().get(4);
        assertEquals(List.of(Scope.of("app:billing:", "b")), p.scopes().orElseThrow());
        assertTrue(p.restart());
        assertEquals(Expectations.INVARIANTS, s.expect().hold());
        assertEquals(List.of("app:billing:1"), List.copyOf(s.probeKeys()));
    }

    @Test
    void variantObjectOverridesSwitches() throws Exception {
        Scenario s = ScenarioLoader.loadString(GOOD.replace("\"variant\": \"kevy-5.4\"",
                "\"variant\": {\"base\": \"kevy-5.4\", \"sliceShards\": \"all-shards\", \"shipWriteTimeoutMs\": 1000}"), "v.json");
        assertEquals(Variant.SliceShards.ALL_SHARDS, s.variant().sliceShards());
        assertEquals(1000L, s.variant().shipWriteTimeoutMs().getAsLong());
    }

    @Test
    void topLevelSchemaMemberIsAcceptedAsAString() throws Exception {
        // Every corpus file starts with "$schema" (an editor hint); the loader itself must take it, and
        // it must not change the scenario.
        Scenario plain = ScenarioLoader.loadString(GOOD, "good.json");
        Scenario hinted = ScenarioLoader.loadString(GOOD.replaceFirst("\\{",
                "{ \"\\$schema\": \"../scenario.schema.json\","), "good.json");
        assertEquals(plain, hinted);
        ScenarioException number = bad(GOOD.replaceFirst("\\{", "{ \"\\$schema\": 3,"));
        assertEquals("$.$schema", number.jsonPath());
        assertTrue(number.problem().contains("expected $schema to be a string"), number.problem());
        // Only at the top level: elsewhere it is an unknown field like any other.
        ScenarioException nested = bad(GOOD.replace("\"cluster\": {", "\"cluster\": { \"$schema\": \"x\","));
        assertTrue(nested.problem().contains("unknown field \"$schema\""), nested.problem());
    }

    private static ScenarioException bad(String json) {
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.loadString(json, "bad.json"));
    }

    @Test
    void unknownFieldIsRejectedWithLocation() {
        ScenarioException e = bad(GOOD.replace("\"shards\": 2", "\"shards\": 2, \"shardz\": 3"));
        assertEquals("$.cluster.shardz", e.jsonPath());
        assertEquals(9, e.line());
        assertTrue(e.problem().contains("unknown field \"shardz\""), e.getMessage());
    }

    @Test
    void duplicateFieldIsRejected() {
        ScenarioException e = bad(GOOD.replace("\"seed\": 7,", "\"seed\": 7, \"seed\": 8,"));
        assertEquals(4, e.line());
        assertTrue(e.problem().contains("duplicate field \"seed\""), e.getMessage());
    }

    @Test
    void unknownNodeInStepPointsAtTheValue() {
        ScenarioException e = bad(GOOD.replace("\"do\": \"operator\", \"node\": \"a\"", "\"do\": \"operator\", \"node\": \"d\""));
        assertEquals("$.steps[1].node", e.jsonPath());
        assertEquals(14, e.line());
        assertTrue(e.getMessage().startsWith("bad.json:14:"), e.getMessage());
        assertTrue(e.problem().contains("unknown node \"d\" (nodes: a, b, c)"), e.problem());
    }

    @Test
    void overlappingScopesGiveKevysText() {
        ScenarioException e = bad(GOOD.replace("\"scopes\": [ { \"prefix\": \"app:billing:\", \"writer\": \"a\", \"fallback\": \"b\" } ]",
                "\"scopes\": \"app:=a, app:billing:=b\""));
        assertEquals("$.cluster.scopes", e.jsonPath());
        assertEquals("kevy: bad [cluster] scopes config: overlapping scope prefixes: \"app:billing:\" is contained by \"app:\"",
                e.problem());
    }

    @Test
    void wrongTypesNullsAndMissingFields() {
        assertTrue(bad(GOOD.replace("\"endMs\": 2000", "\"endMs\": 2000.5")).problem()
                .contains("expected endMs to be an integer"));
        assertTrue(bad(GOOD.replace("\"seed\": 7", "\"seed\": null")).problem()
                .contains("expected seed to be an integer"));
        assertTrue(bad(GOOD.replace("\"endMs\": 2000,", "")).problem().contains("missing required field \"endMs\""));
        assertTrue(bad(GOOD.replace("\"at\": 500", "\"at\": 5000")).problem().contains("after endMs"));
        assertTrue(bad(GOOD.replace("\"kevy-5.4\"", "\"kevy-9\"")).problem().contains("unknown variant"));
        assertTrue(bad(GOOD.replace("\"nodeId\": false", "\"nodeId\": \"no\"")).problem().contains("true or false"));
        assertTrue(bad("{").problem().startsWith("invalid JSON"));
        assertTrue(bad(GOOD + "{}").problem().contains("after the end of the document"));
    }

    @Test
    void loadsFromAFileWithItsName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.json");
        Files.writeString(f, GOOD.replace("\"client\": \"c1\"", "\"client\": \"c9\""));
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(f));
        assertEquals(f.toString(), e.file());
        assertEquals(13, e.line());
        assertTrue(e.problem().contains("unknown client \"c9\""));
    }
}
