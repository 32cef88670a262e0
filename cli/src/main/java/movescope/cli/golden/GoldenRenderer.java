package movescope.cli.golden;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import movescope.sim.check.Violation;
import movescope.sim.report.HistoryFinding;
import movescope.sim.report.RunResult;
import movescope.sim.report.StepResult;

/**
 * The golden rendering of a run: what a reviewer needs to see change when behaviour changes, and nothing
 * that changes when it does not. It shows the verdict, the violation, every scripted client/operator step
 * with the reply the caller saw and when, the unmet expectations, the end-of-run history findings, the bait
 * counts and the run's semantic counters.
 *
 * <p>Left out on purpose: event counts, message counts, heartbeat counts, invariant-check counts and the
 * trace hash (only {@link #STORY_COUNTS} are shown). They change with any refactoring of the simulator's
 * bookkeeping without any change in what kevy does, and a golden that breaks on every refactoring gets
 * rewritten without being read.
 * Control characters (the CR/LF inside replies and messages) are escaped so every item is one line; step
 * commands come already rendered by {@code movescope.sim.scenario.Commands#render} (redis-cli quoting, so
 * an empty argument or one with spaces or CR/LF is quoted and one line).
 */
public final class GoldenRenderer {
    /**
     * The counters a golden file shows: what happened in the story (moves, faults, writes). A list of what to
     * show rather than of what to hide, so a counter the simulator adds for its own bookkeeping does not
     * change every golden file; a counter that tells the story belongs here.
     */
    static final Set<String> STORY_COUNTS = Set.of("moveStarts", "commits", "aborts", "crashes", "restarts",
            "partitions", "eintr", "clientWrites", "clientReads", "writesAcked", "writesApplied", "messagesLost",
            "messagesDuplicated", "preloadedKeys");

    private GoldenRenderer() {
    }

    /**
     * @param scenarioFileName the scenario's file name only, so the rendering does not depend on the
     *                         directory the run was started from
     */
    public static String render(String scenarioFileName, RunResult r) {
        StringBuilder out = new StringBuilder();
        out.append("# movescope golden output of ").append(scenarioFileName)
                .append(" (regenerate with: movescope run --rewrite <scenario>)\n");
        out.append("scenario: ").append(r.scenario()).append('\n');
        out.append("variant: ").append(r.variant()).append('\n');
        out.append("seed: ").append(r.seed()).append('\n');
        // One word as the console prints it: an expected violation that occurred is a finding, not a PASS.
        String verdict = r.passed() && r.violation().isPresent()
                ? "FOUND " + r.violation().get().invariant() + " (expected)" : r.verdict().toString();
        out.append("verdict: ").append(verdict).append('\n');
        out.append("violation: ").append(r.violation().map(GoldenRenderer::violation).orElse("none")).append('\n');
        out.append("steps:\n");
        if (r.steps().isEmpty()) {
            out.append("  (no client or operator steps)\n");
        }
        for (StepResult s : r.steps()) {
            // The command is already one unambiguous line (Commands.render: redis-cli quoting); escaping it
            // again would double its backslashes.
            out.append(String.format("  #%-3d %7d ms  %-8s %-9s %s%n", s.index(), s.at(), s.doName(), s.target(),
                    s.command()));
            String reply = s.reply().map(GoldenRenderer::escape).orElse("(no reply)");
            String when = s.reply().isPresent() ? " at " + s.repliedAtMs() + " ms" : "";
            String judgement = !s.judged() ? "not judged: the run stopped first"
                    : s.expected().isEmpty() ? "recorded" : s.ok() ? "ok" : "MISMATCH, expected " + escape(s.expected().get());
            out.append("        -> ").append(reply).append(when).append("  [").append(judgement).append("]\n");
        }
        list(out, "failures", r.failures());
        list(out, "history", r.history().stream().map(GoldenRenderer::finding).toList());
        if (!r.tallies().isEmpty()) {
            // The raw clients' replies, each wire text escaped as the steps' replies are.
            out.append("tallies:\n");
            for (var t : r.tallies().entrySet()) {
                out.append("  ").append(t.getKey()).append(':');
                if (t.getValue().isEmpty()) {
                    out.append(" (no replies)");
                }
                out.append('\n');
                for (var e : t.getValue().entrySet()) {
                    out.append("    ").append(String.format("%6d", e.getValue())).append("  ").append(escape(e.getKey()))
                            .append('\n');
                }
            }
        }
        out.append("baits: ").append(pairs(r.baits())).append('\n');
        out.append("counts: ").append(pairs(semanticCounts(r.counts()))).append('\n');
        out.append("virtual time at end: ").append(r.virtualTimeMs()).append(" ms\n");
        return out.toString();
    }

    private static String violation(Violation v) {
        StringBuilder b = new StringBuilder(v.invariant()).append(" at ").append(v.t()).append(" ms");
        if (!v.node().isEmpty()) {
            b.append(" on ").append(v.node());
        }
        if (!v.key().isEmpty()) {
            b.append(", key ").append(escape(v.key()));
        }
        return b.append(": ").append(escape(v.message())).toString();
    }

    private static String finding(HistoryFinding f) {
        return f.kind() + " " + escape(f.key()) + (f.write().isEmpty() ? "" : " " + escape(f.write())) + ": "
                + escape(f.detail());
    }

    private static void list(StringBuilder out, String title, List<String> items) {
        if (items.isEmpty()) {
            out.append(title).append(": none\n");
            return;
        }
        out.append(title).append(":\n");
        for (String item : items) {
            out.append("  - ").append(escape(item)).append('\n');
        }
    }

    private static SortedMap<String, Long> semanticCounts(SortedMap<String, Long> counts) {
        SortedMap<String, Long> out = new java.util.TreeMap<>(counts);
        out.keySet().retainAll(STORY_COUNTS);
        return out;
    }

    private static String pairs(Map<String, Long> map) {
        if (map.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Long> e : map.entrySet()) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(e.getKey()).append('=').append(e.getValue());
        }
        return b.toString();
    }

    /** Escapes backslash and control characters so that one value always renders as one line. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
