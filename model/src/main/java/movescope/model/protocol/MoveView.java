package movescope.model.protocol;

/**
 * A read-only view of one MOVE-SCOPE in flight on its source, for invariant checkers and reports.
 *
 * @param phase  {@code CONNECTING} (waiting for the connect), {@code SENDING} (INGEST request being
 *               written), {@code AWAITING_REPLY} (the one read, under the 60 s timer), {@code COMMITTING}
 *               (seed layout only: removed from MIGRATING, not yet inserted into MIGRATED — the window),
 *               {@code WAITING_TO_RETRY} ({@code retryAmbiguousShip}: an attempt failed without a refusal;
 *               the prefix stays MIGRATING until the next attempt starts)
 * @param frames the number of rebuild frames serialized for the current attempt (at Start for the first;
 *               the {@code +OK <frames>} on commit)
 */
public record MoveView(String moveId, String prefix, String from, String to, int shard, int frames, String phase) {}
