package movescope.live.resp;

import java.util.ArrayList;
import java.util.List;

/**
 * The model's one-line reply text (movescope.model.store.Reply#wire: {@code +OK}, {@code -ERR x}, {@code :3},
 * {@code "v1"}, {@code (nil)}, {@code ["a", "b"]}) to and from RESP2 values. The server side turns the model's
 * replies into RESP with {@link #parse}; the driver turns what a real server sent back into the same text
 * with {@link #render}, so live replies compare with the simulator's as strings.
 */
public final class WireText {
    private WireText() {
    }

    public static String render(RespValue v) {
        StringBuilder sb = new StringBuilder();
        render(sb, v);
        return sb.toString();
    }

    private static void render(StringBuilder sb, RespValue v) {
        if (v instanceof RespValue.Simple s) {
            sb.append('+').append(s.text());
        } else if (v instanceof RespValue.Error e) {
            sb.append('-').append(e.message());
        } else if (v instanceof RespValue.Int i) {
            sb.append(':').append(i.value());
        } else if (v instanceof RespValue.Bulk b) {
            if (b.value() == null) {
                sb.append("(nil)");
            } else {
                quote(sb, b.value());
            }
        } else if (v instanceof RespValue.Array a) {
            if (a.elements() == null) {
                sb.append("(nil)");
                return;
            }
            sb.append('[');
            for (int i = 0; i < a.elements().size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                render(sb, a.elements().get(i));
            }
            sb.append(']');
        }
    }

    /** The same escaping as the model's bulk rendering: {@code \\ \" \n \r \t}, other controls as {@code \xHH}. */
    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
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
        sb.append('"');
    }

    /**
     * Parses one reply text. A top-level {@code +}/{@code -} line is taken whole (its text may contain
     * anything but a line break).
     *
     * @throws IllegalArgumentException if the text is not in the model's format
     */
    public static RespValue parse(String wire) {
        if (wire.startsWith("+")) {
            return new RespValue.Simple(wire.substring(1));
        }
        if (wire.startsWith("-")) {
            return new RespValue.Error(wire.substring(1));
        }
        Parser p = new Parser(wire);
        RespValue v = p.value();
        if (p.pos != wire.length()) {
            throw new IllegalArgumentException("trailing text at " + p.pos + " in reply " + wire);
        }
        return v;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        RespValue value() {
            if (pos >= s.length()) {
                throw bad("a value");
            }
            char c = s.charAt(pos);
            if (c == '"') {
                return new RespValue.Bulk(quoted());
            }
            if (s.startsWith("(nil)", pos)) {
                pos += 5;
                return new RespValue.Bulk(null);
            }
            if (c == '[') {
                pos++;
                List<RespValue> els = new ArrayList<>();
                if (pos < s.length() && s.charAt(pos) == ']') {
                    pos++;
                    return new RespValue.Array(els);
                }
                while (true) {
                    els.add(value());
                    if (s.startsWith(", ", pos)) {
                        pos += 2;
                    } else if (pos < s.length() && s.charAt(pos) == ']') {
                        pos++;
                        return new RespValue.Array(els);
                    } else {
                        throw bad("\", \" or \"]\"");
                    }
                }
            }
            int end = elementEnd();
            String tok = s.substring(pos + 1, end);
            RespValue v = switch (c) {
                case ':' -> new RespValue.Int(Long.parseLong(tok));
                case '+' -> new RespValue.Simple(tok);
                case '-' -> new RespValue.Error(tok);
                default -> throw bad("a reply");
            };
            pos = end;
            return v;
        }

        /** Inside an array a simple string or error runs to the next ", " or "]". */
        private int elementEnd() {
            int i = pos + 1;
            while (i < s.length() && !s.startsWith(", ", i) && s.charAt(i) != ']') {
                i++;
            }
            return i;
        }

        private String quoted() {
            StringBuilder out = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    break;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'x' -> {
                        out.append((char) Integer.parseInt(s.substring(pos, pos + 2), 16));
                        pos += 2;
                    }
                    default -> out.append(e);
                }
            }
            throw bad("a closing quote");
        }

        private IllegalArgumentException bad(String expected) {
            return new IllegalArgumentException("expected " + expected + " at " + pos + " in reply " + s);
        }
    }
}
