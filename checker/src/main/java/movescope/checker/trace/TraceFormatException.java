package movescope.checker.trace;

/**
 * A trace file that cannot be projected: not NDJSON, a field missing or of the wrong type, an unknown action
 * — or, with {@link #tampered()}, a well-formed trace whose lines are not the simulator's sequence (a line
 * missing, duplicated or moved: its {@code seq} numbers are not 1, 2, 3, … or its virtual times go back).
 */
public final class TraceFormatException extends Exception {
    private final int line;
    private final boolean tampered;

    public TraceFormatException(int line, String message) {
        this(line, message, false);
    }

    public TraceFormatException(int line, String message, boolean tampered) {
        super("line " + line + ": " + message);
        this.line = line;
        this.tampered = tampered;
    }

    /** True when the lines are readable but out of the simulator's sequence: the trace is rejected. */
    public boolean tampered() {
        return tampered;
    }

    /** The offending line (from 1); 0 when the file as a whole is the problem. */
    public int line() {
        return line;
    }
}
