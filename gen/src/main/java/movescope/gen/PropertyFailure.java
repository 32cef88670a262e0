package movescope.gen;

/**
 * A failed property after shrinking. Extends AssertionError so JUnit reports it as a test failure;
 * {@link #getMessage()} carries the seed, trial, shrunk case and a one-line reproduction.
 */
public final class PropertyFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final transient Property.Outcome.Failed<?> outcome;

    PropertyFailure(String message, Property.Outcome.Failed<?> outcome) {
        super(message, outcome.cause());
        this.outcome = outcome;
    }

    /** The structured result (original and shrunk case, seed, trial, shrink steps). */
    public Property.Outcome.Failed<?> outcome() {
        return outcome;
    }
}
