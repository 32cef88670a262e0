package movescope.model.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import movescope.model.election.ElectMeta;
import movescope.model.migration.MigrationState;

/**
 * What survives a crash of a node (kevy-move-scope.md §6): the config file (and a pushed config not yet
 * booted), the append-only log, and the last snapshot image. The remedies add: MIGRATED
 * ({@code migratedDurable}), MIGRATING with the move ids to resume ({@code migratingDurable}), the
 * prefixes this node owns by a successful INGEST ({@code ownershipOnIngest}) and the first outcome of
 * every INGEST by move id ({@code retryAmbiguousShip}). kevy 5.4 keeps none of them: they stay empty.
 *
 * <p>Read-only from outside the package: {@link KevyNode} is the only writer.
 */
public final class DurableState {
    private NodeConfig config;
    private Optional<NodeConfig> pendingConfig = Optional.empty();
    private final List<LogEntry> log = new ArrayList<>();
    private Optional<SnapshotImage> snapshot = Optional.empty();
    private final TreeMap<String, MigrationState> migrated = new TreeMap<>();
    private final TreeMap<String, MigratingEntry> migrating = new TreeMap<>();
    private final TreeSet<String> ownedByIngest = new TreeSet<>();
    private final TreeMap<String, String> ingestOutcomes = new TreeMap<>();
    /**
     * {@code <data_dir>/shards.meta}: the shard count and routing scheme the files were written under
     * (crates/kevy-rt/src/reshard.rs:23-49); empty until the first boot records it.
     */
    private Optional<Layout> layout = Optional.empty();
    /** {@code <data_dir>/elect.meta}: the elector's saved (epoch, voted_for) pair (kevy-elect persist.rs). */
    private ElectMeta electMeta = ElectMeta.NONE;

    DurableState(NodeConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The config file the node last booted with (or will boot with, when nothing is pending). */
    public NodeConfig config() {
        return config;
    }

    /** A config pushed by the operator that the next boot will read. */
    public Optional<NodeConfig> pendingConfig() {
        return pendingConfig;
    }

    /** The config the next boot will use. */
    public NodeConfig configForNextBoot() {
        return pendingConfig.orElse(config);
    }

    /**
     * Every shard's log entries, oldest first, in the order they were appended, from the node's first boot on
     * (the entries up to the snapshot's {@link SnapshotImage#logPosition} included: kevy's SAVE swaps in a fresh
     * log, see {@link #aof(int)} for what a shard's file holds now).
     */
    public List<LogEntry> log() {
        return Collections.unmodifiableList(log);
    }

    /**
     * What {@code aof-<shard>.aof} holds: the frames logged on {@code shard} after the last snapshot, oldest
     * first (SAVE/BGSAVE swap in a fresh log, crates/kevy-rt/src/persist_worker.rs:224-264; a reshard at boot
     * leaves every shard a fresh empty log, crates/kevy-persist/src/reshard.rs:16-18). Empty for a shard the
     * node does not have.
     */
    public List<LogEntry> aof(int shard) {
        int from = snapshot.map(SnapshotImage::logPosition).orElse(0);
        List<LogEntry> out = new ArrayList<>();
        for (LogEntry e : log.subList(from, log.size())) {
            if (e.shard() == shard) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The shard count and routing scheme recorded at the last boot ({@code shards.meta}); empty before the
     * first boot.
     */
    public Optional<Layout> layout() {
        return layout;
    }

    /**
     * A {@code shards.meta}: the shard count and whether keys map to shards by CRC16 slot ranges
     * ({@code [cluster] enabled}, {@code Routing::Slots}) or by kevy_hash ({@code Routing::KevyHash}).
     */
    public record Layout(int shards, boolean clusterSlots) {
        public Layout {
            if (shards < 1) {
                throw new IllegalArgumentException("shards " + shards);
            }
        }
    }

    public Optional<SnapshotImage> snapshot() {
        return snapshot;
    }

    /** MIGRATED as persisted by the {@code migratedDurable} remedy (always empty for kevy 5.4). */
    public SortedMap<String, MigrationState> migrated() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(migrated));
    }

    /** prefix → MIGRATING entry as persisted by the {@code migratingDurable} remedy (always empty for kevy 5.4). */
    public SortedMap<String, MigratingEntry> migrating() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(migrating));
    }

    /**
     * The prefixes this node owns because an INGEST of them succeeded here ({@code ownershipOnIngest};
     * always empty for kevy 5.4).
     */
    public SortedSet<String> ownedByIngest() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(ownedByIngest));
    }

    /**
     * move id → the reply this node gave the first INGEST of that move ({@code retryAmbiguousShip}; always
     * empty for kevy 5.4). A repeated INGEST of the move is answered with it and applies nothing.
     */
    public SortedMap<String, String> ingestOutcomes() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(ingestOutcomes));
    }

    /** The election plane's {@code elect.meta} ({@link ElectMeta#NONE} until the elector first saves). */
    public ElectMeta electMeta() {
        return electMeta;
    }

    void saveElectMeta(ElectMeta m) {
        electMeta = Objects.requireNonNull(m, "electMeta");
    }

    /** An independent copy (log entries and snapshot images are immutable and shared). */
    DurableState copy() {
        DurableState d = new DurableState(config);
        d.pendingConfig = pendingConfig;
        d.log.addAll(log);
        d.snapshot = snapshot;
        d.migrated.putAll(migrated);
        d.migrating.putAll(migrating);
        d.ownedByIngest.addAll(ownedByIngest);
        d.ingestOutcomes.putAll(ingestOutcomes);
        d.electMeta = electMeta;
        d.layout = layout;
        return d;
    }

    void push(NodeConfig c) {
        pendingConfig = Optional.of(Objects.requireNonNull(c, "config"));
    }

    /** The boot reads the config file: a pushed config becomes the config. */
    NodeConfig adoptPending() {
        pendingConfig.ifPresent(c -> config = c);
        pendingConfig = Optional.empty();
        return config;
    }

    void append(LogEntry e) {
        log.add(e);
    }

    void saveSnapshot(SnapshotImage image) {
        snapshot = Optional.of(image);
    }

    void recordLayout(Layout l) {
        layout = Optional.of(Objects.requireNonNull(l, "layout"));
    }

    void persistMigrated(String prefix, MigrationState st) {
        migrated.put(prefix, st);
    }

    /** remedy ownershipEpoch: a newer INGEST of the prefix superseded this node's MIGRATED entry. */
    void forgetMigrated(String prefix) {
        migrated.remove(prefix);
    }

    void persistMigrating(String prefix, MigratingEntry e) {
        migrating.put(prefix, e);
    }

    void forgetMigrating(String prefix) {
        migrating.remove(prefix);
    }

    void learnOwnership(String prefix) {
        ownedByIngest.add(prefix);
    }

    /** The first outcome wins: a later call for the same move changes nothing. */
    void rememberIngestOutcome(String moveId, String reply) {
        ingestOutcomes.putIfAbsent(moveId, reply);
    }
}
