package movescope.sim.engine;

/** How a run ended (docs/scenario-format.md "Verdicts"). */
public enum Verdict {
    PASS,
    /** A safety invariant was violated (its name is in the result's violation). */
    SAFETY_VIOLATION,
    /** A migration did not end within its bound after the faults stopped ({@code MigrationEnds}). */
    LIVENESS_VIOLATION,
    /** A step's expected reply, a final value, a bait, the history check or an expected violation failed. */
    EXPECTATION_FAILED,
    /** The event bound was hit before the scenario's end time: "ran out of events before the end". */
    OUT_OF_EVENTS,
    /** The scenario could not be loaded or used. */
    BAD_INPUT
}
