package movescope.sim.check;

import java.util.Objects;

/**
 * One write a node applied to a probe key: what (SET value / RPUSH element / DEL), where, when, for which
 * request; {@link #acked} turns true when the client or operator receives the success reply.
 */
public final class WriteRecord {
    public enum Kind { SET, RPUSH, DEL }

    final long id;
    final String key;
    final Kind kind;
    final String value;
    final String node;
    final long appliedAt;
    final String conn;
    final long reqId;
    boolean acked;
    long ackedAt = -1;
    /** The absolute deadline (virtual ms) a {@code SET ... EX/PX/EXAT/PXAT} gave the key, or -1. */
    long expiresAt = -1;

    WriteRecord(long id, String key, Kind kind, String value, String node, long appliedAt, String conn, long reqId) {
        this.id = id;
        this.key = Objects.requireNonNull(key);
        this.kind = kind;
        this.value = value;
        this.node = node;
        this.appliedAt = appliedAt;
        this.conn = conn;
        this.reqId = reqId;
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    public String value() {
        return value;
    }

    public String node() {
        return node;
    }

    public long appliedAt() {
        return appliedAt;
    }

    public boolean acked() {
        return acked;
    }

    /** The key's TTL deadline set by this write (absolute virtual ms), or -1 when it set none. */
    public long expiresAt() {
        return expiresAt;
    }

    public long ackedAt() {
        return ackedAt;
    }

    public String conn() {
        return conn;
    }

    public long reqId() {
        return reqId;
    }

    /** e.g. {@code SET app:1 "w0-3" applied on a at 120 ms, acked at 122 ms (conn w0@a #4)}. */
    public String describe() {
        String what = switch (kind) {
            case SET -> "SET " + key + " \"" + value + "\"";
            case RPUSH -> "RPUSH " + key + " \"" + value + "\"";
            case DEL -> "DEL " + key;
        };
        return what + " applied on " + node + " at " + appliedAt + " ms"
                + (acked ? ", acked at " + ackedAt + " ms" : ", not acked") + " (conn " + conn + " #" + reqId + ")";
    }
}
