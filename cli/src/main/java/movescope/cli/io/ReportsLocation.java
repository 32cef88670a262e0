package movescope.cli.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the directory that run reports go to when the user passed no {@code --reports}.
 *
 * <p>Order: (1) the {@code reports/} folder of the movescope checkout that holds the scenario — the nearest
 * ancestor of the scenario file that has both a {@code scenarios/} and a {@code reports/} folder — so running a
 * scenario from any working directory writes into that checkout; (2) {@code $MOVESCOPE_HOME/reports} (the
 * launcher sets it) for scenario files kept elsewhere; (3) {@code ./reports} under the working directory.
 */
public final class ReportsLocation {
    private ReportsLocation() {
    }

    public static Path defaultFor(Path scenarioFile, Optional<String> movescopeHome, Path workingDir) {
        Path dir = scenarioFile.toAbsolutePath().normalize().getParent();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("scenarios")) && Files.isDirectory(dir.resolve("reports"))) {
                return dir.resolve("reports");
            }
            dir = dir.getParent();
        }
        if (movescopeHome.isPresent() && !movescopeHome.get().isBlank()) {
            return Path.of(movescopeHome.get()).toAbsolutePath().normalize().resolve("reports");
        }
        return workingDir.toAbsolutePath().normalize().resolve("reports");
    }
}
