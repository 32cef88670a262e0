package movescope.checker;

/** Whether a run came out as expected. */
public enum Verdict {
    /** TLC's outcome (and violated name, and measured counts) are what the manifest says. */
    MATCH,
    /** Anything else — including an unexpected pass of a {@code _bug} config and any ERROR. */
    MISMATCH
}
