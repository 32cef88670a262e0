package movescope.sim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import movescope.model.protocol.NodeConfig;
import movescope.model.routing.Peer;
import movescope.model.scope.Scope;

/**
 * The cluster: nodes (explicit, or expanded from {@code generate}), the cluster-wide scopes and the knobs
 * of docs/scenario-format.md "cluster". {@link #configOf(String)} is each node's initial config file.
 *
 * <p>{@code clusterEnabled} is kevy's {@code [cluster] enabled} on every node: it switches the key → shard
 * function to the CRC16-slot scheme (movescope.model.protocol.Sharding).
 *
 * <p>{@code commitWindowMs} is how long the seed layout's commit window lasts in virtual time: the model
 * emits {@code SetTimer(<moveId>/commit, 0)} between {@code CommitRemove} and {@code CommitInsert}
 * (kevy's two locks, released and taken back at once); the simulator fires that timer after this many
 * ms instead. 0 (the default) is kevy's instant window, which only events of the same millisecond can
 * fall into; a wider window models a router thread preempted between the two locks, so a story can hit
 * it with certainty instead of by the luck of a seed. It has no effect on the atomic layout.
 *
 * <p>{@code connShards} pins the shard that owns the connections of a client, a workload client or the
 * operator ({@code "operator"}: all its connections) on every multi-shard node; the others are drawn from the
 * run's seed (docs/scenario-format.md, "Connections and shards").
 */
public record ClusterSpec(
        List<NodeSpec> nodes,
        List<Scope> scopes,
        int shards,
        boolean warm,
        HeartbeatPolicy heartbeats,
        long serializeFrameCostUs,
        long sendBufferBytes,
        long commitWindowMs,
        Optional<GenerateSpec> generate,
        boolean clusterEnabled,
        ElectionSpec election,
        List<ScriptedPeerSpec> scriptedPeers,
        java.util.SortedMap<String, Integer> connShards,
        long ingestFrameCostUs) {

    /**
     * The cost of a move per frame, split as the facts put it (kevy-move-scope.md §5; issue 7 item 8):
     * serializing on the source is fast, applying on the target is what takes time and keeps the target's
     * prefix shard busy. The two add up to the 68 µs per key measured end to end (6.8 s for 100,000 keys);
     * the split is an estimate, not a measurement.
     */
    public static final long DEFAULT_SERIALIZE_FRAME_COST_US = 2;
    public static final long DEFAULT_INGEST_FRAME_COST_US = 66;
    public static final long DEFAULT_SEND_BUFFER_BYTES = 4L * 1024 * 1024;

    public ClusterSpec {
        nodes = List.copyOf(nodes);
        scriptedPeers = List.copyOf(scriptedPeers);
        connShards = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(connShards));
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(heartbeats, "heartbeats");
        Objects.requireNonNull(generate, "generate");
        Objects.requireNonNull(election, "election");
        if (ingestFrameCostUs < 0 || serializeFrameCostUs < 0) {
            throw new IllegalArgumentException("frame costs must be >= 0");
        }
        if (commitWindowMs < 0) {
            throw new IllegalArgumentException("commitWindowMs must be >= 0");
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
    }

    /** A cluster without scripted peers. */
    public ClusterSpec(List<NodeSpec> nodes, List<Scope> scopes, int shards, boolean warm, HeartbeatPolicy heartbeats,
            long serializeFrameCostUs, long sendBufferBytes, long commitWindowMs, Optional<GenerateSpec> generate,
            boolean clusterEnabled, ElectionSpec election) {
        this(nodes, scopes, shards, warm, heartbeats, serializeFrameCostUs, sendBufferBytes, commitWindowMs, generate,
                clusterEnabled, election, List.of(), new java.util.TreeMap<>(), DEFAULT_INGEST_FRAME_COST_US);
    }

    /** A cluster without election-plane defaults and with {@code [cluster] enabled} off on every node. */
    public ClusterSpec(List<NodeSpec> nodes, List<Scope> scopes, int shards, boolean warm, HeartbeatPolicy heartbeats,
            long serializeFrameCostUs, long sendBufferBytes, long commitWindowMs, Optional<GenerateSpec> generate) {
        this(nodes, scopes, shards, warm, heartbeats, serializeFrameCostUs, sendBufferBytes, commitWindowMs, generate,
                false, ElectionSpec.NONE);
    }

    /** Node {@code n}'s election-plane and replication config (its overrides, else the cluster's). */
    public movescope.model.election.ElectionConfig electionOf(NodeSpec n) {
        return ElectionSpec.resolve(n.election(), election, n.clientPort());
    }

    /** The address node {@code n}'s election listener binds: its host and elect_port_base or port + 200. */
    public String electListenAddr(NodeSpec n) {
        return n.host() + ":" + electionOf(n).listenPort();
    }

    public Optional<NodeSpec> node(String id) {
        for (NodeSpec n : nodes) {
            if (n.id().equals(id)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    public List<String> nodeIds() {
        List<String> out = new ArrayList<>(nodes.size());
        for (NodeSpec n : nodes) {
            out.add(n.id());
        }
        return out;
    }

    /** The scripted peer {@code id}, if there is one. */
    public Optional<ScriptedPeerSpec> scriptedPeer(String id) {
        for (ScriptedPeerSpec p : scriptedPeers) {
            if (p.id().equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public Peer peerOf(NodeSpec n) {
        return n.legacyPeerToken() ? Peer.legacy(n.id(), n.host(), n.electPort())
                : new Peer(n.id(), n.host(), n.electPort(), n.clientPort());
    }

    /** The scopes node {@code n} is configured with (its override, else the cluster's). */
    public List<Scope> scopesOf(NodeSpec n) {
        return n.scopes().orElse(scopes);
    }

    /** Node {@code id}'s config file at time 0. */
    /** A cluster with the given {@code [cluster] enabled} on every node, without election-plane defaults. */
    public ClusterSpec(List<NodeSpec> nodes, List<Scope> scopes, int shards, boolean warm, HeartbeatPolicy heartbeats,
                       long serializeFrameCostUs, long sendBufferBytes, long commitWindowMs, Optional<GenerateSpec> generate,
                       boolean clusterEnabled) {
        this(nodes, scopes, shards, warm, heartbeats, serializeFrameCostUs, sendBufferBytes, commitWindowMs, generate,
                clusterEnabled, ElectionSpec.NONE);
    }

    public NodeConfig configOf(String id) {
        NodeSpec n = node(id).orElseThrow(() -> new IllegalArgumentException("unknown node " + id));
        List<Peer> peers = new ArrayList<>();
        if (n.peers().isPresent()) {
            for (String p : n.peers().get()) {
                Optional<NodeSpec> node = node(p);
                peers.add(node.isPresent() ? peerOf(node.get()) : scriptedPeerOf(scriptedPeer(p).orElseThrow()));
            }
        } else {
            for (NodeSpec other : nodes) {
                peers.add(peerOf(other));
            }
            for (ScriptedPeerSpec sp : scriptedPeers) {
                peers.add(scriptedPeerOf(sp));
            }
        }
        return new NodeConfig(n.nodeId() ? Optional.of(n.id()) : Optional.empty(), peers, scopesOf(n),
                n.shards().orElse(shards), clusterEnabled, electionOf(n));
    }

    /** A scripted peer is listed with the legacy two-field token: its one port is where it is dialled. */
    private static Peer scriptedPeerOf(ScriptedPeerSpec sp) {
        return Peer.legacy(sp.id(), sp.host(), sp.port());
    }

    public ClusterSpec withNodes(List<NodeSpec> newNodes) {
        return new ClusterSpec(newNodes, scopes, shards, warm, heartbeats, serializeFrameCostUs, sendBufferBytes,
                commitWindowMs, Optional.empty(), clusterEnabled, election, scriptedPeers, connShards, ingestFrameCostUs);
    }

    /** This cluster with other cluster-wide scopes (and no {@code generate}, which would regenerate them). */
    public ClusterSpec withScopes(List<Scope> newScopes) {
        return new ClusterSpec(nodes, newScopes, shards, warm, heartbeats, serializeFrameCostUs, sendBufferBytes,
                commitWindowMs, Optional.empty(), clusterEnabled, election, scriptedPeers, connShards, ingestFrameCostUs);
    }

    /** This cluster with another commit window. */
    public ClusterSpec withCommitWindowMs(long ms) {
        return new ClusterSpec(nodes, scopes, shards, warm, heartbeats, serializeFrameCostUs, sendBufferBytes,
                ms, generate, clusterEnabled, election, scriptedPeers, connShards, ingestFrameCostUs);
    }
}
