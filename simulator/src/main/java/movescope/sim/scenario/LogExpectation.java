package movescope.sim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A final log: what {@code node}'s {@code aof-<shard>.aof} holds at the end of the run (the frames logged on that
 * shard since the last snapshot, docs/scenario-format.md "expect.logs"), compared frame for frame, argument for
 * argument, in order. The log is durable: a node that is down at the end is judged too.
 */
public record LogExpectation(String node, int shard, List<List<String>> frames) {
    public LogExpectation {
        Objects.requireNonNull(node, "node");
        if (shard < 0) {
            throw new IllegalArgumentException("shard " + shard);
        }
        List<List<String>> copy = new ArrayList<>(frames.size());
        for (List<String> f : frames) {
            copy.add(List.copyOf(f));
        }
        frames = List.copyOf(copy);
    }
}
