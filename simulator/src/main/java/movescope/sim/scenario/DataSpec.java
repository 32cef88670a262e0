package movescope.sim.scenario;

import java.util.Objects;

/**
 * Keys {@code <prefix><keyPattern(i)>} = {@code valuePattern(i)}, i in {@code [0, keys)}, loaded into {@code node}
 * at time 0. A pattern is text with exactly one {@code %d} or {@code %0<w>d} (the index, zero-padded to width w,
 * 1 ≤ w ≤ 20) and {@code %%} for a literal percent sign; the defaults {@code %d} and {@code v%d} give
 * {@code <prefix>0 = v0}, {@code <prefix>1 = v1}, …
 */
public record DataSpec(String node, String prefix, int keys, String keyPattern, String valuePattern) {
    public static final String DEFAULT_KEY_PATTERN = "%d";
    public static final String DEFAULT_VALUE_PATTERN = "v%d";

    public DataSpec {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(prefix, "prefix");
        if (keys < 0) {
            throw new IllegalArgumentException("keys must be >= 0");
        }
        String bad = patternProblem(keyPattern);
        if (bad != null) {
            throw new IllegalArgumentException("key pattern: " + bad);
        }
        bad = patternProblem(valuePattern);
        if (bad != null) {
            throw new IllegalArgumentException("value pattern: " + bad);
        }
    }

    /** The default patterns: {@code <prefix><i>} = {@code v<i>}. */
    public DataSpec(String node, String prefix, int keys) {
        this(node, prefix, keys, DEFAULT_KEY_PATTERN, DEFAULT_VALUE_PATTERN);
    }

    public String key(int i) {
        return prefix + format(keyPattern, i);
    }

    public String value(int i) {
        return format(valuePattern, i);
    }

    /** Why {@code p} is not a pattern (in words), or null when it is one. */
    public static String patternProblem(String p) {
        if (p == null) {
            return "missing";
        }
        int holes = 0;
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) != '%') {
                continue;
            }
            int j = i + 1;
            if (j < p.length() && p.charAt(j) == '%') {
                i = j;
                continue;
            }
            int width = 0;
            if (j < p.length() && p.charAt(j) == '0') {
                j++;
                int start = j;
                while (j < p.length() && Character.isDigit(p.charAt(j)) && j - start < 3) {
                    width = width * 10 + (p.charAt(j) - '0');
                    j++;
                }
                if (width < 1 || width > 20) {
                    return "\"" + p + "\": a zero-padded index needs a width 1..20, as in %06d";
                }
            }
            if (j >= p.length() || p.charAt(j) != 'd') {
                return "\"" + p + "\": '%' starts %d, %0<width>d or %%";
            }
            holes++;
            i = j;
        }
        if (holes != 1) {
            return "\"" + p + "\": expected exactly one %d or %0<width>d (the key's index), found " + holes;
        }
        return null;
    }

    /** {@code p} with its one index hole filled with {@code i} (the pattern is valid: see the constructor). */
    static String format(String p, int i) {
        StringBuilder b = new StringBuilder(p.length() + 10);
        for (int k = 0; k < p.length(); k++) {
            char c = p.charAt(k);
            if (c != '%') {
                b.append(c);
                continue;
            }
            if (p.charAt(k + 1) == '%') {
                b.append('%');
                k++;
                continue;
            }
            int j = k + 1;
            int width = 0;
            if (p.charAt(j) == '0') {
                j++;
                while (Character.isDigit(p.charAt(j))) {
                    width = width * 10 + (p.charAt(j) - '0');
                    j++;
                }
            }
            String digits = Integer.toString(i);
            for (int pad = digits.length(); pad < width; pad++) {
                b.append('0');
            }
            b.append(digits);
            k = j;
        }
        return b.toString();
    }
}
