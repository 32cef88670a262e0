package movescope.sim.cluster;

import java.util.ArrayList;
import java.util.BitSet;
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
 * cluster's heartbeat policy (from the running configs; after a crash or restart only that node's row is
 * recomputed), the last tick of each sender, and the "DOWN watches" — for a receiver whose acceptance of
 * some keys depends on its DOWN view of a writer, the moment that view may flip, so the checker re-checks
 * exactly then.
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
    /** Whether a routing change updates only the changed node's row ({@code false}: the reference path). */
    private final boolean incremental;
    /** Options.Checks.AUDITED: after every update the receivers are compared with a rebuild from scratch. */
    private final boolean audit;
    private final HashMap<String, Integer> index = new HashMap<>();
    /**
     * The receiver structure, kept up to date row by row. {@code listens[r]}: the senders receiver r hears,
     * ascending; {@code hearers[p]}: the receivers of sender p, as a bit set over node indices, and
     * {@code receiverLists[p]} the same as names in node order (null until asked for after a change);
     * {@code plane[p]}: whether p had the election plane when the rows were computed (another node's row
     * depends on it, so a change of it rebuilds every row). {@code built} is false until the first use and,
     * on the reference path, after every routing change.
     */
    private final int[][] listens;
    private final BitSet[] hearers;
    private final List<String>[] receiverLists;
    private final boolean[] plane;
    private boolean built;
    /** Nodes that crashed or restarted since the rows were last brought up to date. */
    private final BitSet dirty = new BitSet();
    private final HashMap<String, Long> lastTick = new HashMap<>();
    /** receiver → sender → the last time the receiver heard the sender, while a watch of the pair runs. */
    private final HashMap<String, HashMap<String, Long>> watchMirror = new HashMap<>();
    private final HashMap<String, Boolean> watchPending = new HashMap<>();
    /**
     * The probe keys by fallback writer, per scopes list. A node's table is built from its config's scopes
     * list alone ({@code OwnershipTable.build(cfg.scopes())}, immutable), so an entry never goes stale and
     * survives routing changes; it is dropped only to bound memory ({@link #MAX_KEYED_LISTS}).
     */
    private final HashMap<List<Scope>, Map<String, List<String>>> keysByFallbackWriter = new HashMap<>();
    /**
     * The same, by identity of the scopes list: hashing a 1,000-scope list (Scope and Optional hash codes)
     * at every delivered heartbeat cost more than the heartbeat itself. Nodes share their config's list.
     */
    private final IdentityHashMap<List<Scope>, Map<String, List<String>>> keysByFallbackWriterId =
            new IdentityHashMap<>();
    private static final int MAX_KEYED_LISTS = 1 << 14;
    private static final int[] NONE = new int[0];

    @SuppressWarnings("unchecked")
    Heartbeats(HeartbeatPolicy policy, Map<String, KevyNode> nodes, List<KevyNode> nodeList, List<String> nodeIds,
            SortedSet<String> probe, boolean incremental, boolean audit) {
        this.policy = policy;
        this.nodes = nodes;
        this.nodeList = nodeList;
        this.nodeIds = nodeIds;
        this.probe = probe;
        this.incremental = incremental;
        this.audit = audit;
        int n = nodeIds.size();
        for (int i = 0; i < n; i++) {
            index.put(nodeIds.get(i), i);
        }
        this.listens = new int[n][];
        this.hearers = new BitSet[n];
        this.receiverLists = new List[n];
        this.plane = new boolean[n];
        for (int i = 0; i < n; i++) {
            listens[i] = NONE;
            hearers[i] = new BitSet();
        }
    }

    /** The nodes that receive {@code sender}'s heartbeats, in node order. */
    List<String> receiversOf(String sender) {
        Integer p = index.get(sender);
        if (p == null) {
            return List.of();
        }
        refresh();
        List<String> l = receiverLists[p];
        if (l == null) {
            BitSet b = hearers[p];
            if (b.isEmpty()) {
                l = List.of();
            } else {
                List<String> out = new ArrayList<>(b.cardinality());
                for (int r = b.nextSetBit(0); r >= 0; r = b.nextSetBit(r + 1)) {
                    out.add(nodeIds.get(r));
                }
                l = java.util.Collections.unmodifiableList(out);
            }
            receiverLists[p] = l;
        }
        return l;
    }

    /** Whether {@code receiver} receives {@code sender}'s heartbeats ({@code receiversOf(sender).contains(receiver)}). */
    boolean hears(String sender, String receiver) {
        Integer p = index.get(sender);
        Integer r = index.get(receiver);
        if (p == null || r == null) {
            return false;
        }
        refresh();
        return hearers[p].get(r);
    }

    /** Brings the rows up to date: every row at the first use, then the rows of the changed nodes. */
    private void refresh() {
        if (built && dirty.isEmpty()) {
            return;
        }
        boolean all = !built;
        if (!all) {
            for (int d = dirty.nextSetBit(0); d >= 0; d = dirty.nextSetBit(d + 1)) {
                if (plane[d] != nodeList.get(d).config().electionPlane()) {
                    all = true; // the rows of every node that lists d change
                    break;
                }
            }
        }
        if (all) {
            for (int p = 0; p < plane.length; p++) {
                plane[p] = nodeList.get(p).config().electionPlane();
            }
            for (int r = 0; r < listens.length; r++) {
                setRow(r, row(r));
            }
        } else {
            for (int d = dirty.nextSetBit(0); d >= 0; d = dirty.nextSetBit(d + 1)) {
                setRow(d, row(d));
            }
        }
        dirty.clear();
        built = true;
        if (audit) {
            audit();
        }
    }

    private void setRow(int r, int[] now) {
        int[] before = listens[r];
        if (java.util.Arrays.equals(before, now)) {
            return;
        }
        for (int p : before) {
            hearers[p].clear(r);
            receiverLists[p] = null;
        }
        for (int p : now) {
            hearers[p].set(r);
            receiverLists[p] = null;
        }
        listens[r] = now;
    }

    /** The senders receiver {@code ri} hears under the policy, ascending (the one definition of the structure). */
    private int[] row(int ri) {
        KevyNode r = nodeList.get(ri);
        if (policy == HeartbeatPolicy.NONE || !r.isUp() || r.config().electionPlane()) {
            return NONE; // a node with the election plane hears kevy-elect's own heartbeats
        }
        Set<String> peers = new HashSet<>();
        for (Peer p : r.config().peers()) {
            peers.add(p.id());
        }
        if (policy == HeartbeatPolicy.ALL) {
            int[] out = new int[nodeIds.size()];
            int k = 0;
            for (int pi = 0; pi < nodeIds.size(); pi++) {
                String p = nodeIds.get(pi);
                if (!p.equals(r.name()) && peers.contains(p) && !nodeList.get(pi).config().electionPlane()) {
                    out[k++] = pi;
                }
            }
            return k == 0 ? NONE : java.util.Arrays.copyOf(out, k);
        }
        TreeSet<Integer> writers = new TreeSet<>();
        for (Scope s : r.config().scopes()) {
            if (s.fallback().isPresent() && s.fallback().get().equals(r.name())
                    && !s.writer().equals(r.name()) && peers.contains(s.writer())
                    && nodes.containsKey(s.writer()) && !nodes.get(s.writer()).config().electionPlane()) {
                writers.add(index.get(s.writer()));
            }
        }
        if (writers.isEmpty()) {
            return NONE;
        }
        int[] out = new int[writers.size()];
        int k = 0;
        for (int w : writers) {
            out[k++] = w;
        }
        return out;
    }

    /** Options.Checks.AUDITED: the structure must equal sender → receivers rebuilt from every node's config. */
    private void audit() {
        TreeMap<String, List<String>> m = scratch();
        for (int p = 0; p < nodeIds.size(); p++) {
            BitSet b = hearers[p];
            List<String> got = new ArrayList<>();
            for (int r = b.nextSetBit(0); r >= 0; r = b.nextSetBit(r + 1)) {
                got.add(nodeIds.get(r));
            }
            List<String> want = m.getOrDefault(nodeIds.get(p), List.of());
            if (!got.equals(want)) {
                throw new IllegalStateException("stale heartbeat receivers of " + nodeIds.get(p) + ": " + got
                        + ", from scratch " + want);
            }
        }
    }

    /** sender → receivers under the cluster's heartbeat policy, rebuilt from the running configs (for the audit). */
    private TreeMap<String, List<String>> scratch() {
        TreeMap<String, List<String>> m = new TreeMap<>();
        if (policy != HeartbeatPolicy.NONE) {
            for (KevyNode r : nodeList) {
                if (!r.isUp() || r.config().electionPlane()) {
                    continue;
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
        return m;
    }

    /**
     * Node {@code id} crashed or restarted: its routing, its config and whether it hears anything may have
     * changed. A receiver's row depends only on its own state and on its senders' election-plane flags, so
     * only its row is recomputed (every row if its flag changed), at the next use. Node state that the rows
     * read (up or not, config) changes only at a crash or a boot.
     */
    void routingChanged(String id) {
        Integer d = index.get(id);
        if (!incremental || d == null) {
            // The reference path, as before the rows were incremental: everything from scratch at the next use.
            built = false;
            keysByFallbackWriter.clear();
            keysByFallbackWriterId.clear();
            return;
        }
        dirty.set(d);
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
                if (keysByFallbackWriterId.size() >= MAX_KEYED_LISTS) {
                    keysByFallbackWriterId.clear();
                }
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
            if (keysByFallbackWriterId.size() >= MAX_KEYED_LISTS) {
                keysByFallbackWriter.clear();
                keysByFallbackWriterId.clear();
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
        watchMirror.computeIfAbsent(r, x -> new HashMap<>()).put(p, now);
        if (!watchPending.getOrDefault(k, false)) {
            watchPending.put(k, true);
            return true;
        }
        return false;
    }

    /** The watch of (r, p) fires at {@code now}. */
    Watch watchFires(String r, String p, long now) {
        String k = r + "\u0000" + p;
        HashMap<String, Long> heardBy = watchMirror.get(r);
        Long last = heardBy == null ? null : heardBy.get(p);
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
        watchMirror.remove(id);
    }
}
