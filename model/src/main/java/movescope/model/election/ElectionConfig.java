package movescope.model.election;

import java.util.Objects;
import java.util.Optional;

/**
 * The config of one node that the election plane and the replication gate read
 * (kevy-move-scope.md §8):
 *
 * @param listener         whether the election listener is up. kevy starts the plane whenever
 *                         {@code peers} and {@code node_id} are both set (state/election.rs:170-172) and
 *                         its listener binds (:86-99); a bind failure leaves it off. The model takes the
 *                         bind outcome as given: {@code true} means "it bound". With {@code peers} or
 *                         {@code node_id} unset the plane is off whatever this says
 * @param serverPort       {@code [server] port} (the client port)
 * @param electPortBase    {@code [cluster] elect_port_base}; 0 means {@code server.port + 200}
 * @param role             {@code [replication] role}
 * @param replicaReadOnly  {@code [replication] replica_read_only} (default true); applied only with
 *                         {@code role = "replica"} (crates/kevy/src/replication.rs:59-60)
 * @param upstream         {@code [replication] upstream} ({@code host:port}), read only with
 *                         {@code role = "replica"}
 */
public record ElectionConfig(boolean listener, int serverPort, int electPortBase, ReplicationRole role,
        boolean replicaReadOnly, Optional<String> upstream) {

    /** kevy's defaults with the listener off, for a node on client port 6004. */
    public static final ElectionConfig OFF = new ElectionConfig(false, 6004, 0, ReplicationRole.STANDALONE, true,
            Optional.empty());

    public ElectionConfig {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(upstream, "upstream");
        if (serverPort < 1 || serverPort > 65535) {
            throw new IllegalArgumentException("server port must be in 1..65535, got " + serverPort);
        }
        if (electPortBase < 0 || electPortBase > 65535) {
            throw new IllegalArgumentException("elect_port_base must be in 0..65535, got " + electPortBase);
        }
    }

    /**
     * The port the election listener binds: {@code elect_port_base}, or {@code server.port + 200}
     * (saturating at 65535) when that is 0 (crates/kevy/src/state/election.rs:306-314).
     */
    public int listenPort() {
        return electPortBase != 0 ? electPortBase : Math.min(65535, serverPort + 200);
    }

    /**
     * With {@code role = "replica"}: the upstream kevy's runners start toward at boot, when it parses as
     * {@code host:port} with a non-empty host and a u16 port (crates/kevy/src/replication.rs:85-109,
     * 135-140). The model takes every such host as resolvable.
     */
    public Optional<String[]> parsedUpstream() {
        if (upstream.isEmpty()) {
            return Optional.empty();
        }
        String s = upstream.get();
        int idx = s.lastIndexOf(':');
        if (idx <= 0) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(s.substring(idx + 1));
            if (port < 0 || port > 65535 || s.substring(idx + 1).startsWith("+")) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new String[] {s.substring(0, idx), s.substring(idx + 1)});
    }

    public ElectionConfig withListener(boolean on) {
        return new ElectionConfig(on, serverPort, electPortBase, role, replicaReadOnly, upstream);
    }

    public ElectionConfig withRole(ReplicationRole r) {
        return new ElectionConfig(listener, serverPort, electPortBase, r, replicaReadOnly, upstream);
    }
}
