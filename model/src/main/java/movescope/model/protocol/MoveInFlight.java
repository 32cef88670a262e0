package movescope.model.protocol;

import java.util.Optional;
import java.util.TreeSet;
import movescope.model.migration.MigrationState;

/**
 * One MOVE-SCOPE on its source, from Start to Commit/Abort: the operator's connection to answer, the
 * serialized bulk, where the ship stands, and the timers it has outstanding. Mutable, owned by
 * {@link VolatileState}; the outside sees {@link MoveView}.
 *
 * <p>A move ships once in kevy 5.4. With {@code retryAmbiguousShip} it may ship several times, and with
 * {@code migratingDurable} it may be resumed by a later incarnation of the node; each attempt has its own
 * connection id ({@link #shipId()}): the move id for attempt 1 (so kevy 5.4's ids are unchanged) and
 * {@code <moveId>#<attempt>} after that, so an event of an abandoned connection can never be taken for
 * the current one.
 */
final class MoveInFlight {
    enum Phase { CONNECTING, SENDING, AWAITING_REPLY, COMMITTING, WAITING_TO_RETRY }

    final String moveId;
    final String prefix;
    final String from;
    final String to;
    final String conn;
    final long reqId;
    final int shard;
    /**
     * Resumed at a boot ({@code migratingDurable}): the operator's connection died with the process that
     * started the move, so the end of the move is traced but answered to nobody.
     */
    final boolean resumed;
    /** Frames and bulk of the current attempt (every attempt ships a freshly serialized slice). */
    int frames;
    String bulk;
    /** The current ship attempt, from 1. */
    int attempt;
    Phase phase = Phase.CONNECTING;
    /** Seed layout: what commitRemove took out of MIGRATING, to insert when the window closes. */
    Optional<MigrationState> removed = Optional.empty();
    /** Timer ids set and not yet fired or cancelled. */
    final TreeSet<String> timers = new TreeSet<>();

    MoveInFlight(String moveId, String prefix, String from, String to, String conn, long reqId, int shard,
            int frames, String bulk) {
        this(moveId, prefix, from, to, conn, reqId, shard, false, 1, frames, bulk);
    }

    MoveInFlight(String moveId, String prefix, String from, String to, String conn, long reqId, int shard,
            boolean resumed, int attempt, int frames, String bulk) {
        this.moveId = moveId;
        this.prefix = prefix;
        this.from = from;
        this.to = to;
        this.conn = conn;
        this.reqId = reqId;
        this.shard = shard;
        this.resumed = resumed;
        this.attempt = attempt;
        this.frames = frames;
        this.bulk = bulk;
    }

    /** An independent copy (for {@link KevyNode#copy()}). */
    MoveInFlight copy() {
        MoveInFlight m = new MoveInFlight(moveId, prefix, from, to, conn, reqId, shard, resumed, attempt, frames,
                bulk);
        m.phase = phase;
        m.removed = removed;
        m.timers.addAll(timers);
        return m;
    }

    /** The id of the current attempt's connection, used in Connect/SendIngest effects and their inputs. */
    String shipId() {
        return attempt == 1 ? moveId : moveId + "#" + attempt;
    }

    String timerId(String kind) {
        return shipId() + "/" + kind;
    }

    MoveView view() {
        return new MoveView(moveId, prefix, from, to, shard, frames, phase.name());
    }
}
