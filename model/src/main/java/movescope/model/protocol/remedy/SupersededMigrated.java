package movescope.model.protocol.remedy;

import java.util.Map;
import java.util.Optional;
import movescope.model.migration.MigrationError;
import movescope.model.migration.MigrationState;
import movescope.model.migration.MigrationTable;

/**
 * The {@code ownershipEpoch} remedy's one table operation: a copy of a migration table without one MIGRATED
 * entry, superseded by a newer INGEST of the prefix. kevy's table has no removal from MIGRATED (and its
 * {@code MigratedOnlyGrows} holds between hand-overs); the remedy drops the entry only when the node owns the
 * prefix again at a newer epoch, so the table is rebuilt from its snapshots rather than given a remove.
 */
public final class SupersededMigrated {
    private SupersededMigrated() {}

    public static MigrationTable without(MigrationTable t, String prefix) {
        MigrationTable copy = t.layout().create();
        for (Map.Entry<String, MigrationState> e : t.migratedSnapshot().entrySet()) {
            if (!e.getKey().equals(prefix)) {
                check(copy.start(e.getKey(), e.getValue().from(), e.getValue().to()), e.getKey());
                copy.commit(e.getKey());
            }
        }
        for (Map.Entry<String, MigrationState> e : t.migratingSnapshot().entrySet()) {
            check(copy.start(e.getKey(), e.getValue().from(), e.getValue().to()), e.getKey());
        }
        return copy;
    }

    private static void check(Optional<MigrationError> refused, String prefix) {
        if (refused.isPresent()) {
            throw new IllegalStateException("rebuilding the migration table refused " + prefix + ": " + refused.get());
        }
    }
}
