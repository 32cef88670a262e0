package movescope.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import movescope.checker.tlc.TlcOptions;
import movescope.checker.tlc.TlcRunner;

/**
 * TLC's random simulation ({@code -simulate num=N -depth 100}, one worker, a fixed seed, deadlock not
 * checked as in the manifest) of {@code specs/MoveScope/MCMoveScope_fixed.cfg}, every invariant of the config
 * checked in every state. TLC runs in a fresh JVM, as every check does (TlcRunner explains why).
 *
 * <p>The rate is the difference of two runs with the same seed, one of N/5 and one of N behaviours: with one
 * worker and one seed the short run's behaviours are the first ones of the long run, so JVM start, parsing
 * and most of the JIT warm-up cancel and what is left is TLC's steady speed over the last 4N/5 behaviours.
 */
public final class TlcBench {
    private static final Pattern GENERATED = Pattern.compile("([\\d,]+) states generated");
    private static final Pattern CHECKED = Pattern.compile("Progress: ([\\d,]+) states checked");
    public static final String CONFIG = "MCMoveScope_fixed.cfg";
    public static final String MODULE = "MCMoveScope.tla";
    public static final int DEPTH = 100;
    public static final long SEED = 1L;

    private TlcBench() {
    }

    /** One TLC run: behaviours asked for, states it generated, wall nanoseconds from process start to exit. */
    public record Run(long behaviours, long states, long nanos) {}

    /** The two runs and the steady rate between them. */
    public record Result(Run shortRun, Run longRun) {
        public long behaviours() {
            return longRun.behaviours() - shortRun.behaviours();
        }

        public long states() {
            return longRun.states() - shortRun.states();
        }

        public double seconds() {
            return (longRun.nanos() - shortRun.nanos()) / 1e9;
        }

        public double statesPerSec() {
            return states() / seconds();
        }

        public double behavioursPerSec() {
            return behaviours() / seconds();
        }

        /**
         * Whether the long run took longer than the short one, so the difference is a rate. On a loaded machine
         * (or with few behaviours) JVM start-up noise can exceed the extra work; then there is no rate to give,
         * and {@link #inconclusive()} says so instead of a negative or infinite number.
         */
        public boolean conclusive() {
            return longRun.nanos() > shortRun.nanos() && longRun.states() > shortRun.states();
        }

        /** Why there is no rate, in words; empty when {@link #conclusive()}. */
        public java.util.Optional<String> inconclusive() {
            return conclusive() ? java.util.Optional.empty() : java.util.Optional.of("TLC's run of "
                    + longRun.behaviours() + " behaviours was not longer than its run of " + shortRun.behaviours()
                    + " (" + longRun.nanos() / 1e9 + " s vs " + shortRun.nanos() / 1e9
                    + " s): no rate measured; ask for more behaviours (--tlc-behaviours)");
        }
    }

    /** TLC did not run as expected (missing spec, a violation, a crash): the message says which. */
    public static final class TlcFailed extends Exception {
        public TlcFailed(String message) {
            super(message);
        }
    }

    /** Both runs; {@code specDir} is specs/MoveScope of the checkout. */
    public static Result measure(Path specDir, long behaviours) throws TlcFailed, IOException {
        long small = Math.max(1, behaviours / 5);
        long big = Math.max(small + 1, behaviours);
        Run a = run(specDir, small);
        Run b = run(specDir, big);
        return new Result(a, b);
    }

    static Run run(Path specDir, long behaviours) throws TlcFailed, IOException {
        if (!Files.isRegularFile(specDir.resolve(CONFIG)) || !Files.isRegularFile(specDir.resolve(MODULE))) {
            throw new TlcFailed("cannot find " + specDir.resolve(CONFIG) + " (run inside the checkout, set MOVESCOPE_HOME, or give --skip-tlc)");
        }
        Path scratch = Files.createTempDirectory("movescope-bench-tlc-");
        try {
            Path log = scratch.resolve("tlc.log");
            List<String> cmd = new ArrayList<>();
            cmd.add(TlcRunner.javaBinary());
            cmd.addAll(TlcOptions.DEFAULT_JVM_ARGS);
            // A temp folder of its own, as TlcRunner gives every check (SANY copies standard modules there).
            Files.createDirectories(scratch.resolve("tmp"));
            cmd.add("-Djava.io.tmpdir=" + scratch.resolve("tmp"));
            cmd.addAll(List.of("-cp", TlcRunner.tlaToolsLocation().toString(), "tlc2.TLC", "-workers", "1",
                    "-deadlock", "-seed", Long.toString(SEED), "-depth", Integer.toString(DEPTH),
                    "-simulate", "num=" + behaviours, "-metadir", scratch.resolve("meta").toString(),
                    "-config", CONFIG, MODULE));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(specDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            long t0 = System.nanoTime();
            Process p = pb.start();
            boolean done;
            try {
                done = p.waitFor(30, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = false;
            }
            long nanos = System.nanoTime() - t0;
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new TlcFailed("TLC did not finish " + behaviours + " behaviours within 30 minutes");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new TlcFailed("TLC exited with " + p.exitValue() + " on " + CONFIG + " (expected 0); its output ends:\n"
                        + tail(out, 15));
            }
            long states = lastNumber(GENERATED, out);
            if (states < 0) {
                states = lastNumber(CHECKED, out);
            }
            if (states < 0) {
                throw new TlcFailed("TLC's output has no state count; it ends:\n" + tail(out, 15));
            }
            return new Run(behaviours, states, nanos);
        } finally {
            deleteTree(scratch);
        }
    }

    private static long lastNumber(Pattern p, String text) {
        Matcher m = p.matcher(text);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1).replace(",", ""));
        }
        return last;
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(q -> {
                try {
                    Files.deleteIfExists(q);
                } catch (IOException ignored) {
                    // best effort: a leftover temp folder is harmless
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
