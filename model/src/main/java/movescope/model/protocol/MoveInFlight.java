package movescope.model.protocol;

import java.util.Optional;
import java.util.TreeSet;
import movescope.model.migration.MigrationState;

/**
 * One MOVE-SCOPE on its source, from Start to Commit/Abort: the operator's connection to answer, the
 * serialized bulk, where the ship stands, and the timers it has outstanding. Mutable, owned by
 * {@link VolatileState}; the outside sees {@link MoveView}.
 */
final class MoveInFlight {
    enum Phase { CONNECTING, SENDING, AWAITING_REPLY, COMMITTING }

    final String moveId;
    final String prefix;
    final String from;
    final String to;
    final String conn;
    final long reqId;
    final int shard;
    final int frames;
    final String bulk;
    Phase phase = Phase.CONNECTING;
    /** Seed layout: what commitRemove took out of MIGRATING, to insert when the window closes. */
    Optional<MigrationState> removed = Optional.empty();
    /** Timer ids set and not yet fired or cancelled. */
    final TreeSet<String> timers = new TreeSet<>();

    MoveInFlight(String moveId, String prefix, String from, String to, String conn, long reqId, int shard,
            int frames, String bulk) {
        this.moveId = moveId;
        this.prefix = prefix;
        this.from = from;
        this.to = to;
        this.conn = conn;
        this.reqId = reqId;
        this.shard = shard;
        this.frames = frames;
        this.bulk = bulk;
    }

    /** An independent copy (for {@link KevyNode#copy()}). */
    MoveInFlight copy() {
        MoveInFlight m = new MoveInFlight(moveId, prefix, from, to, conn, reqId, shard, frames, bulk);
        m.phase = phase;
        m.removed = removed;
        m.timers.addAll(timers);
        return m;
    }

    String timerId(String kind) {
        return moveId + "/" + kind;
    }

    MoveView view() {
        return new MoveView(moveId, prefix, from, to, shard, frames, phase.name());
    }
}
