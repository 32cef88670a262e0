package movescope.model.protocol;

import java.util.Objects;

/**
 * The source's MIGRATING entry as the {@code migratingDurable} remedy persists it: enough to resume the
 * move after a restart. kevy 5.4 persists nothing of the migration table.
 *
 * @param moveId   the move's id ({@code <node>/m<n>}); a resumed move keeps it, so the target's remembered
 *                 outcome ({@code retryAmbiguousShip}) answers the resumed ship like any other repeat
 * @param from     the source's node id when the move started
 * @param to       the target's node id
 * @param attempts the highest ship attempt number the move has used, begun or planned after a failure
 *                 (bookkeeping of the model, like the move counter: the resumed attempt is the next number,
 *                 so its connection and timer ids are never ones an earlier incarnation announced)
 */
public record MigratingEntry(String moveId, String from, String to, int attempts) {
    public MigratingEntry {
        Objects.requireNonNull(moveId, "moveId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
        }
    }
}
