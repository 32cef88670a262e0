package movescope.checker;

import java.util.List;
import movescope.checker.tlc.ErrorKind;
import movescope.checker.tlc.Outcome;

/**
 * Everything one {@code check} invocation found.
 *
 * @param results   one per config run, in run order
 * @param problems  inputs that could not be run at all
 * @param exitCode  0 all as expected, 1 a mismatch or an unexpected violation (or timeout), 2 bad input
 *                  (missing file, invalid manifest, parse/config/evaluation error), 3 TLC or tool failure
 */
public record CheckReport(List<CheckResult> results, List<InputProblem> problems, int exitCode) {
    public static final int EXIT_OK = 0;
    public static final int EXIT_MISMATCH = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_INTERNAL = 3;

    public CheckReport {
        results = List.copyOf(results);
        problems = List.copyOf(problems);
    }

    /** Builds a report and derives its exit code; the most severe condition wins (3 > 2 > 1 > 0). */
    public static CheckReport of(List<CheckResult> results, List<InputProblem> problems) {
        int code = EXIT_OK;
        if (!problems.isEmpty()) {
            code = EXIT_BAD_INPUT;
        }
        for (CheckResult r : results) {
            code = Math.max(code, exitCodeOf(r));
        }
        if (results.isEmpty() && problems.isEmpty()) {
            // Checking nothing must not look like success.
            code = EXIT_BAD_INPUT;
        }
        return new CheckReport(results, problems, code);
    }

    private static int exitCodeOf(CheckResult r) {
        if (r.result().outcome() == Outcome.ERROR) {
            ErrorKind k = r.result().errorKind();
            return switch (k) {
                case BAD_INPUT, SPEC_ERROR -> EXIT_BAD_INPUT;
                case TIMEOUT -> EXIT_MISMATCH;
                case TLC_FAILURE -> EXIT_INTERNAL;
            };
        }
        return r.verdict() == Verdict.MATCH ? EXIT_OK : EXIT_MISMATCH;
    }

    public long matched() {
        return results.stream().filter(r -> r.verdict() == Verdict.MATCH).count();
    }

    public long mismatched() {
        return results.size() - matched();
    }
}
