package movescope.model.election;

import java.util.Optional;

/**
 * The write gate a node's replication state applies to every write verb, on the connection's shard,
 * before the scope check (kevy-move-scope.md §3; {@code crates/kevy-rt/src/exec.rs:108-112},
 * {@code exec_dispatch.rs:77-81}). A write it refuses is neither executed nor logged. Volatile: rebuilt
 * at every boot.
 *
 * <p>Its three flags are kevy's {@code ReplicationState} fields ({@code crates/kevy/src/state/replication.rs}):
 * {@code is_replica} (false at start, :133), {@code read_only} (true at start, :134) and
 * {@code quorum_fenced} (false, :137). The FAILOVER quiesce (gate step 2) and {@code min_replicas_to_write}
 * (step 4) are not modelled: nothing in movescope issues FAILOVER, and step 4 needs replication streams.
 */
public final class ReplicationGate {
    /** state/replication.rs:444. */
    public static final String NOREPLICAS_FENCED = "-NOREPLICAS primary lost quorum; writes fenced";
    /** state/replication.rs:451-453. */
    public static final String READONLY = "-READONLY You can't write against a read only replica.";

    private boolean isReplica;
    private boolean readOnly = true;
    private boolean quorumFenced;

    private ReplicationGate() {}

    /**
     * The gate after a boot with {@code cfg}; {@code planeUp} = the election transport started.
     * <ul>
     * <li>{@code role = "replica"}: {@code read_only = replica_read_only}, and with a parseable
     *   {@code upstream} the runners start, which sets {@code is_replica} (crates/kevy/src/replication.rs:59-64,
     *   85-109; state/replication.rs:228).</li>
     * <li>{@code role = "primary"} with the plane up: read-only replica flag until elected
     *   (state/election.rs:278-286). Without the plane a primary's writes are open.</li>
     * <li>{@code standalone}: nothing; {@code read_only} stays true, so the node answers READONLY as soon as
     *   it follows a primary.</li>
     * </ul>
     */
    public static ReplicationGate atBoot(ElectionConfig cfg, boolean planeUp) {
        ReplicationGate g = new ReplicationGate();
        if (cfg.role() == ReplicationRole.REPLICA) {
            g.readOnly = cfg.replicaReadOnly();
            if (cfg.parsedUpstream().isPresent()) {
                g.isReplica = true;
            }
        } else if (cfg.role() == ReplicationRole.PRIMARY && planeUp) {
            g.readOnly = true;
            g.isReplica = true;
        }
        return g;
    }

    public ReplicationGate copy() {
        ReplicationGate g = new ReplicationGate();
        g.isReplica = isReplica;
        g.readOnly = readOnly;
        g.quorumFenced = quorumFenced;
        return g;
    }

    /**
     * The topology callback (state/election.rs:191-223), run whenever {@code (role, primary, quorum)} changed
     * after a pump: the fence is on exactly for a PRIMARY without quorum; a PRIMARY stops its runners
     * ({@code is_replica = false}); a REPLICA that knows a primary other than itself starts runners toward
     * it ({@code is_replica = true}, state/replication.rs:207-231). A CANDIDATE, or a REPLICA with no known
     * primary, changes nothing else.
     */
    public void onTopologyChange(ElectRole role, Optional<String> primary, boolean quorum, String selfId) {
        quorumFenced = role == ElectRole.PRIMARY && !quorum;
        if (role == ElectRole.PRIMARY) {
            isReplica = false;
        } else if (role == ElectRole.REPLICA && primary.isPresent() && !primary.get().equals(selfId)) {
            isReplica = true;
        }
    }

    /** {@code write_denied_reply} (state/replication.rs:439-462), steps 1 and 3: the refusal, if any. */
    public Optional<String> writeDenied() {
        if (quorumFenced) {
            return Optional.of(NOREPLICAS_FENCED);
        }
        if (isReplica && readOnly) {
            return Optional.of(READONLY);
        }
        return Optional.empty();
    }

    public boolean isReplica() {
        return isReplica;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public boolean quorumFenced() {
        return quorumFenced;
    }

    /** {@code readonly}, {@code fenced} or {@code open}: for traces. */
    public String state() {
        return quorumFenced ? "fenced" : isReplica && readOnly ? "readonly" : "open";
    }
}
