package movescope.model.store;

/**
 * kevy's KEYS pattern match ({@code crates/kevy-store/src/util.rs:128-221}), byte-wise and case-sensitive:
 * {@code *} any run (consecutive stars collapse; one backtrack anchor at the last star), {@code ?} one
 * byte, {@code [...]} a class ({@code ^} first negates; {@code a-z} a range with the ends in either order,
 * not when the {@code -} is followed by {@code ]}; {@code \x} an escaped member; a class without its
 * {@code ]} runs to the end of the pattern), {@code \x} the literal x ({@code \} as the last pattern byte
 * is a literal backslash), anything else itself. Chars are bytes (ISO-8859-1).
 */
public final class Glob {
    private Glob() {}

    public static boolean matches(String p, String s) {
        int pi = 0;
        int si = 0;
        int starPi = -1;
        int starSi = 0;
        while (si < s.length()) {
            if (pi < p.length() && p.charAt(pi) == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                starPi = pi;
                starSi = si;
                continue;
            }
            if (pi < p.length()) {
                int width = matchToken(p, pi, s.charAt(si));
                if (width > 0) {
                    pi += width;
                    si++;
                    continue;
                }
            }
            if (starPi < 0) {
                return false;
            }
            pi = starPi;
            starSi++;
            si = starSi;
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /** The width of the token at {@code p[at]} when it matches {@code ch}, else 0. */
    private static int matchToken(String p, int at, char ch) {
        char c = p.charAt(at);
        if (c == '?') {
            return 1;
        }
        if (c == '[') {
            int i = at + 1;
            boolean negate = i < p.length() && p.charAt(i) == '^';
            if (negate) {
                i++;
            }
            boolean matched = false;
            while (i < p.length() && p.charAt(i) != ']') {
                if (p.charAt(i) == '\\' && i + 1 < p.length()) {
                    matched |= p.charAt(i + 1) == ch;
                    i += 2;
                } else if (i + 2 < p.length() && p.charAt(i + 1) == '-' && p.charAt(i + 2) != ']') {
                    char lo = (char) Math.min(p.charAt(i), p.charAt(i + 2));
                    char hi = (char) Math.max(p.charAt(i), p.charAt(i + 2));
                    matched |= ch >= lo && ch <= hi;
                    i += 3;
                } else {
                    matched |= p.charAt(i) == ch;
                    i++;
                }
            }
            if (i < p.length()) {
                i++; // the ']'
            }
            return (matched ^ negate) ? i - at : 0;
        }
        if (c == '\\' && at + 1 < p.length()) {
            return p.charAt(at + 1) == ch ? 2 : 0;
        }
        return c == ch ? 1 : 0;
    }
}
