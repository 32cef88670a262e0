package movescope.sim.client;

import movescope.model.protocol.RustText;

/**
 * The errors kevy-cluster-rw returns instead of a reply: an {@code io::Error}, whose Display is the text
 * below (crates/kevy-cluster-rw/src/lib.rs, crates/kevy-resp-client/src/lib.rs at 311feac0). The
 * simulator hands them to the caller as {@code io error: <text>} so a scenario can tell them from a
 * server's reply (a server reply never starts with {@code io error: }); they are never acknowledgements.
 */
public final class ClientErrors {
    private ClientErrors() {}

    /** How an io error reaches the caller (scenario replies, tallies, goldens). */
    public static final String PREFIX = "io error: ";

    /** kevy-resp-client lib.rs:134: a read returned 0 bytes (UnexpectedEof). */
    public static final String SERVER_CLOSED = "server closed connection";
    /** kevy-resp-client lib.rs:126: bytes that do not parse as a RESP reply (InvalidData). */
    public static final String MALFORMED_REPLY = "malformed reply";
    /** The OS text of a refused connect (std io::Error Display; kevy-resp-client lib.rs:68-80 connect). */
    public static final String CONNECTION_REFUSED = "Connection refused (os error 111)";

    /**
     * kevy-cluster-rw lib.rs:159-164: a MISDIRECTED target that is not {@code host:port}
     * ({@code format!("server returned MISDIRECTED with malformed target {addr:?}")}).
     */
    public static String malformedTarget(String addr) {
        return "server returned MISDIRECTED with malformed target " + RustText.debugQuote(addr);
    }

    public static String render(String ioErrorText) {
        return PREFIX + ioErrorText;
    }

    public static boolean isIoError(String wire) {
        return wire.startsWith(PREFIX);
    }

    /**
     * kevy-cluster-rw lib.rs:305-313 {@code split_host_port}: the last {@code :} splits; the host must be
     * non-empty and the rest parse as u16 (Rust's {@code u16::from_str}: optional {@code +}, digits).
     */
    public static boolean isHostPort(String addr) {
        int colon = addr.lastIndexOf(':');
        if (colon <= 0) {
            return false;
        }
        int len = addr.length();
        int start = colon + 1;
        if (start < len && addr.charAt(start) == '+') {
            start++;
        }
        if (start == len) {
            return false;
        }
        for (int i = start; i < len; i++) {
            char ch = addr.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        int i = start;
        while (i < len - 1 && addr.charAt(i) == '0') {
            i++; // leading zeros, keeping the last digit
        }
        if (len - i > 5) {
            return false;
        }
        int v = 0;
        for (; i < len; i++) {
            v = v * 10 + (addr.charAt(i) - '0');
        }
        return v <= 65535; // checked by hand, not by a regex and a parse: it runs for every client command
    }
}
