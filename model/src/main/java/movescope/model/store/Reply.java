package movescope.model.store;

import java.util.List;
import java.util.Objects;

/**
 * A command's reply, rendered by {@link #wire()} as ONE line of readable text (traces, scenario
 * expectations and golden files compare these strings):
 * <ul>
 *   <li>simple string: {@code +OK}</li>
 *   <li>error: {@code -ERR ...} / {@code -WRONGTYPE ...} (the message as Redis sends it)</li>
 *   <li>integer: {@code :3}</li>
 *   <li>bulk string: the text in double quotes with {@code \\ \" \n \r \t} and {@code \xHH} (other
 *       control characters) escaped, e.g. {@code "hello"}; null bulk: {@code (nil)}</li>
 *   <li>array: {@code [}elements rendered as above, separated by {@code ", "}{@code ]}, e.g.
 *       {@code ["a", "b"]}, {@code []}</li>
 * </ul>
 */
public sealed interface Reply {
    String wire();

    /**
     * The reply as kevy sends it on the wire (RESP2), one char per byte: {@code +OK\r\n}, {@code -ERR …\r\n},
     * {@code :3\r\n}, {@code $<len>\r\n<bytes>\r\n}, {@code $-1\r\n}, {@code *<n>\r\n} then the elements
     * ({@code crates/kevy-resp} encode_*).
     */
    default String resp() {
        StringBuilder sb = new StringBuilder();
        appendResp(this, sb);
        return sb.toString();
    }

    private static void appendResp(Reply r, StringBuilder sb) {
        if (r instanceof SimpleString s) {
            sb.append('+').append(s.text()).append("\r\n");
        } else if (r instanceof ErrorReply e) {
            sb.append('-').append(e.message()).append("\r\n");
        } else if (r instanceof IntegerReply i) {
            sb.append(':').append(i.value()).append("\r\n");
        } else if (r instanceof Bulk b) {
            sb.append('$').append(b.value().length()).append("\r\n").append(b.value()).append("\r\n");
        } else if (r instanceof NullBulk) {
            sb.append("$-1\r\n");
        } else if (r instanceof ArrayReply a) {
            sb.append('*').append(a.elements().size()).append("\r\n");
            for (Reply e : a.elements()) {
                appendResp(e, sb);
            }
        } else {
            throw new IllegalStateException("unhandled reply " + r);
        }
    }

    default boolean isError() {
        return this instanceof ErrorReply;
    }

    Reply OK = new SimpleString("OK");

    static Reply ok() {
        return OK;
    }

    static Reply error(String message) {
        return new ErrorReply(message);
    }

    static Reply integer(long n) {
        return new IntegerReply(n);
    }

    record SimpleString(String text) implements Reply {
        public SimpleString {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String wire() {
            return "+" + text;
        }
    }

    /** {@code message} without the leading '-', e.g. {@code ERR syntax error}. */
    record ErrorReply(String message) implements Reply {
        public ErrorReply {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String wire() {
            return "-" + message;
        }
    }

    record IntegerReply(long value) implements Reply {
        @Override
        public String wire() {
            return ":" + value;
        }
    }

    record Bulk(String value) implements Reply {
        public Bulk {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String wire() {
            return quote(value);
        }
    }

    record NullBulk() implements Reply {
        @Override
        public String wire() {
            return "(nil)";
        }
    }

    record ArrayReply(List<Reply> elements) implements Reply {
        public ArrayReply {
            elements = List.copyOf(elements);
        }

        @Override
        public String wire() {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(elements.get(i).wire());
            }
            return sb.append(']').toString();
        }
    }

    /** Double-quoted, escaped so the result never contains a line break. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
