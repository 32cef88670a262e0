package movescope.model.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The bulk argument of {@code MOVE-SCOPE-INGEST}: a concatenation of frames, each a RESP array of bulk
 * strings, {@code *<n>\r\n} then per argument {@code $<len>\r\n<chars>\r\n}. Lengths count Java
 * {@code char}s (the model's strings stand for kevy's byte strings), so any content — CR, LF, '$',
 * '*' — round-trips: it is length-prefixed, never scanned for delimiters.
 *
 * <p>Decoding follows kevy: a frame cut off by the end of the input (the bulk's LAST frame, truncated)
 * is dropped silently; anything else that does not parse is a {@link MalformedBulkException}.
 */
public final class FrameCodec {
    private FrameCodec() {}

    /** {@code MAX_MULTIBULK_LEN}: elements per frame ({@code crates/kevy-resp/src/request.rs:18, 162-164}). */
    public static final int MAX_FRAME_ELEMENTS = 1024 * 1024;
    /** {@code MAX_BULK_LEN}: bytes per element, checked on the header ({@code request.rs:25, 122-124}). */
    public static final int MAX_ELEMENT_BYTES = 512 * 1024 * 1024;

    public static String encode(List<List<String>> frames) {
        StringBuilder sb = new StringBuilder();
        for (List<String> frame : frames) {
            sb.append('*').append(frame.size()).append("\r\n");
            for (String arg : frame) {
                sb.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
            }
        }
        return sb.toString();
    }

    /** The complete frames of {@code bulk}; a truncated last frame is ignored. */
    public static List<List<String>> decode(String bulk) {
        List<List<String>> frames = new ArrayList<>();
        Cursor c = new Cursor(bulk);
        while (c.pos < bulk.length()) {
            List<String> frame = c.frame();
            if (frame == null) {
                break; // truncated last frame: kevy ignores it
            }
            frames.add(frame);
        }
        return List.copyOf(frames);
    }

    /** Parser state; every method returns null when the input ends before the frame is complete. */
    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            this.s = s;
        }

        List<String> frame() {
            int start = pos;
            Integer n = header('*');
            if (n == null) {
                return null;
            }
            if (n < 0) {
                throw new MalformedBulkException("negative frame length " + n, start);
            }
            if (n > MAX_FRAME_ELEMENTS) {
                throw new MalformedBulkException("multibulk count exceeds limit", start);
            }
            List<String> args = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                int argStart = pos;
                Integer len = header('$');
                if (len == null) {
                    return null;
                }
                if (len < 0) {
                    throw new MalformedBulkException("negative bulk length " + len, argStart);
                }
                if (len > MAX_ELEMENT_BYTES) {
                    throw new MalformedBulkException("bulk length exceeds proto-max-bulk-len", argStart);
                }
                if (pos + len > s.length()) {
                    return null;
                }
                String arg = s.substring(pos, pos + len);
                pos += len;
                Boolean crlf = crlf();
                if (crlf == null) {
                    return null;
                }
                args.add(arg);
            }
            return List.copyOf(args);
        }

        /** Parses {@code <type><decimal>\r\n}; null if the input ends first. */
        private Integer header(char type) {
            if (pos >= s.length()) {
                return null;
            }
            if (s.charAt(pos) != type) {
                throw new MalformedBulkException("expected '" + type + "' but found '" + s.charAt(pos) + "'", pos);
            }
            int i = pos + 1;
            int digitsStart = i;
            boolean negative = false;
            if (i < s.length() && s.charAt(i) == '-') {
                negative = true;
                i++;
            }
            long value = 0;
            int digits = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                value = value * 10 + (s.charAt(i) - '0');
                if (value > Integer.MAX_VALUE) {
                    throw new MalformedBulkException("length too large", digitsStart);
                }
                i++;
                digits++;
            }
            if (i >= s.length()) {
                return null;
            }
            if (digits == 0) {
                throw new MalformedBulkException("expected a decimal length", i);
            }
            pos = i;
            Boolean crlf = crlf();
            if (crlf == null) {
                return null;
            }
            return (int) (negative ? -value : value);
        }

        /** Consumes CRLF; null if the input ends first, throws if something else is there. */
        private Boolean crlf() {
            if (pos >= s.length()) {
                return null;
            }
            if (s.charAt(pos) != '\r') {
                throw new MalformedBulkException("expected CRLF", pos);
            }
            if (pos + 1 >= s.length()) {
                return null;
            }
            if (s.charAt(pos + 1) != '\n') {
                throw new MalformedBulkException("expected CRLF", pos + 1);
            }
            pos += 2;
            return Boolean.TRUE;
        }
    }
}
