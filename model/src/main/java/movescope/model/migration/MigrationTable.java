package movescope.model.migration;

import java.util.Optional;
import java.util.SortedMap;

/**
 * kevy-scope's {@code MigrationTable} (kevy-move-scope.md §2): MIGRATING and MIGRATED, each
 * {@code prefix → (from, to)}. Two layouts implement it: {@link SeedLayoutMigrationTable} (the seed as
 * built, two locks, commit window) and {@link AtomicMigrationTable} (every operation atomic).
 *
 * <p>Keys and prefixes are compared as exact strings ({@code lookup*}) or by "key starts with prefix"
 * ({@code match*}, longest prefix wins, so nested in-flight prefixes route deterministically).
 */
public interface MigrationTable {
    /** Puts {@code prefix} into MIGRATING; empty on success, else why it refused. */
    Optional<MigrationError> start(String prefix, String from, String to);

    /** Moves {@code prefix} from MIGRATING to MIGRATED; returns the committed state, empty if absent. */
    Optional<MigrationState> commit(String prefix);

    /** Drops {@code prefix} from MIGRATING only; returns what was removed, empty if absent. */
    Optional<MigrationState> abort(String prefix);

    /** Exact-prefix lookup in MIGRATING. */
    Optional<MigrationState> lookupMigrating(String prefix);

    /** Exact-prefix lookup in MIGRATED. */
    Optional<MigrationState> lookupMigrated(String prefix);

    /** The state of the longest prefix of {@code key} in MIGRATING. */
    Optional<MigrationState> matchMigrating(String key);

    /** The state of the longest prefix of {@code key} in MIGRATED. */
    Optional<MigrationState> matchMigrated(String key);

    /**
     * The write path's read (steps 2–3): {@link #matchMigrating}, then — only if that found nothing —
     * {@link #matchMigrated}. kevy makes these two separate locked calls, and so does
     * {@link SeedLayoutMigrationTable}; {@link AtomicMigrationTable} answers from one snapshot, because
     * two calls are not linearizable even on an atomic table (a start and a commit of nested prefixes
     * between them yield a MISDIRECTED no single instant justifies; see the linearizability tests).
     */
    default MigrationMatch routeMatch(String key) {
        java.util.Optional<MigrationState> m = matchMigrating(key);
        if (m.isPresent()) {
            return new MigrationMatch.Migrating(m.get());
        }
        return matchMigrated(key).<MigrationMatch>map(MigrationMatch.Migrated::new).orElseGet(MigrationMatch.None::new);
    }

    /** A copy of MIGRATING, taken under its lock. */
    SortedMap<String, MigrationState> migratingSnapshot();

    /** A copy of MIGRATED, taken under its lock. */
    SortedMap<String, MigrationState> migratedSnapshot();

    /** Which layout this is (so traces and reports can name it). */
    TableLayout layout();
}
