package movescope.cli;

/**
 * The process exit codes of every movescope command. They are part of the user interface: scripts and CI
 * branch on them, so each one has exactly one meaning.
 */
public enum ExitCode {
    /** Every scenario (or swarm run) met its expectations and its golden output. */
    PASS(0),
    /** A safety/liveness violation that was not expected, a failed expectation, or a golden mismatch. */
    FAIL(1),
    /** The user's input is wrong: usage error, unreadable or invalid scenario file. Nothing was written. */
    BAD_INPUT(2),
    /** movescope itself broke. The only case where a stack trace is printed. */
    INTERNAL(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The worse of two outcomes: INTERNAL beats BAD_INPUT beats FAIL beats PASS. */
    public ExitCode worst(ExitCode other) {
        return other.code > code ? other : this;
    }
}
