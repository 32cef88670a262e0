package movescope.model.store;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * kevy's texts for a sorted-set score, and its score parser.
 * <ul>
 *   <li>{@link #display}: Rust's {@code format!("{s}")} for an f64 — the shortest digits that round-trip,
 *       written out in full (never an exponent), {@code inf} / {@code -inf}, {@code -0} for negative zero.
 *       The ZADD slice frame uses it ({@code crates/kevy/src/ops/scope_move_emit.rs:121-127}).</li>
 *   <li>{@link #reply}: {@code fmt_score} ({@code crates/kevy/src/cmd.rs:293-308}) for ZSCORE and
 *       ZRANGE WITHSCORES: integer text when the score is integer-valued and {@code |s| < 1e17}, else
 *       {@link #display}.</li>
 *   <li>{@link #parse}: {@code arg_f64} ({@code cmd.rs:270-279}): trimmed, {@code inf}/{@code +inf}/
 *       {@code infinity}/{@code -inf}/… case-insensitively, else Rust's f64 parse; NaN rejected.</li>
 *   <li>{@link #rustF64}: Rust's plain {@code str::parse::<f64>()}, as the *STORE WEIGHTS parser calls it
 *       ({@code crates/kevy-rt/src/exec_build.rs:418-421}): no trimming, NaN accepted.</li>
 * </ul>
 * A NaN score (a *STORE's {@code inf + -inf}, or a {@code nan} weight) is displayed {@code NaN}, Rust's text.
 */
public final class ScoreText {
    private ScoreText() {}

    public static String display(double s) {
        if (Double.isNaN(s)) {
            return "NaN";
        }
        if (Double.isInfinite(s)) {
            return s > 0 ? "inf" : "-inf";
        }
        if (s == 0) {
            return (Double.doubleToRawLongBits(s) < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(s);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal r = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == s) {
                return plain(r);
            }
        }
        return plain(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    private static String plain(BigDecimal d) {
        String t = d.stripTrailingZeros().toPlainString();
        return t;
    }

    public static String reply(double s) {
        if (Double.isNaN(s)) {
            return "NaN";
        }
        if (Double.isInfinite(s)) {
            return s > 0 ? "inf" : "-inf";
        }
        if (s == Math.rint(s) && Math.abs(s) < 1e17) {
            return Long.toString((long) s);
        }
        return display(s);
    }

    /** The score, or null when kevy answers {@code ERR value is not a valid float}. */
    public static Double parse(String text) {
        String t = text.strip();
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                // Rust's f64 grammar: [+-] (digits [. digits?] | . digits) [(e|E) [+-] digits], or inf/nan words.
                if (!t.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
                    return null;
                }
                double d = Double.parseDouble(t);
                return Double.isNaN(d) ? null : d;
            }
        }
    }

    /**
     * Rust's {@code <f64 as FromStr>::from_str}: an optional sign, then {@code inf}, {@code infinity} or
     * {@code nan} in any ASCII case, or digits with an optional fraction ({@code 1.}, {@code .5}) and exponent;
     * nothing trimmed. Null when Rust answers an error. NaN is a valid result here.
     */
    public static Double rustF64(String text) {
        String t = text;
        boolean neg = false;
        if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
            neg = t.charAt(0) == '-';
            t = t.substring(1);
        }
        if (asciiEqualsIgnoreCase(t, "inf") || asciiEqualsIgnoreCase(t, "infinity")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (asciiEqualsIgnoreCase(t, "nan")) {
            return Double.NaN;
        }
        if (!t.matches("([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
            return null;
        }
        double d = Double.parseDouble(t);
        return neg ? -d : d;
    }

    /** Rust's {@code eq_ignore_ascii_case}: only ASCII letters fold; any other char must be equal. */
    public static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && !(x < 128 && y < 128 && Character.toLowerCase(x) == Character.toLowerCase(y))) {
                return false;
            }
        }
        return true;
    }
}
