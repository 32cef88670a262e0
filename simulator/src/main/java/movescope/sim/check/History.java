package movescope.sim.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 *
 * <p>For {@link NoPhantomWrite} it also keeps the checked writes a node refused (answered MISDIRECTED or
 * QUIESCED) and, per node, the values that node took legitimately (by accepting a write or by an
 * ingest). A refusal stays open while its node has no legitimate way to hold its value; a client retry
 * of the same value that the node itself accepts, or an ingest that brings the value, closes it.
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
    /**
     * key → refusals whose value the refusing node has not (yet) taken legitimately, in refusal order: the
     * reference form ({@code listed}), which a take rescans and a check walks from the start.
     */
    private final HashMap<String, List<Refusal>> refusals = new HashMap<>();
    /**
     * The same open refusals indexed ({@code indexed}): key → refusing node → value → its refusals, with
     * their number in refusal order. A take removes one entry; a check reads each refusing node's store
     * once. Looked up only; the first refusal shown is the one with the lowest number, whatever the order
     * of iteration.
     */
    private final HashMap<String, HashMap<String, OpenOnNode>> openIndex = new HashMap<>();
    private record Numbered(long number, Refusal refusal) {}

    /**
     * The open refusals of one key by one node: value → its refusals; and the node's store version
     * ({@link WorldView#storeVersion}) at which its store was last seen to show none of them. A store
     * changes only when its node processes an input (TTL expiry only removes values), so until the version
     * moves or a refusal is added the store need not be read again.
     */
    private static final class OpenOnNode {
        final HashMap<String, List<Numbered>> values = new HashMap<>();
        long cleanAt = Long.MIN_VALUE;
    }
    private long refusalNumber;
    /** Whether the open refusals are kept indexed (the default) and whether as a list (reference, audit). */
    private final boolean indexed;
    private final boolean listed;
    private final boolean audit;
    /** node, key, value (SET value or RPUSH element) that the node took legitimately; see {@link #held}. */
    private final HashSet<String> legit = new HashSet<>();
    private long nextId = 1;
    private long applied;
    private long acked;

    public History(Set<String> probeKeys) {
        this(probeKeys, true, false);
    }

    /**
     * @param indexed whether open refusals are indexed by (key, node, value) ({@code false}: kept as the list
     *                that every take and every check scans, as before the index existed)
     * @param audit   keep both and compare every {@link #firstShown} of the index with the list's (an
     *                IllegalStateException on a difference)
     */
    public History(Set<String> probeKeys, boolean indexed, boolean audit) {
        this.probe = probeKeys;
        this.indexed = indexed || audit;
        this.listed = !indexed || audit;
        this.audit = audit;
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
                    long deadline = ttlDeadline(args, now);
                    if (deadline >= 0 && !recs.isEmpty()) {
                        recs.get(recs.size() - 1).expiresAt = deadline;
                    }
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
            case "ZINTERSTORE", "ZUNIONSTORE", "ZDIFFSTORE", "SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE" -> {
                // The *STORE family replaces args[1] (dst) with a zset or a set, or deletes it, which no
                // WriteRecord states: dst's expected content becomes unknown. The sources are only read, so
                // their last writes stand (whatever their position in args).
                forget(args, 1, touched);
            }
            case "RENAME", "RENAMENX", "RPOPLPUSH", "LMOVE" -> {
                // Both keys change: the source loses its value or an element, the destination gets it.
                forget(args, 1, touched);
                forget(args, 2, touched);
            }
            default -> {
                // Other writes (EXPIRE, LPUSH, ...) are not produced by the simulator's clients; a scripted
                // one still makes the key's expected content unknown, so forget the key's last write.
                forget(args, 1, touched);
            }
        }
        if (!recs.isEmpty()) {
            byRequest.computeIfAbsent(req(conn, reqId), k -> new ArrayList<>()).addAll(recs);
        }
        for (Refusal.Item item : Refusal.items(cmd, args, probe)) {
            take(node, item.key(), item.value());
        }
        return touched;
    }

    /** Forgets the last write of {@code args[i]} when it is a probe key (its expected content is unknown). */
    private void forget(List<String> args, int i, List<String> touched) {
        if (args.size() > i && probe.contains(args.get(i)) && !touched.contains(args.get(i))) {
            last.remove(args.get(i));
            touched.add(args.get(i));
        }
    }

    // ------------------------------------------------------------------------------ NoPhantomWrite

    /**
     * One value of a checked write that {@code node} refused: the client was told {@code verdict}
     * (MISDIRECTED or QUIESCED), so the value must never show up in that node's store unless the node
     * takes it legitimately later.
     */
    public record Refusal(String node, String key, String value, String cmd, String verdict, long at, String conn,
            long reqId) {
        /** e.g. {@code SET app:1 "stale" answered MISDIRECTED by a at 2050 ms (conn c2@a #1)}. */
        public String describe() {
            return cmd + " " + key + " \"" + value + "\" answered " + verdict + " by " + node + " at " + at
                    + " ms (conn " + conn + " #" + reqId + ")";
        }

        /** A (key, value) a write command puts into a store. */
        record Item(String key, String value) {}

        /**
         * The values a write leaves visible: SET's value, each RPUSH element, each MSET pair. DEL leaves
         * an absence, which cannot be told apart from any other absence, so it is not tracked.
         */
        static List<Item> items(String cmd, List<String> args, Set<String> probe) {
            List<Item> out = new ArrayList<>();
            switch (cmd) {
                case "SET" -> {
                    if (args.size() >= 3 && probe.contains(args.get(1))) {
                        out.add(new Item(args.get(1), args.get(2)));
                    }
                }
                case "MSET" -> {
                    for (int i = 1; i + 1 < args.size(); i += 2) {
                        if (probe.contains(args.get(i))) {
                            out.add(new Item(args.get(i), args.get(i + 1)));
                        }
                    }
                }
                case "RPUSH" -> {
                    if (args.size() >= 3 && probe.contains(args.get(1))) {
                        for (int i = 2; i < args.size(); i++) {
                            out.add(new Item(args.get(1), args.get(i)));
                        }
                    }
                }
                default -> {
                    // DEL/UNLINK leave nothing to recognise; other writes are not produced by clients.
                }
            }
            return out;
        }
    }

    private static String legitKey(String node, String key, String value) {
        return node + '\u0000' + key + '\u0000' + value;
    }

    /** Node {@code node} took {@code value} for {@code key} legitimately: close its refusals of it. */
    private void take(String node, String key, String value) {
        if (!legit.add(legitKey(node, key, value))) {
            return;
        }
        if (listed) {
            List<Refusal> open = refusals.get(key);
            if (open != null) {
                open.removeIf(r -> r.node().equals(node) && r.value().equals(value));
                if (open.isEmpty()) {
                    refusals.remove(key);
                }
            }
        }
        if (indexed) {
            HashMap<String, OpenOnNode> byNode = openIndex.get(key);
            if (byNode != null) {
                OpenOnNode on = byNode.get(node);
                if (on != null && on.values.remove(value) != null && on.values.isEmpty()) {
                    byNode.remove(node);
                    if (byNode.isEmpty()) {
                        openIndex.remove(key);
                    }
                }
            }
        }
    }

    /** Whether {@code node} ever took {@code value} for {@code key} legitimately (accepted or ingested). */
    public boolean held(String node, String key, String value) {
        return legit.contains(legitKey(node, key, value));
    }

    /**
     * Node {@code node} answered {@code verdict} (MISDIRECTED or QUIESCED) to the checked write
     * {@code args} of request (conn, reqId); {@code current} is what its live store holds for the key
     * right now. A value the node already holds, or took legitimately before, is not tracked: its later
     * presence would prove nothing. Returns the probe keys with a new open refusal.
     */
    public List<String> refused(String node, String verdict, String conn, long reqId, List<String> args,
            Optional<Value> current, long now) {
        String cmd = args.isEmpty() ? "" : args.get(0).toUpperCase(Locale.ROOT);
        List<String> keys = new ArrayList<>();
        for (Refusal.Item item : Refusal.items(cmd, args, probe)) {
            if (held(node, item.key(), item.value()) || shows(current, item.value())) {
                continue;
            }
            Refusal r = new Refusal(node, item.key(), item.value(), cmd, verdict, now, conn, reqId);
            if (listed) {
                refusals.computeIfAbsent(item.key(), k -> new ArrayList<>()).add(r);
            }
            if (indexed) {
                OpenOnNode on = openIndex.computeIfAbsent(item.key(), k -> new HashMap<>())
                        .computeIfAbsent(node, n -> new OpenOnNode());
                on.values.computeIfAbsent(item.value(), v -> new ArrayList<>(1)).add(new Numbered(refusalNumber++, r));
                on.cleanAt = Long.MIN_VALUE; // a new value to look for
            }
            if (!keys.contains(item.key())) {
                keys.add(item.key());
            }
        }
        return keys;
    }

    /**
     * An ingest on {@code node} covered {@code key}, which the node's store now holds as {@code now}: the
     * values there arrived legitimately (they came from the source's store), closing refusals of them.
     */
    public void ingested(String node, String key, Optional<Value> now) {
        if (!probe.contains(key) || now.isEmpty()) {
            return;
        }
        if (now.get() instanceof Value.Str s) {
            take(node, key, s.value());
        } else if (now.get() instanceof Value.ListVal l) {
            for (String e : l.elements()) {
                take(node, key, e);
            }
        }
    }

    /** The refusals of {@code key} still open (their node never took the value legitimately), in refusal order. */
    public List<Refusal> openRefusals(String key) {
        if (listed) {
            List<Refusal> open = refusals.get(key);
            return open == null ? List.of() : open;
        }
        HashMap<String, OpenOnNode> byNode = openIndex.get(key);
        if (byNode == null) {
            return List.of();
        }
        List<Numbered> all = new ArrayList<>();
        byNode.values().forEach(on -> on.values.values().forEach(all::addAll));
        all.sort(java.util.Comparator.comparingLong(Numbered::number));
        return all.stream().map(Numbered::refusal).toList();
    }

    /**
     * The first open refusal of {@code key}, in refusal order, whose node is up and whose live store shows
     * the refused value ({@link NoPhantomWrite}). A down node's store is checked when it restarts.
     */
    public Optional<Refusal> firstShown(String key, WorldView w) {
        if (!indexed) {
            return firstShownScanning(key, w);
        }
        Optional<Refusal> found = firstShownIndexed(key, w);
        if (audit) {
            Optional<Refusal> want = firstShownScanning(key, w);
            if (!want.equals(found)) {
                throw new IllegalStateException("refusal index of " + key + " found " + found + ", the list " + want);
            }
        }
        return found;
    }

    private Optional<Refusal> firstShownScanning(String key, WorldView w) {
        for (Refusal r : refusals.getOrDefault(key, List.of())) {
            movescope.model.protocol.KevyNode n = w.node(r.node());
            if (n.isUp() && shows(n.read(key, w.now()), r.value())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private Optional<Refusal> firstShownIndexed(String key, WorldView w) {
        HashMap<String, OpenOnNode> byNode = openIndex.get(key);
        if (byNode == null) {
            return Optional.empty();
        }
        Numbered best = null;
        for (var e : byNode.entrySet()) {
            movescope.model.protocol.KevyNode n = w.node(e.getKey());
            if (!n.isUp()) {
                continue;
            }
            OpenOnNode on = e.getValue();
            long version = w.storeVersion(e.getKey());
            if (version >= 0 && version == on.cleanAt) {
                continue; // its store has not changed since it showed none of them
            }
            Numbered mine = shownOn(n.read(key, w.now()), on.values, null);
            if (mine == null) {
                if (version >= 0) {
                    on.cleanAt = version;
                }
            } else if (best == null || mine.number() < best.number()) {
                best = mine;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.refusal());
    }

    /** The earliest of {@code best} and the refusals among {@code values} that {@code v} shows. */
    private static Numbered shownOn(Optional<Value> v, HashMap<String, List<Numbered>> values, Numbered best) {
        if (v.isPresent()) {
            if (v.get() instanceof Value.Str str) {
                best = earlier(best, values.get(str.value()));
            } else if (v.get() instanceof Value.ListVal l) {
                if (l.elements().size() <= values.size()) {
                    for (String el : l.elements()) {
                        best = earlier(best, values.get(el));
                    }
                } else {
                    for (var refused : values.entrySet()) {
                        if (l.elements().contains(refused.getKey())) {
                            best = earlier(best, refused.getValue());
                        }
                    }
                }
            }
        }
        return best;
    }

    /** The earlier of {@code best} and the first of {@code rs} (null or empty: none). */
    private static Numbered earlier(Numbered best, List<Numbered> rs) {
        if (rs == null || rs.isEmpty()) {
            return best;
        }
        Numbered first = rs.get(0);
        return best == null || first.number() < best.number() ? first : best;
    }

    /** Whether a store value shows {@code value}: the string itself, or an element of the list. */
    public static boolean shows(Optional<Value> v, String value) {
        return v.isPresent() && (v.get() instanceof Value.Str s && s.value().equals(value)
                || v.get() instanceof Value.ListVal l && l.elements().contains(value));
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
    /**
     * The absolute deadline a {@code SET k v EX s | PX ms | EXAT s | PXAT ms} gives its key (the store keeps
     * TTLs as absolute deadlines and a key is gone once {@code now > deadline}), or -1 without one.
     */
    static long ttlDeadline(List<String> args, long now) {
        for (int i = 3; i + 1 < args.size(); i++) {
            String opt = args.get(i).toUpperCase(java.util.Locale.ROOT);
            long n;
            try {
                n = Long.parseLong(args.get(i + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            switch (opt) {
                case "EX" -> {
                    return now + n * 1000;
                }
                case "PX" -> {
                    return now + n;
                }
                case "EXAT" -> {
                    return n * 1000;
                }
                case "PXAT" -> {
                    return n;
                }
                default -> {
                }
            }
        }
        return -1;
    }

    /**
     * Whether the store value {@code v}, read at {@code now}, still holds write {@code w} — or shows it ended
     * legitimately: a SET whose TTL deadline has passed is held by the key's absence (an expired key is not a
     * lost write).
     */
    public static boolean holds(WriteRecord w, Optional<Value> v, long now) {
        if (w.kind == WriteRecord.Kind.SET && w.expiresAt >= 0 && now > w.expiresAt && v.isEmpty()) {
            return true;
        }
        return holds(w, v);
    }

    public static boolean holds(WriteRecord w, Optional<Value> v) {
        return switch (w.kind) {
            case SET -> v.isPresent() && v.get() instanceof Value.Str s && s.value().equals(w.value);
            case RPUSH -> v.isPresent() && v.get() instanceof Value.ListVal l && l.elements().contains(w.value);
            case DEL -> v.isEmpty();
        };
    }
}
