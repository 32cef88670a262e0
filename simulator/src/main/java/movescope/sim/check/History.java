package movescope.sim.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import movescope.model.store.Value;

/**
 * The write history of the probe keys: the last write each key saw (in the global order in which nodes
 * applied writes — the simulator is sequential, so that order is well defined), which requests those
 * writes belong to (to mark them acknowledged when the reply reaches the client), which nodes may hold a
 * key, and when each node accepted writes for it (for the end-of-run overlap check).
 *
 * <p>Only the latest write of a key is checked: an earlier one was legitimately overwritten. If the
 * latest applied write was never acknowledged, nothing is claimed for the key until it is.
 */
public final class History {
    private final Set<String> probe;
    private final HashMap<String, WriteRecord> last = new HashMap<>();
    private final HashMap<String, List<WriteRecord>> byRequest = new HashMap<>();
    private final HashMap<String, TreeSet<String>> holders = new HashMap<>();
    /** key → the node that accepted its last write, and every node's epoch at its last accept. */
    private final HashMap<String, String> lastAccepter = new HashMap<>();
    private final HashMap<String, HashMap<String, Long>> lastEpoch = new HashMap<>();
    /** Overlaps found: key → description (first per key), in detection order. */
    private final java.util.LinkedHashMap<String, String> overlaps = new java.util.LinkedHashMap<>();
    private long nextId = 1;
    private long applied;
    private long acked;

    public History(Set<String> probeKeys) {
        this.probe = probeKeys;
    }

    private static String req(String conn, long reqId) {
        return conn + "#" + reqId;
    }

    /**
     * A node applied {@code args} (a write that did not answer an error) for request (conn, reqId).
     * Returns the probe keys it touched.
     */
    public List<String> applied(String node, long epoch, String conn, long reqId, List<String> args, long now) {
        String cmd = args.isEmpty() ? "" : args.get(0).toUpperCase(Locale.ROOT);
        List<String> touched = new ArrayList<>();
        List<WriteRecord> recs = new ArrayList<>();
        switch (cmd) {
            case "SET" -> {
                if (args.size() >= 3) {
                    add(recs, touched, args.get(1), WriteRecord.Kind.SET, args.get(2), node, epoch, now, conn, reqId);
                }
            }
            case "MSET" -> {
                for (int i = 1; i + 1 < args.size(); i += 2) {
                    add(recs, touched, args.get(i), WriteRecord.Kind.SET, args.get(i + 1), node, epoch, now, conn, reqId);
                }
            }
            case "RPUSH" -> {
                // Each element is checked on its own; the last one pushed stands for the request.
                if (args.size() >= 3) {
                    add(recs, touched, args.get(1), WriteRecord.Kind.RPUSH, args.get(args.size() - 1), node, epoch,
                            now, conn, reqId);
                }
            }
            case "DEL", "UNLINK" -> {
                for (int i = 1; i < args.size(); i++) {
                    add(recs, touched, args.get(i), WriteRecord.Kind.DEL, null, node, epoch, now, conn, reqId);
                }
            }
            default -> {
                // Other writes (EXPIRE, LPUSH, ...) are not produced by the simulator's clients; a scripted
                // one still makes the key's expected content unknown, so forget the key's last write.
                if (args.size() >= 2 && probe.contains(args.get(1))) {
                    last.remove(args.get(1));
                    touched.add(args.get(1));
                }
            }
        }
        if (!recs.isEmpty()) {
            byRequest.computeIfAbsent(req(conn, reqId), k -> new ArrayList<>()).addAll(recs);
        }
        return touched;
    }

    private void add(List<WriteRecord> recs, List<String> touched, String key, WriteRecord.Kind kind, String value,
            String node, long epoch, long now, String conn, long reqId) {
        if (!probe.contains(key)) {
            return;
        }
        WriteRecord w = new WriteRecord(nextId++, key, kind, value, node, now, conn, reqId);
        applied++;
        last.put(key, w);
        recs.add(w);
        touched.add(key);
        holders.computeIfAbsent(key, k -> new TreeSet<>()).add(node);
        // Overlap: this node accepted the key before, in the same epoch (no crash, boot or move of its own
        // since), and another node accepted it in between — both were accepting at overlapping times.
        String prev = lastAccepter.get(key);
        HashMap<String, Long> epochs = lastEpoch.computeIfAbsent(key, k -> new HashMap<>());
        Long mine = epochs.get(node);
        if (prev != null && !prev.equals(node) && mine != null && mine == epoch && !overlaps.containsKey(key)) {
            overlaps.put(key, node + " accepted writes for " + key + " before and after " + prev
                    + " did, without a crash, boot or move in between (last: " + w.describe() + ")");
        }
        epochs.put(node, epoch);
        lastAccepter.put(key, node);
    }

    /** key → why two nodes accepted it at overlapping times (first finding per key). */
    public Map<String, String> overlaps() {
        return overlaps;
    }

    /** The reply to (conn, reqId) reached its client with success: its writes are acknowledged. */
    public List<String> acked(String conn, long reqId, long now) {
        List<WriteRecord> recs = byRequest.remove(req(conn, reqId));
        if (recs == null) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (WriteRecord w : recs) {
            w.acked = true;
            w.ackedAt = now;
            acked++;
            keys.add(w.key);
        }
        return keys;
    }

    /** The request ended without success (error reply, timeout, lost): forget the request mapping. */
    public void forget(String conn, long reqId) {
        byRequest.remove(req(conn, reqId));
    }

    /** The latest write of {@code key}, if it was acknowledged. */
    public Optional<WriteRecord> lastAcked(String key) {
        WriteRecord w = last.get(key);
        return w != null && w.acked ? Optional.of(w) : Optional.empty();
    }

    public Optional<WriteRecord> last(String key) {
        return Optional.ofNullable(last.get(key));
    }

    /** Nodes known to have taken a write of {@code key} (directly or by ingest). */
    public Set<String> holders(String key) {
        TreeSet<String> h = holders.get(key);
        return h == null ? Set.of() : h;
    }

    public void addHolder(String key, String node) {
        holders.computeIfAbsent(key, k -> new TreeSet<>()).add(node);
    }

    public long appliedCount() {
        return applied;
    }

    public long ackedCount() {
        return acked;
    }

    /** Whether a store value shows the effect of write {@code w}. */
    public static boolean holds(WriteRecord w, Optional<Value> v) {
        return switch (w.kind) {
            case SET -> v.isPresent() && v.get() instanceof Value.Str s && s.value().equals(w.value);
            case RPUSH -> v.isPresent() && v.get() instanceof Value.ListVal l && l.elements().contains(w.value);
            case DEL -> v.isEmpty();
        };
    }
}
