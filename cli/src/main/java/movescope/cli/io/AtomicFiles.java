package movescope.cli.io;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that a reader sees either the old content or the whole new one, never a prefix: the text
 * goes to a temporary file in the same folder, which is then renamed over the destination. A crash or an
 * error mid-write leaves no half report or half golden file; the temporary files in progress are
 * registered and deleted by a shutdown hook, so SIGINT or SIGTERM (which run the JVM's shutdown hooks)
 * leaves no stray {@code .<name>.<pid>.tmp} either. Only a SIGKILL can leave one, which the next run with
 * the same pid would replace.
 */
public final class AtomicFiles {
    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private AtomicFiles() {
    }

    /** The temporary files not yet renamed or deleted (for tests). */
    public static Set<Path> inProgress() {
        return Set.copyOf(IN_PROGRESS);
    }

    /** Forgets a temporary file once it was renamed into place or deleted. */
    public static void finished(Path tmp) {
        IN_PROGRESS.remove(tmp);
    }

    /** Deletes every temporary file still in progress (what the shutdown hook does). */
    public static void deleteInProgress() {
        for (Path p : IN_PROGRESS) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // best effort at shutdown: nothing else can be done about it here
            }
            IN_PROGRESS.remove(p);
        }
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
            finished(tmp);
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
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::deleteInProgress, "movescope-temp-cleanup"));
        }
        IN_PROGRESS.add(tmp);
        Files.deleteIfExists(tmp);
        return Files.createFile(tmp);
    }
}
