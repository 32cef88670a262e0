package movescope.cli.campaign;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import movescope.cli.Console;
import movescope.cli.ExitCode;
import movescope.sim.campaign.Campaign;
import movescope.sim.campaign.CampaignReport;
import movescope.sim.campaign.Kind;
import movescope.sim.campaign.Kinds;
import movescope.sim.campaign.RunRecord;

/**
 * Runs (or finishes) one campaign into its report folder: the runs not yet in the journal, then the kinds
 * and their shrinks, then the report. Ctrl-C and SIGTERM set a stop flag (a shutdown hook that waits for
 * the report to be written): no run or shrink starts after it, and the report says what ran.
 */
public final class CampaignSession {
    private final Console console;
    private final boolean quiet;
    private final boolean verbose;
    private final boolean terminal;

    private java.util.Optional<java.nio.file.Path> junit = java.util.Optional.empty();

    public CampaignSession(Console console, boolean quiet, boolean verbose, boolean terminal) {
        this.console = console;
        this.quiet = quiet;
        this.verbose = verbose;
        this.terminal = terminal;
    }

    /** Also write JUnit XML to {@code file}: one test case per failure kind, and one for the passing runs. */
    public CampaignSession junit(java.nio.file.Path file) {
        this.junit = java.util.Optional.ofNullable(file);
        return this;
    }

    private static List<movescope.cli.report.JunitXml.Case> junitCases(Map<Integer, RunRecord> records,
            List<Kind> kinds, String prefix) {
        List<movescope.cli.report.JunitXml.Case> cases = new ArrayList<>();
        for (Kind k : kinds) {
            String name = k.shrunk().isPresent() ? prefix + "/" + CampaignReport.kindFile(k) : k.name();
            String details = k.count() + " runs, first seed " + k.firstSeed() + ": " + k.firstSummary()
                    + k.shrunk().map(sh -> "\n" + sh.explanation()).orElse("");
            cases.add(new movescope.cli.report.JunitXml.Case(name, "movescope.campaign.kind", 0,
                    java.util.Optional.of(k.name()), details,
                    k.shrunk().isPresent() ? "reproduce: ./movescope run " + name : ""));
        }
        long passed = records.values().stream().filter(r -> !r.failed()).count();
        cases.add(new movescope.cli.report.JunitXml.Case("passing runs", "movescope.campaign", 0,
                java.util.Optional.empty(), passed + " of " + records.size() + " runs passed", ""));
        return cases;
    }

    /** Runs what is missing of {@code config} (given {@code done}) and writes the report; returns the exit code. */
    public int execute(CampaignFolder folder, Campaign.Config config, String templateSha,
            TreeMap<Integer, RunRecord> done) throws IOException {
        PrintWriter out = console.out();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch written = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                written.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "campaign-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runAndReport(folder, config, templateSha, done, stop, out);
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Shutting down already (the signal arrived): the hook is running and now returns.
            }
        }
    }

    private int runAndReport(CampaignFolder folder, Campaign.Config config, String templateSha,
            TreeMap<Integer, RunRecord> done, AtomicBoolean stop, PrintWriter out) throws IOException {
        int total = config.indexes().size();
        Progress progress = new Progress(console.err(), terminal, total, done.size(), 10);
        Set<String> signatures = new HashSet<>();
        int[] failed = {0};
        for (RunRecord r : done.values()) {
            if (r.failed()) {
                failed[0]++;
                signatures.add(r.signature());
            }
        }
        Campaign.Outcome outcome;
        try (BufferedWriter journal = folder.journal()) {
            int[] count = {done.size()};
            outcome = Campaign.run(config, done, r -> {
                try {
                    journal.write(r.toJsonLine());
                    journal.write('\n');
                    journal.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
                if (r.failed()) {
                    failed[0]++;
                    if (signatures.add(r.signature()) && !quiet) {
                        progress.println(out, "new kind " + r.signature() + " at run " + r.index() + " (seed "
                                + r.seed() + "): " + r.summary());
                    } else if (verbose) {
                        progress.println(out, "run " + r.index() + " seed " + r.seed() + ": " + r.summary());
                    }
                } else if (verbose) {
                    progress.println(out, "run " + r.index() + " seed " + r.seed() + ": " + r.summary());
                }
                progress.update(count[0], failed[0], signatures.size());
            }, stop::get);
        }
        progress.end();
        double runSeconds = progress.seconds();
        double rate = progress.rate();
        List<Kind> kinds = Kinds.group(outcome.records());
        boolean interrupted = outcome.interrupted();
        if (!interrupted && config.shrinkBudget() > 0 && !kinds.isEmpty()) {
            if (!quiet) {
                out.println("shrinking " + kinds.size() + (kinds.size() == 1 ? " kind" : " kinds") + " (one run each)...");
                out.flush();
            }
            kinds = Kinds.shrinkAll(kinds, config, stop::get);
            interrupted = stop.get();
        }
        boolean complete = !interrupted && outcome.records().size() == total
                && kinds.stream().allMatch(k -> k.shrunk().isPresent() || config.shrinkBudget() == 0);
        String prefix = display(folder.dir());
        List<String[]> files = new ArrayList<>();
        for (Kind k : kinds) {
            k.shrunk().ifPresent(s -> files.add(new String[] {CampaignReport.kindFile(k), s.scenarioJson()}));
        }
        String json = CampaignReport.json(config, templateSha, outcome.records(), kinds, complete, prefix);
        String text = CampaignReport.text(config, outcome.records(), kinds, complete, prefix);
        // The campaign page and each shrunk kind's run page (issue 11 item 2), beside the JSON they show.
        Map<String, String> pages = new TreeMap<>();
        for (Kind k : kinds) {
            if (k.shrunk().isEmpty()) {
                continue;
            }
            String file = CampaignReport.kindFile(k);
            String page = file.substring(0, file.length() - ".json".length()) + ".html";
            try {
                movescope.sim.scenario.Scenario shrunk = movescope.sim.scenario.ScenarioLoader.loadString(
                        k.shrunk().get().scenarioJson(), file);
                files.add(new String[] {page, movescope.cli.run.RunPages.render(shrunk, folder.dir().resolve(file),
                        prefix + "/" + file, movescope.cli.Launcher.command(console))});
                pages.put(k.name(), page);
            } catch (movescope.sim.scenario.ScenarioException e) {
                throw new IllegalStateException("a shrunk scenario does not load: " + e.getMessage(), e);
            }
        }
        files.add(new String[] {CampaignFolder.PAGE, movescope.cli.html.CampaignPage.render(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(json),
                name -> java.util.Optional.ofNullable(pages.get(name)))});
        folder.finish(outcome.records(), files, json, text);
        if (junit.isPresent()) {
            movescope.cli.report.JunitXml.write(junit.get(), "movescope swarm " + prefix,
                    junitCases(outcome.records(), kinds, prefix));
        }
        out.print(text);
        out.println("report: " + prefix + "/" + CampaignFolder.SUMMARY_JSON + "; page " + prefix + "/" + CampaignFolder.PAGE);
        double all = progress.seconds();
        out.println(String.format("time: %.1f s running (%.1f runs/s on %d jobs), %.1f s in all", runSeconds, rate,
                config.jobs(), all));
        if (!complete) {
            out.println("resume: ./movescope swarm --resume " + prefix);
        }
        out.flush();
        long failures = outcome.records().values().stream().filter(RunRecord::failed).count();
        return failures == 0 && complete ? ExitCode.PASS.code() : ExitCode.FAIL.code();
    }

    private String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = console.workingDir().toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
