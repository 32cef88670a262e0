package movescope.sim.check;

import java.util.HashMap;
import java.util.Optional;
import movescope.model.protocol.KevyNode;
import movescope.model.routing.WriteVerdict;

/**
 * {@code RedirectsConverge}: from every live node, following MISDIRECTED replies reaches, within
 * {@link #MAX_HOPS} (2) hops, a node that accepts the write, answers QUIESCED (a move is in flight: the
 * client waits), or is down (a dead end, not a loop). A redirect to an address no node has, a cycle, or a
 * longer chain is a violation. Chains are memoised per check, so one key costs one route per live node.
 *
 * <p>With a {@link RouteCache} the routes come from the cache (only nodes that changed are routed again)
 * and the question is answered on its arrays: some live node's chain fails exactly when a live node is
 * MISDIRECTED to an address that names no node, or three live MISDIRECTED nodes follow each other
 * (x &rarr; y &rarr; z, which also covers every cycle). Only when that says "violated" is the memoised walk
 * above run, so the message (which node, which chain) is the one it has always been; if the walk
 * disagrees, the run stops with an internal error rather than report or miss a violation.
 */
public final class RedirectsConverge implements Invariant {
    public static final int MAX_HOPS = 2;
    private static final int BAD_ADDR = -2;
    private static final int CYCLE = -3;
    private static final int VISITING = -4;

    @Override
    public String name() {
        return "RedirectsConverge";
    }

    @Override
    public boolean watches(Aspect aspect) {
        return aspect == Aspect.ROUTING;
    }

    @Override
    public Optional<String> checkKey(WorldView w, String key) {
        if (!w.scoped(key)) {
            return Optional.empty();
        }
        Optional<RouteCache> cache = w.routes();
        if (cache.isPresent() && cache.get().covers(key)) {
            if (!violated(cache.get().routes(key, w.now()))) {
                return Optional.empty();
            }
            Optional<String> v = walk(w, key);
            if (v.isEmpty()) {
                throw new IllegalStateException("RouteCache says redirects for " + key + " do not converge at "
                        + w.now() + " ms, but routing every node says they do");
            }
            return v;
        }
        return walk(w, key);
    }

    /** Whether some live node's redirect chain fails, on the cached routes (see the class comment). */
    static boolean violated(int[] next) {
        for (int x = 0; x < next.length; x++) {
            int y = next[x];
            if (y == RouteCache.BAD_ADDR) {
                return true;
            }
            if (y >= 0) {
                int z = next[y];
                if (z >= 0 && next[z] >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The reference check: route every live node, follow and memoise the chains. */
    private Optional<String> walk(WorldView w, String key) {
        HashMap<String, Integer> memo = new HashMap<>();
        HashMap<String, String> next = new HashMap<>();
        for (KevyNode n : w.nodes()) {
            if (!n.isUp()) {
                continue;
            }
            int hops = hops(w, key, n.name(), memo, next);
            if (hops < 0 || hops > MAX_HOPS) {
                return Optional.of("from " + n.name() + ", redirects for " + key + " do not converge: "
                        + chain(w, n.name(), next, hops));
            }
        }
        return Optional.empty();
    }

    /** Hops from {@code id} to a terminal node, or BAD_ADDR / CYCLE. */
    private int hops(WorldView w, String key, String id, HashMap<String, Integer> memo, HashMap<String, String> next) {
        Integer known = memo.get(id);
        if (known != null) {
            return known == VISITING ? CYCLE : known;
        }
        KevyNode n = w.node(id);
        if (!n.isUp()) {
            memo.put(id, 0);
            return 0;
        }
        WriteVerdict v = n.routeWrite(key, w.now());
        if (!(v instanceof WriteVerdict.Misdirected m)) {
            memo.put(id, 0);
            return 0;
        }
        Optional<String> target = w.nodeOfAddr(m.addr());
        if (target.isEmpty()) {
            next.put(id, m.addr());
            memo.put(id, BAD_ADDR);
            return BAD_ADDR;
        }
        next.put(id, target.get());
        memo.put(id, VISITING);
        int rest = hops(w, key, target.get(), memo, next);
        int result = rest < 0 ? rest : rest + 1;
        memo.put(id, result);
        return result;
    }

    private static String chain(WorldView w, String start, HashMap<String, String> next, int hops) {
        StringBuilder b = new StringBuilder(start);
        String cur = start;
        java.util.HashSet<String> seen = new java.util.HashSet<>();
        seen.add(start);
        for (int i = 0; i < 8; i++) {
            String nx = next.get(cur);
            if (nx == null) {
                break;
            }
            b.append(" -> ").append(nx);
            if (!seen.add(nx)) {
                b.append(" (cycle)");
                return b.toString();
            }
            cur = nx;
        }
        if (hops == BAD_ADDR) {
            b.append(" (names no node)");
        } else if (hops > MAX_HOPS) {
            b.append(" (").append(hops).append(" hops > ").append(MAX_HOPS).append(")");
        }
        return b.toString();
    }
}
