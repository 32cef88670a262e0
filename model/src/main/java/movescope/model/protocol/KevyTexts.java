package movescope.model.protocol;

/**
 * kevy 5.4's reply texts for MOVE-SCOPE and MOVE-SCOPE-INGEST, character for character; docs/kevy-texts.md
 * gives each one's source line (crates/kevy/src/ops/scope_move.rs:66-176, scope_move_ingest.rs:23-114).
 * Note the em dash "—" in three of them. One place, so a test can
 * compare every one of them and a typo cannot hide in a format string.
 */
public final class KevyTexts {
    private KevyTexts() {}

    public static final String MOVE_ARITY =
            "-ERR wrong number of arguments — MOVE-SCOPE <prefix> FROM <from-id> TO <to-id>";
    public static final String MOVE_SYNTAX =
            "-ERR MOVE-SCOPE syntax: MOVE-SCOPE <prefix> FROM <from-id> TO <to-id>";
    public static final String MOVE_NO_NODE_ID =
            "-ERR MOVE-SCOPE: [cluster] node_id is not configured on this node";
    public static final String MOVE_NO_SCOPES =
            "-ERR MOVE-SCOPE: no [cluster] scopes declared on this node — writes would not quiesce during the move";
    public static final String INGEST_ARITY =
            "-ERR wrong number of arguments — MOVE-SCOPE-INGEST <prefix> <bulk>";
    /**
     * Not kevy's: the arity error of the {@code retryAmbiguousShip} remedy, whose INGEST carries the move id
     * as a fourth argument. Worded like kevy's own arity error.
     */
    public static final String INGEST_ARITY_WITH_MOVE_ID =
            "-ERR wrong number of arguments — MOVE-SCOPE-INGEST <prefix> <bulk> <move-id>";
    public static final String INGEST_MALFORMED = "-ERR MOVE-SCOPE-INGEST: malformed bulk";
    public static final String BAD_SCOPES_PREFIX = "kevy: bad [cluster] scopes config: ";

    /** {@code -ERR MOVE-SCOPE: from-id "<from>" is not this node ("<self>")}. */
    public static String moveFromNotSelf(String from, String self) {
        // scope_move.rs:140: both {:?}-quoted.
        return "-ERR MOVE-SCOPE: from-id " + RustText.debugQuote(RustText.utf8Lossy(from)) + " is not this node ("
                + RustText.debugQuote(RustText.utf8Lossy(self)) + ")";
    }

    /** {@code -ERR MOVE-SCOPE: target node "<to>" not in [cluster] peers}. */
    public static String moveTargetNotInPeers(String to) {
        // scope_move.rs:155: {:?}-quoted.
        return "-ERR MOVE-SCOPE: target node " + RustText.debugQuote(RustText.utf8Lossy(to)) + " not in [cluster] peers";
    }

    /** {@code -ERR MOVE-SCOPE: <AlreadyMigrating or AlreadyMigrated text>}. */
    public static String moveStartRefused(String errorText) {
        return "-ERR MOVE-SCOPE: " + errorText;
    }

    /** {@code +OK <frames>}: the move committed; {@code frames} counts the serialized rebuild frames. */
    public static String moveOk(int frames) {
        return "+OK " + frames;
    }

    /** {@code -ERR MOVE-SCOPE ship failed: <reason>}; see {@link ShipFailure} for the reasons. */
    public static String shipFailed(String reason) {
        return "-ERR MOVE-SCOPE ship failed: " + reason;
    }

    /**
     * {@code -ERR MOVE-SCOPE-INGEST: key '<key>' refused by this node: <error text>}, the key as lossy
     * UTF-8, unescaped (scope_move_ingest.rs:106-114, sent by :46-48).
     */
    public static String ingestRefused(String key, String errorText) {
        return "-ERR MOVE-SCOPE-INGEST: key '" + RustText.utf8Lossy(key) + "' refused by this node: " + errorText;
    }

    /**
     * {@code -ERR MOVE-SCOPE-INGEST: a frame was refused by this node: <error text>}, for a frame without
     * {@code args[1]} (scope_move_ingest.rs:106-114).
     */
    public static String ingestRefusedKeyless(String errorText) {
        return "-ERR MOVE-SCOPE-INGEST: a frame was refused by this node: " + errorText;
    }

    /**
     * The {@code <msg>} of an ingest refusal: the frame's reply as lossy UTF-8 with every leading {@code -}
     * and the trailing whitespace removed (scope_move_ingest.rs:106-114, {@code trim_start_matches('-')
     * .trim_end()}).
     */
    public static String refusalMessage(String replyWire) {
        int i = 0;
        while (i < replyWire.length() && replyWire.charAt(i) == '-') {
            i++;
        }
        return RustText.utf8Lossy(replyWire.substring(i)).stripTrailing();
    }

    /** {@code +OK <applied>}. */
    public static String ingestOk(int applied) {
        return "+OK " + applied;
    }

    /** {@code kevy: bad [cluster] scopes config: <error>}, the boot failure. */
    public static String badScopesConfig(String error) {
        return BAD_SCOPES_PREFIX + error;
    }
}
