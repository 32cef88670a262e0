package movescope.model.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import movescope.model.migration.MigrationState;

/**
 * What survives a crash of a node (kevy-move-scope.md §6): the config file (and a pushed config not yet
 * booted), the append-only log, and the last snapshot image. With the {@code migratedDurable} remedy,
 * MIGRATED is kept here too; kevy 5.4 keeps nothing of the migration table.
 *
 * <p>Read-only from outside the package: {@link KevyNode} is the only writer.
 */
public final class DurableState {
    private NodeConfig config;
    private Optional<NodeConfig> pendingConfig = Optional.empty();
    private final List<LogEntry> log = new ArrayList<>();
    private Optional<SnapshotImage> snapshot = Optional.empty();
    private final TreeMap<String, MigrationState> migrated = new TreeMap<>();

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

    /** The append-only log, oldest first. */
    public List<LogEntry> log() {
        return Collections.unmodifiableList(log);
    }

    public Optional<SnapshotImage> snapshot() {
        return snapshot;
    }

    /** MIGRATED as persisted by the {@code migratedDurable} remedy (always empty for kevy 5.4). */
    public SortedMap<String, MigrationState> migrated() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(migrated));
    }

    /** An independent copy (log entries and snapshot images are immutable and shared). */
    DurableState copy() {
        DurableState d = new DurableState(config);
        d.pendingConfig = pendingConfig;
        d.log.addAll(log);
        d.snapshot = snapshot;
        d.migrated.putAll(migrated);
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

    void persistMigrated(String prefix, MigrationState st) {
        migrated.put(prefix, st);
    }
}
