package movescope.model.protocol;

/**
 * The reasons after {@code -ERR MOVE-SCOPE ship failed: }, as kevy 5.4 renders them
 * ({@code crates/kevy/src/ops/scope_move.rs:184-223}, the {@code map_err(format!(…))} of each step of
 * {@code ship_prefix_to_target}, sent unescaped by {@code encode_error}, kevy-resp reply_encode.rs:14-18).
 * The OS texts are Rust's {@code io::Error} Display: strerror then {@code (os error N)}. The simulator
 * passes these in {@link Input.ConnectResult} and {@link Input.PeerError}; the node adds the
 * {@code connect "<addr>": } prefix itself (it knows the address). docs/kevy-texts.md lists every text
 * with its source line.
 */
public final class ShipFailure {
    private ShipFailure() {}

    /** OS text of a refused connect (ECONNREFUSED); the node prefixes {@code connect "<addr>": }. */
    public static final String CONNECTION_REFUSED = "Connection refused (os error 111)";
    /** OS text of ENETUNREACH, another connect error (scope_move.rs:191-195). */
    public static final String NETWORK_UNREACHABLE = "Network is unreachable (os error 101)";
    /** OS text of EHOSTUNREACH. */
    public static final String NO_ROUTE_TO_HOST = "No route to host (os error 113)";
    /**
     * std's own text for {@code connect_timeout}'s 10 s expiry (lowercase, no error number); the node
     * prefixes {@code connect "<addr>": } (scope_move.rs:191-195).
     */
    public static final String CONNECT_TIMEOUT_TEXT = "connection timed out";
    /** The one {@code recv} hit the 60 s SO_RCVTIMEO: EAGAIN (scope_move.rs:196-197, 213-214). */
    public static final String READ_TIMED_OUT = "read: Resource temporarily unavailable (os error 11)";
    /** The one {@code recv} was interrupted (EINTR; kevy-source-facts §1), scope_move.rs:213-214. */
    public static final String INTERRUPTED = "read: Interrupted system call (os error 4)";
    /** The target reset the connection before its reply (scope_move.rs:213-214). */
    public static final String READ_RESET = "read: Connection reset by peer (os error 104)";
    /** {@code write_all} into a connection the target closed (scope_move.rs:209). */
    public static final String WRITE_BROKEN_PIPE = "write: Broken pipe (os error 32)";
    /** {@code write_all} into a connection the target reset (scope_move.rs:209). */
    public static final String WRITE_RESET = "write: Connection reset by peer (os error 104)";
    /** EOF on the one read: zero bytes, then the non-OK branch (scope_move.rs:215-221). */
    public static final String CONNECTION_CLOSED = "target replied non-OK: \"\"";
    /**
     * Not kevy's (kevy has no write timeout): variant {@code shipWriteTimeoutMs}, the request could not be
     * written in time.
     */
    public static final String WRITE_TIMED_OUT = "write timed out";

    /** kevy reads at most this many bytes of the target's reply, in one {@code recv} (scope_move.rs:213). */
    public static final int FIRST_READ_MAX_BYTES = 256;

    /** {@code connect "<addr>": <error>} (scope_move.rs:191-195: {@code format!("connect {target_addr:?}: {e}")}). */
    public static String connect(String addr, String error) {
        return "connect " + RustText.debugQuote(addr) + ": " + error;
    }

    /** {@code connect "<addr>": connection timed out}. */
    public static String connectTimedOut(String addr) {
        return connect(addr, CONNECT_TIMEOUT_TEXT);
    }

    /** {@code connect "<addr>": Connection refused (os error 111)}. */
    public static String connectRefused(String addr) {
        return connect(addr, CONNECTION_REFUSED);
    }

    /**
     * {@code bad target addr "<addr>": invalid socket address syntax} (scope_move.rs:192, the
     * {@code SocketAddr} parse of a DNS name or an unbracketed IPv6 host; std's AddrParseError text).
     */
    public static String badTargetAddr(String addr) {
        return "bad target addr " + RustText.debugQuote(addr) + ": invalid socket address syntax";
    }

    /**
     * {@code target replied non-OK: <{:?} of from_utf8_lossy(first read)>} (scope_move.rs:215-221).
     * {@code firstRead} is the bytes of the one read (one char per byte), cut here to
     * {@link #FIRST_READ_MAX_BYTES}.
     */
    public static String nonOk(String firstRead) {
        byte[] b = RustText.bytes(firstRead);
        if (b.length > FIRST_READ_MAX_BYTES) {
            b = java.util.Arrays.copyOf(b, FIRST_READ_MAX_BYTES);
        }
        return "target replied non-OK: " + RustText.debugQuote(RustText.utf8Lossy(b));
    }
}
