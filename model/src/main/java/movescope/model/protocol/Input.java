package movescope.model.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Everything that can happen to one node, as delivered by the simulator (or a test) to
 * {@link KevyNode#step}. Time enters the model only through the {@code nowMs} fields here; the node has
 * no clock. Ids ({@code moveId}, {@code timerId}) are the ones the node itself put into its effects.
 */
public sealed interface Input {

    /**
     * A RESP command from a client, the operator, or a source node on connection {@code conn};
     * {@code reqId} is echoed in the {@link Effect.Reply}. {@code MOVE-SCOPE-INGEST} from a source arrives
     * this way too: the simulator turns a {@link Effect.SendIngest} into a ClientCommand on the target and
     * the target's Reply into a {@link PeerReply} on the source.
     */
    record ClientCommand(long nowMs, String conn, long reqId, List<String> args, int connShard) implements Input {
        /**
         * {@code connShard}: the shard that owns the connection (kevy's thread-per-core: the kernel gives each
         * new connection to one shard's {@code SO_REUSEPORT} listener and it stays there, kevy-source-facts §3).
         * {@link #KEY_SHARD} (-1) means "on the shard of the command's own key" (shard 0 for a keyless one): then
         * nothing about the connection's shard can differ from the key's, which is what a one-shard node has.
         * A shard number at or above the node's shard count is taken modulo it.
         */
        public ClientCommand {
            Objects.requireNonNull(conn, "conn");
            args = List.copyOf(args);
            if (connShard < KEY_SHARD) {
                throw new IllegalArgumentException("connShard must be >= -1, got " + connShard);
            }
        }

        /** A command on a connection that lives on its key's shard ({@link #KEY_SHARD}). */
        public ClientCommand(long nowMs, String conn, long reqId, List<String> args) {
            this(nowMs, conn, reqId, args, KEY_SHARD);
        }

        /** See the record's {@code connShard}. */
        public static final int KEY_SHARD = -1;
    }

    /**
     * The outcome of a {@link Effect.Connect}: {@code ok}, or failed with {@code error}, the OS error text
     * (e.g. {@link ShipFailure#CONNECTION_REFUSED}, {@link ShipFailure#NETWORK_UNREACHABLE}; null means
     * connection refused). The node renders it as kevy does: {@code connect "<addr>": <error>}.
     * A connect that never completes needs no input: the node's own 10 s connect timer fires.
     */
    record ConnectResult(long nowMs, String moveId, boolean ok, String error) implements Input {
        public ConnectResult {
            Objects.requireNonNull(moveId, "moveId");
        }
    }

    /**
     * The INGEST request of {@code moveId} has been fully written to the connection (for a bulk that fits
     * the socket buffers, as soon as it was sent). kevy starts its 60 s read timeout only now. A send that
     * never completes — the target stopped reading — is modelled by never delivering this input.
     */
    record SendComplete(long nowMs, String moveId) implements Input {
        public SendComplete {
            Objects.requireNonNull(moveId, "moveId");
        }
    }

    /**
     * What the source's one read of the target's reply got for the INGEST request of {@code moveId}. With
     * {@code raw = false} (the 3-argument form) {@code reply} is a RESP reply line without its CRLF, e.g.
     * {@code +OK 12} from a kevy node, and the read is that line plus CRLF; with {@code raw = true} it is
     * exactly the bytes of the read (one char per byte), e.g. from a scripted peer or a partial segment.
     * The node keeps at most {@link ShipFailure#FIRST_READ_MAX_BYTES} of it (scope_move.rs:213).
     */
    record PeerReply(long nowMs, String moveId, String reply, boolean raw) implements Input {
        public PeerReply {
            Objects.requireNonNull(moveId, "moveId");
            Objects.requireNonNull(reply, "reply");
        }

        public PeerReply(long nowMs, String moveId, String reply) {
            this(nowMs, moveId, reply, false);
        }

        /** The bytes of the one read. */
        public String firstRead() {
            return raw ? reply : reply + "\r\n";
        }
    }

    /**
     * The ship connection of {@code moveId} failed without a reply: EOF
     * ({@link ShipFailure#CONNECTION_CLOSED}), a reset ({@link ShipFailure#READ_RESET},
     * {@link ShipFailure#WRITE_RESET}), a closed socket under the send ({@link ShipFailure#WRITE_BROKEN_PIPE}),
     * EINTR on the read ({@link ShipFailure#INTERRUPTED}): the whole reason text, as kevy prints it.
     */
    record PeerError(long nowMs, String moveId, String reason) implements Input {
        public PeerError {
            Objects.requireNonNull(moveId, "moveId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A timer the node set with {@link Effect.SetTimer} fired. Stale timers are ignored. */
    record TimerFired(long nowMs, String timerId) implements Input {
        public TimerFired {
            Objects.requireNonNull(timerId, "timerId");
        }
    }

    /** A heartbeat from {@code peerId} arrived on the election port. */
    record HeartbeatFrom(long nowMs, String peerId) implements Input {
        public HeartbeatFrom {
            Objects.requireNonNull(peerId, "peerId");
        }
    }

    /**
     * A message reached this node's election listener ({@code [cluster] elect_port_base}, or
     * {@code port + 200}): a heartbeat, OFFER, ACCEPT or ANNOUNCE of kevy-elect. Ignored while the plane is off.
     */
    record ElectDeliver(long nowMs, movescope.model.election.ElectMessage message) implements Input {
        public ElectDeliver {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The process dies: volatile state is lost, durable state kept. */
    record Crash() implements Input {}

    /** The process (re)starts: boot from the durable state (a running node is stopped first). */
    record Restart(long nowMs) implements Input {}

    /** The operator replaces the config file; the node reads it at its next {@link Restart}. */
    record PushConfig(NodeConfig config) implements Input {
        public PushConfig {
            Objects.requireNonNull(config, "config");
        }
    }

    /** The node saves its store images and the log position they cover. */
    record Snapshot(long nowMs) implements Input {}
}
