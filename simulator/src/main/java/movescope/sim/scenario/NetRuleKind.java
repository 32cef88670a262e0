package movescope.sim.scenario;

/** What a network rule does to a matching message. */
public enum NetRuleKind {
    DROP("drop"), DUPLICATE("duplicate"), DELAY("delay");

    private final String wireName;

    NetRuleKind(String wireName) {
        this.wireName = wireName;
    }

    /** The step's {@code do} value. */
    public String wireName() {
        return wireName;
    }
}
