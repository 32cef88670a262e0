package movescope.sim.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import movescope.model.scope.Scope;

/**
 * One node of the cluster. Absent {@code peers}/{@code scopes}/{@code shards} mean "the cluster's" and are
 * kept absent so that a written-back scenario stays as short as the original.
 *
 * @param nodeId   whether {@code [cluster] node_id} is set (to {@code id})
 * @param election this node's election-plane and replication overrides
 * @param legacyPeerToken whether every config lists this node with kevy's legacy two-field token
 *                 {@code id@host:elect_port} (scenario field {@code "peerToken": "legacy"}): kevy then has no
 *                 client port for it and points clients at the elect port (kevy-move-scope.md §8, §3)
 * @param acceptShards kevy's {@code [server] accept_shards}: new connections land on shards {@code 0..n-1} only
 *                 (empty = every shard accepts)
 */
public record NodeSpec(
        String id,
        String host,
        int clientPort,
        int electPort,
        boolean nodeId,
        Optional<List<String>> peers,
        Optional<List<Scope>> scopes,
        OptionalInt shards,
        ElectionSpec election,
        boolean legacyPeerToken,
        OptionalInt acceptShards) {

    public static final int DEFAULT_CLIENT_PORT = 6004;
    public static final int DEFAULT_ELECT_PORT = 16100;

    public NodeSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        peers = peers.map(List::copyOf);
        scopes = scopes.map(List::copyOf);
        Objects.requireNonNull(shards, "shards");
        Objects.requireNonNull(election, "election");
        Objects.requireNonNull(acceptShards, "acceptShards");
    }

    /** A node on which every shard accepts connections. */
    public NodeSpec(String id, String host, int clientPort, int electPort, boolean nodeId,
            Optional<List<String>> peers, Optional<List<Scope>> scopes, OptionalInt shards, ElectionSpec election,
            boolean legacyPeerToken) {
        this(id, host, clientPort, electPort, nodeId, peers, scopes, shards, election, legacyPeerToken,
                OptionalInt.empty());
    }

    /** A node listed with the extended (three-field) peer token. */
    public NodeSpec(String id, String host, int clientPort, int electPort, boolean nodeId,
            Optional<List<String>> peers, Optional<List<Scope>> scopes, OptionalInt shards, ElectionSpec election) {
        this(id, host, clientPort, electPort, nodeId, peers, scopes, shards, election, false);
    }

    /** A node without election-plane overrides. */
    public NodeSpec(String id, String host, int clientPort, int electPort, boolean nodeId,
            Optional<List<String>> peers, Optional<List<Scope>> scopes, OptionalInt shards) {
        this(id, host, clientPort, electPort, nodeId, peers, scopes, shards, ElectionSpec.NONE);
    }

    public String clientAddr() {
        return host + ":" + clientPort;
    }

    /** Default host of the node at {@code position} (0-based) in the file: {@code 10.0.0.<position+1>}. */
    public static String defaultHost(int position) {
        return "10." + ((position + 1) / 65536) + "." + (((position + 1) / 256) % 256) + "." + ((position + 1) % 256);
    }
}
