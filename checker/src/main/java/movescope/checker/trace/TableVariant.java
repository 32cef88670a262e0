package movescope.checker.trace;

import java.util.Objects;
import movescope.model.migration.TableLayout;
import movescope.model.protocol.Variant;

/**
 * The three variant switches that decide what a node's migration table does, and nothing else: the
 * layout (one atomic {@code Commit} or the seed's {@code CommitRemove}/{@code CommitInsert}) and which
 * map survives a crash. A trace does not say which variant produced it, so the caller must.
 *
 * @param layout           {@code "seed"} or {@code "atomic"}, as in MigrationTableImpl.tla's {@code Layout}
 * @param migratedDurable  MIGRATED is on disk and comes back at a restart
 * @param migratingDurable MIGRATING is on disk and comes back at a restart
 */
public record TableVariant(String layout, boolean migratedDurable, boolean migratingDurable) {
    public TableVariant {
        Objects.requireNonNull(layout, "layout");
        if (!layout.equals("seed") && !layout.equals("atomic")) {
            throw new IllegalArgumentException("layout must be seed or atomic, got " + layout);
        }
    }

    public static TableVariant of(Variant v) {
        return new TableVariant(v.tableLayout() == TableLayout.SEED ? "seed" : "atomic", v.migratedDurable(),
                v.migratingDurable());
    }

    @Override
    public String toString() {
        return layout + (migratedDurable ? ", migratedDurable" : "") + (migratingDurable ? ", migratingDurable" : "");
    }
}
