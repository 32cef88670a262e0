package movescope.checker.tlc;

/** The three kinds of line TLC prints in a counterexample. */
public enum StepKind {
    /** A full state reached by an action (2217). */
    STATE,
    /** The behaviour stutters forever from here (2218): a liveness counterexample. */
    STUTTERING,
    /** The behaviour loops back to an earlier state (2122): a lasso-shaped liveness counterexample. */
    BACK_TO_STATE
}
