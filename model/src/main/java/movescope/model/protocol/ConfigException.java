package movescope.model.protocol;

/**
 * A {@code [cluster]} config string ({@code peers} or {@code scopes}) that kevy's parser rejects. The
 * message is kevy's ({@code bad peer token: "<token>"}, {@code bad scope token: "<token>"}; see
 * {@link NodeConfig#parsePeers} and {@link NodeConfig#parseScopes}); {@link #reason()} says in words which of
 * kevy's rules the token breaks (kevy itself does not say; the scenario loader adds it for the user).
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public ConfigException(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    /** Which rule the token breaks, e.g. {@code empty prefix}. */
    public String reason() {
        return reason;
    }
}
