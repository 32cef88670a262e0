package movescope.model.election;

/**
 * The elector's self-perceived role, as carried in its heartbeat ({@code crates/kevy-elect/src/message.rs:26-49}).
 * It is not {@code [replication] role} ({@link ReplicationRole}): that is the config's preference, which the
 * elector clamps to {@link #REPLICA} at boot ({@code crates/kevy/src/state/election.rs:278-287}).
 */
public enum ElectRole {
    /** This node won the election (or followed no one's claim over its own) and accepts writes. */
    PRIMARY("primary"),
    /** A follower: it knows a primary, or none yet. */
    REPLICA("replica"),
    /** It sent OFFER for its current epoch and waits for quorum ACCEPTs. */
    CANDIDATE("candidate");

    private final String wireName;

    ElectRole(String wireName) {
        this.wireName = wireName;
    }

    /** The lowercase wire form ({@code message.rs:41-47}). */
    public String wireName() {
        return wireName;
    }
}
