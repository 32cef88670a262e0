package movescope.checker.trace;

import java.util.Objects;

/**
 * One trace line projected onto a node's migration table: what TraceMigrationTable.tla replays. Absent
 * fields are {@link #DASH} (strings) or {@code -1} (counts), as in the spec.
 *
 * @param line  the line number in the NDJSON file (from 1)
 * @param text  the line itself, for reports
 * @param op    the trace action ({@code Start}, {@code StartRefused}, {@code Commit}, {@code CommitRemove},
 *              {@code CommitInsert}, {@code Abort}, {@code Crash}, {@code Restart}, {@code ClientWrite})
 */
public record TraceEvent(int line, String text, String op, String node, String prefix, String from, String to,
        String error, String key, String verdict, String reason, boolean ok, int migratedRestored,
        int migratingRestored) {
    public static final String DASH = "-";

    public TraceEvent {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }
}
