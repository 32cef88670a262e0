package movescope.checker.tlc;

/** Why a run ended in {@link Outcome#ERROR}; the CLI maps these to exit codes. */
public enum ErrorKind {
    /** Missing file, TLA+ parse or semantic error, bad config file: the user must fix the input. */
    BAD_INPUT,
    /** The spec parsed but TLC could not evaluate it (type error, false ASSUME, no initial state...). */
    SPEC_ERROR,
    /** The run exceeded its time limit and was killed. */
    TIMEOUT,
    /** TLC crashed, ran out of memory, or ended without any verdict: not the user's fault. */
    TLC_FAILURE
}
