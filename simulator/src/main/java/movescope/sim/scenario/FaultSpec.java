package movescope.sim.scenario;

/**
 * Fault probabilities that are not network-wide: {@code eintr} is the probability that a client command
 * reaching a node whose MOVE-SCOPE waits for the INGEST reply makes that read fail with EINTR.
 */
public record FaultSpec(double eintr) {
    public static final FaultSpec NONE = new FaultSpec(0);

    public FaultSpec {
        NetworkSpec.checkProbability("eintr", eintr);
    }
}
