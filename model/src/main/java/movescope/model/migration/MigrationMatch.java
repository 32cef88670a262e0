package movescope.model.migration;

import java.util.Objects;

/**
 * What the write path learns from the migration table for one key (kevy-move-scope.md §3 steps 2–3):
 * the longest MIGRATING match (QUIESCED), else the longest MIGRATED match (MISDIRECTED), else nothing.
 */
public sealed interface MigrationMatch {
    /** Step 2: a prefix of the key is in MIGRATING. */
    record Migrating(MigrationState state) implements MigrationMatch {
        public Migrating {
            Objects.requireNonNull(state, "state");
        }
    }

    /** Step 3: no MIGRATING match, and a prefix of the key is in MIGRATED. */
    record Migrated(MigrationState state) implements MigrationMatch {
        public Migrated {
            Objects.requireNonNull(state, "state");
        }
    }

    /** Neither map has a prefix of the key: routing falls through to the static table. */
    record None() implements MigrationMatch {}
}
