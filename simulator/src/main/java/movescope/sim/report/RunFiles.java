package movescope.sim.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.scenario.Scenario;

/**
 * Runs a scenario into a directory: {@code <base>.trace.ndjson} streamed while the run goes, and
 * {@code <base>.report.json}. Both are written to temporary files in the same directory and renamed into
 * place only when complete, so a reader never sees a half-written file (a crash leaves at most a
 * {@code .tmp} file behind, never a truncated report).
 */
public final class RunFiles {
    private RunFiles() {}

    public record Written(RunResult result, Path report, Path trace) {}

    public static Written run(Scenario scenario, long seed, Options options, Path dir, String base) throws IOException {
        Files.createDirectories(dir);
        Path traceTmp = Files.createTempFile(dir, base + ".trace.", ".tmp");
        RunResult result;
        try (BufferedWriter w = Files.newBufferedWriter(traceTmp, StandardCharsets.UTF_8)) {
            Options withSink = options.withTraceSink(line -> {
                try {
                    w.write(line);
                    w.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            result = Simulation.run(scenario, seed, withSink);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(traceTmp);
            throw e;
        }
        Path trace = dir.resolve(base + ".trace.ndjson");
        Path report = dir.resolve(base + ".report.json");
        moveAtomically(traceTmp, trace);
        writeAtomically(report, ReportWriter.toJson(result));
        return new Written(result, report, trace);
    }

    /** Writes {@code text} to {@code target} through a temporary file and an atomic rename. */
    public static void writeAtomically(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString() + ".", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            moveAtomically(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
