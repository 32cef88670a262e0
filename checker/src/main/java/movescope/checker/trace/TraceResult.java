package movescope.checker.trace;

import java.util.Objects;

/**
 * The verdict on one trace.
 *
 * @param name          the trace's label (its file, or a scenario name)
 * @param status        accepted, rejected, bad input or error
 * @param lines         lines in the trace
 * @param tableEvents   events projected onto the tables (what the spec replays)
 * @param eventsChecked events the spec matched (= tableEvents when accepted)
 * @param failingLine   the first line that could not be matched (from 1); 0 when none
 * @param failingText   that line's text; empty when none
 * @param reason        why it was rejected (or the input / TLC problem); empty when accepted
 */
public record TraceResult(String name, Status status, int lines, int tableEvents, int eventsChecked, int failingLine,
        String failingText, String reason) {

    public enum Status {
        /** TLC replayed every projected event: each is a step MigrationTable allows, with the same result. */
        ACCEPTED,
        /** An event is no step of the spec (or leaves a table in both maps). */
        REJECTED,
        /** The trace could not be read or projected; nothing was checked. */
        BAD_INPUT,
        /** TLC gave no verdict (a spec error, a timeout, a crash). */
        ERROR
    }

    public TraceResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(failingText, "failingText");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }
}
