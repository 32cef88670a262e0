package movescope.sim.check;

import java.util.List;
import java.util.Objects;

/**
 * A violated invariant (or {@code MigrationEnds}): its name, the key and node concerned (empty when not
 * applicable), a one-line explanation, when it was detected, and the last trace lines before it.
 */
public record Violation(String invariant, String key, String node, String message, long t, long eventSeq,
        List<String> excerpt) {
    public Violation {
        Objects.requireNonNull(invariant, "invariant");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(message, "message");
        excerpt = List.copyOf(excerpt);
    }
}
