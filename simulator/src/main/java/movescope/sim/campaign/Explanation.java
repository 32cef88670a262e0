package movescope.sim.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import movescope.sim.report.RunResult;

/**
 * A one-paragraph account of a failure, generated from the trace slice its signature was read from
 * ({@link Signature}): the causal actions in time order, with real node names and times, then what broke.
 * E.g. "At 1001 ms n0 starts moving n0:s0: to n1; at 1003 ms n1 ingests the slice; at 1004 ms n0 commits;
 * at 1500 ms n0 restarts; then NoLostWrite: acknowledged write is held by no node: …".
 */
public final class Explanation {
    /** More sentences than this are elided in the middle: the first and last events tell the story. */
    private static final int MAX_EVENTS = 14;

    private Explanation() {}

    public static String of(RunResult r) {
        Signature.Slice slice = Signature.sliceOf(r);
        List<String> parts = new ArrayList<>();
        List<JsonNode> ev = slice.events();
        for (int i = 0; i < ev.size(); i++) {
            if (ev.size() > MAX_EVENTS && i == MAX_EVENTS / 2) {
                parts.add("… (" + (ev.size() - MAX_EVENTS) + " more such events) …");
                i = ev.size() - MAX_EVENTS / 2;
            }
            parts.add(sentence(ev.get(i)));
        }
        String what = r.violation().map(v -> v.invariant() + ": " + v.message())
                .orElseGet(() -> r.history().isEmpty() ? r.summary()
                        : Signature.historyInvariant(r.history().get(0).kind()) + " at the end: "
                                + r.history().get(0).kind() + " " + r.history().get(0).key() + ": "
                                + r.history().get(0).write() + " — " + r.history().get(0).detail());
        if (parts.isEmpty()) {
            return "With no move, restart or config push of the nodes concerned, " + what + ".";
        }
        return capitalise(String.join("; ", parts)) + "; then " + what + ".";
    }

    private static String sentence(JsonNode e) {
        String at = "at " + e.path("t").asLong() + " ms ";
        String n = e.path("node").asText("?");
        String prefix = e.path("prefix").asText("");
        return at + switch (e.path("action").asText()) {
            case "Start" -> n + " starts moving " + prefix + " to " + e.path("to").asText() + " ("
                    + e.path("frames").asLong() + " frames)";
            case "StartRefused" -> n + " refuses MOVE-SCOPE " + prefix + " (" + e.path("reason").asText() + ")";
            case "Ship" -> n + " ships " + prefix + " to " + e.path("to").asText();
            case "Ingest" -> n + " ingests " + prefix + " (" + e.path("applied").asLong() + " keys"
                    + (e.path("logged").asBoolean() ? ", logged" : ", not logged") + ")";
            case "IngestRefused" -> n + " refuses the ingest of " + prefix + " (" + e.path("reason").asText() + ")";
            case "Commit", "CommitInsert", "CommitRemove" -> n + " commits " + prefix + " ("
                    + e.path("action").asText() + ")";
            case "Abort" -> n + " aborts the move of " + prefix + " (" + e.path("reason").asText() + ")";
            case "ClientWrite" -> n + " answers " + e.path("verdict").asText() + " to " + e.path("cmd").asText() + " "
                    + e.path("key").asText() + (e.path("logged").asBoolean() ? " and logs it" : "");
            case "Crash" -> n + " crashes";
            case "Restart" -> n + " restarts";
            case "PushConfig" -> "the operator pushes a new config to " + n;
            case "Snapshot" -> n + " takes a snapshot";
            case "Partition" -> "a partition cuts " + e.path("from") + " from " + e.path("to")
                    + (e.path("oneWay").asBoolean() ? " (one way)" : "");
            default -> n + " " + e.path("action").asText();
        };
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
