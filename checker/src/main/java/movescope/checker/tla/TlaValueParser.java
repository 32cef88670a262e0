package movescope.checker.tla;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the values TLC 2.18 prints in traces, state dumps and {@code PrintT} output: strings with
 * escapes, integers, {@code TRUE}/{@code FALSE}, model values (bare identifiers), records
 * {@code [a |-> 1, b |-> "x"]}, functions {@code ("k" :> v @@ "k2" :> v2)} (possibly spread over several
 * lines), tuples {@code <<a, b>>} and the empty function/tuple {@code << >>}, sets {@code {a, b}} and
 * integer intervals {@code 1..3}. Whitespace and newlines between tokens are ignored.
 */
public final class TlaValueParser {
    private final String text;
    private int pos;

    private TlaValueParser(String text) {
        this.text = text;
    }

    /** Parses one complete value; trailing text is an error. */
    public static TlaValue parse(String text) {
        TlaValueParser p = new TlaValueParser(text);
        TlaValue v = p.value();
        p.skipWs();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the value");
        }
        return v;
    }

    /** Parses a sequence of values separated only by whitespace (e.g. consecutive {@code PrintT} lines). */
    public static List<TlaValue> parseAll(String text) {
        TlaValueParser p = new TlaValueParser(text);
        List<TlaValue> out = new ArrayList<>();
        p.skipWs();
        while (p.pos < text.length()) {
            out.add(p.value());
            p.skipWs();
        }
        return out;
    }

    private TlaValue value() {
        skipWs();
        if (pos >= text.length()) {
            throw error("expected a value, found the end of the text");
        }
        char c = text.charAt(pos);
        if (c == '"') {
            return string();
        }
        if (c == '-' || Character.isDigit(c)) {
            return integerOrInterval();
        }
        if (text.startsWith("<<", pos)) {
            return tuple();
        }
        if (c == '[') {
            return record();
        }
        if (c == '{') {
            return set();
        }
        if (c == '(') {
            return parenthesized();
        }
        if (Character.isLetter(c) || c == '_') {
            String id = identifier();
            return switch (id) {
                case "TRUE" -> new TlaValue.Bool(true);
                case "FALSE" -> new TlaValue.Bool(false);
                default -> new TlaValue.ModelValue(id);
            };
        }
        throw error("unexpected character '" + c + "'");
    }

    private TlaValue string() {
        StringBuilder sb = new StringBuilder();
        pos++; // opening quote
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return new TlaValue.Str(sb.toString());
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'f' -> '\f';
                    default -> e; // \" and \\
                });
            } else {
                sb.append(c);
            }
        }
        throw error("unterminated string");
    }

    private TlaValue integerOrInterval() {
        long lo = integer();
        if (text.startsWith("..", pos)) {
            pos += 2;
            long hi = integer();
            Set<TlaValue> s = new LinkedHashSet<>();
            for (long i = lo; i <= hi; i++) {
                s.add(new TlaValue.Int(i));
            }
            return new TlaValue.SetValue(s);
        }
        return new TlaValue.Int(lo);
    }

    private long integer() {
        int start = pos;
        if (pos < text.length() && text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        try {
            return Long.parseLong(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("bad integer");
        }
    }

    private TlaValue tuple() {
        pos += 2;
        List<TlaValue> elems = new ArrayList<>();
        skipWs();
        if (text.startsWith(">>", pos)) {
            pos += 2;
            return new TlaValue.Seq(elems);
        }
        while (true) {
            elems.add(value());
            skipWs();
            if (text.startsWith(">>", pos)) {
                pos += 2;
                return new TlaValue.Seq(elems);
            }
            expect(',');
        }
    }

    private TlaValue record() {
        pos++;
        Map<TlaValue, TlaValue> m = new LinkedHashMap<>();
        skipWs();
        if (peek(']')) {
            pos++;
            return new TlaValue.Fcn(m);
        }
        while (true) {
            skipWs();
            String field = identifier();
            skipWs();
            expect("|->");
            TlaValue v = value();
            if (m.put(new TlaValue.Str(field), v) != null) {
                throw error("duplicate record field " + field);
            }
            skipWs();
            if (peek(']')) {
                pos++;
                return new TlaValue.Fcn(m);
            }
            expect(',');
        }
    }

    private TlaValue set() {
        pos++;
        Set<TlaValue> s = new LinkedHashSet<>();
        skipWs();
        if (peek('}')) {
            pos++;
            return new TlaValue.SetValue(s);
        }
        while (true) {
            s.add(value());
            skipWs();
            if (peek('}')) {
                pos++;
                return new TlaValue.SetValue(s);
            }
            expect(',');
        }
    }

    /** {@code (k :> v @@ ...)} or a value in parentheses. */
    private TlaValue parenthesized() {
        pos++;
        TlaValue first = value();
        skipWs();
        if (!text.startsWith(":>", pos)) {
            expect(')');
            return first;
        }
        Map<TlaValue, TlaValue> m = new LinkedHashMap<>();
        TlaValue key = first;
        while (true) {
            expect(":>");
            TlaValue v = value();
            if (m.put(key, v) != null) {
                throw error("duplicate function key " + key);
            }
            skipWs();
            if (peek(')')) {
                pos++;
                return new TlaValue.Fcn(m);
            }
            expect("@@");
            key = value();
            skipWs();
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error("expected an identifier");
        }
        return text.substring(start, pos);
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        skipWs();
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void expect(String s) {
        skipWs();
        if (!text.startsWith(s, pos)) {
            throw error("expected '" + s + "'");
        }
        pos += s.length();
    }

    private void skipWs() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private TlaValueException error(String what) {
        int from = Math.max(0, pos - 30);
        int to = Math.min(text.length(), pos + 30);
        return new TlaValueException(what + " at offset " + pos + ": ..." + text.substring(from, to) + "...");
    }
}
