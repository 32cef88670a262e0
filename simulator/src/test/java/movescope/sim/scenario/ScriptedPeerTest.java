package movescope.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.report.RunResult;
import org.junit.jupiter.api.Test;

/** Scripted peers (issue 7 item 8): what a ship to one gets, the file fields written back, and the fields refused. */
class ScriptedPeerTest {

    private static String scenario(String peer) {
        return """
                { "name": "s", "description": "d", "variant": "kevy-5.4",
                  "cluster": { "nodes": [ { "id": "a" } ], "scopes": "app:=a",
                    "scriptedPeers": [ %s ] },
                  "steps": [ { "at": 10, "do": "operator", "node": "a", "command": "SET app:1 v" },
                             { "at": 100, "do": "operator", "node": "a", "command": "MOVE-SCOPE app: FROM a TO fake" } ],
                  "expect": { "hold": [ "SingleWriter", "NoLostWrite" ] },
                  "endMs": 3000 }
                """.formatted(peer);
    }

    private static RunResult run(String peer) throws Exception {
        return Simulation.run(ScenarioLoader.loadString(scenario(peer), "s.json"), 1, Options.DEFAULT);
    }

    @Test
    void aReplyAfterADelayIsReadRawAndTheMoveCommitsOnAnyPlus() throws Exception {
        RunResult r = run("{ \"id\": \"fake\", \"host\": \"10.9.9.9\", \"port\": 7000, \"replyAfterMs\": 1000, \"reply\": \"+whatever\\r\\n\" }");
        assertEquals("+OK 1", r.steps().get(1).reply().orElseThrow());
        long at = r.steps().get(1).repliedAtMs();
        assertTrue(at >= 1100 && at < 1110, "the reply comes replyAfterMs after the accept: " + at);
    }

    @Test
    void aNonPlusReplyAbortsWithKevysQuotedText() throws Exception {
        RunResult r = run("{ \"id\": \"fake\", \"host\": \"10.9.9.9\", \"port\": 7000, \"reply\": \"-NO\\r\\n\\u00ff\" }");
        assertEquals("-ERR MOVE-SCOPE ship failed: target replied non-OK: \"-NO\\r\\n\ufffd\"", r.steps().get(1).reply().orElseThrow());
    }

    @Test
    void aRefusingPeerAndAPeerThatOnlyClosesFailTheShip() throws Exception {
        RunResult refused = run("{ \"id\": \"fake\", \"host\": \"10.9.9.9\", \"port\": 7000, \"accept\": false }");
        assertEquals("-ERR MOVE-SCOPE ship failed: connect \"10.9.9.9:7000\": Connection refused (os error 111)",
                refused.steps().get(1).reply().orElseThrow());
        RunResult closed = run("{ \"id\": \"fake\", \"host\": \"10.9.9.9\", \"port\": 7000, \"replyAfterMs\": 50 }");
        String reply = closed.steps().get(1).reply().orElseThrow();
        assertTrue(reply.startsWith("-ERR MOVE-SCOPE ship failed: "), reply);
        assertTrue(closed.steps().get(1).repliedAtMs() >= 150, "closed after replyAfterMs");
    }

    @Test
    void theFieldsAreWrittenBack() throws Exception {
        Scenario s = ScenarioLoader.loadString(scenario(
                "{ \"id\": \"fake\", \"host\": \"10.9.9.9\", \"port\": 7000, \"replyAfterMs\": 5, \"reply\": \"+OK\\r\\n\" },"
                        + "{ \"id\": \"off\", \"host\": \"10.9.9.9\", \"port\": 7001, \"accept\": false }"), "s.json");
        Scenario again = ScenarioLoader.loadString(ScenarioWriter.toJson(s), "s.json");
        assertEquals(s.cluster().scriptedPeers(), again.cluster().scriptedPeers());
        assertEquals("fake@10.9.9.9:7000", s.cluster().configOf("a").peers().get(1).token(), "listed as a legacy token");
    }

    @Test
    void badPeersAreRefusedWithTheirLocation() {
        String[][] bad = {
                {"{ \"id\": \"a\", \"host\": \"h\", \"port\": 1 }", "already a node's"},
                {"{ \"id\": \"f\", \"host\": \"10.0.0.1\", \"port\": 6004 }", "already a node's or another scripted peer's"},
                {"{ \"id\": \"f\", \"host\": \"h\", \"port\": 1, \"accept\": false, \"reply\": \"+OK\" }", "never replies"},
                {"{ \"id\": \"f\", \"host\": \"h\", \"port\": 1, \"reply\": \"\\u20ac\" }", "U+20AC"},
                {"{ \"id\": \"f\", \"host\": \"h\", \"port\": 70000 }", "port"},
                {"{ \"id\": \"f@x\", \"host\": \"h\", \"port\": 1 }", "scripted peer id"},
                {"{ \"id\": \"f\", \"host\": \"\", \"port\": 1 }", "non-empty host"},
                {"{ \"id\": \"f\", \"host\": \"h\", \"port\": 1, \"replyAfterMs\": -1 }", "replyAfterMs"},
                {"{ \"id\": \"f\", \"host\": \"h\", \"port\": 1, \"colour\": 1 }", "unknown field"}};
        for (String[] b : bad) {
            ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.loadString(scenario(b[0]), "s.json"), b[0]);
            assertTrue(e.getMessage().contains(b[1]), e.getMessage());
            assertTrue(e.jsonPath().startsWith("$.cluster.scriptedPeers[0]"), e.jsonPath());
        }
    }
}
