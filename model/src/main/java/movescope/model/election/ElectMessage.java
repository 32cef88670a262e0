package movescope.model.election;

import java.util.Objects;

/**
 * One message on the election port ({@code crates/kevy-elect/src/message.rs}): the four verbs
 * {@code HB}, {@code OFFER}, {@code ACCEPT}, {@code ANNOUNCE}. The receiver takes the sender's id from the
 * message itself ({@link #sender()}, {@code crates/kevy-elect/src/transport_loops.rs:124-134}), not from the
 * connection.
 */
public sealed interface ElectMessage {

    /** The id the receiving elector files the message under. */
    String sender();

    /** The verb, as on the wire. */
    String verb();

    /** The epoch the message carries ({@code new_epoch} for OFFER). */
    long epoch();

    /** {@code HB <epoch> <node_id> <role> <repl_offset>}: every 200 ms to every other peer, no ACK. */
    record Hb(long epoch, String nodeId, ElectRole role, long replOffset) implements ElectMessage {
        public Hb {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public String sender() {
            return nodeId;
        }

        @Override
        public String verb() {
            return "HB";
        }
    }

    /** {@code OFFER <new_epoch> <candidate_id> <repl_offset>}: broadcast when a node stands. */
    record Offer(long newEpoch, String candidateId, long replOffset) implements ElectMessage {
        public Offer {
            Objects.requireNonNull(candidateId, "candidateId");
        }

        @Override
        public String sender() {
            return candidateId;
        }

        @Override
        public String verb() {
            return "OFFER";
        }

        @Override
        public long epoch() {
            return newEpoch;
        }
    }

    /** {@code ACCEPT <epoch> <accepter_id>}: a vote, sent to the candidate only. */
    record Accept(long epoch, String accepterId) implements ElectMessage {
        public Accept {
            Objects.requireNonNull(accepterId, "accepterId");
        }

        @Override
        public String sender() {
            return accepterId;
        }

        @Override
        public String verb() {
            return "ACCEPT";
        }
    }

    /**
     * {@code ANNOUNCE <epoch> <new_primary_id> <new_primary_addr>}: broadcast by the winner. The receiver
     * ignores the address ({@code elector_inbound.rs:131}).
     */
    record Announce(long epoch, String newPrimaryId, String newPrimaryAddr) implements ElectMessage {
        public Announce {
            Objects.requireNonNull(newPrimaryId, "newPrimaryId");
            Objects.requireNonNull(newPrimaryAddr, "newPrimaryAddr");
        }

        @Override
        public String sender() {
            return newPrimaryId;
        }

        @Override
        public String verb() {
            return "ANNOUNCE";
        }
    }
}
