package movescope.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.OptionalInt;
import movescope.live.kevy.KevyToml;
import movescope.model.protocol.NodeConfig;
import org.junit.jupiter.api.Test;

/** The kevy config file of a node: the keys that change kevy's behaviour are written when the scenario sets them. */
class KevyTomlTest {

    @Test
    void clusterEnabledAndAcceptShardsAreWrittenOnlyWhenSet() throws Exception {
        NodeConfig plain = NodeConfig.parse("a", "a@127.0.0.1:7201:7001", "app:=a", 2);
        String off = KevyToml.render(plain, "127.0.0.1", 7001, 7201, Path.of("/d"));
        assertFalse(off.contains("enabled"), off);
        assertFalse(off.contains("accept_shards"), off);
        String on = KevyToml.render(plain.withClusterEnabled(true), "127.0.0.1", 7001, 7201, Path.of("/d"), OptionalInt.of(1));
        assertTrue(on.contains("[cluster]\nenabled = true\n"), on);
        assertTrue(on.contains("threads = 2\naccept_shards = 1\n"), on);
    }
}
