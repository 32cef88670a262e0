package movescope.sim.scenario;

import java.util.Objects;

/** A scripted kevy-cluster-rw client with its configured primary. */
public record ClientSpec(String id, String primary, long timeoutMs) {
    public static final long DEFAULT_TIMEOUT_MS = 30_000;

    public ClientSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(primary, "primary");
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("timeoutMs must be >= 1");
        }
    }
}
