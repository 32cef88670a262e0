package movescope.model.migration.lin;

/**
 * An operation on a MigrationTable as the linearizability checks see it. {@code Route} is the write path's
 * read: the longest MIGRATING match, else the longest MIGRATED match (kevy-move-scope.md §3 steps 2–3).
 */
public sealed interface LinOp {
    record Start(String prefix, String from, String to) implements LinOp {
        @Override
        public String toString() {
            return "start(" + prefix + "," + from + "→" + to + ")";
        }
    }

    record Commit(String prefix) implements LinOp {
        @Override
        public String toString() {
            return "commit(" + prefix + ")";
        }
    }

    record Abort(String prefix) implements LinOp {
        @Override
        public String toString() {
            return "abort(" + prefix + ")";
        }
    }

    record Route(String key) implements LinOp {
        @Override
        public String toString() {
            return "route(" + key + ")";
        }
    }
}
