package movescope.live.kevy;

import java.nio.file.Path;
import movescope.model.protocol.NodeConfig;

/**
 * One kevy 5.4 node's config file for a scenario node, with the keys kevy's parser knows
 * (crates/kevy-config/src/apply.rs:57-67 [server] bind/port/threads/data_dir, :75 [persistence] aof,
 * :208-224 [cluster] node_id/elect_port_base/peers/scopes; defaults in crates/kevy-config/src/schema.rs:17-37).
 * {@code peers} and {@code scopes} are written in kevy's flat string form, which apply.rs accepts as well as
 * an array. The election listener binds {@code elect_port_base} (0 would mean port + 200); it is written
 * explicitly so that it matches this node's own {@code peers} entry (kevy-source-facts: a mismatch makes
 * every heartbeat to it lost).
 */
public final class KevyToml {
    private KevyToml() {
    }

    public static String render(NodeConfig c, String bind, int port, int electPort, Path dataDir) {
        return render(c, bind, port, electPort, dataDir, java.util.OptionalInt.empty());
    }

    /**
     * As above, with {@code [server] accept_shards} when the scenario node sets {@code acceptShards}
     * (crates/kevy-rt/src/runtime_run.rs:225) and {@code [cluster] enabled = true} when the config has the CRC16-slot
     * scheme on (apply.rs:208).
     */
    public static String render(NodeConfig c, String bind, int port, int electPort, Path dataDir,
                                java.util.OptionalInt acceptShards) {
        StringBuilder sb = new StringBuilder();
        sb.append("# written by movescope kevy-config; kevy 5.4 (goliajp/kevy 311feac0)\n");
        sb.append("[server]\n");
        sb.append("bind = ").append(str(bind)).append('\n');
        sb.append("port = ").append(port).append('\n');
        sb.append("threads = ").append(c.shards()).append('\n');
        if (acceptShards.isPresent()) {
            sb.append("accept_shards = ").append(acceptShards.getAsInt()).append('\n');
        }
        sb.append("data_dir = ").append(str(dataDir.toString())).append('\n');
        sb.append('\n');
        sb.append("[persistence]\n");
        sb.append("aof = true\n");
        sb.append('\n');
        sb.append("[cluster]\n");
        if (c.clusterEnabled()) {
            sb.append("enabled = true\n");
        }
        sb.append("node_id = ").append(str(c.nodeId().orElse(""))).append('\n');
        sb.append("elect_port_base = ").append(electPort).append('\n');
        sb.append("peers = ").append(str(c.peersString())).append('\n');
        sb.append("scopes = ").append(str(c.scopesString())).append('\n');
        return sb.toString();
    }

    /** A TOML basic string. */
    static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
