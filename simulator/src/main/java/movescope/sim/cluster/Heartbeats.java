package movescope.sim.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import movescope.model.protocol.KevyNode;
import movescope.model.protocol.VolatileState;
import movescope.model.routing.Peer;
import movescope.model.scope.OwnershipTable;
import movescope.model.scope.Scope;
import movescope.sim.scenario.HeartbeatPolicy;

/**
 * Who hears whose heartbeats, and which probe keys depend on it: the receivers of each sender under the
 * cluster's heartbeat policy (from the running configs, recomputed after a routing change), the last
 * tick of each sender, and the "DOWN watches" — for a receiver whose acceptance of some keys depends on
 * its DOWN view of a writer, the moment that view may flip, so the checker re-checks exactly then.
 * The world delivers the heartbeats; this class only keeps the bookkeeping.
 */
final class Heartbeats {
    static final long EVERY_MS = 200;

    /** The result of a DOWN watch firing: whether the writer turned DOWN, or when to look again. */
    record Watch(boolean turnedDown, long againAt) {
        static final Watch ENDED = new Watch(false, -1);
    }

    private final HeartbeatPolicy policy;
    private final Map<String, KevyNode> nodes;
    private final List<KevyNode> nodeList;
    private final List<String> nodeIds;
    private final SortedSet<String> probe;
    private Map<String, List<String>> receivers;
    private final HashMap<String, Long> lastTick = new HashMap<>();
    private final HashMap<String, Long> watchMirror = new HashMap<>();
    private final HashMap<String, Boolean> watchPending = new HashMap<>();
    private final HashMap<List<Scope>, Map<String, List<String>>> keysByFallbackWriter = new HashMap<>();
    /**
     * The same, by identity of the scopes list: hashing a 1,000-scope list (Scope and Optional hash codes)
     * at every delivered heartbeat cost more than the heartbeat itself. Nodes share their config's list.
     */
    private final IdentityHashMap<List<Scope>, Map<String, List<String>>> keysByFallbackWriterId =
            new IdentityHashMap<>();

    Heartbeats(HeartbeatPolicy policy, Map<String, KevyNode> nodes, List<KevyNode> nodeList, List<String> nodeIds,
            SortedSet<String> probe) {
        this.policy = policy;
        this.nodes = nodes;
        this.nodeList = nodeList;
        this.nodeIds = nodeIds;
        this.probe = probe;
    }

    /** The nodes that receive {@code sender}'s heartbeats, in node order. */
    List<String> receiversOf(String sender) {
        return receivers().getOrDefault(sender, List.of());
    }

    /** sender → receivers under the cluster's heartbeat policy, from the running configs. */
    private Map<String, List<String>> receivers() {
        if (receivers == null) {
            TreeMap<String, List<String>> m = new TreeMap<>();
            if (policy != HeartbeatPolicy.NONE) {
                for (KevyNode r : nodeList) {
                    if (!r.isUp() || r.config().electionPlane()) {
                        continue; // a node with the election plane hears kevy-elect's own heartbeats
                    }
                    Set<String> peers = new HashSet<>();
                    for (Peer p : r.config().peers()) {
                        peers.add(p.id());
                    }
                    if (policy == HeartbeatPolicy.ALL) {
                        for (String p : nodeIds) {
                            if (!p.equals(r.name()) && peers.contains(p) && !nodes.get(p).config().electionPlane()) {
                                m.computeIfAbsent(p, k -> new ArrayList<>()).add(r.name());
                            }
                        }
                    } else {
                        TreeSet<String> writers = new TreeSet<>();
                        for (Scope s : r.config().scopes()) {
                            if (s.fallback().isPresent() && s.fallback().get().equals(r.name())
                                    && !s.writer().equals(r.name()) && peers.contains(s.writer())
                                    && nodes.containsKey(s.writer()) && !nodes.get(s.writer()).config().electionPlane()) {
                                writers.add(s.writer());
                            }
                        }
                        for (String p : writers) {
                            m.computeIfAbsent(p, k -> new ArrayList<>()).add(r.name());
                        }
                    }
                }
            }
            receivers = m;
        }
        return receivers;
    }

    /** A node's routing may have changed (crash, restart): receivers and key dependencies are recomputed. */
    void routingChanged() {
        receivers = null;
        keysByFallbackWriter.clear();
        keysByFallbackWriterId.clear();
    }

    void ticked(String sender, long now) {
        lastTick.put(sender, now);
    }

    /** The time of {@code sender}'s last heartbeat tick while up, or null if it never ticked. */
    Long lastTick(String sender) {
        return lastTick.get(sender);
    }

    /** Probe keys whose acceptance on {@code r} depends on its DOWN view of writer {@code p}. */
    List<String> watchedKeys(String r, String p) {
        KevyNode n = nodes.get(r);
        Optional<VolatileState> v = n.volatileState();
        if (v.isEmpty()) {
            return List.of();
        }
        List<Scope> key = n.config().scopes();
        Map<String, List<String>> byWriter = keysByFallbackWriterId.get(key);
        if (byWriter == null) {
            byWriter = keysByFallbackWriter.get(key);
            if (byWriter != null) {
                keysByFallbackWriterId.put(key, byWriter);
            }
        }
        if (byWriter == null) {
            byWriter = new HashMap<>();
            OwnershipTable table = v.get().table();
            for (String k : probe) {
                Optional<Scope> s = table.lookup(k);
                if (s.isPresent() && s.get().fallback().isPresent()) {
                    byWriter.computeIfAbsent(s.get().writer(), w -> new ArrayList<>()).add(k);
                }
            }
            keysByFallbackWriter.put(key, byWriter);
            keysByFallbackWriterId.put(key, byWriter);
        }
        return byWriter.getOrDefault(p, List.of());
    }

    /**
     * {@code r} heard {@code p} at {@code now}; returns true when no watch is pending for the pair, so the
     * caller must schedule one for when p would turn DOWN.
     */
    boolean heard(String r, String p, long now) {
        String k = r + "\u0000" + p;
        watchMirror.put(k, now);
        if (!watchPending.getOrDefault(k, false)) {
            watchPending.put(k, true);
            return true;
        }
        return false;
    }

    /** The watch of (r, p) fires at {@code now}. */
    Watch watchFires(String r, String p, long now) {
        String k = r + "\u0000" + p;
        Long last = watchMirror.get(k);
        if (last == null) {
            watchPending.put(k, false);
            return Watch.ENDED;
        }
        if (now - last > KevyNode.DOWN_AFTER_MS) {
            watchPending.put(k, false);
            return new Watch(true, -1);
        }
        return new Watch(false, last + KevyNode.DOWN_AFTER_MS + 1);
    }

    /** {@code id} restarted with an empty view: what it heard before is gone. */
    void restarted(String id) {
        watchMirror.keySet().removeIf(k -> k.startsWith(id + "\u0000"));
    }
}
