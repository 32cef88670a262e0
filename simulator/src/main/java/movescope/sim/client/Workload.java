package movescope.sim.client;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import movescope.gen.Rng;
import movescope.sim.scenario.ClusterSpec;
import movescope.sim.scenario.WorkloadSpec;

/**
 * The random workload's choices: how long a client thinks between commands (exponential around
 * {@code 1000 / opsPerSec} ms) and which command it sends next (weighted by the mix, over the
 * workload's keys). Every draw comes from the client's own stream, so clients do not shift each other.
 */
public final class Workload {
    private final WorkloadSpec spec;
    private final ClusterSpec cluster;
    private List<String> keys;

    public Workload(WorkloadSpec spec, ClusterSpec cluster) {
        this.spec = spec;
        this.cluster = cluster;
    }

    public WorkloadSpec spec() {
        return spec;
    }

    /** The think time before a client's next command, at least 1 ms. */
    public long thinkMs(Rng rng) {
        return Math.max(1, rng.exponentialLong(1000.0 / spec.opsPerSec()));
    }

    /** The keys the workload writes and reads (resolved against the cluster once, when first needed). */
    public List<String> keys() {
        if (keys == null) {
            keys = spec.resolvedKeys(cluster);
        }
        return keys;
    }

    /** The next command of a client whose next value is {@code value}; {@code keys()} must not be empty. */
    public List<String> nextCommand(Rng rng, String value) {
        List<String> ks = keys();
        String cmd = pickCommand(rng, spec.mix());
        String key = rng.pick(ks);
        return switch (cmd) {
            case "SET" -> List.of("SET", key, value);
            case "RPUSH" -> List.of("RPUSH", key, value);
            case "DEL" -> List.of("DEL", key);
            case "MSET" -> {
                String k2 = rng.pick(ks);
                yield k2.equals(key) ? List.of("MSET", key, value) : List.of("MSET", key, value, k2, value);
            }
            case "GET" -> List.of("GET", key);
            case "LRANGE" -> List.of("LRANGE", key, "0", "-1");
            default -> throw new IllegalStateException("unknown workload command " + cmd);
        };
    }

    private static String pickCommand(Rng rng, SortedMap<String, Integer> mix) {
        int total = 0;
        for (int v : mix.values()) {
            total += v;
        }
        int x = rng.nextInt(total);
        for (Map.Entry<String, Integer> e : mix.entrySet()) {
            x -= e.getValue();
            if (x < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("empty mix");
    }
}
