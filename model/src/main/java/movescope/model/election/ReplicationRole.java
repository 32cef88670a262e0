package movescope.model.election;

import java.util.Locale;

/** {@code [replication] role} (crates/kevy-config/src/replication.rs); {@link #STANDALONE} is kevy's default. */
public enum ReplicationRole {
    STANDALONE("standalone"),
    PRIMARY("primary"),
    REPLICA("replica");

    private final String wireName;

    ReplicationRole(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ReplicationRole parse(String s) {
        for (ReplicationRole r : values()) {
            if (r.wireName.equals(s.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("expected one of standalone, primary, replica, got \"" + s + "\"");
    }
}
