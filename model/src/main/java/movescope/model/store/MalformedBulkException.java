package movescope.model.store;

/**
 * A framing error in a MOVE-SCOPE-INGEST bulk; the target answers
 * {@code -ERR MOVE-SCOPE-INGEST: malformed bulk}. Unchecked so callers that only encode need no
 * handler; the ingest path catches it.
 */
public final class MalformedBulkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    public MalformedBulkException(String detail, int offset) {
        super(detail + " at offset " + offset);
        this.offset = offset;
    }

    /** Character offset in the bulk where framing broke. */
    public int offset() {
        return offset;
    }
}
