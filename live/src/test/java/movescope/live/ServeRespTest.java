package movescope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import movescope.live.resp.RespConnection;
import movescope.live.resp.RespValue;
import movescope.live.resp.WireText;
import movescope.live.serve.ClusterServer;
import movescope.live.serve.ServeOptions;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code movescope serve} spoken to over real loopback sockets with a RESP2 client. */
class ServeRespTest {
    private static final String SCENARIO = """
            { "name": "t", "description": "three nodes, a writes app:billing:", "variant": "kevy-5.4",
              "cluster": { "nodes": [ { "id": "a" }, { "id": "b" }, { "id": "c" } ],
                           "scopes": "app:billing:=a" },
              "endMs": 1000 }
            """;

    static Scenario scenario() throws Exception {
        return ScenarioLoader.loadString(SCENARIO, "inline.json");
    }

    private static String call(String addr, String... args) throws IOException {
        try (RespConnection c = RespConnection.open(addr, 2000, 5000)) {
            return WireText.render(c.call(List.of(args)));
        }
    }

    @Test
    void servesRespAndRoutesLikeTheModel() throws Exception {
        try (ClusterServer s = new ClusterServer(scenario(), ServeOptions.ephemeral())) {
            s.start();
            Map<String, String> addr = s.clientAddrs();
            assertTrue(addr.values().stream().allMatch(x -> x.startsWith("127.0.0.1:")));
            assertEquals("+OK", call(addr.get("a"), "SET", "app:billing:1", "v1"));
            assertEquals("\"v1\"", call(addr.get("a"), "GET", "app:billing:1"));
            assertEquals("-MISDIRECTED writer is " + addr.get("a"), call(addr.get("b"), "SET", "app:billing:1", "v2"));
            assertEquals("(nil)", call(addr.get("b"), "GET", "nokey"));
            assertEquals(":1", call(addr.get("b"), "RPUSH", "l", "x"));
            assertEquals("[\"x\"]", call(addr.get("b"), "LRANGE", "l", "0", "-1"));
            // Pipelined requests on one connection get their replies in order.
            try (RespConnection c = RespConnection.open(addr.get("c"), 2000, 5000)) {
                for (int i = 0; i < 50; i++) {
                    c.send(List.of("SET", "k" + i, "v" + i));
                }
                c.flush();
                for (int i = 0; i < 50; i++) {
                    assertEquals(new RespValue.Simple("OK"), c.read());
                }
                assertEquals(new RespValue.Bulk("v49"), c.call(List.of("GET", "k49")));
            }
        }
    }

    @Test
    void moveScopeShipsOverARealConnection() throws Exception {
        try (ClusterServer s = new ClusterServer(scenario(), ServeOptions.ephemeral())) {
            s.start();
            Map<String, String> addr = s.clientAddrs();
            assertEquals("+OK", call(addr.get("a"), "SET", "app:billing:1", "v1"));
            String r = call(addr.get("a"), "MOVE-SCOPE", "app:billing:", "FROM", "a", "TO", "b");
            assertTrue(r.matches("\\+OK \\d+"), r);
            assertEquals("\"v1\"", call(addr.get("b"), "GET", "app:billing:1"));
        }
    }

    @Test
    void crashClosesThePortAndARestartReplaysTheLog(@TempDir Path tmp) throws Exception {
        try (ClusterServer s = new ClusterServer(scenario(), ServeOptions.ephemeral())) {
            s.start();
            Map<String, String> addr = s.clientAddrs();
            String ctl = "127.0.0.1:" + s.controlPort();
            assertEquals("+OK", call(addr.get("a"), "SET", "app:billing:1", "v1"));
            assertEquals("+OK", call(ctl, "CRASH", "a"));
            assertThrows(IOException.class, () -> call(addr.get("a"), "GET", "app:billing:1"));
            assertEquals("+OK", call(ctl, "RESTART", "a"));
            assertEquals("\"v1\"", call(addr.get("a"), "GET", "app:billing:1"));
            assertEquals("-ERR usage: CRASH node", call(ctl, "CRASH"));
        }
    }

    @Test
    void aNewServeProcessContinuesFromTheDataDir(@TempDir Path tmp) throws Exception {
        ServeOptions o = new ServeOptions(0, 200, 0, Optional.of(tmp), Optional.empty());
        try (ClusterServer s = new ClusterServer(scenario(), o)) {
            s.start();
            assertEquals("+OK", call(s.clientAddrs().get("a"), "SET", "app:billing:1", "v1"));
        }
        assertTrue(Files.size(tmp.resolve("a").resolve("journal.ndjson")) > 0);
        try (ClusterServer s = new ClusterServer(scenario(), o)) {
            s.start();
            assertEquals("\"v1\"", call(s.clientAddrs().get("a"), "GET", "app:billing:1"));
        }
    }
}
