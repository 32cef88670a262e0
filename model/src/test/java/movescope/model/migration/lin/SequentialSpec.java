package movescope.model.migration.lin;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import movescope.model.migration.MigrationError;
import movescope.model.migration.MigrationMatch;
import movescope.model.migration.MigrationState;

/**
 * The sequential specification of kevy-move-scope.md §2 as an immutable state, independent of both table
 * implementations: every operation is one atomic step. Longest match is found by trying every prefix of
 * the key, longest first.
 */
public record SequentialSpec(SortedMap<String, MigrationState> migrating, SortedMap<String, MigrationState> migrated) {

    public static SequentialSpec empty() {
        return new SequentialSpec(new TreeMap<>(), new TreeMap<>());
    }

    public SequentialSpec {
        migrating = Collections.unmodifiableSortedMap(new TreeMap<>(migrating));
        migrated = Collections.unmodifiableSortedMap(new TreeMap<>(migrated));
    }

    /** The result an operation returns from this state, and the state after it. */
    public record Step(Object result, SequentialSpec next) {}

    public Step apply(LinOp op) {
        if (op instanceof LinOp.Start s) {
            if (migrating.containsKey(s.prefix())) {
                return new Step(Optional.of(MigrationError.ALREADY_MIGRATING), this);
            }
            if (migrated.containsKey(s.prefix())) {
                return new Step(Optional.of(MigrationError.ALREADY_MIGRATED), this);
            }
            TreeMap<String, MigrationState> m = new TreeMap<>(migrating);
            m.put(s.prefix(), new MigrationState(s.from(), s.to()));
            return new Step(Optional.empty(), new SequentialSpec(m, migrated));
        }
        if (op instanceof LinOp.Commit c) {
            MigrationState st = migrating.get(c.prefix());
            if (st == null) {
                return new Step(Optional.empty(), this);
            }
            TreeMap<String, MigrationState> m = new TreeMap<>(migrating);
            m.remove(c.prefix());
            TreeMap<String, MigrationState> d = new TreeMap<>(migrated);
            d.put(c.prefix(), st);
            return new Step(Optional.of(st), new SequentialSpec(m, d));
        }
        if (op instanceof LinOp.Abort a) {
            MigrationState st = migrating.get(a.prefix());
            if (st == null) {
                return new Step(Optional.empty(), this);
            }
            TreeMap<String, MigrationState> m = new TreeMap<>(migrating);
            m.remove(a.prefix());
            return new Step(Optional.of(st), new SequentialSpec(m, migrated));
        }
        if (op instanceof LinOp.Route r) {
            Optional<MigrationState> q = longest(migrating, r.key());
            if (q.isPresent()) {
                return new Step(new MigrationMatch.Migrating(q.get()), this);
            }
            Optional<MigrationState> d = longest(migrated, r.key());
            return new Step(d.isPresent() ? new MigrationMatch.Migrated(d.get()) : new MigrationMatch.None(), this);
        }
        throw new IllegalStateException("unhandled op " + op);
    }

    private static Optional<MigrationState> longest(SortedMap<String, MigrationState> map, String key) {
        for (int len = key.length(); len >= 0; len--) {
            MigrationState st = map.get(key.substring(0, len));
            if (st != null) {
                return Optional.of(st);
            }
        }
        return Optional.empty();
    }
}
