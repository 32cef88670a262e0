package movescope.cli.run;

import java.util.Optional;
import movescope.cli.report.Claims;
import movescope.sim.report.RunResult;

/**
 * The one verdict word of a run and the line it heads: {@code PASS}, {@code FOUND <invariant> (expected)} for a
 * scenario whose expected violation occurred (a finding about kevy, not a clean bill of health), or
 * {@code FAIL}. Exactly one of these words per line, so {@code grep '^FAIL'} counts failures.
 */
public record Finding(Word word, Optional<String> invariant, String detail) {

    public enum Word { PASS, FOUND, FAIL }

    static Finding of(RunResult r, boolean goldenDiffers) {
        return of(r, goldenDiffers, false);
    }

    /** As {@link #of(RunResult, boolean)}; a run without its golden file checked less than it claims: FAIL. */
    static Finding of(RunResult r, boolean goldenDiffers, boolean goldenMissing) {
        Optional<String> invariant = r.violation().map(v -> v.invariant());
        if (r.passed() && goldenDiffers) {
            return new Finding(Word.FAIL, invariant, "golden output differs (the run met its expectations)");
        }
        if (r.passed() && goldenMissing) {
            return new Finding(Word.FAIL, invariant, "golden output missing (the run met its expectations;"
                    + " record one with --rewrite)");
        }
        if (r.passed() && r.violation().isPresent()) {
            var v = r.violation().get();
            return new Finding(Word.FOUND, invariant, "at " + v.t() + " ms: " + v.message());
        }
        if (r.passed()) {
            return new Finding(Word.PASS, invariant, "");
        }
        return new Finding(Word.FAIL, invariant, r.summary());
    }

    /** {@code PASS file}, {@code FOUND X (expected) file: at t ms: ...} or {@code FAIL file: why}. */
    public String line(String file) {
        return switch (word) {
            case PASS -> "PASS " + file;
            case FOUND -> "FOUND " + invariant.orElseThrow() + " (expected) " + file + ": " + detail;
            case FAIL -> "FAIL " + file + ": " + detail;
        };
    }

    /** The violated invariant's claim in words, when a violation occurred. */
    public Optional<String> claim() {
        return invariant.map(Claims::describe);
    }

    /** The word as the JSON report spells it: {@code PASS}, {@code FOUND} or {@code FAIL}. */
    public String wordName() {
        return word.name();
    }
}
