package movescope.live.drive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import movescope.model.routing.Commands;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.Step;

/**
 * The invariants of docs/vocabulary.md that can be judged from the outside of a real cluster, from the
 * recorded requests and replies and the end-of-run reads (docs/live.md "What live judges"). Each finding is
 * {@code "<Invariant>: <what>"}.
 * <ul>
 * <li>{@code SingleWriter}: two different nodes acknowledged checked writes of the same scoped key with no
 *   routing change in between (a lifecycle step, or a MOVE-SCOPE reply).</li>
 * <li>{@code NoLostWrite}: the latest applied write of a probe key (the last one sent that was acknowledged)
 *   is held by no node at the end. A write whose reply never came makes the key unjudgeable; so does a node
 *   that did not answer the end-of-run reads (down, or busy).</li>
 * <li>{@code NoStrandedWrite}: that write is not held by the node believed to write the key at the end
 *   ({@link OwnerBelief}), when every node's config file names that writer too (else unjudged).</li>
 * <li>{@code QuiescedOnlyInFlight}: a node answered QUIESCED for a key while no MOVE-SCOPE of a prefix of it
 *   was in flight on it (sent and not yet answered).</li>
 * <li>{@code RedirectsConverge}: the redirects a client saw for one command go round (the followed node
 *   redirects back to one already seen: a cycle), or a MISDIRECTED names an address that is no node. (A
 *   client follows only once, so a chain longer than 2 hops cannot be seen from the outside.)</li>
 * </ul>
 */
final class OutsideChecks {
    private OutsideChecks() {
    }

    static List<String> check(Scenario sc, LiveDriver.Result live) {
        List<String> out = new ArrayList<>();
        singleWriter(sc, live, out);
        quiesced(live, out);
        redirects(sc, live, out);
        history(sc, live, out);
        return out;
    }

    private static boolean ok(String reply) {
        return reply != null && !reply.startsWith("-");
    }

    private static void singleWriter(Scenario sc, LiveDriver.Result live, List<String> out) {
        List<Long> boundaries = new ArrayList<>();
        for (LiveDriver.StepRun r : live.steps()) {
            if (r.step() instanceof Step.OperatorStep os && !os.command().isEmpty()
                    && os.command().get(0).equalsIgnoreCase("MOVE-SCOPE")) {
                boundaries.add(r.sentMs());
                if (r.replyMs() >= 0) {
                    boundaries.add(r.replyMs());
                }
            } else if (!(r.step() instanceof Step.ClientStep) && !(r.step() instanceof Step.OperatorStep)) {
                boundaries.add(r.sentMs());
            }
        }
        boundaries.sort(Long::compare);
        // key -> epoch -> first accepting node and when
        Map<String, TreeMap<Integer, String[]>> seen = new TreeMap<>();
        TreeMap<String, String> owner = new TreeMap<>(live.owner());
        for (Recorder.Hop h : live.hops()) {
            if (!ok(h.reply()) || !Commands.isCheckedWrite(h.args()) || h.args().size() < 2) {
                continue;
            }
            String key = h.args().get(1);
            if (!OwnerBelief.scoped(owner, key)) {
                continue;
            }
            int epoch = 0;
            for (long b : boundaries) {
                if (b <= h.sentMs()) {
                    epoch++;
                }
            }
            boolean crossed = false;
            for (long b : boundaries) {
                if (b > h.sentMs() && b <= h.replyMs()) {
                    crossed = true;
                }
            }
            if (crossed) {
                continue;
            }
            String[] first = seen.computeIfAbsent(key, k -> new TreeMap<>()).putIfAbsent(epoch,
                    new String[] {h.node(), String.valueOf(h.replyMs())});
            if (first != null && !first[0].equals(h.node())) {
                out.add("SingleWriter: " + key + " was accepted by " + first[0] + " (at " + first[1] + " ms) and by "
                        + h.node() + " (at " + h.replyMs() + " ms) with no move, restart or config push between");
                first[0] = h.node();
            }
        }
    }

    private static void quiesced(LiveDriver.Result live, List<String> out) {
        for (Recorder.Hop h : live.hops()) {
            if (h.reply() == null || !h.reply().startsWith("-QUIESCED") || h.args().size() < 2) {
                continue;
            }
            String key = h.args().get(1);
            boolean inFlight = false;
            for (LiveDriver.StepRun r : live.steps()) {
                if (r.step() instanceof Step.OperatorStep os && os.command().size() >= 2
                        && os.command().get(0).equalsIgnoreCase("MOVE-SCOPE") && os.node().equals(h.node())
                        && key.startsWith(os.command().get(1)) && r.sentMs() <= h.replyMs()
                        && (r.replyMs() < 0 || r.replyMs() >= h.sentMs())) {
                    inFlight = true;
                }
            }
            if (!inFlight) {
                out.add("QuiescedOnlyInFlight: " + h.node() + " answered " + h.reply() + " for " + key + " at "
                        + h.replyMs() + " ms with no MOVE-SCOPE of a prefix of it in flight there");
            }
        }
    }

    private static void redirects(Scenario sc, LiveDriver.Result live, List<String> out) {
        Map<String, String> nodeByAddr = new TreeMap<>();
        sc.cluster().nodes().forEach(n -> nodeByAddr.put(n.clientAddr(), n.id()));
        String prevStep = null;
        List<String> chain = new ArrayList<>();
        for (Recorder.Hop h : live.hops()) {
            String stepKey = h.step() + "/" + h.from();
            if (!stepKey.equals(prevStep)) {
                chain.clear();
            }
            prevStep = stepKey;
            boolean mis = h.reply() != null && h.reply().startsWith("-MISDIRECTED writer is ");
            if (!mis) {
                chain.clear();
                continue;
            }
            String addr = h.reply().substring("-MISDIRECTED writer is ".length());
            String to = nodeByAddr.get(addr);
            if (to == null) {
                out.add("RedirectsConverge: " + h.node() + " redirects " + h.args().get(1) + " to \"" + addr
                        + "\", which names no node");
                chain.clear();
                continue;
            }
            if (chain.isEmpty()) {
                chain.add(h.node());
            }
            if (chain.contains(to)) {
                out.add("RedirectsConverge: step " + h.step() + " (" + h.from() + "): redirects for " + h.args().get(1)
                        + " go round: " + String.join(" -> ", chain) + " -> " + to + " (cycle)");
                chain.clear();
                continue;
            }
            chain.add(to);
        }
    }

    private static void history(Scenario sc, LiveDriver.Result live, List<String> out) {
        TreeMap<String, String> owner = new TreeMap<>(live.owner());
        for (String key : sc.probeKeys()) {
            // The latest write of the key by send time; a write without reply may or may not have applied.
            Recorder.Hop latest = null;
            for (Recorder.Hop h : live.hops()) {
                if (!Commands.isWrite(h.args()) || !touches(h.args(), key)) {
                    continue;
                }
                if (h.reply() != null && h.reply().startsWith("-")) {
                    continue;
                }
                if (latest == null || h.sentMs() >= latest.sentMs()) {
                    latest = h;
                }
            }
            if (latest == null || latest.reply() == null) {
                continue;
            }
            String verb = latest.args().get(0).toUpperCase(java.util.Locale.ROOT);
            List<String> holders = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> e : live.reads().entrySet()) {
                String got = e.getValue().get(key);
                if (got != null && holds(verb, latest.args(), key, got)) {
                    holders.add(e.getKey());
                }
            }
            String what = movescope.sim.scenario.Commands.render(latest.args()) + " (acknowledged by " + latest.node()
                    + " at " + latest.replyMs() + " ms)";
            // Judged only when every node answered its reads: a node that is down keeps a durable image that
            // may hold the write (the simulator's definition counts it), and a busy node tells nothing.
            if (!deletes(verb) && holders.isEmpty() && live.reads().size() == sc.cluster().nodes().size()) {
                out.add("NoLostWrite: " + key + ": no node holds the latest acknowledged write " + what);
            }
            // A FLUSHALL empties only the node it ran on (unchecked: a non-owner runs it too), so it says what the
            // key's writer should hold only when it ran on that writer.
            boolean flush = verb.equals("FLUSHALL") || verb.equals("FLUSHDB");
            String ranOn = latest.node();
            Optional<String> writer = OwnerBelief.of(owner, sc, key).filter(w -> configsAgree(live, key, w))
                    .filter(w -> !flush || w.equals(ranOn));
            if (writer.isPresent() && live.reads().containsKey(writer.get()) && !holders.contains(writer.get())
                    && (deletes(verb) || !holders.isEmpty())) {
                out.add("NoStrandedWrite: " + key + ": " + writer.get() + " (its writer at the end) lacks " + what
                        + (holders.isEmpty() ? "" : "; held by " + String.join(", ", holders)));
            }
        }
    }

    /**
     * The believed writer counts only if every node's config file names it for the key: after a MOVE-SCOPE
     * whose new writer was not pushed, nodes still route by their static config, so from the outside no one
     * can say who accepts the key (kevy 5.4 may redirect in a loop), and the key is left unjudged.
     */
    private static boolean configsAgree(LiveDriver.Result live, String key, String writer) {
        for (var cfg : live.finalConfigs().values()) {
            String best = null;
            String w = null;
            for (var s : cfg.scopes()) {
                if (key.startsWith(s.prefix()) && (best == null || s.prefix().length() > best.length())) {
                    best = s.prefix();
                    w = s.writer();
                }
            }
            if (!writer.equals(w)) {
                return false;
            }
        }
        return true;
    }

    /** A write whose effect on the key is its absence: DEL/UNLINK of it, or a FLUSHALL/FLUSHDB of everything. */
    private static boolean deletes(String verb) {
        return verb.equals("DEL") || verb.equals("UNLINK") || verb.equals("FLUSHALL") || verb.equals("FLUSHDB");
    }

    private static boolean touches(List<String> args, String key) {
        String verb = args.get(0).toUpperCase(java.util.Locale.ROOT);
        if (verb.equals("FLUSHALL") || verb.equals("FLUSHDB")) {
            return true; // every key, on every shard of the node it ran on (exec_op.rs:68-102)
        }
        if (verb.equals("MSET")) {
            for (int i = 1; i < args.size(); i += 2) {
                if (args.get(i).equals(key)) {
                    return true;
                }
            }
            return false;
        }
        if (verb.equals("DEL") || verb.equals("UNLINK")) {
            return args.subList(1, args.size()).contains(key);
        }
        return args.size() >= 2 && args.get(1).equals(key);
    }

    /** Whether the end-of-run read {@code got} holds the write. */
    private static boolean holds(String verb, List<String> args, String key, String got) {
        switch (verb) {
            case "SET":
                return args.size() >= 3 && got.equals(quote(args.get(2)));
            case "MSET":
                for (int i = 1; i + 1 < args.size(); i += 2) {
                    if (args.get(i).equals(key)) {
                        return got.equals(quote(args.get(i + 1)));
                    }
                }
                return false;
            case "RPUSH":
            case "LPUSH":
                for (String e : args.subList(2, args.size())) {
                    if (!(got.contains(quote(e) + ",") || got.contains(quote(e) + "]"))) {
                        return false;
                    }
                }
                return true;
            case "DEL":
            case "UNLINK":
            case "FLUSHALL":
            case "FLUSHDB":
                return got.equals("(nil)") || got.equals("[]");
            default:
                // A write the history does not model (e.g. PEXPIREAT): cannot be judged, count it as held.
                return true;
        }
    }

    private static String quote(String s) {
        return movescope.live.resp.WireText.render(new movescope.live.resp.RespValue.Bulk(s));
    }
}
