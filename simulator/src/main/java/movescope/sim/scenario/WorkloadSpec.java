package movescope.sim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import movescope.model.scope.Scope;

/**
 * A random read/write workload: {@code clients} kevy-cluster-rw clients {@code w0..} each issuing one command
 * at a time, exponential think time of rate {@code opsPerSec}, commands drawn from {@code mix} (weights), keys
 * from {@code keys} plus {@code keysPerScope} keys {@code <prefix>k<j>} for every cluster scope.
 *
 * @param primaries empty = every node in cluster order
 */
public record WorkloadSpec(int clients, List<String> primaries, List<String> keys, int keysPerScope,
        double opsPerSec, SortedMap<String, Integer> mix, long fromMs, long untilMs, long timeoutMs) {

    /** Commands a workload can issue. */
    public static final List<String> COMMANDS = List.of("SET", "RPUSH", "DEL", "MSET", "GET", "LRANGE");

    public static SortedMap<String, Integer> defaultMix() {
        TreeMap<String, Integer> m = new TreeMap<>();
        m.put("SET", 4);
        m.put("RPUSH", 2);
        m.put("GET", 2);
        m.put("DEL", 1);
        m.put("MSET", 1);
        return m;
    }

    public WorkloadSpec {
        if (clients < 1) {
            throw new IllegalArgumentException("workload.clients must be >= 1");
        }
        primaries = List.copyOf(primaries);
        keys = List.copyOf(keys);
        mix = new TreeMap<>(mix);
        Objects.requireNonNull(mix, "mix");
        if (!(opsPerSec > 0)) {
            throw new IllegalArgumentException("opsPerSec must be > 0");
        }
    }

    public String clientId(int i) {
        return "w" + i;
    }

    /** Explicit keys first, then generated per-scope keys, without duplicates, in a fixed order. */
    public List<String> resolvedKeys(ClusterSpec cluster) {
        LinkedHashSet<String> out = new LinkedHashSet<>(keys);
        for (Scope s : cluster.scopes()) {
            for (int j = 0; j < keysPerScope; j++) {
                out.add(s.prefix() + "k" + j);
            }
        }
        for (NodeSpec n : cluster.nodes()) {
            if (n.scopes().isPresent()) {
                for (Scope s : n.scopes().get()) {
                    for (int j = 0; j < keysPerScope; j++) {
                        out.add(s.prefix() + "k" + j);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    public String primaryOf(int client, ClusterSpec cluster) {
        List<String> p = primaries.isEmpty() ? cluster.nodeIds() : primaries;
        return p.get(client % p.size());
    }
}
