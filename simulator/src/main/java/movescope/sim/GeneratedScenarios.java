package movescope.sim;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import movescope.model.protocol.Variant;
import movescope.sim.scenario.ClusterSpec;
import movescope.sim.scenario.Expectations;
import movescope.sim.scenario.FaultSpec;
import movescope.sim.scenario.GenerateSpec;
import movescope.sim.scenario.HeartbeatPolicy;
import movescope.sim.scenario.NetworkSpec;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.WorkloadSpec;

/**
 * Scenarios built in code, for benchmarks and scale tests: an N-node generated cluster (M scopes per node,
 * fallback = next node) under a random workload for K virtual seconds, every invariant on. The lead's JMH
 * benchmarks call {@link #cluster} and {@link Simulation#run}.
 */
public final class GeneratedScenarios {
    private GeneratedScenarios() {}

    /** The default mix without MSET: MSET bypasses the scope check in kevy, so it strands writes by design. */
    public static java.util.SortedMap<String, Integer> noMset() {
        java.util.SortedMap<String, Integer> m = WorkloadSpec.defaultMix();
        m.remove("MSET");
        return m;
    }

    /**
     * @param nodes           cluster size
     * @param scopesPerNode   scopes written by each node
     * @param virtualSeconds  run length
     * @param clients         workload clients (0 = none)
     * @param opsPerSec       per client
     * @param heartbeats      heartbeat policy (FALLBACKS scales to 1,000 nodes; ALL is N² per 200 ms)
     */
    public static Scenario cluster(int nodes, int scopesPerNode, long virtualSeconds, int clients, double opsPerSec,
            HeartbeatPolicy heartbeats) {
        GenerateSpec gen = new GenerateSpec(nodes, scopesPerNode, true);
        ClusterSpec cluster = new ClusterSpec(gen.nodeSpecs(), gen.scopes(), 1, true, heartbeats,
                ClusterSpec.DEFAULT_SERIALIZE_FRAME_COST_US, ClusterSpec.DEFAULT_SEND_BUFFER_BYTES, 0, Optional.of(gen));
        long endMs = virtualSeconds * 1000;
        Optional<WorkloadSpec> workload = clients <= 0 ? Optional.empty()
                : Optional.of(new WorkloadSpec(clients, List.of(), List.of(), 1, opsPerSec, noMset(),
                        0, endMs, 30_000));
        return new Scenario("generated-" + nodes + "x" + scopesPerNode, "generated: " + nodes + " nodes, "
                + scopesPerNode + " scopes each, " + clients + " clients for " + virtualSeconds + " s",
                OptionalLong.empty(), Variant.KEVY_54, cluster, NetworkSpec.DEFAULT, FaultSpec.NONE, List.of(),
                List.of(), List.of(), workload, Optional.empty(), endMs, Long.MAX_VALUE / 2, Expectations.DEFAULT);
    }
}
