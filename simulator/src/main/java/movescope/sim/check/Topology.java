package movescope.sim.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import movescope.model.protocol.KevyNode;
import movescope.model.protocol.VolatileState;
import movescope.model.scope.OwnershipTable;
import movescope.model.scope.Scope;

/**
 * Which nodes can possibly accept a checked write of a key, so that {@code SingleWriter} and
 * {@code NoStrandedWrite} ask a handful of nodes instead of all of them: a live node accepts a key only if
 * its table has no scope for it (Unknown, or no scopes at all), it has no {@code node_id}, it is the
 * scope's writer or fallback, or it is the target of a MOVE-SCOPE of a prefix of the key (the ingest
 * rule). Nodes with the same scopes list share one table lookup, so a 1,000-node cluster with identical
 * configs costs one lookup per key. The cache is dropped whenever a node crashes, boots or starts a move.
 */
public final class Topology {
    private record Group(OwnershipTable table, List<String> members, List<String> noNodeId) {}

    private final List<KevyNode> nodes;
    private List<Group> groups;
    private final HashMap<String, List<String>> cache = new HashMap<>();
    private final HashMap<String, Boolean> scopedCache = new HashMap<>();
    /** prefix → move targets ever started for it. */
    private final TreeMap<String, TreeSet<String>> moveTargets = new TreeMap<>();

    public Topology(List<KevyNode> nodes) {
        this.nodes = nodes;
    }

    public void invalidate() {
        groups = null;
        cache.clear();
        scopedCache.clear();
    }

    /** A move to a scripted peer (not a kevy node: it never accepts a checked write) is not recorded. */
    public void addMoveTarget(String prefix, String to) {
        if (!isNode(to)) {
            return;
        }
        if (moveTargets.computeIfAbsent(prefix, p -> new TreeSet<>()).add(to)) {
            cache.clear();
        }
    }

    private boolean isNode(String name) {
        for (KevyNode n : nodes) {
            if (n.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private List<Group> groups() {
        if (groups == null) {
            List<Group> gs = new ArrayList<>();
            IdentityHashMap<List<Scope>, Integer> index = new IdentityHashMap<>();
            List<List<String>> members = new ArrayList<>();
            List<List<String>> noIds = new ArrayList<>();
            List<OwnershipTable> tables = new ArrayList<>();
            for (KevyNode n : nodes) {
                Optional<VolatileState> v = n.volatileState();
                if (v.isEmpty()) {
                    continue;
                }
                List<Scope> key = n.config().scopes();
                Integer i = index.get(key);
                if (i == null) {
                    i = tables.size();
                    index.put(key, i);
                    tables.add(v.get().table());
                    members.add(new ArrayList<>());
                    noIds.add(new ArrayList<>());
                }
                members.get(i).add(n.name());
                if (n.config().nodeId().isEmpty()) {
                    noIds.get(i).add(n.name());
                }
            }
            for (int i = 0; i < tables.size(); i++) {
                gs.add(new Group(tables.get(i), members.get(i), noIds.get(i)));
            }
            groups = gs;
        }
        return groups;
    }

    /** Live nodes that may accept a checked write of {@code key}, in cluster order of first appearance. */
    public List<String> candidates(String key) {
        List<String> c = cache.get(key);
        if (c != null) {
            return c;
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Group g : groups()) {
            Optional<Scope> s = g.table.lookup(key);
            if (s.isEmpty()) {
                out.addAll(g.members);
            } else {
                String writer = s.get().writer();
                String fallback = s.get().fallback().orElse(null);
                for (String m : g.members) {
                    if (m.equals(writer) || m.equals(fallback)) {
                        out.add(m);
                    }
                }
                out.addAll(g.noNodeId);
            }
        }
        for (var e : moveTargets.headMap(key, true).entrySet()) {
            if (key.startsWith(e.getKey())) {
                out.addAll(e.getValue());
            }
        }
        c = List.copyOf(out);
        cache.put(key, c);
        return c;
    }

    /** Whether some live node's table has a scope for {@code key}. */
    public boolean scoped(String key) {
        Boolean b = scopedCache.get(key);
        if (b == null) {
            b = false;
            for (Group g : groups()) {
                if (g.table.lookup(key).isPresent()) {
                    b = true;
                    break;
                }
            }
            scopedCache.put(key, b);
        }
        return b;
    }
}
