package movescope.sim.scenario;

/** The kinds of message a network rule can match (docs/scenario-format.md "steps"). */
public enum MessageClass {
    ANY("any"),
    /** A command from a client or the operator to a node. */
    REQUEST("request"),
    /** A node's reply to a client or the operator. */
    REPLY("reply"),
    /** The source's connect and its MOVE-SCOPE-INGEST request. */
    INGEST("ingest"),
    /** The target's reply to MOVE-SCOPE-INGEST. */
    INGEST_REPLY("ingestReply"),
    /** A heartbeat: the simulator's (election plane off) or kevy-elect's HB (plane on). */
    HEARTBEAT("heartbeat"),
    /** kevy-elect's OFFER, ACCEPT and ANNOUNCE on the election port. */
    ELECTION("election");

    private final String wireName;

    MessageClass(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean matches(MessageClass actual) {
        return this == ANY || this == actual;
    }

    public static MessageClass parse(String s) {
        for (MessageClass m : values()) {
            if (m.wireName.equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "expected one of any, request, reply, ingest, ingestReply, heartbeat, election, got \"" + s + "\"");
    }
}
