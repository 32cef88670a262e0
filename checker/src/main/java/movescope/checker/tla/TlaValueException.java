package movescope.checker.tla;

/** A TLC value text that does not parse, or a value of the wrong shape for its use. */
public final class TlaValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TlaValueException(String message) {
        super(message);
    }
}
