package movescope.model.election;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import movescope.model.routing.Peer;
import movescope.model.store.Reply;

/**
 * {@code ROLE} as kevy answers it ({@code crates/kevy/src/ops/replication.rs:122-158, 166-181, 231-283}).
 * With the election plane up, the elector's role decides: PRIMARY →
 * {@code *3\r\n$6\r\nmaster\r\n:<offset>\r\n*<replicas>\r\n}; REPLICA or CANDIDATE →
 * {@code *5\r\n$5\r\nslave\r\n$<l>\r\n<host>\r\n:<port>\r\n$<l>\r\n<state>\r\n:<offset>\r\n} with the known
 * primary's {@code peers} host and <em>elect</em> port ({@code p.port}, :175-178), or {@code ""} and 0 with no
 * known primary. Without the plane: the live upstream (runners started by {@code role = "replica"}), else
 * the config role (standalone/primary → master, replica → its {@code upstream}).
 *
 * <p>What the model does not have, and renders as kevy does when it is absent: replication streams. Every
 * offset is 0 and a master lists no replicas ({@code *0}); a replica's link state is {@code connect} (never
 * {@code connected}/{@code sync}), which is exact for a standalone primary, which has no replication
 * listener (crates/kevy/src/replication.rs:76), and for an unreachable upstream.
 */
public final class RoleReply {
    private RoleReply() {}

    /** The link state the model always reports (ops/replication.rs:269-275 without a live link). */
    public static final String LINK_STATE = "connect";

    /**
     * The reply of a node whose plane is up ({@code elector} present) or not.
     *
     * @param peers the node's {@code peers} entries (where the primary's host and elect port come from)
     */
    public static Reply of(Optional<Elector> elector, List<Peer> peers, ElectionConfig cfg) {
        if (elector.isPresent()) {
            Elector e = elector.get();
            if (e.role() == ElectRole.PRIMARY) {
                return master();
            }
            if (e.currentPrimary().isEmpty()) {
                return slave("", 0);
            }
            for (Peer p : peers) {
                if (p.id().equals(e.currentPrimary().get())) {
                    return slave(p.host(), p.electPort());
                }
            }
            return slave("", 0); // :180, a primary id that no peers entry names
        }
        if (cfg.role() == ReplicationRole.REPLICA) {
            Optional<String[]> up = cfg.parsedUpstream();
            if (up.isPresent()) {
                return slave(up.get()[0], Integer.parseInt(up.get()[1]));
            }
            return slave("", 0); // :156 with an unset or unparseable upstream (parse_upstream, :289-)
        }
        return master();
    }

    /** {@code ["master", 0, []]}: offset sum 0, no replicas (ops/replication.rs:231-255). */
    public static Reply master() {
        return new Reply.ArrayReply(List.of(new Reply.Bulk("master"), Reply.integer(0),
                new Reply.ArrayReply(List.of())));
    }

    /** {@code ["slave", host, port, "connect", 0]} (ops/replication.rs:262-283). */
    public static Reply slave(String host, int port) {
        return new Reply.ArrayReply(List.of(new Reply.Bulk("slave"), new Reply.Bulk(host), Reply.integer(port),
                new Reply.Bulk(LINK_STATE), Reply.integer(0)));
    }

    /**
     * The RESP2 bytes of a reply, one char per byte (ISO-8859-1), as kevy's encoders write them:
     * {@code $<len>\r\n<bytes>\r\n} for bulks, {@code :<n>\r\n}, {@code *<n>\r\n} then the elements.
     */
    public static String resp(Reply r) {
        StringBuilder b = new StringBuilder();
        encode(r, b);
        return b.toString();
    }

    private static void encode(Reply r, StringBuilder b) {
        if (r instanceof Reply.ArrayReply a) {
            b.append('*').append(a.elements().size()).append("\r\n");
            for (Reply e : a.elements()) {
                encode(e, b);
            }
        } else if (r instanceof Reply.Bulk s) {
            b.append('$').append(s.value().getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n")
                    .append(s.value()).append("\r\n");
        } else if (r instanceof Reply.IntegerReply i) {
            b.append(':').append(i.value()).append("\r\n");
        } else if (r instanceof Reply.NullBulk) {
            b.append("$-1\r\n");
        } else {
            b.append(r.wire()).append("\r\n"); // simple strings and errors: the wire text is the line
        }
    }
}
