package movescope.sim.check;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * For {@link NoAcceptAfterShip}: per source node, the prefixes whose slice that node's live process has
 * shipped (a {@code Ship} trace) and not taken back since. A mark is set at {@code Ship} and removed when
 * the move aborts (the source keeps the prefix by design), when the process dies (a restarted process
 * has no move and no table of its own history: what it accepts then is {@code SingleWriter}'s and
 * {@code NoStrandedWrite}'s business), and when the node itself ingests an overlapping prefix (the prefix
 * was moved back to it). A commit keeps the mark: the prefix is the target's from then on.
 */
public final class Shipments {
    /** A slice shipped by its source: which move, to whom, when. */
    public record Shipped(String node, String prefix, String moveId, String to, long at) {
        public String describe() {
            return "slice of " + prefix + " shipped by " + node + " to " + to + " at " + at + " ms (move " + moveId + ")";
        }
    }

    /** node → prefix → the ship that marked it. */
    private final HashMap<String, TreeMap<String, Shipped>> byNode = new HashMap<>();

    public void shipped(String node, String prefix, String moveId, String to, long at) {
        byNode.computeIfAbsent(node, k -> new TreeMap<>()).put(prefix, new Shipped(node, prefix, moveId, to, at));
    }

    public void aborted(String node, String prefix, String moveId) {
        TreeMap<String, Shipped> m = byNode.get(node);
        if (m != null && m.containsKey(prefix) && m.get(prefix).moveId().equals(moveId)) {
            m.remove(prefix);
        }
    }

    public void died(String node) {
        byNode.remove(node);
    }

    /** {@code node} ingested {@code prefix}: marks of overlapping prefixes end (the prefix came back). */
    public void ingested(String node, String prefix) {
        TreeMap<String, Shipped> m = byNode.get(node);
        if (m != null) {
            m.keySet().removeIf(p -> p.startsWith(prefix) || prefix.startsWith(p));
        }
    }

    /** The longest shipped prefix of {@code key} on {@code node}, if any. */
    public Optional<Shipped> covering(String node, String key) {
        TreeMap<String, Shipped> m = byNode.get(node);
        if (m == null) {
            return Optional.empty();
        }
        Shipped best = null;
        for (Map.Entry<String, Shipped> e : m.headMap(key, true).entrySet()) {
            if (key.startsWith(e.getKey()) && (best == null || e.getKey().length() > best.prefix().length())) {
                best = e.getValue();
            }
        }
        return Optional.ofNullable(best);
    }
}
