package movescope.sim.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import movescope.model.protocol.KevyNode;
import movescope.model.protocol.LogEntry;
import movescope.model.store.Store;
import movescope.sim.report.HistoryFinding;
import movescope.sim.scenario.Commands;
import movescope.sim.scenario.Expectations;
import movescope.sim.scenario.LogExpectation;
import movescope.sim.scenario.ValueExpectation;

/**
 * The checks that only make sense once a run has reached its end: every expected bait was hit, the
 * expected values are where the scenario says, and (with {@code expect.history}) the last acknowledged
 * write of every probe key is held by the key's owner at the end — otherwise it is stranded on another
 * node or lost. Reads the final state through {@link WorldView} only.
 */
public final class EndOfRun {
    private final WorldView w;
    private final SortedSet<String> probe;

    public EndOfRun(WorldView w, SortedSet<String> probe) {
        this.w = w;
        this.probe = probe;
    }

    /**
     * The live nodes that accept writes for {@code key} now, in node order. With the incremental checks
     * only the key's {@link Topology} candidates are asked (a node that is none of them cannot accept it);
     * on the reference path every node is, and {@link WorldView#audited()} compares the two.
     */
    public List<String> acceptingAtEnd(String key) {
        Optional<RouteCache> cache = w.routes();
        if (cache.isPresent()) {
            List<String> out = acceptingAmongCandidates(key);
            if (w.audited()) {
                List<String> want = cache.get().covers(key) ? acceptingByRoutes(cache.get(), key) : acceptingByScan(key);
                if (!want.equals(out)) {
                    throw new IllegalStateException("accepting " + key + " at the end: candidates give " + out
                            + ", every node " + want);
                }
            }
            return out;
        }
        return acceptingByScan(key);
    }

    private HashMap<String, Integer> index;

    private List<String> acceptingAmongCandidates(String key) {
        if (index == null) {
            index = new HashMap<>();
            for (int i = 0; i < w.nodes().size(); i++) {
                index.put(w.nodes().get(i).name(), i);
            }
        }
        List<String> c = w.candidates(key);
        int[] at = new int[c.size()];
        int k = 0;
        for (String id : c) {
            KevyNode n = w.node(id);
            if (n.isUp() && n.acceptsWrite(key, w.now())) {
                at[k++] = index.get(id);
            }
        }
        java.util.Arrays.sort(at, 0, k);
        List<String> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            out.add(w.nodes().get(at[i]).name());
        }
        return out;
    }

    private List<String> acceptingByRoutes(RouteCache cache, String key) {
        List<String> out = new ArrayList<>();
        int[] r = cache.routes(key, w.now());
        for (int i = 0; i < r.length; i++) {
            if (r[i] == RouteCache.ACCEPT) {
                out.add(w.nodes().get(i).name());
            }
        }
        return out;
    }

    private List<String> acceptingByScan(String key) {
        List<String> out = new ArrayList<>();
        for (KevyNode n : w.nodes()) {
            if (n.isUp() && n.acceptsWrite(key, w.now())) {
                out.add(n.name());
            }
        }
        return out;
    }

    /**
     * Adds one line to {@code failures} per missed expectation of {@code ex}, and returns the history
     * findings (also listed in {@code failures}).
     */
    public List<HistoryFinding> evaluate(Expectations ex, SortedMap<String, Long> baits, List<String> failures) {
        long now = w.now();
        List<HistoryFinding> findings = new ArrayList<>();
        for (String b : ex.baits()) {
            if (baits.getOrDefault(b, 0L) == 0) {
                failures.add("bait " + b + " was never reached");
            }
        }
        for (ValueExpectation v : ex.values()) {
            String node = v.node().orElse(null);
            if (node == null) {
                List<String> acc = acceptingAtEnd(v.key());
                if (acc.isEmpty()) {
                    failures.add("value of " + v.key() + ": no live node accepts writes for it at the end");
                    continue;
                }
                node = acc.get(0);
            }
            KevyNode n = w.node(node);
            if (!n.isUp()) {
                failures.add("value of " + v.key() + ": node " + node + " is down at the end");
                continue;
            }
            List<Store> stores = n.volatileState().orElseThrow().stores();
            Store st = stores.get(n.shardOf(v.key())).copy();
            String got = st.execute(v.command(), now).wire();
            if (!v.expect().matches(got)) {
                failures.add("value of " + v.key() + " on " + node + " (" + Commands.render(v.command())
                        + "): expected " + v.expect().describe() + ", got " + got);
            }
        }
        for (LogExpectation l : ex.logs()) {
            logFailure(w.node(l.node()), l).ifPresent(failures::add);
        }
        if (ex.history()) {
            History history = w.history();
            for (String key : probe) {
                Optional<WriteRecord> last = history.lastAcked(key);
                if (last.isEmpty()) {
                    continue;
                }
                if (!w.scoped(key)) {
                    // Outside every scope all nodes accept the key (scopes are opt-in): nothing can be
                    // stranded, only lost.
                    boolean held = false;
                    for (KevyNode n : w.nodes()) {
                        if (History.holds(last.get(), w.valueOn(n.name(), key), now)) {
                            held = true;
                            break;
                        }
                    }
                    if (!held) {
                        findings.add(new HistoryFinding("lost", key, last.get().describe(),
                                "no node holds it; the key is under no scope"));
                    }
                    continue;
                }
                List<String> owners = acceptingAtEnd(key);
                for (String o : owners) {
                    if (History.holds(last.get(), w.node(o).read(key, now), now)) {
                        continue;
                    }
                    String holder = null;
                    for (KevyNode n : w.nodes()) {
                        if (History.holds(last.get(), w.valueOn(n.name(), key), now)) {
                            holder = n.name();
                            break;
                        }
                    }
                    if (holder != null) {
                        findings.add(new HistoryFinding("stranded", key, last.get().describe(),
                                "owner " + o + " does not hold it; " + holder + " does"));
                    } else {
                        findings.add(new HistoryFinding("lost", key, last.get().describe(),
                                "no node holds it; owner at the end: " + o));
                    }
                }
            }
            for (Map.Entry<String, String> e : history.overlaps().entrySet()) {
                findings.add(new HistoryFinding("overlap", e.getKey(), "", e.getValue()));
            }
            for (HistoryFinding f : findings) {
                failures.add(line(f));
            }
        }
        return findings;
    }

    /**
     * Why {@code n}'s {@code aof-<shard>.aof} is not {@code l}'s frames, empty when it is: the first frame that
     * differs (or the count), then both logs in full, frames separated by {@code |}; one line.
     */
    static Optional<String> logFailure(KevyNode n, LogExpectation l) {
        String file = "log of " + l.node() + " shard " + l.shard() + " (aof-" + l.shard() + ".aof)";
        int shards = n.durable().layout().map(x -> x.shards()).orElse(0);
        if (l.shard() >= shards) {
            return Optional.of(file + ": the node has " + shards + " shard" + (shards == 1 ? "" : "s")
                    + ", so no such log");
        }
        List<List<String>> got = new ArrayList<>();
        for (LogEntry e : n.durable().aof(l.shard())) {
            got.add(e.args());
        }
        if (got.equals(l.frames())) {
            return Optional.empty();
        }
        int i = 0;
        while (i < got.size() && i < l.frames().size() && got.get(i).equals(l.frames().get(i))) {
            i++;
        }
        String first;
        if (i < got.size() && i < l.frames().size()) {
            first = "frame " + (i + 1) + " is " + Commands.render(got.get(i)) + ", expected "
                    + Commands.render(l.frames().get(i));
        } else if (i < got.size()) {
            first = got.size() + " frames, expected " + l.frames().size() + "; the first extra one is "
                    + Commands.render(got.get(i));
        } else {
            first = got.size() + " frames, expected " + l.frames().size() + "; the first missing one is "
                    + Commands.render(l.frames().get(i));
        }
        return Optional.of(file + ": " + first + "; expected [" + renderFrames(l.frames()) + "], actual ["
                + renderFrames(got) + "]");
    }

    private static String renderFrames(List<List<String>> frames) {
        if (frames.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (List<String> f : frames) {
            if (b.length() > 0) {
                b.append(" | ");
            }
            b.append(Commands.render(f));
        }
        return b.toString();
    }

    /**
     * The expected violation {@code expected}, when an end-of-run history finding is one: a {@code lost}
     * write breaks NoLostWrite, a {@code stranded} one NoStrandedWrite, an {@code overlap} SingleWriter. A
     * regression scenario shrunk from a run that failed only at its end can then say
     * {@code "violation": "NoLostWrite"} and pass while the hole is there. The matching findings leave
     * {@code failures} (they are what was expected); others stay. Null when no finding matches.
     */
    public static Violation expectedFromHistory(String expected, List<HistoryFinding> findings,
            List<String> failures, long now, long events) {
        HistoryFinding first = null;
        for (HistoryFinding f : findings) {
            if (invariantOf(f.kind()).equals(expected)) {
                first = first == null ? f : first;
                failures.remove(line(f));
            }
        }
        if (first == null) {
            return null;
        }
        return new Violation(expected, first.key(), "", "at the end, " + first.kind() + " " + first.key() + ": "
                + first.write() + (first.write().isEmpty() ? "" : " — ") + first.detail(), now, events, List.of());
    }

    /** The invariant an end-of-run history finding of kind {@code kind} breaks. */
    public static String invariantOf(String kind) {
        return switch (kind) {
            case "lost" -> "NoLostWrite";
            case "stranded" -> "NoStrandedWrite";
            case "overlap" -> "SingleWriter";
            default -> "";
        };
    }

    private static String line(HistoryFinding f) {
        return "history: " + f.kind() + " " + f.key() + ": " + f.write() + (f.write().isEmpty() ? "" : " — ")
                + f.detail();
    }
}
