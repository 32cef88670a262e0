package movescope.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import movescope.sim.check.Violation;
import movescope.sim.report.HistoryFinding;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Expectations;

/**
 * What a run found, in words, printed at the end of every run: acknowledged writes lost, windows in which two
 * nodes accepted writes for one key, stranded writes (held, but not by the node that now accepts the key),
 * moves that never ended (a {@code Start} with no {@code Commit}/{@code CommitInsert}/{@code Abort} by the
 * end of the trace), and which invariants were checked and which skipped. Counts come from the run's
 * violation, its end-of-run history findings and its trace — never from the scenario's own prose.
 */
public record Headline(long lostWrites, long twoWriterWindows, long strandedWrites, long movesNeverEnded,
        List<String> checked, List<String> skipped) {

    public Headline {
        checked = List.copyOf(checked);
        skipped = List.copyOf(skipped);
    }

    public static Headline of(RunResult r, Expectations expect, List<JsonNode> trace) {
        long lost = count(r, "lost") + violated(r.violation(), "NoLostWrite");
        long overlap = count(r, "overlap") + violated(r.violation(), "SingleWriter");
        long stranded = count(r, "stranded") + violated(r.violation(), "NoStrandedWrite");
        List<String> checked = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String name : Expectations.INVARIANTS) {
            (expect.checks(name) ? checked : skipped).add(name);
        }
        for (String name : Expectations.OPT_IN) {
            if (expect.checks(name)) {
                checked.add(name); // off by default: listed only when the scenario turns it on
            }
        }
        return new Headline(lost, overlap, stranded, openMoves(trace).size(), checked, skipped);
    }

    /** Moves started in the trace that no Commit, CommitInsert or Abort ended, in order of their start. */
    public static List<String> openMoves(List<JsonNode> trace) {
        Set<String> open = new LinkedHashSet<>();
        for (JsonNode e : trace) {
            String action = e.path("action").asText();
            String id = moveKey(e);
            switch (action) {
                case "Start" -> open.add(id);
                case "Commit", "CommitInsert", "Abort" -> open.remove(id);
                default -> { }
            }
        }
        return List.copyOf(open);
    }

    /** A move's identity: its moveId when the trace carries one, else its source and prefix. */
    static String moveKey(JsonNode e) {
        String id = e.path("moveId").asText("");
        return id.isEmpty() ? e.path("node").asText() + "/" + e.path("prefix").asText() : id;
    }

    private static long count(RunResult r, String kind) {
        return r.history().stream().map(HistoryFinding::kind).filter(kind::equals).count();
    }

    private static long violated(Optional<Violation> v, String invariant) {
        return v.map(x -> x.invariant().equals(invariant) ? 1L : 0L).orElse(0L);
    }

    /** Two lines: what was found, and what was checked. */
    public List<String> lines() {
        return List.of(
                "found: " + plural(lostWrites, "acknowledged write", "acknowledged writes") + " lost, "
                        + plural(twoWriterWindows, "window", "windows") + " with two writers, "
                        + plural(strandedWrites, "stranded write", "stranded writes") + ", "
                        + plural(movesNeverEnded, "move", "moves") + " that never ended",
                "invariants checked: " + names(checked) + "; skipped: " + names(skipped));
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
