package movescope.model.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The bulk of {@code MOVE-SCOPE-INGEST} read as kevy reads it: {@code kevy_resp::parse_command} called
 * in a loop (crates/kevy/src/ops/scope_move_ingest.rs:72-101 over crates/kevy-resp/src/request.rs:37-276).
 * The bulk is the model's byte string (one char per byte; lengths count chars, as
 * {@link movescope.model.store.FrameCodec#encode} writes them).
 * <ul>
 * <li>A command starting with {@code *} is a RESP array: {@code *<count>\r\n} then {@code count} times
 *   {@code $<len>\r\n<len bytes>\r\n}. A negative count ({@code *-1}) and {@code *0} are empty commands
 *   (request.rs:151-160).</li>
 * <li>Any other first byte starts an inline command: the line up to the first CRLF, split on ASCII
 *   whitespace (space, TAB, LF, FF, CR — Rust's {@code is_ascii_whitespace}, not VT). A line with no
 *   token is an empty command (request.rs:82-94).</li>
 * <li>Empty commands are consumed and not counted (request.rs:54-74).</li>
 * <li>Where the rest is not a complete command (no CRLF after an inline line or a header, a bulk that
 *   runs past the end, fewer elements than the count), parsing stops and the rest is ignored
 *   ({@code Ok(None)}, scope_move_ingest.rs:98).</li>
 * <li>{@link Result#malformed()} — {@code -ERR MOVE-SCOPE-INGEST: malformed bulk} — only for: a count
 *   that is not an integer or is above {@link #MAX_MULTIBULK_LEN}; an element not starting with {@code $};
 *   a bulk length that is not an integer, is negative or above {@link #MAX_BULK_LEN} (a leading {@code +}
 *   is accepted); bulk data not followed by CRLF (request.rs:99-176, 256-276). The commands before it
 *   were already applied by kevy's loop, so they are returned too.</li>
 * </ul>
 */
public final class IngestParser {
    private IngestParser() {}

    /** request.rs:18, Redis's PROTO_MAX_MULTIBULK_LEN. */
    public static final long MAX_MULTIBULK_LEN = 1024L * 1024;
    /** request.rs:25, Redis's proto-max-bulk-len. */
    public static final long MAX_BULK_LEN = 512L * 1024 * 1024;

    /**
     * The commands in order, and whether parsing ended on a malformed command (else it ended at the end
     * of the bulk or at an incomplete command). {@code stoppedAt} is where parsing stopped.
     */
    public record Result(List<List<String>> commands, boolean malformed, int stoppedAt, String detail) {
        public Result {
            commands = List.copyOf(commands);
        }
    }

    private static final class Malformed extends Exception {
        Malformed(String detail) {
            super(detail, null, false, false);
        }
    }

    public static Result parse(String bulk) {
        List<List<String>> out = new ArrayList<>();
        int pos = 0;
        while (pos < bulk.length()) {
            List<String> argv = new ArrayList<>();
            int used;
            try {
                used = bulk.charAt(pos) == '*' ? multibulk(bulk, pos, argv) : inline(bulk, pos, argv);
            } catch (Malformed e) {
                return new Result(out, true, pos, e.getMessage());
            }
            if (used < 0) {
                break; // incomplete: kevy's Ok(None), the rest is ignored
            }
            pos = used;
            if (!argv.isEmpty()) {
                out.add(List.copyOf(argv));
            }
        }
        return new Result(out, false, pos, "");
    }

    private static int findCrlf(String s, int from) {
        int i = s.indexOf("\r\n", from);
        return i;
    }

    private static int inline(String s, int pos, List<String> argv) {
        int eol = findCrlf(s, pos);
        if (eol < 0) {
            return -1;
        }
        int i = pos;
        while (i < eol) {
            while (i < eol && ws(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < eol && !ws(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                argv.add(s.substring(start, i));
            }
        }
        return eol + 2;
    }

    /** Rust's {@code u8::is_ascii_whitespace}. */
    private static boolean ws(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    private static int multibulk(String s, int pos, List<String> argv) throws Malformed {
        int hdrEnd = findCrlf(s, pos + 1);
        if (hdrEnd < 0) {
            return -1;
        }
        Long count = parseInt(s, pos + 1, hdrEnd);
        if (count == null) {
            throw new Malformed("bad multibulk count");
        }
        if (count < 0) {
            return hdrEnd + 2; // null array: an empty command
        }
        if (count > MAX_MULTIBULK_LEN) {
            throw new Malformed("multibulk count exceeds limit");
        }
        int p = hdrEnd + 2;
        List<String> args = new ArrayList<>();
        for (long k = 0; k < count; k++) {
            if (p >= s.length()) {
                return -1;
            }
            if (s.charAt(p) != '$') {
                throw new Malformed("expected bulk string");
            }
            int lenEnd = findCrlf(s, p + 1);
            if (lenEnd < 0) {
                return -1;
            }
            Long len = parseInt(s, p + 1, lenEnd);
            if (len == null) {
                throw new Malformed("bad bulk length");
            }
            if (len < 0) {
                throw new Malformed("negative bulk length in request");
            }
            if (len > MAX_BULK_LEN) {
                throw new Malformed("bulk length exceeds proto-max-bulk-len");
            }
            long dataEnd = lenEnd + 2 + len;
            if (s.length() < dataEnd + 2) {
                return -1;
            }
            int de = (int) dataEnd;
            if (s.charAt(de) != '\r' || s.charAt(de + 1) != '\n') {
                throw new Malformed("bulk string not CRLF-terminated");
            }
            args.add(s.substring(lenEnd + 2, de));
            p = de + 2;
        }
        argv.addAll(args);
        return p;
    }

    /** request.rs:256-276 {@code parse_int}: optional sign, at least one digit, checked i64. */
    private static Long parseInt(String s, int from, int to) {
        if (from >= to) {
            return null;
        }
        boolean neg = false;
        int i = from;
        if (s.charAt(i) == '-' || s.charAt(i) == '+') {
            neg = s.charAt(i) == '-';
            i++;
        }
        if (i >= to) {
            return null;
        }
        long acc = 0;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            try {
                acc = Math.addExact(Math.multiplyExact(acc, 10), c - '0');
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return neg ? -acc : acc;
    }
}
