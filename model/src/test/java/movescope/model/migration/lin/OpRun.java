package movescope.model.migration.lin;

import java.util.Optional;
import movescope.model.migration.AtomicMigrationTable;
import movescope.model.migration.MigrationMatch;
import movescope.model.migration.MigrationState;
import movescope.model.migration.MigrationTable;
import movescope.model.migration.SeedLayoutMigrationTable;

/**
 * One operation executed as the sequence of critical sections the implementation really performs, so a
 * deterministic explorer can interleave them. Every access to a table's maps happens inside one
 * {@code synchronized} block, so interleaving at this granularity covers every behaviour real threads can
 * produce:
 * <ul>
 *   <li>seed commit = {@code commitRemove} (MIGRATING lock) then {@code commitInsert} (MIGRATED lock);</li>
 *   <li>route = {@code matchMigrating} then, if empty, {@code matchMigrated} — unless the router uses
 *       {@link RouteMode#TABLE} on the atomic table, whose {@code routeMatch} is one step;</li>
 *   <li>everything else is one step ({@code start} holds MIGRATING for its whole body).</li>
 * </ul>
 */
final class OpRun {
    private final LinOp op;
    private final MigrationTable table;
    private final RouteMode mode;
    private int steps;
    private Object result;
    private boolean done;
    private MigrationState removed;

    OpRun(LinOp op, MigrationTable table, RouteMode mode) {
        this.op = op;
        this.table = table;
        this.mode = mode;
    }

    boolean done() {
        return done;
    }

    Object result() {
        return result;
    }

    LinOp op() {
        return op;
    }

    /** Performs the next critical section. */
    void step() {
        if (done) {
            throw new IllegalStateException("step after done: " + op);
        }
        steps++;
        if (op instanceof LinOp.Start s) {
            finish(table.start(s.prefix(), s.from(), s.to()));
        } else if (op instanceof LinOp.Abort a) {
            finish(table.abort(a.prefix()));
        } else if (op instanceof LinOp.Commit c) {
            if (table instanceof SeedLayoutMigrationTable seed) {
                if (steps == 1) {
                    Optional<MigrationState> r = seed.commitRemove(c.prefix());
                    if (r.isEmpty()) {
                        finish(r);
                    } else {
                        removed = r.get();
                    }
                } else {
                    seed.commitInsert(c.prefix(), removed);
                    finish(Optional.of(removed));
                }
            } else {
                finish(table.commit(c.prefix()));
            }
        } else if (op instanceof LinOp.Route r) {
            if (mode == RouteMode.TABLE && table instanceof AtomicMigrationTable) {
                finish(table.routeMatch(r.key()));
            } else if (steps == 1) {
                Optional<MigrationState> m = table.matchMigrating(r.key());
                if (m.isPresent()) {
                    finish(new MigrationMatch.Migrating(m.get()));
                }
            } else {
                Optional<MigrationState> d = table.matchMigrated(r.key());
                finish(d.isPresent() ? new MigrationMatch.Migrated(d.get()) : new MigrationMatch.None());
            }
        } else {
            throw new IllegalStateException("unhandled op " + op);
        }
    }

    private void finish(Object r) {
        result = r;
        done = true;
    }

    /** Runs the whole operation as a real thread would: through the table's public API. */
    static Object runAtomically(LinOp op, MigrationTable table, RouteMode mode) {
        if (op instanceof LinOp.Start s) {
            return table.start(s.prefix(), s.from(), s.to());
        } else if (op instanceof LinOp.Commit c) {
            return table.commit(c.prefix());
        } else if (op instanceof LinOp.Abort a) {
            return table.abort(a.prefix());
        } else if (op instanceof LinOp.Route r) {
            if (mode == RouteMode.TABLE) {
                return table.routeMatch(r.key());
            }
            Optional<MigrationState> m = table.matchMigrating(r.key());
            if (m.isPresent()) {
                return new MigrationMatch.Migrating(m.get());
            }
            Optional<MigrationState> d = table.matchMigrated(r.key());
            return d.isPresent() ? new MigrationMatch.Migrated(d.get()) : new MigrationMatch.None();
        }
        throw new IllegalStateException("unhandled op " + op);
    }
}
