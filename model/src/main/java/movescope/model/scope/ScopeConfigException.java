package movescope.model.scope;

/**
 * A rejected ownership table. The message is kevy's exact text (kevy-move-scope.md §1), so callers can
 * print it after {@code kevy: bad [cluster] scopes config: } unchanged.
 */
public final class ScopeConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScopeConfigException(String message) {
        super(message);
    }
}
