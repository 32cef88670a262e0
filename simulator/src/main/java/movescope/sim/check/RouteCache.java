package movescope.sim.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import movescope.model.protocol.KevyNode;
import movescope.model.protocol.VolatileState;
import movescope.model.routing.WriteVerdict;
import movescope.model.scope.Scope;

/**
 * Every node's write route for every probe key, kept up to date incrementally so that a check of one key
 * costs a route per node <em>that changed</em> instead of a route per node. {@link RedirectsConverge} and
 * the end-of-run audit read whole columns, {@link SingleWriter} single entries ({@link #accepts}); on a 1,000-node cluster this is the difference between a thousand
 * model routes per checked key and a handful.
 *
 * <p>Exactness rests on two facts about the model's {@code KevyNode.routeWrite(key, now)}: it is a pure
 * function of the node's state and {@code now}, and {@code now} enters only through the DOWN view of
 * the key's scope writer (consulted when the scope has a fallback): a peer last heard at {@code L} is
 * DOWN from {@code L + DOWN_AFTER_MS + 1} on. So a cached route is recomputed when
 * <ul>
 *   <li>its node may have changed: the world calls {@link #nodeChanged} before every input a node
 *   processes, except a data command (reads and writes only read the routing state) and a heartbeat from
 *   a peer the node has heard before and does not see DOWN (it only moves that peer's last-heard time
 *   later: a peer that is not DOWN stays not DOWN, and turns DOWN later than recorded). A heartbeat from
 *   a peer never heard is a change even when that peer is not DOWN: its view starts to lapse; and</li>
 *   <li>time reached its expiry: the first millisecond at which the writer it depends on turns DOWN
 *   in the node's view, found at computation through the node's own {@code isDown}; a later heartbeat
 *   only makes the true expiry later, so the recorded one is early (a needless recompute), never late.</li>
 * </ul>
 * Keys outside the probe set are not cached. The world can run with the cache off or audited
 * ({@code Options.Checks}); {@code RouteCacheTest} runs all three and compares verdicts, events and traces.
 */
public final class RouteCache {
    /** The node accepts the write. */
    public static final int ACCEPT = -1;
    /** The node is up and neither accepts nor redirects (QUIESCED). */
    public static final int HOLD = -2;
    /** The node is down: a dead end, not a redirect. */
    public static final int DOWN = -3;
    /** MISDIRECTED to an address that names no node. */
    public static final int BAD_ADDR = -4;
    /** Not computed yet. */
    private static final int NONE = -5;

    private final List<KevyNode> nodes;
    private final Map<String, Integer> addrToIndex;
    private final HashMap<String, Column> columns = new HashMap<>();
    private final HashMap<String, Integer> indexOf = new HashMap<>();
    /** Bumped whenever a node's state may have changed its routes. */
    private final long[] version;
    private final boolean audited;
    private long recomputed;

    private static final class Column {
        final String key;
        final int[] route;
        final long[] expiry;
        final long[] seen;
        /** When each route was computed (for the audit's message). */
        final long[] at;

        Column(String key, int n) {
            this.key = key;
            this.route = new int[n];
            this.expiry = new long[n];
            this.seen = new long[n];
            this.at = new long[n];
            java.util.Arrays.fill(route, NONE);
            java.util.Arrays.fill(seen, -1);
        }
    }

    /**
     * @param nodes       every node, in cluster order (a route's target is an index into this list)
     * @param addrToIndex client address → index of the node that listens on it
     * @param probeKeys   the keys to cache routes for
     * @param audited     also route every node from scratch at every read and fail on any difference (tests)
     */
    public RouteCache(List<KevyNode> nodes, Map<String, Integer> addrToIndex, java.util.Collection<String> probeKeys,
            boolean audited) {
        this.audited = audited;
        this.nodes = List.copyOf(nodes);
        this.addrToIndex = Map.copyOf(addrToIndex);
        this.version = new long[nodes.size()];
        for (int i = 0; i < this.nodes.size(); i++) {
            indexOf.put(this.nodes.get(i).name(), i);
        }
        for (String k : probeKeys) {
            columns.put(k, null);
        }
    }

    /** Node {@code index} processed an input that may change its routes (or crashed, or booted). */
    public void nodeChanged(int index) {
        version[index]++;
    }

    public boolean covers(String key) {
        return columns.containsKey(key);
    }

    /** How many single-node routes were computed (for the run's counts and for tests). */
    public long recomputed() {
        return recomputed;
    }

    /**
     * Every node's route for {@code key} at {@code now}, indexed like the node list: a node index (the
     * MISDIRECTED target), or {@link #ACCEPT}, {@link #HOLD}, {@link #DOWN}, {@link #BAD_ADDR}. The array
     * is the cache's own: read it, do not keep it across events.
     */
    public int[] routes(String key, long now) {
        Column c = column(key);
        int[] route = c.route;
        long[] expiry = c.expiry;
        long[] seen = c.seen;
        for (int i = 0; i < route.length; i++) {
            if (seen[i] != version[i] || expiry[i] <= now) {
                compute(c, i, now);
            }
        }
        if (audited) {
            for (int i = 0; i < route.length; i++) {
                int fresh = route(nodes.get(i), key, now);
                if (fresh != route[i]) {
                    throw new IllegalStateException("RouteCache is stale: node " + nodes.get(i).name() + " routes "
                            + key + " at " + now + " ms as " + fresh + ", the cache says " + route[i] + " (computed at "
                            + c.at[i] + " ms, expiring at " + expiry[i] + " ms)");
                }
            }
        }
        return route;
    }

    private Column column(String key) {
        Column c = columns.get(key);
        if (c == null) {
            if (!columns.containsKey(key)) {
                throw new IllegalArgumentException("not a probe key: " + key);
            }
            c = new Column(key, nodes.size());
            columns.put(key, c);
        }
        return c;
    }

    /**
     * Whether node {@code id} accepts a write of probe key {@code key} at {@code now} (up and
     * {@code routeWrite(key, now).accepted()}): its cached route, recomputed only if stale — one node's
     * entry, not the key's whole column ({@link SingleWriter} asks a key's few candidates).
     */
    public boolean accepts(String key, String id, long now) {
        Integer i = indexOf.get(id);
        if (i == null) {
            throw new IllegalArgumentException("not a node: " + id);
        }
        Column c = column(key);
        if (c.seen[i] != version[i] || c.expiry[i] <= now) {
            compute(c, i, now);
        }
        if (audited) {
            int fresh = route(nodes.get(i), key, now);
            if (fresh != c.route[i]) {
                throw new IllegalStateException("RouteCache is stale: node " + id + " routes " + key + " at " + now
                        + " ms as " + fresh + ", the cache says " + c.route[i] + " (computed at " + c.at[i]
                        + " ms, expiring at " + c.expiry[i] + " ms)");
            }
        }
        return c.route[i] == ACCEPT;
    }

    private void compute(Column c, int i, long now) {
        recomputed++;
        KevyNode n = nodes.get(i);
        c.seen[i] = version[i];
        c.at[i] = now;
        c.route[i] = route(n, c.key, now);
        Optional<VolatileState> vol = n.volatileState();
        c.expiry[i] = vol.isEmpty() ? Long.MAX_VALUE : expiry(n, vol.get(), c.key, now);
    }

    /** One node's route of {@code key} at {@code now}, from scratch. */
    private int route(KevyNode n, String key, long now) {
        if (!n.isUp()) {
            return DOWN;
        }
        WriteVerdict v = n.routeWrite(key, now);
        if (v instanceof WriteVerdict.Misdirected m) {
            Integer target = addrToIndex.get(m.addr());
            return target == null ? BAD_ADDR : target;
        }
        return v.accepted() ? ACCEPT : HOLD;
    }

    /**
     * The first time at which the route of {@code key} computed at {@code now} could differ with no input
     * to the node: when the writer of the key's scope (if the scope has a fallback, the only case in which
     * the route asks for the writer's DOWN view) turns DOWN in this node's view. Found through the node's
     * own {@code isDown(peer, t)}, which is monotone in {@code t} for a fixed state: not DOWN at
     * {@code now} but DOWN at {@code now + DOWN_AFTER_MS + 1} (the peer was heard at some time &le; now)
     * means it turns DOWN in between, at the first such millisecond (binary search); not DOWN even then
     * means it never turns DOWN by time alone (itself, not a peer, or never heard where that is not DOWN).
     */
    private static long expiry(KevyNode n, VolatileState v, String key, long now) {
        Optional<Scope> s = v.table().lookup(key);
        if (s.isEmpty() || s.get().fallback().isEmpty()) {
            return Long.MAX_VALUE;
        }
        String writer = s.get().writer();
        if (n.isDown(writer, now)) {
            return Long.MAX_VALUE; // DOWN stays DOWN as time passes; only a heartbeat (an input) undoes it
        }
        long hi = now + KevyNode.DOWN_AFTER_MS + 1;
        if (!n.isDown(writer, hi)) {
            return Long.MAX_VALUE;
        }
        long lo = now; // not DOWN at lo, DOWN at hi
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (n.isDown(writer, mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }
}
