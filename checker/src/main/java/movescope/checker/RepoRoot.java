package movescope.checker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the movescope checkout: the nearest folder, walking up, that has both {@code specs/} and {@code pom.xml}. */
public final class RepoRoot {
    private RepoRoot() {
    }

    public static Optional<Path> find(Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("specs")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
