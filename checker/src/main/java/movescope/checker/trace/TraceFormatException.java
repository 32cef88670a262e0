package movescope.checker.trace;

/** A trace file that cannot be projected: not NDJSON, a field missing or of the wrong type, an unknown action. */
public final class TraceFormatException extends Exception {
    private final int line;

    public TraceFormatException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** The offending line (from 1); 0 when the file as a whole is the problem. */
    public int line() {
        return line;
    }
}
