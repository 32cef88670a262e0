package movescope.sim.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import movescope.model.protocol.Variant;

/**
 * One scenario file, loaded and validated (docs/scenario-format.md). Every id it mentions exists, every
 * node's config builds, every default is filled in: the simulator never has to re-validate it.
 *
 * @param seed      the file's default seed; the caller may override it
 * @param endMs     virtual time at which the run ends
 * @param maxEvents event bound; hitting it before {@code endMs} is {@code OUT_OF_EVENTS}
 */
public record Scenario(
        String name,
        String description,
        OptionalLong seed,
        Variant variant,
        ClusterSpec cluster,
        NetworkSpec network,
        FaultSpec faults,
        List<ClientSpec> clients,
        List<DataSpec> data,
        List<Step> steps,
        Optional<WorkloadSpec> workload,
        Optional<ChaosSpec> chaos,
        long endMs,
        long maxEvents,
        Expectations expect) {

    public static final long DEFAULT_MAX_EVENTS = 5_000_000L;

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(faults, "faults");
        clients = List.copyOf(clients);
        data = List.copyOf(data);
        steps = List.copyOf(steps);
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(chaos, "chaos");
        Objects.requireNonNull(expect, "expect");
        if (endMs < 0) {
            throw new IllegalArgumentException("endMs must be >= 0");
        }
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be >= 1");
        }
    }

    public Optional<ClientSpec> client(String id) {
        return clients.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /**
     * The probe set: every key a step command, the workload or a final expectation names (docs/scenario-format.md
     * "Probe keys"), sorted. Invariants are checked on these keys.
     */
    public TreeSet<String> probeKeys() {
        TreeSet<String> keys = new TreeSet<>();
        for (Step s : steps) {
            if (s instanceof Step.ClientStep c) {
                keys.addAll(Commands.keysOf(c.command()));
            } else if (s instanceof Step.OperatorStep o) {
                keys.addAll(Commands.keysOf(o.command()));
            }
        }
        workload.ifPresent(w -> keys.addAll(w.resolvedKeys(cluster)));
        for (ValueExpectation v : expect.values()) {
            keys.add(v.key());
        }
        return keys;
    }

    public Scenario withSteps(List<Step> newSteps) {
        return new Scenario(name, description, seed, variant, cluster, network, faults, clients, data, newSteps,
                workload, chaos, endMs, maxEvents, expect);
    }

    public Scenario withSeed(OptionalLong newSeed) {
        return new Scenario(name, description, newSeed, variant, cluster, network, faults, clients, data, steps,
                workload, chaos, endMs, maxEvents, expect);
    }

    public Scenario withName(String newName, String newDescription) {
        return new Scenario(newName, newDescription, seed, variant, cluster, network, faults, clients, data, steps,
                workload, chaos, endMs, maxEvents, expect);
    }

    public Scenario withCluster(ClusterSpec newCluster) {
        return new Scenario(name, description, seed, variant, newCluster, network, faults, clients, data, steps,
                workload, chaos, endMs, maxEvents, expect);
    }

    public Scenario withWorkload(Optional<WorkloadSpec> w) {
        return new Scenario(name, description, seed, variant, cluster, network, faults, clients, data, steps,
                w, chaos, endMs, maxEvents, expect);
    }

    public Scenario withChaos(Optional<ChaosSpec> c) {
        return new Scenario(name, description, seed, variant, cluster, network, faults, clients, data, steps,
                workload, c, endMs, maxEvents, expect);
    }

    public Scenario withNetwork(NetworkSpec n) {
        return new Scenario(name, description, seed, variant, cluster, n, faults, clients, data, steps,
                workload, chaos, endMs, maxEvents, expect);
    }

    public Scenario withFaults(FaultSpec f) {
        return new Scenario(name, description, seed, variant, cluster, network, f, clients, data, steps,
                workload, chaos, endMs, maxEvents, expect);
    }

    public Scenario withClients(List<ClientSpec> c) {
        return new Scenario(name, description, seed, variant, cluster, network, faults, c, data, steps,
                workload, chaos, endMs, maxEvents, expect);
    }

    public Scenario withData(List<DataSpec> d) {
        return new Scenario(name, description, seed, variant, cluster, network, faults, clients, d, steps,
                workload, chaos, endMs, maxEvents, expect);
    }

    public Scenario withEnd(long newEndMs, long newMaxEvents) {
        return new Scenario(name, description, seed, variant, cluster, network, faults, clients, data, steps,
                workload, chaos, newEndMs, newMaxEvents, expect);
    }

    public Scenario withExpect(Expectations e) {
        return new Scenario(name, description, seed, variant, cluster, network, faults, clients, data, steps,
                workload, chaos, endMs, maxEvents, e);
    }
}
