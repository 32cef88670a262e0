package movescope.sim.scenario;

import java.util.Objects;

/** Latency, loss and duplication of every message (docs/scenario-format.md "network"). */
public record NetworkSpec(Latency latency, double loss, double duplicate) {
    public static final NetworkSpec DEFAULT = new NetworkSpec(new Latency.Constant(1), 0, 0);

    public NetworkSpec {
        Objects.requireNonNull(latency, "latency");
        checkProbability("loss", loss);
        checkProbability("duplicate", duplicate);
    }

    static void checkProbability(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1], got " + p);
        }
    }
}
