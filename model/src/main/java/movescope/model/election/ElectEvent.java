package movescope.model.election;

import java.util.Objects;

/**
 * A state change of the elector, reported so that the node can trace it (action {@code Elect},
 * docs/vocabulary.md) and tests can judge it. {@code peer} is the other node involved ("" when none).
 */
public record ElectEvent(Kind kind, long epoch, String peer) {
    /** What happened. */
    public enum Kind {
        /** The node stood for election: epoch + 1 saved, self-vote, OFFER broadcast. */
        STAND("stand"),
        /** It voted (ACCEPT) for {@code peer} in {@code epoch}. */
        VOTE("vote"),
        /** It reached quorum in {@code epoch}: PRIMARY, ANNOUNCE broadcast. */
        WIN("win"),
        /** Its candidacy timed out after 3 s: back to REPLICA, in backoff. */
        TIMEOUT("timeout"),
        /** It now takes {@code peer} as primary (from a heartbeat or an ANNOUNCE). */
        FOLLOW("follow"),
        /** It was PRIMARY and stepped down to REPLICA. */
        DEMOTE("demote");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public ElectEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(peer, "peer");
    }
}
