package movescope.model.protocol;

/**
 * Two Rust standard-library renderings that kevy's reply texts go through, reimplemented so the model's
 * texts are kevy's byte for byte. Keys, values and replies are bytes in kevy; the model carries them as
 * Java Strings with one char per byte (ISO-8859-1: char {@code c <= 0xFF} is byte {@code c}). A char above
 * 0xFF, which no kevy byte string produces, is taken as its UTF-8 bytes so that nothing is lost.
 */
public final class RustText {
    private RustText() {}

    /** The bytes a model string stands for (see the class comment). */
    public static byte[] bytes(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0xFF) {
                out.write(c);
            } else {
                byte[] u = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(u, 0, u.length);
            }
        }
        return out.toByteArray();
    }

    /** The model string of {@code bytes} (one char per byte). */
    public static String latin1(byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            sb.append((char) (bytes[i] & 0xFF));
        }
        return sb.toString();
    }

    /**
     * {@code String::from_utf8_lossy}: the bytes decoded as UTF-8, each maximal invalid subsequence
     * (Unicode's "substitution of maximal subparts", which Rust follows) replaced by U+FFFD.
     * kevy uses it for the target's first read (scope_move.rs:215-221) and for the key and message of an
     * ingest refusal (scope_move_ingest.rs:106-114).
     */
    public static String utf8Lossy(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            }
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                if (c == 0xE0) {
                    lo = 0xA0;
                } else if (c == 0xED) {
                    hi = 0x9F;
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                if (c == 0xF0) {
                    lo = 0x90;
                } else if (c == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                sb.append('\uFFFD');
                i++;
                continue;
            }
            int cp = c & (0x3F >> need);
            int j = i + 1;
            boolean ok = true;
            for (int k = 0; k < need; k++, j++) {
                int cont = j < b.length ? b[j] & 0xFF : -1;
                int min = k == 0 ? lo : 0x80;
                int max = k == 0 ? hi : 0xBF;
                if (cont < min || cont > max) {
                    ok = false;
                    break;
                }
                cp = (cp << 6) | (cont & 0x3F);
            }
            if (ok) {
                sb.appendCodePoint(cp);
                i = j;
            } else {
                sb.append('\uFFFD'); // the maximal subpart is b[i..j): the lead byte and the valid continuations
                i = j;
            }
        }
        return sb.toString();
    }

    /** {@link #utf8Lossy(byte[])} of the bytes a model string stands for. */
    public static String utf8Lossy(String modelBytes) {
        return utf8Lossy(bytes(modelBytes));
    }

    /**
     * Rust's {@code <str as Debug>::fmt}: wrapped in {@code "}; {@code \0 \t \r \n \\ \"} escaped as such;
     * characters that are not printable (C0 and C1 controls, DEL, and the format, separator and unassigned
     * code points Rust's {@code is_printable} table rejects — covered here for the ranges a reply can
     * carry: Latin-1, general punctuation, BOM and specials) and grapheme extenders (combining marks) as
     * {@code &#92;u{hex}}; everything else, U+FFFD included, as is. Used for the {@code {:?}} of the target
     * address (scope_move.rs:191-195) and of the first read (scope_move.rs:215-221).
     */
    public static String debugQuote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case 0 -> sb.append("\\0");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                default -> {
                    if (escaped(cp)) {
                        sb.append("\\u{").append(Integer.toHexString(cp)).append('}');
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static boolean escaped(int cp) {
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || (type == Character.SPACE_SEPARATOR && cp != ' ');
    }
}
