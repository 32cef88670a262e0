package movescope.sim.scenario.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;
import movescope.sim.scenario.ScenarioException;

/**
 * Typed, strict access to one JSON object: every getter says what it expected when the value is missing,
 * null or of the wrong kind, and {@link #done()} rejects fields nobody asked for (a typo must not silently
 * become a default). This is the hand-written equivalent of Jackson's FAIL_ON_UNKNOWN_PROPERTIES,
 * FAIL_ON_NULL_FOR_PRIMITIVES and FAIL_ON_MISSING_CREATOR_PROPERTIES, with locations on semantic errors too.
 */
public final class Obj {
    private final JNode.JObject node;
    private final TreeSet<String> known = new TreeSet<>();

    private Obj(JNode.JObject node) {
        this.node = node;
    }

    public static Obj of(JNode n, String what) throws ScenarioException {
        if (!(n instanceof JNode.JObject o)) {
            throw error(n, "expected " + what + " (a JSON object), got " + n.kind());
        }
        return new Obj(o);
    }

    public Where where() {
        return node.where();
    }

    public static ScenarioException error(JNode n, String problem) {
        Where w = n.where();
        return new ScenarioException(w.file(), w.line(), w.column(), w.path(), problem);
    }

    public static ScenarioException error(Where w, String problem) {
        return new ScenarioException(w.file(), w.line(), w.column(), w.path(), problem);
    }

    public ScenarioException error(String problem) {
        return error(node, problem);
    }

    public boolean has(String field) {
        known.add(field);
        return node.fields().containsKey(field);
    }

    /** The raw node of an optional field. */
    public Optional<JNode> opt(String field) {
        known.add(field);
        return Optional.ofNullable(node.fields().get(field));
    }

    public JNode req(String field) throws ScenarioException {
        known.add(field);
        JNode n = node.fields().get(field);
        if (n == null) {
            throw error("missing required field \"" + field + "\"");
        }
        return n;
    }

    public String reqString(String field) throws ScenarioException {
        return string(req(field), field);
    }

    public Optional<String> optString(String field) throws ScenarioException {
        Optional<JNode> n = opt(field);
        return n.isEmpty() ? Optional.empty() : Optional.of(string(n.get(), field));
    }

    public static String string(JNode n, String what) throws ScenarioException {
        if (n instanceof JNode.JString s) {
            return s.value();
        }
        throw error(n, "expected " + what + " to be a string, got " + n.kind());
    }

    public long reqLong(String field, long min) throws ScenarioException {
        return integer(req(field), field, min, Long.MAX_VALUE);
    }

    public long optLong(String field, long def, long min) throws ScenarioException {
        Optional<JNode> n = opt(field);
        return n.isEmpty() ? def : integer(n.get(), field, min, Long.MAX_VALUE);
    }

    public OptionalLong optLong(String field, long min) throws ScenarioException {
        Optional<JNode> n = opt(field);
        return n.isEmpty() ? OptionalLong.empty() : OptionalLong.of(integer(n.get(), field, min, Long.MAX_VALUE));
    }

    public long reqLong(String field, long min, long max) throws ScenarioException {
        return integer(req(field), field, min, max);
    }

    public long optLong(String field, long def, long min, long max) throws ScenarioException {
        Optional<JNode> n = opt(field);
        return n.isEmpty() ? def : integer(n.get(), field, min, max);
    }

    public OptionalLong optLongIn(String field, long min, long max) throws ScenarioException {
        Optional<JNode> n = opt(field);
        return n.isEmpty() ? OptionalLong.empty() : OptionalLong.of(integer(n.get(), field, min, max));
    }

    public int reqInt(String field, int min, int max) throws ScenarioException {
        return (int) integer(req(field), field, min, max);
    }

    public int optInt(String field, int def, int min, int max) throws ScenarioException {
        Optional<JNode> n = opt(field);
        return n.isEmpty() ? def : (int) integer(n.get(), field, min, max);
    }

    public OptionalInt optInt(String field, int min, int max) throws ScenarioException {
        Optional<JNode> n = opt(field);
        return n.isEmpty() ? OptionalInt.empty() : OptionalInt.of((int) integer(n.get(), field, min, max));
    }

    public static long integer(JNode n, String what, long min, long max) throws ScenarioException {
        if (n instanceof JNode.JNumber num && num.integral()) {
            // The token is -?digits of at most Limits.MAX_NUMBER_CHARS characters: BigInteger is cheap here.
            BigInteger v = new BigInteger(num.text());
            if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
                throw error(n, "expected " + what + " to be an integer in " + range(min, max) + ", got "
                        + JsonMessages.clip(num.text()));
            }
            return v.longValueExact();
        }
        String got = n instanceof JNode.JNumber num ? JsonMessages.clip(num.text()) : n.kind();
        throw error(n, "expected " + what + " to be an integer" + (min > Long.MIN_VALUE ? " in " + range(min, max) : "")
                + " (digits only, no fraction or exponent), got " + got);
    }

    private static String range(long min, long max) {
        return "[" + min + ", " + (max == Long.MAX_VALUE ? "∞" : Long.toString(max)) + "]";
    }

    public double optDouble(String field, double def, double min, double max) throws ScenarioException {
        Optional<JNode> n = opt(field);
        return n.isEmpty() ? def : number(n.get(), field, min, max);
    }

    public OptionalDouble optDouble(String field, double min, double max) throws ScenarioException {
        Optional<JNode> n = opt(field);
        return n.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(number(n.get(), field, min, max));
    }

    public double reqDouble(String field, double min, double max) throws ScenarioException {
        return number(req(field), field, min, max);
    }

    public static double number(JNode n, String what, double min, double max) throws ScenarioException {
        if (n instanceof JNode.JNumber num) {
            // parseDouble saturates huge exponents to infinity and tiny ones to zero without expanding them.
            double v = Double.parseDouble(num.text());
            String shown = JsonMessages.clip(num.text());
            if (v == 0 && nonZeroMantissa(num.text())) {
                throw error(n, "expected " + what + " to be a number in [" + fmt(min) + ", " + fmt(max) + "], got "
                        + shown + ", which is too small to represent (write 0 if you mean 0)");
            }
            if (!(v >= min && v <= max)) {
                throw error(n, "expected " + what + " to be a number in [" + fmt(min) + ", " + fmt(max) + "], got "
                        + shown);
            }
            return v;
        }
        throw error(n, "expected " + what + " to be a number, got " + n.kind());
    }

    private static boolean nonZeroMantissa(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static String fmt(double d) {
        if (Double.isInfinite(d)) {
            return "∞";
        }
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    public boolean optBool(String field, boolean def) throws ScenarioException {
        Optional<JNode> n = opt(field);
        return n.isEmpty() ? def : bool(n.get(), field);
    }

    public Optional<Boolean> optBool(String field) throws ScenarioException {
        Optional<JNode> n = opt(field);
        return n.isEmpty() ? Optional.empty() : Optional.of(bool(n.get(), field));
    }

    public static boolean bool(JNode n, String what) throws ScenarioException {
        if (n instanceof JNode.JBool b) {
            return b.value();
        }
        throw error(n, "expected " + what + " to be true or false, got " + n.kind());
    }

    public static List<JNode> array(JNode n, String what) throws ScenarioException {
        if (n instanceof JNode.JArray a) {
            return a.items();
        }
        throw error(n, "expected " + what + " to be an array, got " + n.kind());
    }

    public List<JNode> optArray(String field) throws ScenarioException {
        Optional<JNode> n = opt(field);
        return n.isEmpty() ? List.of() : array(n.get(), field);
    }

    public static List<String> strings(JNode n, String what) throws ScenarioException {
        List<String> out = new ArrayList<>();
        for (JNode item : array(n, what)) {
            out.add(string(item, what + " element"));
        }
        return List.copyOf(out);
    }

    /** Rejects every field that no getter asked for, naming the accepted ones. */
    public void done() throws ScenarioException {
        for (var e : node.fields().entrySet()) {
            if (!known.contains(e.getKey())) {
                throw error(e.getValue(), "unknown field \"" + e.getKey() + "\" (expected one of " + known + ")");
            }
        }
    }

    /** The node of a present field (for locating semantic errors). */
    public JNode node(String field) {
        return node.fields().get(field);
    }

    public JNode.JObject raw() {
        return node;
    }
}
