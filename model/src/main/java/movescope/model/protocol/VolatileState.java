package movescope.model.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import movescope.model.migration.MigrationState;
import movescope.model.migration.MigrationTable;
import movescope.model.routing.Peers;
import movescope.model.scope.OwnershipTable;
import movescope.model.store.Store;

/**
 * What a node loses when its process dies (kevy-move-scope.md §6): the live stores, the ownership table
 * built at boot, the migration table (MIGRATING and MIGRATED), the prefix each shard is ingesting, the
 * moves in flight, the DOWN view (last heartbeat per peer), and per shard the busy flag with the client
 * commands queued behind it. Created by a boot, dropped by a crash. Package-private mutation only.
 */
public final class VolatileState {
    /** A client command waiting for busy shards, with the shards it touches. */
    record Pending(Input.ClientCommand command, SortedSet<Integer> shards) {
        Pending {
            shards = Collections.unmodifiableSortedSet(new java.util.TreeSet<>(shards));
        }
    }

    final NodeConfig config;
    final Peers peers;
    final OwnershipTable table;
    /** Not final: the {@code ownershipEpoch} remedy replaces it when a newer INGEST supersedes MIGRATED. */
    MigrationTable migrations;
    final ShardedStores stores;
    final long bootedAtMs;
    /** shard → prefix being ingested there (set only while an ingest step runs). */
    final TreeMap<Integer, String> ingesting = new TreeMap<>();
    /** prefix → move; one per prefix, because a second MOVE-SCOPE of it queues on the same shard. */
    final TreeMap<String, MoveInFlight> moves = new TreeMap<>();
    /** shard → id of the move that keeps it busy. */
    final TreeMap<Integer, String> busy = new TreeMap<>();
    /** Commands queued behind busy shards, in arrival order. */
    final List<Pending> pending = new ArrayList<>();
    /** peer id → virtual time of its last heartbeat (the DOWN view while the election plane is off). */
    final TreeMap<String, Long> lastHeard = new TreeMap<>();
    /** The election plane's elector, null while the plane is off; its peer views are then the DOWN view. */
    movescope.model.election.Elector elector;
    /** The replication write gate (kevy's ReplicationState flags). */
    movescope.model.election.ReplicationGate gate;
    /** The last (role, primary, quorum) the topology callback saw; null before the first pump. */
    ElectionDriver.View electView;

    VolatileState(NodeConfig config, OwnershipTable table, MigrationTable migrations, ShardedStores stores,
            long bootedAtMs) {
        this.config = config;
        this.peers = config.peersView();
        this.table = table;
        this.migrations = migrations;
        this.stores = stores;
        this.bootedAtMs = bootedAtMs;
    }

    /**
     * An independent copy. The migration table is rebuilt through its own API (MIGRATED by start+commit,
     * then MIGRATING by start), which reproduces any reachable content of either layout — including the
     * seed layout's commit window, where the prefix is simply in neither map.
     */
    VolatileState copy() {
        MigrationTable t = migrations.layout().create();
        for (Map.Entry<String, MigrationState> e : migrations.migratedSnapshot().entrySet()) {
            check(t.start(e.getKey(), e.getValue().from(), e.getValue().to()).isEmpty(), e.getKey());
            t.commit(e.getKey());
        }
        for (Map.Entry<String, MigrationState> e : migrations.migratingSnapshot().entrySet()) {
            check(t.start(e.getKey(), e.getValue().from(), e.getValue().to()).isEmpty(), e.getKey());
        }
        VolatileState v = new VolatileState(config, table, t, stores.copy(), bootedAtMs);
        v.ingesting.putAll(ingesting);
        for (Map.Entry<String, MoveInFlight> e : moves.entrySet()) {
            v.moves.put(e.getKey(), e.getValue().copy());
        }
        v.busy.putAll(busy);
        v.pending.addAll(pending);
        v.lastHeard.putAll(lastHeard);
        v.elector = elector == null ? null : elector.copy();
        v.gate = gate == null ? null : gate.copy();
        v.electView = electView;
        return v;
    }

    private static void check(boolean ok, String prefix) {
        if (!ok) {
            throw new IllegalStateException("prefix " + prefix + " is in both MIGRATING and MIGRATED; cannot copy");
        }
    }

    public OwnershipTable table() {
        return table;
    }

    public long bootedAtMs() {
        return bootedAtMs;
    }

    /** The live store of each shard. Callers must treat them as read-only. */
    public List<Store> stores() {
        return stores.all();
    }

    public SortedMap<Integer, String> busyShards() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(busy));
    }

    public SortedMap<String, Long> lastHeard() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(lastHeard));
    }

    public int queuedCommands() {
        return pending.size();
    }

    /** The election plane's elector (a copy), empty while the plane is off. */
    public Optional<movescope.model.election.Elector> elector() {
        return Optional.ofNullable(elector).map(movescope.model.election.Elector::copy);
    }

    /** The move whose current ship attempt has connection id {@code shipId} (see {@link MoveInFlight#shipId()}). */
    Optional<MoveInFlight> moveById(String shipId) {
        for (MoveInFlight m : moves.values()) {
            if (m.shipId().equals(shipId)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    Optional<MoveInFlight> moveByTimer(String timerId) {
        for (MoveInFlight m : moves.values()) {
            if (m.timers.contains(timerId)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
