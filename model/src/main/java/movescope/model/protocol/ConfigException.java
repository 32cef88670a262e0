package movescope.model.protocol;

/**
 * A {@code [cluster]} config string ({@code peers} or {@code scopes}) that kevy's parser rejects. The
 * message names the offending token; see {@link NodeConfig#parsePeers} and {@link NodeConfig#parseScopes}
 * for every text.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
