package movescope.model.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import movescope.model.store.Reply;

/**
 * The two shapes of kevy's {@code ROLE} reply ({@code crates/kevy/src/ops/replication.rs:122-286}), pure
 * encoders for whoever knows the node's election state:
 * <ul>
 *   <li>{@link #master}: {@code *3 $6 master :<offset> *<n>} then per replica {@code *3} of three bulks
 *       ip, port, offset ({@code replication.rs:232-257}; {@code *0} with no replicas);</li>
 *   <li>{@link #slave}: {@code *5 $5 slave $<host> :<port> $<connect|connected|sync> :<offset>}
 *       ({@code replication.rs:264-286}); a follower or candidate that knows no primary answers host
 *       {@code ""} and port 0 ({@code replication.rs:135-141}).</li>
 * </ul>
 * {@code ROLE} with arguments is {@code -ERR wrong number of arguments for 'role' command}
 * ({@code replication.rs:123-125}). It runs on the connection's own shard ({@code cmd_resolve.rs:123-130}).
 */
public final class RoleReply {
    private RoleReply() {}

    /** The replica link state a follower reports. */
    public enum LinkState {
        /** No fresh heartbeat from the upstream (the default, and always for a standalone primary). */
        CONNECT("connect"),
        /** A fresh heartbeat from the upstream. */
        CONNECTED("connected"),
        /** A full-resync snapshot is being shipped. */
        SYNC("sync");

        private final String wire;

        LinkState(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** One replica in the master shape: its ip, advertised client port and acked (else sent) offset. */
    public record Replica(String ip, int port, long offset) {
        public Replica {
            Objects.requireNonNull(ip, "ip");
        }
    }

    /** The primary's (or standalone node's) reply. */
    public static Reply master(long offset, List<Replica> replicas) {
        List<Reply> rs = new ArrayList<>(replicas.size());
        for (Replica r : replicas) {
            rs.add(new Reply.ArrayReply(List.of(new Reply.Bulk(r.ip()), new Reply.Bulk(Integer.toString(r.port())),
                    new Reply.Bulk(Long.toString(r.offset())))));
        }
        return new Reply.ArrayReply(List.of(new Reply.Bulk("master"), Reply.integer(offset), new Reply.ArrayReply(rs)));
    }

    /** A follower's or candidate's reply; {@code host = ""}, {@code port = 0} when no primary is known. */
    public static Reply slave(String host, int port, LinkState state, long offset) {
        return new Reply.ArrayReply(List.of(new Reply.Bulk("slave"), new Reply.Bulk(host), Reply.integer(port),
                new Reply.Bulk(state.wire()), Reply.integer(offset)));
    }

    /** A follower that knows no primary. */
    public static Reply slaveWithoutPrimary(LinkState state, long offset) {
        return slave("", 0, state, offset);
    }

    /** {@code ROLE} with arguments. */
    public static Reply arityError() {
        return Reply.error("ERR wrong number of arguments for 'role' command");
    }
}
