package movescope.checker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which module a bare {@code .cfg} belongs to, when no manifest says so. Candidates, first existing wins:
 * the config's own base name ({@code X_bug.cfg → X_bug.tla}), then each shorter stem obtained by dropping
 * a trailing {@code _suffix} ({@code X.tla}), and for every stem not starting with {@code MC} also
 * {@code MC<stem>.tla}. So {@code MCMigrationTableImpl_bug.cfg → MCMigrationTableImpl.tla} and
 * {@code MigrationTable_small.cfg → MigrationTable_small.tla, MCMigrationTable_small.tla,
 * MigrationTable.tla, MCMigrationTable.tla}.
 */
public final class ModuleResolver {
    private ModuleResolver() {
    }

    /** The candidate module file names, most specific first. */
    public static List<String> candidates(String configFileName) {
        String stem = configFileName.endsWith(".cfg")
                ? configFileName.substring(0, configFileName.length() - 4) : configFileName;
        List<String> out = new ArrayList<>();
        while (true) {
            out.add(stem + ".tla");
            if (!stem.startsWith("MC")) {
                out.add("MC" + stem + ".tla");
            }
            int cut = stem.lastIndexOf('_');
            if (cut <= 0) {
                return out;
            }
            stem = stem.substring(0, cut);
        }
    }

    /** The first candidate that exists next to the config, or null. */
    public static String resolve(Path config) {
        Path dir = config.toAbsolutePath().getParent();
        for (String c : candidates(config.getFileName().toString())) {
            if (Files.isRegularFile(dir.resolve(c))) {
                return c;
            }
        }
        return null;
    }
}
