package movescope.sim.scenario;

import java.util.Locale;

/** Which nodes receive heartbeats (docs/scenario-format.md "Heartbeats"). */
public enum HeartbeatPolicy {
    /** Every node hears every peer in its {@code peers} list. */
    ALL("all"),
    /** A node hears peer p only if its table has a scope written by p with a fallback. */
    FALLBACKS("fallbacks"),
    /** No heartbeats at all. */
    NONE("none");

    private final String wireName;

    HeartbeatPolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static HeartbeatPolicy parse(String s) {
        for (HeartbeatPolicy p : values()) {
            if (p.wireName.equals(s.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected one of all, fallbacks, none, got \"" + s + "\"");
    }
}
