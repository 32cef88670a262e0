package movescope.sim.scenario;

import java.util.Objects;

/** A scripted kevy-cluster-rw client with its configured primary. */
/**
 * A scripted client: a kevy-cluster-rw-like library client ({@code raw} empty), or a closed-loop raw client
 * ({@link RawLoop}) that repeats one command against {@code primary} without following redirects.
 */
public record ClientSpec(String id, String primary, long timeoutMs, java.util.Optional<RawLoop> raw) {
    public static final long DEFAULT_TIMEOUT_MS = 30_000;

    public ClientSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(primary, "primary");
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("timeoutMs must be >= 1");
        }
        Objects.requireNonNull(raw, "raw");
    }

    /** A library client. */
    public ClientSpec(String id, String primary, long timeoutMs) {
        this(id, primary, timeoutMs, java.util.Optional.empty());
    }
}
