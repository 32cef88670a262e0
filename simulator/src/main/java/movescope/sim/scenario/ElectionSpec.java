package movescope.sim.scenario;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import movescope.model.election.ElectionConfig;
import movescope.model.election.ReplicationRole;

/**
 * The election-plane and replication fields of the cluster (defaults for every node) or of one node
 * (overrides), each absent unless the file gives it, so that a written-back scenario stays as short as
 * the original (docs/scenario-format.md "cluster"):
 *
 * @param electionListener whether the election listener is up (kevy runs the plane whenever {@code peers}
 *                         and {@code node_id} are set and the listener binds); default false
 * @param electPortBase    {@code [cluster] elect_port_base}; default 0 = client port + 200
 * @param replicationRole  {@code [replication] role}; default standalone
 * @param replicaReadOnly  {@code [replication] replica_read_only}; default true
 * @param upstream         {@code [replication] upstream} (node only)
 */
public record ElectionSpec(Optional<Boolean> electionListener, OptionalInt electPortBase,
        Optional<ReplicationRole> replicationRole, Optional<Boolean> replicaReadOnly, Optional<String> upstream) {

    public static final ElectionSpec NONE = new ElectionSpec(Optional.empty(), OptionalInt.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public ElectionSpec {
        Objects.requireNonNull(electionListener, "electionListener");
        Objects.requireNonNull(electPortBase, "electPortBase");
        Objects.requireNonNull(replicationRole, "replicationRole");
        Objects.requireNonNull(replicaReadOnly, "replicaReadOnly");
        Objects.requireNonNull(upstream, "upstream");
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The node's model config: its own fields, else the cluster's, else kevy's defaults. */
    public static ElectionConfig resolve(ElectionSpec node, ElectionSpec cluster, int clientPort) {
        return new ElectionConfig(
                node.electionListener.or(() -> cluster.electionListener).orElse(false),
                clientPort,
                node.electPortBase.isPresent() ? node.electPortBase.getAsInt() : cluster.electPortBase.orElse(0),
                node.replicationRole.or(() -> cluster.replicationRole).orElse(ReplicationRole.STANDALONE),
                node.replicaReadOnly.or(() -> cluster.replicaReadOnly).orElse(true),
                node.upstream.or(() -> cluster.upstream));
    }
}
