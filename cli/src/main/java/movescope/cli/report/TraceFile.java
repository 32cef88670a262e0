package movescope.cli.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * Streams a run's NDJSON trace to a temporary file beside its destination while the run goes, and renames
 * it into place only when the run finished ({@link #commit}); a run that throws leaves nothing behind
 * ({@link #close} deletes the temporary file). Streaming keeps memory flat for long runs.
 */
public final class TraceFile implements Consumer<String>, AutoCloseable {
    private final Path destination;
    private final Path tmp;
    private final BufferedWriter out;
    private boolean committed;

    public TraceFile(Path destination) throws IOException {
        this.destination = destination;
        this.tmp = movescope.cli.io.AtomicFiles.temporarySibling(destination);
        this.out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
    }

    @Override
    public void accept(String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace " + tmp, e);
        }
    }

    public void commit() throws IOException {
        out.close();
        try {
            Files.move(tmp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, destination, StandardCopyOption.REPLACE_EXISTING);
        }
        movescope.cli.io.AtomicFiles.finished(tmp);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            out.close();
            Files.deleteIfExists(tmp);
            movescope.cli.io.AtomicFiles.finished(tmp);
        }
    }
}
