package movescope.model.store;

/**
 * A stream entry id {@code <ms>-<seq>}, both unsigned 64-bit (held in longs, compared unsigned), as kevy's
 * {@code StreamId} ({@code crates/kevy-store/src/stream/mod.rs}).
 */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {
    public static final StreamId MIN = new StreamId(0, 0);
    public static final StreamId MAX = new StreamId(-1L, -1L);

    @Override
    public int compareTo(StreamId o) {
        int c = Long.compareUnsigned(ms, o.ms);
        return c != 0 ? c : Long.compareUnsigned(seq, o.seq);
    }

    /** {@code <ms>-<seq>} in decimal. */
    public String encode() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }

    @Override
    public String toString() {
        return encode();
    }

    /** Rust's {@code u64::from_str}: optional '+', ASCII digits, in range; null otherwise. */
    static Long parseU64(String s) {
        String d = s.startsWith("+") ? s.substring(1) : s;
        if (d.isEmpty() || d.length() > 20) {
            return null;
        }
        for (int i = 0; i < d.length(); i++) {
            if (d.charAt(i) < '0' || d.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return Long.parseUnsignedLong(d);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code parse_explicit_id}: {@code ms[-seq]}; a missing seq is 0, or u64::MAX for a range end. */
    static StreamId parseExplicit(String s, boolean end) {
        int dash = s.indexOf('-');
        String msText = dash < 0 ? s : s.substring(0, dash);
        String seqText = dash < 0 ? (end ? "" : "0") : s.substring(dash + 1);
        Long ms = parseU64(msText);
        if (ms == null) {
            return null;
        }
        if (seqText.isEmpty()) {
            return new StreamId(ms, -1L);
        }
        Long seq = parseU64(seqText);
        return seq == null ? null : new StreamId(ms, seq);
    }
}
