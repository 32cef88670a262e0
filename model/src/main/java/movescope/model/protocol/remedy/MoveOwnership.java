package movescope.model.protocol.remedy;

/**
 * The {@code moveRequiresOwnership} remedy's refusal: kevy's MOVE-SCOPE checks only that FROM names this node
 * (§4), so a node that gave a prefix away, or never owned it, can ship its stale copy and hand the prefix to
 * a second writer. The remedy starts a move only on a node whose write path accepts every key under the
 * prefix, nested prefixes included.
 */
public final class MoveOwnership {
    /** The {@code error} field of the {@code StartRefused} trace. */
    public static final String ERROR = "NotOwner";

    private MoveOwnership() {}

    public static String refusedText(String prefix, String notOwned) {
        return notOwned.equals(prefix) ? "-ERR MOVE-SCOPE: this node does not own '" + prefix + "'"
                : "-ERR MOVE-SCOPE: this node does not own '" + notOwned + "' (nested in '" + prefix + "')";
    }
}
