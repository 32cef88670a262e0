package movescope.sim.scenario.json;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Puts the JSON parser's messages in the user's words: Jackson names its own classes, features and source
 * descriptions ("Unexpected close marker", "[Source: (StringReader); line: 1, column: 2]",
 * "enable `JsonReadFeature.ALLOW_...` to allow"); the user wrote a file and wants to know what in it is
 * wrong. Anything that still looks like an implementation detail after the rewrite is replaced by a plain
 * "malformed JSON here", since the location is reported alongside anyway.
 */
public final class JsonMessages {
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]");
    private static final Pattern LEFTOVER = Pattern.compile(
            "`|Feature|Jackson|Exception|StreamRead|JsonRead|Source:|\\bjava\\.|\\bcom\\.|\\bREDACTED\\b");

    private JsonMessages() {}

    public static String rewrite(String jackson) {
        if (jackson == null || jackson.isBlank()) {
            return "malformed JSON";
        }
        String m = jackson.strip();
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl).strip();
        }
        m = SOURCE.matcher(m).replaceAll("line $1, column $2");
        m = m.replace("(not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)",
                "(JSON has no comments)");
        m = m.replaceAll(": enable `[^`]*` to allow", " (not valid JSON)");
        m = m.replaceAll("; enable `[^`]*` to allow", " (not valid JSON)");
        m = m.replace("expected a valid value (", "expected (");
        m = m.replaceAll("\\(JSON String, Number, Array, Object or token 'null', 'true' or 'false'\\)",
                "a string, number, array, object, true, false or null");
        m = m.replace("(JSON String, Number (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false')",
                "a string, number, array, object, true, false or null");
        m = m.replaceAll("\\(CTRL-CHAR, code (\\d+)\\)", "control character $1");
        m = m.replace("close marker", "closing bracket").replace("start marker", "opening bracket");
        m = m.replace("for Object starting at", "for the object starting at")
                .replace("for Array starting at", "for the array starting at")
                .replace("for Object", "for an object").replace("for Array", "for an array");
        m = m.replaceAll("Duplicate field '([^']*)'", "duplicate field \"$1\"");
        m = m.replace("Unexpected end-of-input", "unexpected end of file");
        m = m.replace(" within/between Object entries", " between object fields")
                .replace(" within/between Array entries", " between array elements");
        m = m.replace("double-quote", "a double quote");
        if (LEFTOVER.matcher(m.replaceAll("'[^']*'", "''")).find()) { // the user's quoted text does not count
            return "malformed JSON";
        }
        return Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    /** The reason an I/O operation failed, in words (no exception class names). */
    public static String ioReason(IOException e) {
        String msg = e.getMessage();
        String reason = e.getClass().getSimpleName()
                .replace("Exception", "")
                .replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        if (msg == null || msg.isBlank() || LEFTOVER.matcher(msg).find()) {
            return reason.isBlank() ? "input/output error" : reason;
        }
        return msg;
    }

    /** A value shortened for an error message (a 1 GB message helps nobody). */
    public static String clip(String s) {
        return s.length() <= 24 ? s : s.substring(0, 12) + "…" + s.substring(s.length() - 8);
    }
}
