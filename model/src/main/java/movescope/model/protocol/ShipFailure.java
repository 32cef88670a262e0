package movescope.model.protocol;

/**
 * The reasons after {@code -ERR MOVE-SCOPE ship failed: }. An error reply from the target is its line
 * without the leading {@code -} (e.g. {@code ERR MOVE-SCOPE-INGEST: malformed bulk}); the others are the
 * texts below, which the simulator should use in {@link Input.ConnectResult} and {@link Input.PeerError}
 * so replies read like kevy's.
 */
public final class ShipFailure {
    private ShipFailure() {}

    /** The node's 10 s connect timer fired (or the simulator reported the same). */
    public static final String CONNECT_TIMED_OUT = "connect timed out";
    /** The target's port refused the connection (target process down). */
    public static final String CONNECTION_REFUSED = "connection refused";
    /** The node's 60 s read timer fired before the reply. */
    public static final String READ_TIMED_OUT = "read timed out";
    /** Variant {@code shipWriteTimeoutMs}: the request could not be written in time. kevy has no such timer. */
    public static final String WRITE_TIMED_OUT = "write timed out";
    /** EOF or reset before a reply line. */
    public static final String CONNECTION_CLOSED = "connection closed";
    /** The spurious EINTR on the one read (observed in up to 5 of 20 moves under load). */
    public static final String INTERRUPTED = "Interrupted system call (os error 4)";
}
