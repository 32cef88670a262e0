package movescope.checker.tlc;

/** What one TLC run concluded. Exactly one per run; {@link #ERROR} carries an {@link ErrorKind}. */
public enum Outcome {
    /** TLC explored the whole state space and found no error (message 2193). */
    PASS,
    /** An invariant was violated (2110, or 2107 in an initial state). */
    VIOLATION,
    /** A state with no enabled action was reached while deadlock checking was on (2114). */
    DEADLOCK,
    /** An action property (2112), a temporal property (2116) or a property in an initial state (2108). */
    PROPERTY_VIOLATION,
    /** No verdict: bad input, an evaluation error in the spec, a timeout or a TLC failure. */
    ERROR
}
