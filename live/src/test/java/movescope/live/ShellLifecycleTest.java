package movescope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import movescope.live.drive.Lifecycle;
import movescope.live.drive.LiveCluster;
import movescope.live.drive.ShellLifecycle;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell-template adapter: placeholders, the pushed TOML, exit 64 = unsupported, other exits = error. */
class ShellLifecycleTest {
    @Test
    void runsTheTemplatePerAction(@TempDir Path tmp) throws Exception {
        Scenario sc = ServeRespTest.scenario();
        LiveCluster cluster = LiveCluster.parse(sc, "a=127.0.0.1:7101,b=127.0.0.1:7102,c=127.0.0.1:7103", 200);
        Path log = tmp.resolve("log");
        String template = "echo {action} {node} {port} {addr} >> " + log
                + "; case {action} in push-config) cp {config} " + tmp.resolve("pushed.toml") + ";; eintr) exit 64;;"
                + " snapshot) exit 3;; esac";
        ShellLifecycle s = new ShellLifecycle(template, cluster, tmp.resolve("nodes"));
        s.crash("a");
        s.restart("b");
        s.pushConfig("c", cluster.liveSpec().configOf("c").withScopes(List.of()), true);
        assertThrows(Lifecycle.Unsupported.class, () -> s.eintr("a", 1));
        IOException e = assertThrows(IOException.class, () -> s.snapshot("a"));
        assertTrue(e.getMessage().contains("exited 3"), e.getMessage());
        assertEquals(List.of("crash a 7101 127.0.0.1:7101", "restart b 7102 127.0.0.1:7102",
                "push-config c 7103 127.0.0.1:7103", "restart c 7103 127.0.0.1:7103", "eintr a 7101 127.0.0.1:7101",
                "snapshot a 7101 127.0.0.1:7101"), Files.readAllLines(log));
        String toml = Files.readString(tmp.resolve("pushed.toml"));
        assertTrue(toml.contains("port = 7103\n") && toml.contains("elect_port_base = 7303\n")
                && toml.contains("scopes = \"\"\n") && toml.contains("node_id = \"c\"\n"), toml);
    }

    @Test
    void clusterSpecErrorsNameTheEntry() throws Exception {
        Scenario sc = ServeRespTest.scenario();
        assertEquals("--cluster does not say where node \"c\" is (expected a=host:port,b=host:port,c=host:port)",
                assertThrows(IllegalArgumentException.class,
                        () -> LiveCluster.parse(sc, "a=127.0.0.1:1,b=127.0.0.1:2", 200)).getMessage());
        assertEquals("--cluster entry \"d=h:1\": the scenario has no node \"d\" (nodes: a, b, c)",
                assertThrows(IllegalArgumentException.class,
                        () -> LiveCluster.parse(sc, "a=h:1,b=h:2,c=h:3,d=h:1", 200)).getMessage());
        assertEquals("--cluster entry \"a=h:0\": port \"0\" is not a number in 1..65535",
                assertThrows(IllegalArgumentException.class, () -> LiveCluster.parse(sc, "a=h:0", 200)).getMessage());
    }

    @Test
    void liveAddressesAreRewrittenToTheScenariosWholeAddressesOnly() throws Exception {
        Scenario sc = ScenarioLoader.loadString(
                "{\"name\":\"t\",\"description\":\"d\",\"variant\":\"kevy-5.4\",\"cluster\":{\"nodes\":[{\"id\":\"a\"},{\"id\":\"b\"}]},\"endMs\":10}",
                "t.json");
        LiveCluster c = LiveCluster.parse(sc, "a=127.0.0.1:7001,b=127.0.0.1:700", 200);
        assertEquals("-MISDIRECTED writer is 10.0.0.1:6004", c.normalize("-MISDIRECTED writer is 127.0.0.1:7001"));
        assertEquals("-MISDIRECTED writer is 10.0.0.2:6004", c.normalize("-MISDIRECTED writer is 127.0.0.1:700"));
        assertEquals("\"127.0.0.1:70012\"", c.normalize("\"127.0.0.1:70012\""));
    }
}
