package movescope.live.adapter;

import java.util.Objects;
import java.util.Set;

/**
 * One election-plane message (kevy-elect's {@code HB}, {@code OFFER}, {@code ACCEPT}, {@code ANNOUNCE}) in live
 * mode's own words: the copy of the model's {@code ElectMessage} that the serve loop, its datagrams
 * ({@code movescope.live.serve.ElectDatagram}) and its journal use, so that only {@link ModelNode} names the
 * model's type. Roles are kevy's lowercase wire names.
 */
public sealed interface ElectMsg {
    /** The roles a heartbeat can claim ({@code message.rs:41-47}). */
    Set<String> ROLES = Set.of("primary", "replica", "candidate");

    /** The id the receiver files the message under (the message's own, not the connection's). */
    String sender();

    /** {@code HB <epoch> <node_id> <role> <repl_offset>}. */
    record Hb(long epoch, String nodeId, String role, long replOffset) implements ElectMsg {
        public Hb {
            Objects.requireNonNull(nodeId, "nodeId");
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("role must be one of primary, replica, candidate; got " + role);
            }
        }

        @Override
        public String sender() {
            return nodeId;
        }
    }

    /** {@code OFFER <new_epoch> <candidate_id> <repl_offset>}. */
    record Offer(long newEpoch, String candidateId, long replOffset) implements ElectMsg {
        public Offer {
            Objects.requireNonNull(candidateId, "candidateId");
        }

        @Override
        public String sender() {
            return candidateId;
        }
    }

    /** {@code ACCEPT <epoch> <accepter_id>}. */
    record Accept(long epoch, String accepterId) implements ElectMsg {
        public Accept {
            Objects.requireNonNull(accepterId, "accepterId");
        }

        @Override
        public String sender() {
            return accepterId;
        }
    }

    /** {@code ANNOUNCE <epoch> <new_primary_id> <new_primary_addr>}. */
    record Announce(long epoch, String newPrimaryId, String newPrimaryAddr) implements ElectMsg {
        public Announce {
            Objects.requireNonNull(newPrimaryId, "newPrimaryId");
            Objects.requireNonNull(newPrimaryAddr, "newPrimaryAddr");
        }

        @Override
        public String sender() {
            return newPrimaryId;
        }
    }
}
