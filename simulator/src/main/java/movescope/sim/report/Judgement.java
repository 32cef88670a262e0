package movescope.sim.report;

import java.util.List;
import java.util.Optional;
import movescope.sim.check.Violation;
import movescope.sim.engine.Verdict;
import movescope.sim.scenario.Expectations;

/**
 * A run's verdict and its one-line summary, from how it stopped (a violation, out of events, or at its
 * end) and the expectation failures collected so far. The verdicts are distinct on purpose: an expected
 * violation is a pass, a missed migration deadline is a liveness violation, running out of events before
 * the end is neither a pass nor a failure of the system.
 */
public record Judgement(Verdict verdict, String summary) {

    /**
     * @param failures the expectation failures; when no violation occurred but one was expected, the
     *        miss is appended to it (the run result lists it among the failures)
     */
    public static Judgement of(Violation violation, boolean outOfEvents, Optional<String> expectedViolation,
            List<String> failures, long events, long now, long endMs) {
        Verdict verdict;
        String summary;
        if (violation != null) {
            if (expectedViolation.isPresent() && expectedViolation.get().equals(violation.invariant())) {
                String occurred = "expected violation " + violation.invariant() + " occurred at " + violation.t()
                        + " ms: " + violation.message();
                if (failures.isEmpty()) {
                    verdict = Verdict.PASS;
                    summary = "PASS: " + occurred;
                } else {
                    // A step that missed its expected reply before the violation fails the run: the story
                    // did not go the way the scenario says, even if it ended where it was meant to.
                    verdict = Verdict.EXPECTATION_FAILED;
                    summary = "EXPECTATION_FAILED: " + failures.get(0)
                            + (failures.size() > 1 ? " (+" + (failures.size() - 1) + " more)" : "") + " (" + occurred
                            + ")";
                }
            } else {
                verdict = violation.invariant().equals(Expectations.MIGRATION_ENDS) ? Verdict.LIVENESS_VIOLATION
                        : Verdict.SAFETY_VIOLATION;
                summary = verdict + " " + violation.invariant() + " at " + violation.t() + " ms: " + violation.message();
            }
        } else if (outOfEvents) {
            verdict = Verdict.OUT_OF_EVENTS;
            summary = "OUT_OF_EVENTS: ran out of events before the end (" + events + " events, virtual time "
                    + now + " of " + endMs + " ms)";
        } else {
            if (expectedViolation.isPresent()) {
                failures.add("expected violation " + expectedViolation.get() + " did not occur");
            }
            if (failures.isEmpty()) {
                verdict = Verdict.PASS;
                summary = "PASS (" + events + " events, " + now + " ms)";
            } else {
                verdict = Verdict.EXPECTATION_FAILED;
                summary = "EXPECTATION_FAILED: " + failures.get(0)
                        + (failures.size() > 1 ? " (+" + (failures.size() - 1) + " more)" : "");
            }
        }
        return new Judgement(verdict, summary);
    }
}
