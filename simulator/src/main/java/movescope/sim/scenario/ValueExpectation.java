package movescope.sim.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A final value: {@code command} (default {@code GET key}) run against {@code node}'s store at the end
 * (default: the node that accepts writes for {@code key} then) must give {@code expect}.
 */
public record ValueExpectation(String key, Optional<String> node, List<String> command, ReplyExpectation expect) {
    public ValueExpectation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(node, "node");
        command = List.copyOf(command);
        Objects.requireNonNull(expect, "expect");
    }
}
