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
