package movescope.sim.scenario;

/**
 * Fault probabilities that are not network-wide (kevy-source-facts §1, "Why the read can see EINTR"):
 * {@code eintr} is the probability that a client command on a connection of the shard whose MOVE-SCOPE waits
 * for the INGEST reply makes that read fail with EINTR (traffic on the waiting shard's io_uring ring);
 * {@code eintrPerMove} is the probability, drawn once per wait, that the read fails with EINTR with no such
 * traffic at all (an idle shard: a new connection accepted on it, or a real signal).
 */
public record FaultSpec(double eintr, double eintrPerMove) {
    public static final FaultSpec NONE = new FaultSpec(0, 0);

    public FaultSpec {
        NetworkSpec.checkProbability("eintr", eintr);
        NetworkSpec.checkProbability("eintrPerMove", eintrPerMove);
    }

    /** Traffic-driven EINTR only. */
    public FaultSpec(double eintr) {
        this(eintr, 0);
    }
}
