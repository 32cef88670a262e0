package movescope.sim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which arguments of a command are keys, for the probe set and the write history. Only the commands the
 * simulator's clients send need exact answers; for others the first argument is taken, like kevy's check.
 */
public final class Commands {
    private Commands() {}

    /** The keys a command touches (empty for commands without keys, e.g. MOVE-SCOPE, FLUSHALL). */
    public static List<String> keysOf(List<String> command) {
        if (command.isEmpty()) {
            return List.of();
        }
        String name = command.get(0).toUpperCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        switch (name) {
            case "MSET" -> {
                for (int i = 1; i + 1 < command.size(); i += 2) {
                    out.add(command.get(i));
                }
            }
            case "DEL", "UNLINK", "EXISTS" -> out.addAll(command.subList(1, command.size()));
            case "MOVE-SCOPE", "MOVE-SCOPE-INGEST", "FLUSHALL", "FLUSHDB", "PING" -> { }
            default -> {
                if (command.size() > 1) {
                    out.add(command.get(1));
                }
            }
        }
        return out;
    }

    /**
     * One line that shows a command unambiguously, for reports and golden files, in redis-cli's notation:
     * arguments are separated by one space; an argument that is empty or contains a space, another
     * whitespace or control character, a quote or a backslash is written in double quotes, with
     * {@code \\}, {@code \"}, {@code \n}, {@code \r}, {@code \t} and {@code \xHH} (other control
     * characters below U+0100; a backslash, {@code u} and four hex digits above) escaped inside. Every other argument is written as
     * it is. So {@code ["SET", "k", ""]} is {@code SET k ""}, {@code ["SET", "k", "a b"]} is
     * {@code SET k "a b"} (not the four arguments {@code SET k a b}), and the line never contains a line
     * break. Joining with spaces alone was ambiguous.
     */
    public static String render(List<String> command) {
        StringBuilder b = new StringBuilder();
        for (String a : command) {
            if (b.length() > 0) {
                b.append(' ');
            }
            if (!needsQuotes(a)) {
                b.append(a);
                continue;
            }
            b.append('"');
            for (int i = 0; i < a.length(); i++) {
                char c = a.charAt(i);
                switch (c) {
                    case '\\' -> b.append("\\\\");
                    case '"' -> b.append("\\\"");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (Character.isISOControl(c) || (c != ' ' && (Character.isWhitespace(c)
                                || Character.isSpaceChar(c)))) {
                            b.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            b.append('"');
        }
        return b.toString();
    }

    private static boolean needsQuotes(String a) {
        if (a.isEmpty()) {
            return true;
        }
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c == '"' || c == '\'' || c == '\\' || Character.isISOControl(c) || Character.isWhitespace(c)
                    || Character.isSpaceChar(c)) {
                return true;
            }
        }
        return false;
    }

    /** Splits {@code "SET k v"} on runs of spaces (the string form of a step's command). */
    public static List<String> split(String command) {
        List<String> out = new ArrayList<>();
        for (String part : command.trim().split(" +")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return List.copyOf(out);
    }
}
