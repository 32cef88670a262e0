package movescope.sim.check;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * rule). Nodes with the same scopes list (by identity) form a group that shares one table lookup, so a
 * 1,000-node cluster with identical configs costs one lookup per key; groups are ordered by their first
 * live member in cluster order, and the candidates of a key are each group's contributing members in node
 * order, group after group, then the move targets.
 *
 * <p>A node's table and its group change only when it crashes or boots ({@link #nodeChanged}; a table is
 * built from the config's scopes at boot and immutable after). Only the cached keys such a change can
 * affect are dropped: those whose candidates contain the node, those the node now contributes to, and —
 * when the change moved a group's position in the order — those whose candidates contain a member of that
 * group. A new move target drops the keys under its prefix. {@link #invalidate()} drops everything (the
 * reference path, and tests that change nodes behind the topology's back); with {@code audit} every answer
 * is compared with one computed from scratch.
 */
public final class Topology {
    /** The nodes sharing one scopes list, by identity; {@code table} is one member's (they are equal). */
    private static final class Group {
        final List<Scope> scopes;
        OwnershipTable table;
        final BitSet members = new BitSet();
        final BitSet noNodeId = new BitSet();

        Group(List<Scope> scopes, OwnershipTable table) {
            this.scopes = scopes;
            this.table = table;
        }

        int first() {
            return members.nextSetBit(0);
        }
    }

    /** What the topology last saw of a node: its group (null while down) and its table. */
    private static final class Seen {
        Group group;
        OwnershipTable table;
        boolean noNodeId;
    }

    private final List<KevyNode> nodes;
    private final boolean incremental;
    private final boolean audit;
    private final HashMap<String, Integer> index = new HashMap<>();
    private final IdentityHashMap<List<Scope>, Group> byScopes = new IdentityHashMap<>();
    private Seen[] seen;
    /** Groups in order of their first member; null when that order must be recomputed. */
    private List<Group> ordered;
    /** Nodes that crashed or booted since the groups were brought up to date. */
    private final BitSet dirty = new BitSet();
    private boolean built;
    private final HashMap<String, List<String>> cache = new HashMap<>();
    private final HashMap<String, Boolean> scopedCache = new HashMap<>();
    /** prefix → move targets ever started for it. */
    private final TreeMap<String, TreeSet<String>> moveTargets = new TreeMap<>();

    /** A topology that recomputes everything after {@link #invalidate()} (for tests over hand-made nodes). */
    public Topology(List<KevyNode> nodes) {
        this(nodes, true, false);
    }

    /**
     * @param incremental whether {@link #nodeChanged} drops only what the change can affect ({@code false}:
     *                    everything, as before the topology was incremental)
     * @param audit       whether every answer is compared with one computed from scratch (an
     *                    IllegalStateException on a difference)
     */
    public Topology(List<KevyNode> nodes, boolean incremental, boolean audit) {
        this.nodes = nodes;
        this.incremental = incremental;
        this.audit = audit;
    }

    /** Forget everything: the next question rebuilds the groups and every answer. */
    public void invalidate() {
        built = false;
        cache.clear();
        scopedCache.clear();
    }

    /**
     * Node {@code id} crashed or booted (its table, config and liveness may have changed): only the cached
     * answers the change can affect are dropped, at the next question. Nothing else about a node that the
     * topology reads changes between a crash and a boot.
     */
    public void nodeChanged(String id) {
        if (!incremental || !built) {
            invalidate();
            return;
        }
        Integer i = index.get(id);
        if (i == null) {
            invalidate();
            return;
        }
        dirty.set(i);
    }

    /** A move to a scripted peer (not a kevy node: it never accepts a checked write) is not recorded. */
    public void addMoveTarget(String prefix, String to) {
        if (!isNode(to)) {
            return;
        }
        if (moveTargets.computeIfAbsent(prefix, p -> new TreeSet<>()).add(to)) {
            if (!incremental) {
                cache.clear();
                return;
            }
            // Only keys under the prefix list move targets of it.
            Iterator<String> it = cache.keySet().iterator();
            while (it.hasNext()) {
                if (it.next().startsWith(prefix)) {
                    it.remove();
                }
            }
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

    // ------------------------------------------------------------------------------------------ groups

    private void sync() {
        if (!built) {
            rebuild();
            return;
        }
        if (dirty.isEmpty()) {
            return;
        }
        for (int d = dirty.nextSetBit(0); d >= 0; d = dirty.nextSetBit(d + 1)) {
            update(d);
        }
        dirty.clear();
    }

    private void rebuild() {
        if (index.size() != nodes.size()) {
            index.clear();
            for (int i = 0; i < nodes.size(); i++) {
                index.put(nodes.get(i).name(), i);
            }
        }
        byScopes.clear();
        seen = new Seen[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            seen[i] = new Seen();
            join(i);
        }
        ordered = null;
        dirty.clear();
        cache.clear();
        scopedCache.clear();
        built = true;
    }

    /** Records node {@code i}'s current state and, if it is live, adds it to its group. */
    private void join(int i) {
        KevyNode n = nodes.get(i);
        Seen s = seen[i];
        Optional<VolatileState> v = n.volatileState();
        if (v.isEmpty()) {
            s.group = null;
            s.table = null;
            s.noNodeId = false;
            return;
        }
        List<Scope> key = n.config().scopes();
        Group g = byScopes.get(key);
        if (g == null) {
            g = new Group(key, v.get().table());
            byScopes.put(key, g);
        }
        g.members.set(i);
        s.group = g;
        s.table = v.get().table();
        s.noNodeId = n.config().nodeId().isEmpty();
        if (s.noNodeId) {
            g.noNodeId.set(i);
        }
    }

    /** Node {@code d} may have crashed or booted: move it between groups and drop what that can change. */
    private void update(int d) {
        Seen s = seen[d];
        Group oldGroup = s.group;
        OwnershipTable oldTable = s.table;
        int oldFirst = oldGroup == null ? -1 : oldGroup.first();
        if (oldGroup != null) {
            oldGroup.members.clear(d);
            oldGroup.noNodeId.clear(d);
            if (oldGroup.members.isEmpty()) {
                byScopes.remove(oldGroup.scopes);
            } else if (oldGroup.table == oldTable) {
                oldGroup.table = seen[oldGroup.first()].table; // equal content; keep a live member's
            }
        }
        join(d);
        Group newGroup = s.group;
        // A group's place in the order is its first member's index; d's move can shift the old group later
        // (d was its first) and the new one earlier (d comes first now). Where that changes the relative
        // order of two groups, the answers holding members of the shifted group are dropped. A group that
        // appears (d alone) or disappears (d was alone) contributes only d, which the rule below covers.
        int gAfter = oldGroup == null || oldGroup == newGroup || oldGroup.members.isEmpty() ? -1 : oldGroup.first();
        int nBefore = -1;
        if (newGroup != null && newGroup != oldGroup) {
            nBefore = newGroup.members.nextSetBit(0) == d ? newGroup.members.nextSetBit(d + 1)
                    : newGroup.members.nextSetBit(0);
        }
        int nAfter = newGroup == null ? -1 : newGroup.first();
        boolean oldMoved = gAfter >= 0 && gAfter != oldFirst;
        boolean newMoved = nBefore >= 0 && nAfter != nBefore;
        boolean flip = gAfter >= 0 && nBefore >= 0 && (oldFirst < nBefore) != (gAfter < nAfter);
        boolean dropOld = flip || (oldMoved && groupBetween(oldFirst, gAfter, oldGroup, newGroup));
        boolean dropNew = flip || (newMoved && groupBetween(nAfter, nBefore, oldGroup, newGroup));
        if (oldGroup != newGroup) {
            ordered = null;
        }
        OwnershipTable newTable = s.table;
        String name = nodes.get(d).name();
        Iterator<Map.Entry<String, List<String>>> it = cache.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, List<String>> e = it.next();
            String k = e.getKey();
            List<String> c = e.getValue();
            boolean drop = c.contains(name)
                    || (newGroup != null && contributes(d, newGroup, k))
                    || (dropOld && containsMember(c, oldGroup))
                    || (dropNew && containsMember(c, newGroup));
            if (drop) {
                it.remove();
            }
        }
        if (!scopedCache.isEmpty()) {
            Iterator<String> sk = scopedCache.keySet().iterator();
            while (sk.hasNext()) {
                String k = sk.next();
                if ((oldTable != null && oldTable.lookup(k).isPresent())
                        || (newTable != null && newTable.lookup(k).isPresent())) {
                    sk.remove();
                }
            }
        }
    }

    /** Whether a group other than {@code a} and {@code b} has its first member strictly between {@code lo} and {@code hi}. */
    private boolean groupBetween(int lo, int hi, Group a, Group b) {
        for (Group g : byScopes.values()) {
            if (g != a && g != b) {
                int f = g.first();
                if (f > lo && f < hi) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether live node {@code i} of group {@code g} is among the candidates {@code g} gives for {@code key}. */
    private boolean contributes(int i, Group g, String key) {
        if (g.noNodeId.get(i)) {
            return true;
        }
        Optional<Scope> s = g.table.lookup(key);
        if (s.isEmpty()) {
            return true;
        }
        String name = nodes.get(i).name();
        return name.equals(s.get().writer()) || s.get().fallback().map(name::equals).orElse(false);
    }

    private boolean containsMember(List<String> c, Group g) {
        for (String m : c) {
            Integer i = index.get(m);
            if (i != null && g.members.get(i)) {
                return true;
            }
        }
        return false;
    }

    private List<Group> ordered() {
        if (ordered == null) {
            TreeMap<Integer, Group> byFirst = new TreeMap<>();
            for (Group g : byScopes.values()) {
                byFirst.put(g.first(), g);
            }
            ordered = new ArrayList<>(byFirst.values());
        }
        return ordered;
    }

    // ------------------------------------------------------------------------------------------ answers

    /** Live nodes that may accept a checked write of {@code key}, in cluster order of first appearance. */
    public List<String> candidates(String key) {
        sync();
        List<String> c = cache.get(key);
        if (c == null) {
            LinkedHashSet<String> out = new LinkedHashSet<>();
            for (Group g : ordered()) {
                Optional<Scope> s = g.table.lookup(key);
                if (s.isEmpty()) {
                    for (int m = g.members.nextSetBit(0); m >= 0; m = g.members.nextSetBit(m + 1)) {
                        out.add(nodes.get(m).name());
                    }
                } else {
                    // The writer and the fallback, if members, in node order.
                    Integer w = index.get(s.get().writer());
                    Integer f = s.get().fallback().map(index::get).orElse(null);
                    int a = w != null && g.members.get(w) ? w : -1;
                    int b = f != null && g.members.get(f) ? f : -1;
                    if (a >= 0 && b >= 0 && b < a) {
                        int t = a;
                        a = b;
                        b = t;
                    }
                    if (a >= 0) {
                        out.add(nodes.get(a).name());
                    }
                    if (b >= 0 && b != a) {
                        out.add(nodes.get(b).name());
                    }
                    for (int m = g.noNodeId.nextSetBit(0); m >= 0; m = g.noNodeId.nextSetBit(m + 1)) {
                        out.add(nodes.get(m).name()); // after the writer and fallback, as they always were
                    }
                }
            }
            addMoveTargets(key, out);
            c = List.copyOf(out);
            cache.put(key, c);
        }
        if (audit) {
            List<String> want = candidatesFromScratch(key);
            if (!want.equals(c)) {
                throw new IllegalStateException("stale topology for " + key + ": candidates " + c + ", from scratch " + want);
            }
        }
        return c;
    }

    private void addMoveTargets(String key, LinkedHashSet<String> out) {
        for (var e : moveTargets.headMap(key, true).entrySet()) {
            if (key.startsWith(e.getKey())) {
                out.addAll(e.getValue());
            }
        }
    }

    /** Whether some live node's table has a scope for {@code key}. */
    public boolean scoped(String key) {
        sync();
        Boolean b = scopedCache.get(key);
        if (b == null) {
            b = false;
            for (Group g : ordered()) {
                if (g.table.lookup(key).isPresent()) {
                    b = true;
                    break;
                }
            }
            scopedCache.put(key, b);
        }
        if (audit) {
            boolean want = false;
            for (KevyNode n : nodes) {
                if (n.volatileState().isPresent() && n.volatileState().get().table().lookup(key).isPresent()) {
                    want = true;
                    break;
                }
            }
            if (want != b) {
                throw new IllegalStateException("stale topology for " + key + ": scoped " + b + ", from scratch " + want);
            }
        }
        return b;
    }

    /** The candidates as the topology computed them before it was incremental: every node, every time. */
    private List<String> candidatesFromScratch(String key) {
        IdentityHashMap<List<Scope>, Integer> groupOf = new IdentityHashMap<>();
        List<OwnershipTable> tables = new ArrayList<>();
        List<List<String>> members = new ArrayList<>();
        List<List<String>> noIds = new ArrayList<>();
        for (KevyNode n : nodes) {
            Optional<VolatileState> v = n.volatileState();
            if (v.isEmpty()) {
                continue;
            }
            List<Scope> k = n.config().scopes();
            Integer i = groupOf.get(k);
            if (i == null) {
                i = tables.size();
                groupOf.put(k, i);
                tables.add(v.get().table());
                members.add(new ArrayList<>());
                noIds.add(new ArrayList<>());
            }
            members.get(i).add(n.name());
            if (n.config().nodeId().isEmpty()) {
                noIds.get(i).add(n.name());
            }
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < tables.size(); i++) {
            Optional<Scope> s = tables.get(i).lookup(key);
            if (s.isEmpty()) {
                out.addAll(members.get(i));
            } else {
                String writer = s.get().writer();
                String fallback = s.get().fallback().orElse(null);
                for (String m : members.get(i)) {
                    if (m.equals(writer) || m.equals(fallback)) {
                        out.add(m);
                    }
                }
                out.addAll(noIds.get(i));
            }
        }
        addMoveTargets(key, out);
        return List.copyOf(out);
    }
}
