package movescope.model.migration;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Faithful port of kevy-scope 2.0.20's {@code MigrationTable} (the seed): MIGRATING and MIGRATED each
 * behind its own lock. {@code start} holds the MIGRATING lock while it takes the MIGRATED lock;
 * {@code commit} removes from MIGRATING, RELEASES that lock, and only then locks MIGRATED to insert.
 * Between the two steps the prefix is in neither map — the "commit window". The only change from
 * the seed is TreeMap for HashMap, which no result depends on (see {@link PrefixMaps}).
 *
 * <p>The window is exposed as {@link #commitRemove} and {@link #commitInsert} so a deterministic
 * simulator can schedule other events between them; {@link #commit} runs the two back to back, exactly
 * like the seed. This class uses locks (real threads in tests exercise it) but never creates a thread.
 */
public final class SeedLayoutMigrationTable implements MigrationTable {
    private final Object migratingLock = new Object();
    private final Object migratedLock = new Object();
    private final TreeMap<String, MigrationState> migrating = new TreeMap<>();
    private final TreeMap<String, MigrationState> migrated = new TreeMap<>();

    @Override
    public Optional<MigrationError> start(String prefix, String from, String to) {
        Objects.requireNonNull(prefix, "prefix");
        MigrationState st = new MigrationState(from, to);
        synchronized (migratingLock) {
            if (migrating.containsKey(prefix)) {
                return Optional.of(MigrationError.ALREADY_MIGRATING);
            }
            // Still holding MIGRATING, as the seed does: lock order is always MIGRATING then MIGRATED.
            synchronized (migratedLock) {
                if (migrated.containsKey(prefix)) {
                    return Optional.of(MigrationError.ALREADY_MIGRATED);
                }
            }
            migrating.put(prefix, st);
            return Optional.empty();
        }
    }

    /** The seed's commit: {@link #commitRemove} then, with no lock held in between, {@link #commitInsert}. */
    @Override
    public Optional<MigrationState> commit(String prefix) {
        Optional<MigrationState> removed = commitRemove(prefix);
        removed.ifPresent(st -> commitInsert(prefix, st));
        return removed;
    }

    /**
     * First half of commit: remove {@code prefix} from MIGRATING under its lock and release it. After
     * this returns (with a state) and before {@link #commitInsert}, the prefix is in neither map.
     */
    public Optional<MigrationState> commitRemove(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        synchronized (migratingLock) {
            return Optional.ofNullable(migrating.remove(prefix));
        }
    }

    /** Second half of commit: insert (overwriting) into MIGRATED under its own lock. */
    public void commitInsert(String prefix, MigrationState state) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(state, "state");
        synchronized (migratedLock) {
            migrated.put(prefix, state);
        }
    }

    @Override
    public Optional<MigrationState> abort(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        synchronized (migratingLock) {
            return Optional.ofNullable(migrating.remove(prefix));
        }
    }

    @Override
    public Optional<MigrationState> lookupMigrating(String prefix) {
        synchronized (migratingLock) {
            return Optional.ofNullable(migrating.get(prefix));
        }
    }

    @Override
    public Optional<MigrationState> lookupMigrated(String prefix) {
        synchronized (migratedLock) {
            return Optional.ofNullable(migrated.get(prefix));
        }
    }

    @Override
    public Optional<MigrationState> matchMigrating(String key) {
        Objects.requireNonNull(key, "key");
        synchronized (migratingLock) {
            return PrefixMaps.longestMatch(migrating, key);
        }
    }

    @Override
    public Optional<MigrationState> matchMigrated(String key) {
        Objects.requireNonNull(key, "key");
        synchronized (migratedLock) {
            return PrefixMaps.longestMatch(migrated, key);
        }
    }

    @Override
    public SortedMap<String, MigrationState> migratingSnapshot() {
        synchronized (migratingLock) {
            return Collections.unmodifiableSortedMap(new TreeMap<>(migrating));
        }
    }

    @Override
    public SortedMap<String, MigrationState> migratedSnapshot() {
        synchronized (migratedLock) {
            return Collections.unmodifiableSortedMap(new TreeMap<>(migrated));
        }
    }

    @Override
    public TableLayout layout() {
        return TableLayout.SEED;
    }

    @Override
    public String toString() {
        // Same lock order as start, so toString cannot deadlock against it.
        synchronized (migratingLock) {
            synchronized (migratedLock) {
                return "SeedLayoutMigrationTable{migrating=" + migrating + ", migrated=" + migrated + "}";
            }
        }
    }
}
