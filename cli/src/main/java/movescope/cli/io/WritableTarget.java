package movescope.cli.io;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides, before anything is run or created, whether a file could be written at a path: the nearest
 * existing part of its folder must be a writable folder, and the path itself must not be a folder. Commands
 * refuse a bad output path up front (exit 2) instead of discovering it after minutes of work.
 */
public final class WritableTarget {
    private WritableTarget() {
    }

    /** Why a folder could not be created (or written into), or empty when it could. Creates nothing. */
    public static Optional<String> folderProblem(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of("no part of " + dir + " exists");
        }
        if (!Files.isDirectory(existing)) {
            return Optional.of(existing + " is a file, not a folder");
        }
        if (!Files.isWritable(existing)) {
            return Optional.of(existing + " is not writable");
        }
        return Optional.empty();
    }

    /** Why a file could not be written at {@code file}, or empty when it could. Creates nothing. */
    public static Optional<String> fileProblem(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            return Optional.of(file + " is a folder; give a file name");
        }
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(abs)) {
            return Optional.of(file + " is not a regular file");
        }
        Path parent = abs.getParent();
        return parent == null ? Optional.of("no folder for " + file) : folderProblem(parent);
    }
}
