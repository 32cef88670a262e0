package movescope.model.migration;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The remedy layout: both maps behind ONE lock, so every operation — commit included — is a single
 * atomic step. There is no instant at which a committed prefix is in neither map, and a concurrent
 * {@code start} sees either MIGRATING or MIGRATED, never the gap between them.
 */
public final class AtomicMigrationTable implements MigrationTable {
    private final Object lock = new Object();
    private final TreeMap<String, MigrationState> migrating = new TreeMap<>();
    private final TreeMap<String, MigrationState> migrated = new TreeMap<>();

    @Override
    public Optional<MigrationError> start(String prefix, String from, String to) {
        Objects.requireNonNull(prefix, "prefix");
        MigrationState st = new MigrationState(from, to);
        synchronized (lock) {
            if (migrating.containsKey(prefix)) {
                return Optional.of(MigrationError.ALREADY_MIGRATING);
            }
            if (migrated.containsKey(prefix)) {
                return Optional.of(MigrationError.ALREADY_MIGRATED);
            }
            migrating.put(prefix, st);
            return Optional.empty();
        }
    }

    @Override
    public Optional<MigrationState> commit(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        synchronized (lock) {
            MigrationState st = migrating.remove(prefix);
            if (st == null) {
                return Optional.empty();
            }
            migrated.put(prefix, st);
            return Optional.of(st);
        }
    }

    @Override
    public Optional<MigrationState> abort(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        synchronized (lock) {
            return Optional.ofNullable(migrating.remove(prefix));
        }
    }

    @Override
    public Optional<MigrationState> lookupMigrating(String prefix) {
        synchronized (lock) {
            return Optional.ofNullable(migrating.get(prefix));
        }
    }

    @Override
    public Optional<MigrationState> lookupMigrated(String prefix) {
        synchronized (lock) {
            return Optional.ofNullable(migrated.get(prefix));
        }
    }

    @Override
    public Optional<MigrationState> matchMigrating(String key) {
        Objects.requireNonNull(key, "key");
        synchronized (lock) {
            return PrefixMaps.longestMatch(migrating, key);
        }
    }

    @Override
    public Optional<MigrationState> matchMigrated(String key) {
        Objects.requireNonNull(key, "key");
        synchronized (lock) {
            return PrefixMaps.longestMatch(migrated, key);
        }
    }

    /** Both matches under the one lock: the router's read is a single atomic step. */
    @Override
    public MigrationMatch routeMatch(String key) {
        Objects.requireNonNull(key, "key");
        synchronized (lock) {
            Optional<MigrationState> m = PrefixMaps.longestMatch(migrating, key);
            if (m.isPresent()) {
                return new MigrationMatch.Migrating(m.get());
            }
            Optional<MigrationState> d = PrefixMaps.longestMatch(migrated, key);
            return d.isPresent() ? new MigrationMatch.Migrated(d.get()) : new MigrationMatch.None();
        }
    }

    @Override
    public SortedMap<String, MigrationState> migratingSnapshot() {
        synchronized (lock) {
            return Collections.unmodifiableSortedMap(new TreeMap<>(migrating));
        }
    }

    @Override
    public SortedMap<String, MigrationState> migratedSnapshot() {
        synchronized (lock) {
            return Collections.unmodifiableSortedMap(new TreeMap<>(migrated));
        }
    }

    @Override
    public TableLayout layout() {
        return TableLayout.ATOMIC;
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "AtomicMigrationTable{migrating=" + migrating + ", migrated=" + migrated + "}";
        }
    }
}
