package movescope.sim.campaign;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import movescope.model.protocol.Variant;

/**
 * What one run exercised: how often each trace action occurred (the spec actions among them), and which
 * variant switches' code paths the trace shows were taken. The second is read from the trace, not from an
 * instrumented model: a switch counts as exercised when the run did what makes it matter —
 * {@code tableLayout}: a Commit (the commit window); {@code shipWriteTimeoutMs}: a Ship (the send it bounds);
 * {@code sliceShards}: a Start (the serialisation); {@code ingestShard} and {@code ownershipOnIngest}: an
 * Ingest; {@code migratedDurable}: a restart of a node that committed a move as its source;
 * ({@code neverHeardIsDown} has no trace evidence — a fallback acceptance is traced like an owner's — and is
 * never counted);
 * {@code logMisdirected}: a restart of a node that answered MISDIRECTED; {@code ingestLogged}: a restart of a
 * node that ingested; {@code migratingDurable}: a crash of a node with a move in flight;
 * {@code retryAmbiguousShip}: an Abort or a ShipRetry.
 */
public final class Coverage {
    /** The spec actions (specs/, docs/vocabulary.md) a campaign reports coverage for. */
    public static final List<String> SPEC_ACTIONS = List.of("Start", "StartRefused", "Ship", "ShipRetry", "Ingest",
            "IngestRefused", "Commit", "CommitRemove", "CommitInsert", "Abort", "ClientWrite", "ClientRead", "Crash",
            "Restart", "PushConfig", "Snapshot");

    private Coverage() {}

    /** Action → occurrences, for every action that occurred. */
    public static SortedMap<String, Long> actions(List<String> trace) {
        TreeMap<String, Long> out = new TreeMap<>();
        for (String line : trace) {
            out.merge(actionOf(line), 1L, Long::sum);
        }
        return out;
    }

    /** The switches whose code paths the run's trace shows were taken, sorted. */
    public static SortedSet<String> switchPaths(List<String> trace) {
        TreeSet<String> out = new TreeSet<>();
        Set<String> committedSource = new HashSet<>();
        Set<String> misdirected = new HashSet<>();
        Set<String> ingested = new HashSet<>();
        Map<String, Integer> inFlight = new HashMap<>();
        for (String line : trace) {
            String a = actionOf(line);
            String node = field(line, "node");
            switch (a) {
                case "Commit", "CommitInsert", "CommitRemove" -> {
                    out.add("tableLayout");
                    if (a.equals("Commit") || a.equals("CommitRemove")) {
                        committedSource.add(node);
                        inFlight.merge(node, -1, Integer::sum);
                    }
                }
                case "Ship" -> out.add("shipWriteTimeoutMs");
                case "Start" -> {
                    out.add("sliceShards");
                    inFlight.merge(node, 1, Integer::sum);
                }
                case "Ingest" -> {
                    out.add("ingestShard");
                    out.add("ownershipOnIngest");
                    ingested.add(node);
                }
                case "Abort" -> {
                    out.add("retryAmbiguousShip");
                    inFlight.merge(node, -1, Integer::sum);
                }
                case "ShipRetry" -> out.add("retryAmbiguousShip");
                case "ClientWrite" -> {
                    if (line.contains("\"verdict\":\"MISDIRECTED\"")) {
                        misdirected.add(node);
                    }
                }
                case "Crash" -> {
                    if (inFlight.getOrDefault(node, 0) > 0) {
                        out.add("migratingDurable");
                    }
                    inFlight.put(node, 0);
                }
                case "Restart" -> {
                    if (committedSource.contains(node)) {
                        out.add("migratedDurable");
                    }
                    if (misdirected.contains(node)) {
                        out.add("logMisdirected");
                    }
                    if (ingested.contains(node)) {
                        out.add("ingestLogged");
                    }
                }
                default -> {
                }
            }
        }
        out.retainAll(Variant.SWITCHES);
        return out;
    }

    /** The {@code action} of one trace line (keys are sorted, so it comes first; parsed defensively anyway). */
    static String actionOf(String line) {
        String a = field(line, "action");
        return a.isEmpty() ? "?" : a;
    }

    /** The string value of a top-level field of a trace line, or "" (no JSON parse: coverage runs on every run). */
    static String field(String line, String name) {
        String k = "\"" + name + "\":\"";
        int i = line.indexOf(k);
        if (i < 0) {
            return "";
        }
        int start = i + k.length();
        int end = line.indexOf('"', start);
        return end < 0 ? "" : line.substring(start, end);
    }
}
