package movescope.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import movescope.model.election.ElectionConfig;
import movescope.model.election.ReplicationRole;
import movescope.sim.Options;
import movescope.sim.Simulation;
import org.junit.jupiter.api.Test;

/** The election-plane fields of a scenario: defaults, node overrides, errors, and the written form. */
class ElectionFieldsTest {
    static final String JSON = """
            { "name": "e", "description": "d", "variant": "kevy-5.4",
              "cluster": {
                "nodes": [ { "id": "a", "replicationRole": "primary" },
                           { "id": "b", "electionListener": false, "upstream": "10.0.0.1:16004", "replicationRole": "replica", "replicaReadOnly": false },
                           { "id": "c", "clientPort": 7000 } ],
                "electionListener": true, "electPortBase": 16100 },
              "steps": [ { "at": 6000, "do": "operator", "node": "a", "command": "ROLE" } ],
              "endMs": 7000 }
            """;

    @Test
    void clusterDefaultsAndNodeOverridesResolveToTheNodeConfig() throws Exception {
        Scenario s = ScenarioLoader.loadString(JSON, "e.json");
        ElectionConfig a = s.cluster().configOf("a").election();
        assertTrue(a.listener());
        assertEquals(16100, a.listenPort());
        assertEquals(ReplicationRole.PRIMARY, a.role());
        ElectionConfig b = s.cluster().configOf("b").election();
        assertFalse(b.listener());
        assertFalse(b.replicaReadOnly());
        assertEquals(Optional.of("10.0.0.1:16004"), b.upstream());
        ElectionConfig c = s.cluster().configOf("c").election();
        assertEquals(7000, c.serverPort());
        assertTrue(s.cluster().configOf("c").electionPlane());
        ScenarioLoader.loadString(JSON.replace("\"electPortBase\": 16100", "\"electPortBase\": 0"), "e.json");
        assertEquals(7200, ScenarioLoader.loadString(JSON.replace("\"electPortBase\": 16100", "\"electPortBase\": 0"), "e.json")
                .cluster().configOf("c").election().listenPort());
    }

    @Test
    void theDefaultIsThePlaneOff() throws Exception {
        Scenario s = ScenarioLoader.loadString(JSON.replace("\"electionListener\": true, ", ""), "e.json");
        assertFalse(s.cluster().configOf("a").election().listener());
        assertFalse(s.cluster().configOf("a").electionPlane());
    }

    @Test
    void badValuesPointAtTheField() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.loadString(
                JSON.replace("\"replicationRole\": \"primary\"", "\"replicationRole\": \"leader\""), "e.json"));
        assertEquals("$.cluster.nodes[0].replicationRole", e.jsonPath());
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("expected one of standalone, primary, replica"), e.problem());
        ScenarioException u = assertThrows(ScenarioException.class, () -> ScenarioLoader.loadString(
                JSON.replace("\"electPortBase\": 16100 }", "\"electPortBase\": 16100, \"upstream\": \"x:1\" }"), "e.json"));
        assertTrue(u.problem().contains("unknown field \"upstream\""), u.problem());
        assertThrows(ScenarioException.class, () -> ScenarioLoader.loadString(
                JSON.replace("\"electPortBase\": 16100", "\"electPortBase\": 70000"), "e.json"));
    }

    @Test
    void writtenScenarioKeepsTheFieldsAndTheRun() throws Exception {
        Scenario s = ScenarioLoader.loadString(JSON, "e.json");
        String json = ScenarioWriter.toJson(s);
        Scenario back = ScenarioLoader.loadString(json, "w.json");
        assertEquals(s, back, json);
        assertEquals(Simulation.run(s, 3, Options.DEFAULT).traceSha256(), Simulation.run(back, 3, Options.DEFAULT).traceSha256());
    }
}
