package movescope.sim.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import movescope.sim.check.Violation;
import movescope.sim.engine.Verdict;
import movescope.sim.report.HistoryFinding;
import movescope.sim.report.RunResult;

/**
 * The cause of a failing run, as a comparable value: the failed claim plus the protocol actions the failure
 * depends on, normalised over node names (a node is named by its role in the moves of the failing key's
 * prefix: {@code source}, {@code target} or {@code other}) and over times (the actions form a set, listed in
 * one fixed order). Runs with one signature form one failure kind (docs/campaigns.md "Failure kinds").
 *
 * <p>Which actions a violation "depends on" is a slice of the trace taken backwards from the violation: the
 * actions of moves whose prefix covers the failing key, and the crashes, restarts, config pushes, snapshots
 * and partitions of the nodes those moves and the failing write touched, within a window that opens when
 * the lost or stranded write was applied (or when the move in flight at that time started) — for the
 * other claims, at the start of the run — and closes at the violation. Writes of the key that a node
 * refused (MISDIRECTED, QUIESCED) count too: kevy 5.4 logs and replays them. Network drops, delays and
 * duplicates are left out on purpose: a chaos run has thousands, which would make every run its own kind.
 *
 * @param invariant the violated claim ({@code MigrationEnds} for liveness; an end-of-run history finding
 *                  maps to the invariant it breaks: lost → NoLostWrite, stranded → NoStrandedWrite,
 *                  overlap → SingleWriter); {@code OutOfEvents} or {@code Expectation} otherwise
 * @param tokens    the normalised actions, in {@link #ORDER}
 */
public record Signature(String invariant, List<String> tokens) {
    /** The fixed listing order of tokens (by their action name); unknown names go last, alphabetically. */
    public static final List<String> ORDER = List.of("Start", "StartRefused", "Ship", "ShipRetry", "Ingest", "IngestRefused",
            "Commit", "Abort", "WriteRefused", "Crash", "Restart", "PushConfig", "Snapshot", "Partition");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MOVE_PREFIX = Pattern.compile("of \"([^\"]*)\" from");
    private static final Pattern APPLIED = Pattern.compile("applied on (\\S+) at (\\d+) ms");

    public Signature {
        tokens = List.copyOf(tokens);
    }

    /** {@code invariant[token,token,...]}: the identity of a kind. */
    public String id() {
        return invariant + "[" + String.join(",", tokens) + "]";
    }

    /** A file-name-safe short name, e.g. {@code NoLostWrite-commit-restart-source}. */
    public String slug() {
        StringBuilder b = new StringBuilder(invariant);
        for (String t : tokens) {
            b.append('-').append(t.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("-+$", ""));
        }
        String s = b.toString();
        return s.length() > 90 ? s.substring(0, 90).replaceAll("-+$", "") : s;
    }

    /** The claim a failing run broke, as the signature names it. */
    public static String invariantOf(RunResult r) {
        if (r.violation().isPresent()) {
            return r.violation().get().invariant();
        }
        if (!r.history().isEmpty()) {
            return historyInvariant(r.history().get(0).kind());
        }
        return r.verdict() == Verdict.OUT_OF_EVENTS ? "OutOfEvents" : "Expectation";
    }

    /** The invariant an end-of-run history finding breaks. */
    public static String historyInvariant(String findingKind) {
        String name = movescope.sim.check.EndOfRun.invariantOf(findingKind);
        return name.isEmpty() ? "Expectation" : name;
    }

    /**
     * The signature of failing run {@code r}, whose result kept its trace ({@code Options.keepTrace}).
     *
     * @throws IllegalArgumentException when {@code r} passed
     */
    public static Signature of(RunResult r) {
        return sliceOf(r).signature();
    }

    /** A signature and the trace events it was read from, in trace order. */
    record Slice(Signature signature, List<JsonNode> events) {}

    static Slice sliceOf(RunResult r) {
        if (r.passed()) {
            throw new IllegalArgumentException("a passing run has no failure signature");
        }
        String invariant = invariantOf(r);
        String key = "";
        String node = "";
        String message = "";
        long until = r.virtualTimeMs();
        if (r.violation().isPresent()) {
            Violation v = r.violation().get();
            key = v.key();
            node = v.node();
            message = v.message();
            until = v.t();
        } else if (!r.history().isEmpty()) {
            HistoryFinding f = r.history().get(0);
            key = f.key();
            message = f.write() + " " + f.detail();
        }
        if (key.isEmpty() && invariant.equals("MigrationEnds")) {
            // A liveness violation names the move, not a key: its prefix is the key the slice follows.
            Matcher p = MOVE_PREFIX.matcher(message);
            if (p.find()) {
                key = p.group(1);
            }
        }
        List<JsonNode> events = parse(r.trace());
        long appliedAt = -1;
        String writer = "";
        Matcher m = APPLIED.matcher(message);
        if (m.find()) {
            writer = m.group(1);
            appliedAt = Long.parseLong(m.group(2));
        }
        long from = appliedAt < 0 ? 0 : windowStart(events, key, appliedAt);
        return slice(invariant, events, key, node, writer, from, until, r.violation().isEmpty(), message);
    }

    /** The write's time, or the start of a move of its prefix still in flight then. */
    private static long windowStart(List<JsonNode> events, String key, long appliedAt) {
        long open = -1;
        for (JsonNode e : events) {
            long t = e.path("t").asLong();
            if (t > appliedAt) {
                break;
            }
            String a = e.path("action").asText();
            if (!covers(e.path("prefix").asText(null), key)) {
                continue;
            }
            if (a.equals("Start")) {
                open = t;
            } else if (a.equals("Commit") || a.equals("CommitRemove") || a.equals("Abort")) {
                open = -1;
            }
        }
        return open >= 0 ? open : appliedAt;
    }

    private static Slice slice(String invariant, List<JsonNode> events, String key, String node, String writer,
            long from, long until, boolean endOfRun, String message) {
        Set<String> sources = new TreeSet<>();
        Set<String> targets = new TreeSet<>();
        for (JsonNode e : inWindow(events, from, until)) {
            String a = e.path("action").asText();
            if ((a.equals("Start") || a.equals("Ship")) && covers(e.path("prefix").asText(null), key)) {
                sources.add(e.path("from").asText(e.path("node").asText()));
                targets.add(e.path("to").asText());
            }
        }
        Set<String> involved = new TreeSet<>(sources);
        involved.addAll(targets);
        if (!node.isEmpty()) {
            involved.add(node);
        }
        if (!writer.isEmpty()) {
            involved.add(writer);
        }
        List<JsonNode> matched = new ArrayList<>();
        Set<String> moves = new LinkedHashSet<>();
        Set<String> refused = new LinkedHashSet<>();
        String trigger = "";
        boolean liveness = invariant.equals("MigrationEnds");
        for (JsonNode e : inWindow(events, from, until)) {
            String a = e.path("action").asText();
            String n = e.path("node").asText("");
            String token = token(e, a, n, key, involved, sources, targets);
            if (token == null) {
                continue;
            }
            matched.add(e);
            if (token.startsWith("WriteRefused")) {
                refused.add(token);
            } else if (MOVE_ACTIONS.contains(token)) {
                moves.add(token);
            }
            if (!token.equals("Partition") || liveness) {
                trigger = token;
            }
            if (a.equals("ClientWrite") && e.path("key").asText().equals(key)) {
                trigger = "Write(" + role(n, sources, targets) + ")";
            }
        }
        // The move's phases, without what a later phase implies or outweighs: Commit and Abort imply Start and
        // Ship; a Commit implies the Ingest, and outweighs the refused and aborted attempts of the prefix
        // before it (in a chaos run there are many, and they would split one cause into many kinds).
        if (moves.contains("Commit") || moves.contains("Abort")) {
            moves.remove("Start");
            moves.remove("Ship");
            if (moves.contains("Commit")) {
                moves.remove("Ingest");
                moves.remove("Abort");
                moves.remove("StartRefused");
                moves.remove("ShipRetry");
            }
        }
        if (!liveness) {
            moves.remove("Ship");
        }
        List<String> tokens = new ArrayList<>(moves);
        tokens.addAll(refused);
        if (invariant.equals("RedirectsConverge")) {
            tokens.add(redirectCause(message));
        }
        if (!writer.isEmpty()) {
            tokens.add("written@" + role(writer, sources, targets));
        }
        List<String> sorted = new ArrayList<>(tokens);
        sorted.sort((x, y) -> {
            int c = Integer.compare(rank(x), rank(y));
            return c != 0 ? c : x.compareTo(y);
        });
        sorted.add("by:" + (liveness ? "deadline" : endOfRun ? "end" : trigger.isEmpty() ? "none" : trigger));
        return new Slice(new Signature(invariant, sorted), matched);
    }

    /**
     * Redirect loops told apart by cause: a cycle between nodes that each believe the other owns the
     * prefix, a redirect to an address that names no node, or a chain longer than the hop bound.
     */
    static String redirectCause(String message) {
        if (message.contains("(cycle)")) {
            return "loop:cycle";
        }
        if (message.contains("(names no node)")) {
            return "loop:unknown-address";
        }
        return "loop:too-many-hops";
    }

    /** Move actions whose presence is part of a signature (Ship and Ingest are folded away when implied). */
    private static final Set<String> MOVE_ACTIONS = Set.of("Start", "StartRefused", "Ship", "ShipRetry", "Ingest",
            "IngestRefused", "Commit", "Abort");

    /** The token of event {@code e} when it belongs to the slice, else null. */
    private static String token(JsonNode e, String a, String n, String key, Set<String> involved, Set<String> sources,
            Set<String> targets) {
        {
            switch (a) {
                case "Start", "StartRefused", "Ship", "ShipRetry", "Ingest", "IngestRefused", "Abort" -> {
                    if (covers(e.path("prefix").asText(null), key)) {
                        return a;
                    }
                }
                case "Commit", "CommitInsert", "CommitRemove" -> {
                    if (covers(e.path("prefix").asText(null), key)) {
                        return "Commit";
                    }
                }
                case "ClientWrite" -> {
                    String verdict = e.path("verdict").asText();
                    if (e.path("key").asText().equals(key) && (verdict.equals("MISDIRECTED") || verdict.equals("QUIESCED"))) {
                        return "WriteRefused(" + verdict + ")";
                    }
                }
                case "Crash", "Restart", "PushConfig", "Snapshot" -> {
                    if (involved.contains(n) || involved.isEmpty()) {
                        return a + "(" + role(n, sources, targets) + ")";
                    }
                }
                case "Partition" -> {
                    if (touches(e.path("from"), involved) || touches(e.path("to"), involved)) {
                        return "Partition";
                    }
                }
                default -> {
                    // Client reads, accepted writes, network events: not part of the cause (see the class comment).
                }
            }
        }
        return null;
    }

    private static int rank(String token) {
        int paren = token.indexOf('(');
        int i = ORDER.indexOf(paren < 0 ? token : token.substring(0, paren));
        return i < 0 ? ORDER.size() : i;
    }

    static String role(String node, Set<String> sources, Set<String> targets) {
        if (sources.contains(node)) {
            return "source";
        }
        if (targets.contains(node)) {
            return "target";
        }
        return "other";
    }

    private static boolean touches(JsonNode list, Set<String> involved) {
        for (JsonNode x : list) {
            if (involved.contains(x.asText())) {
                return true;
            }
        }
        return false;
    }

    /** A move of {@code prefix} concerns {@code key}: the prefix covers it (or, for a prefix key, the reverse). */
    static boolean covers(String prefix, String key) {
        if (prefix == null) {
            return false;
        }
        return key.startsWith(prefix) || (!key.isEmpty() && prefix.startsWith(key));
    }

    private static List<JsonNode> inWindow(List<JsonNode> events, long from, long until) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : events) {
            long t = e.path("t").asLong();
            if (t >= from && t <= until) {
                out.add(e);
            }
        }
        return out;
    }

    static List<JsonNode> parse(List<String> trace) {
        // An empty trace is legitimate (a violation of the initial state, before any event); a run that
        // did not keep its trace looks the same, which is why every caller runs with Options.keepTrace.
        List<JsonNode> out = new ArrayList<>(trace.size());
        for (String line : trace) {
            try {
                out.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("bad trace line " + line, e);
            }
        }
        return out;
    }

    /** The signature written as {@link #id()}, parsed back (for journals and merged reports). */
    public static Optional<Signature> parseId(String id) {
        int open = id.indexOf('[');
        if (open <= 0 || !id.endsWith("]")) {
            return Optional.empty();
        }
        String body = id.substring(open + 1, id.length() - 1);
        return Optional.of(new Signature(id.substring(0, open), body.isEmpty() ? List.of() : List.of(body.split(","))));
    }
}
