package movescope.checker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import movescope.checker.tlc.Outcome;
import movescope.checker.tlc.StepKind;
import movescope.checker.tlc.TlcResult;
import movescope.checker.tlc.TraceStep;

/** The human-readable rendering of check results: one block per config, then a summary line. */
public final class TextReport {
    private TextReport() {
    }

    /** One config's block, lines without trailing newline. */
    public static List<String> format(CheckResult c) {
        TlcResult r = c.result();
        List<String> out = new ArrayList<>();
        out.add(c.spec() + "/" + c.name() + "  " + Check.describe(r)
                + "  expected " + Check.describe(c.expect(), c.expectedName()) + (c.fromManifest() ? "" : " (implicit)")
                + "  " + c.verdict());
        out.add("  " + c.module() + " + " + c.config() + "  distinct states " + count(r.distinctStates())
                + ", generated " + count(r.statesGenerated()) + ", depth " + count(r.depth())
                + String.format(Locale.ROOT, ", %.1f s", r.seconds()));
        for (String reason : c.reasons()) {
            out.add("  MISMATCH: " + reason);
        }
        if (r.outcome() == Outcome.ERROR && r.message() != null) {
            out.add("  files: " + Path.of(c.specDir()).resolve(c.module()) + ", " + Path.of(c.specDir()).resolve(c.config()));
            out.add("  TLC error:");
            for (String line : r.message().split("\n")) {
                out.add("    " + line);
            }
        }
        if (!r.counterexample().isEmpty()) {
            out.add("  counterexample (" + r.counterexample().stream().filter(s -> s.kind() == StepKind.STATE).count()
                    + " states):");
            for (String line : counterexample(r.counterexample())) {
                out.add("    " + line);
            }
        }
        if (r.rawLog() != null) {
            out.add("  log: " + r.rawLog());
        }
        return out;
    }

    /**
     * {@code step N <Action>: var=value, ...}, one state per line; the first state shows every variable,
     * later ones only the variables whose value changed.
     */
    public static List<String> counterexample(List<TraceStep> steps) {
        List<String> lines = new ArrayList<>();
        Map<String, String> prev = null;
        for (TraceStep s : steps) {
            switch (s.kind()) {
                case STATE -> {
                    List<String> parts = new ArrayList<>();
                    for (Map.Entry<String, String> v : s.variables().entrySet()) {
                        if (prev == null || !Objects.equals(prev.get(v.getKey()), v.getValue())) {
                            parts.add(v.getKey() + "=" + v.getValue());
                        }
                    }
                    String body = parts.isEmpty() ? "(no variable changed)" : String.join(", ", parts);
                    lines.add("step " + s.number() + " <" + s.action() + ">: " + body);
                    prev = s.variables();
                }
                case STUTTERING -> lines.add("step " + s.number() + " <Stuttering>: the behaviour stays here forever");
                case BACK_TO_STATE -> lines.add("loop <" + s.action() + ">: back to state " + s.number());
            }
        }
        return lines;
    }

    /** The closing summary line. */
    public static String summary(CheckReport report) {
        return report.results().size() + " config(s) checked: " + report.matched() + " as expected, "
                + report.mismatched() + " mismatched; " + report.problems().size() + " input problem(s); exit "
                + report.exitCode();
    }

    private static String count(long n) {
        return n < 0 ? "?" : Long.toString(n);
    }
}
