package movescope.checker.tlc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough of TLC's config-file syntax to read which names it lists under which keyword. */
public final class CfgFile {
    private static final Set<String> KEYWORDS = Set.of("CONSTANT", "CONSTANTS", "INIT", "NEXT", "SPECIFICATION",
            "INVARIANT", "INVARIANTS", "PROPERTY", "PROPERTIES", "SYMMETRY", "VIEW", "CONSTRAINT", "CONSTRAINTS",
            "ACTION_CONSTRAINT", "ACTION_CONSTRAINTS", "CHECK_DEADLOCK", "POSTCONDITION", "ALIAS");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|\"(?:[^\"\\\\]|\\\\.)*\"|\\S");

    private CfgFile() {
    }

    /** The config text without {@code \*} line comments and {@code (* *)} block comments. */
    public static String stripComments(String text) {
        String noBlocks = text.replaceAll("(?s)\\(\\*.*?\\*\\)", " ");
        return noBlocks.replaceAll("\\\\\\*[^\n]*", "");
    }

    /** The identifiers listed after {@code PROPERTY}/{@code PROPERTIES}, in order. */
    public static List<String> properties(String text) {
        return namesAfter(text, Set.of("PROPERTY", "PROPERTIES"));
    }

    /** The identifiers listed after {@code INVARIANT}/{@code INVARIANTS}, in order. */
    public static List<String> invariants(String text) {
        return namesAfter(text, Set.of("INVARIANT", "INVARIANTS"));
    }

    /** Identifiers following any of {@code keywords}, up to the next keyword. */
    public static List<String> namesAfter(String text, Set<String> keywords) {
        List<String> names = new ArrayList<>();
        Matcher m = TOKEN.matcher(stripComments(text));
        boolean collecting = false;
        while (m.find()) {
            String tok = m.group();
            if (KEYWORDS.contains(tok)) {
                collecting = keywords.contains(tok);
            } else if (collecting && Character.isLetter(tok.charAt(0)) || collecting && tok.charAt(0) == '_') {
                names.add(tok);
            }
        }
        return names;
    }

    /**
     * The config without INVARIANT(S) and PROPERTY/PROPERTIES sections: a replay of every reachable state
     * must not stop at the first violation of a {@code _bug} config.
     */
    public static String withoutChecks(String text) {
        String keywords = String.join("|", KEYWORDS);
        return stripComments(text).replaceAll(
                "\\b(INVARIANTS?|PROPERTY|PROPERTIES)\\b(\\s+(?!(?:" + keywords + ")\\b)[A-Za-z_][A-Za-z0-9_]*)*", "");
    }

    /** The config without its SYMMETRY and VIEW clauses (state-graph replays need every concrete state). */
    public static String withoutSymmetryAndView(String text) {
        return stripComments(text).replaceAll("\\b(SYMMETRY|VIEW)\\s+[A-Za-z_][A-Za-z0-9_]*", "");
    }
}
