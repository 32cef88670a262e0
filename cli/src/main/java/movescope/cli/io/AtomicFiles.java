package movescope.cli.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that a reader sees either the old content or the whole new one, never a prefix: the text
 * goes to a temporary file in the same folder, which is then renamed over the destination. A crash or an
 * error mid-write leaves at most a stray {@code .tmp} file, never a half report or half golden file.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path destination, String content) throws IOException {
        Path tmp = temporarySibling(destination);
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A fresh temporary file beside {@code destination}, created with the process's default permissions
     * (the umask), not {@link Files#createTempFile}'s owner-only ones: reports and golden files are meant to
     * be read by others. The name carries the process id so two movescope processes never share one.
     */
    public static Path temporarySibling(Path destination) throws IOException {
        Path dir = destination.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + destination.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(tmp);
        return Files.createFile(tmp);
    }
}
