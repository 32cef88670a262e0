package movescope.sim.scenario;

import java.util.Objects;

/** Keys {@code <prefix><i>} = {@code v<i>}, i in {@code [0, keys)}, loaded into {@code node} at time 0. */
public record DataSpec(String node, String prefix, int keys) {
    public DataSpec {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(prefix, "prefix");
        if (keys < 0) {
            throw new IllegalArgumentException("keys must be >= 0");
        }
    }
}
