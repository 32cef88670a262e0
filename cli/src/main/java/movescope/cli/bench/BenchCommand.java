package movescope.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import movescope.checker.RepoRoot;
import movescope.cli.Console;
import movescope.cli.ExitCode;
import movescope.sim.scenario.Expectations;
import movescope.sim.scenario.Scenario;
import movescope.sim.swarm.Swarm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code movescope bench}: the simulator's speed against its limits, measured in one run on the machine at
 * hand (docs/bench.md). Sections, in order: for the campaign workload and then the big cluster — sample the
 * simulated agenda's size (untimed), warm up, time the simulator, warm up and time the empty loop on a queue
 * of that size; then TLC's random simulation; then the ratios. Wall-clock time is read here, never in the
 * simulator: every run itself is deterministic (fixed seeds), only how many fit in the time varies.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Measure the simulator against its limits, in one run on this machine.",
            "Prints events/s of the empty event loop on the simulator's own queue (the",
            "ceiling), events/s and runs/s of a campaign workload (3 nodes, moves,",
            "crashes, partitions, clients, every invariant on) and of a big cluster with",
            "moves, TLC -simulate states/s and behaviours/s on MCMoveScope_fixed.cfg,",
            "and the ratios simulator/ceiling and simulator runs/s / TLC behaviours/s.",
            "One thread per section; fixed seeds (docs/bench.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:measured", "1:TLC failed on the spec", "2:bad input or usage",
            "3:internal error"})
public final class BenchCommand implements java.util.concurrent.Callable<Integer> {
    private final Console console;

    @Option(names = "--quick", description = "Small sizes, a few seconds in all (for tests; the numbers are not for comparison).")
    boolean quick;

    @Option(names = "--seconds", paramLabel = "S",
            description = "Measured seconds per simulator and ceiling section (default: 10; 0.3 with --quick). "
                    + "Each is preceded by a warm-up of half as long.")
    Double seconds;

    @Option(names = "--nodes", paramLabel = "N",
            description = "Nodes of the big cluster (default: 1000; 30 with --quick).")
    Integer nodes;

    @Option(names = "--big-seconds", paramLabel = "S",
            description = "Virtual seconds per big-cluster run (default: 10; 2 with --quick).")
    Integer bigSeconds;

    @Option(names = "--moves", paramLabel = "R",
            description = "Moves per virtual second in the big cluster's chaos phase (default: 2).")
    Double moves;

    @Option(names = "--campaign-seconds", paramLabel = "S",
            description = "Virtual seconds per campaign run: a fifth chaos, the rest heal (default: 100, the swarm's; 10 with --quick).")
    Integer campaignSeconds;

    @Option(names = "--tlc-behaviours", paramLabel = "N",
            description = "Behaviours of TLC's long run (default: 20000; 1000 with --quick). A short run of N/5 is "
                    + "subtracted so TLC's start-up cancels.")
    Long tlcBehaviours;

    @Option(names = "--skip-tlc", description = "Leave TLC out (its section and ratio are then absent).")
    boolean skipTlc;

    @Option(names = "--json", description = "Print one JSON document instead of the table (docs/bench.md).")
    boolean json;

    public BenchCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = console.out();
        PrintWriter err = console.err();
        double secs = seconds != null ? seconds : quick ? 0.3 : 10;
        int bigNodes = nodes != null ? nodes : quick ? 30 : 1000;
        int bigVirtual = bigSeconds != null ? bigSeconds : quick ? 2 : 10;
        double moveRate = moves != null ? moves : 2.0;
        int campaignVirtual = campaignSeconds != null ? campaignSeconds : quick ? 10 : 100;
        long behaviours = tlcBehaviours != null ? tlcBehaviours : quick ? 1000 : 20_000;
        if (!(secs > 0) || secs > 3600 || bigNodes < 2 || bigVirtual < 1 || !(moveRate >= 0) || campaignVirtual < 1
                || behaviours < 5) {
            err.println("movescope bench: --seconds must be in (0, 3600], --nodes at least 2, --big-seconds and "
                    + "--campaign-seconds at least 1, --moves at least 0, --tlc-behaviours at least 5");
            err.flush();
            return ExitCode.BAD_INPUT.code();
        }
        Optional<Path> specDir = Optional.empty();
        if (!skipTlc) {
            specDir = RepoRoot.find(console.workingDir()).or(() -> console.movescopeHome().map(Path::of))
                    .map(r -> r.resolve("specs/MoveScope"));
            if (specDir.isEmpty() || !Files.isRegularFile(specDir.get().resolve(TlcBench.CONFIG))) {
                err.println("movescope bench: cannot find specs/MoveScope/" + TlcBench.CONFIG
                        + " (run inside the checkout, set MOVESCOPE_HOME, or give --skip-tlc)");
                err.flush();
                return ExitCode.BAD_INPUT.code();
            }
        }
        double loadBefore = BenchReport.Machine.load();
        long budget = (long) (secs * 1e9);
        long warm = budget / 2;
        long chaosMs = campaignVirtual * 1000L / 5;
        long healMs = campaignVirtual * 1000L - chaosMs;
        BenchReport.Settings settings = new BenchReport.Settings(quick, secs, secs / 2, chaosMs + healMs, bigNodes,
                bigVirtual, moveRate, skipTlc ? 0 : behaviours);

        // ---- the campaign workload. The warm-up runs the first of the measured runs (then the measurement
        // starts again from run 0), so the agenda sizes sampled during it are those of the measured runs.
        Scenario template = Workloads.campaignTemplate(chaosMs, healMs);
        IntFunction<SimBench.Job> campaignRuns = i -> new SimBench.Job(
                Workloads.campaignRun(template, Workloads.CAMPAIGN_SEED, i), Swarm.seedOf(Workloads.CAMPAIGN_SEED, i));
        progress("campaign: warm-up %.1f s (sampling the agenda's size), then %.1f s measured", secs / 2, secs);
        Optional<SimBench.QueueSize> campaignQueue = SimBench.warmUp(campaignRuns, warm);
        SimBench.Series campaign = SimBench.time(campaignRuns, budget);
        // Without a readable agenda (the simulator's layout changed): a lower bound, one heartbeat tick per node
        // and one timer per client, marked as an estimate (BenchCommandTest then fails, on purpose).
        double campaignQ = campaignQueue.map(SimBench.QueueSize::mean).orElse(3.0 + 3);
        int campaignFill = campaignQueue.map(SimBench.QueueSize::ceilingSize).orElse((int) campaignQ);
        progress("campaign ceiling: empty loop on a queue of %d", campaignFill);
        Ceiling.run(campaignFill, warm);
        Ceiling.Timing campaignCeiling = Ceiling.run(campaignFill, budget);

        // ---- the big cluster with moves
        Scenario bigScenario = Workloads.bigCluster(bigNodes, bigVirtual, moveRate);
        IntFunction<SimBench.Job> bigRuns = i -> new SimBench.Job(bigScenario, Workloads.BIG_SEED);
        progress("%,d nodes: warm-up %.1f s (at least one run; sampling the agenda's size), then %.1f s measured",
                bigNodes, secs / 2, secs);
        Optional<SimBench.QueueSize> bigQueue = SimBench.warmUp(bigRuns, warm);
        SimBench.Series big = SimBench.time(bigRuns, budget);
        double bigQ = bigQueue.map(SimBench.QueueSize::mean).orElse(bigNodes + 20.0); // same lower bound
        int bigFill = bigQueue.map(SimBench.QueueSize::ceilingSize).orElse((int) bigQ);
        progress("%,d nodes ceiling: empty loop on a queue of %d", bigNodes, bigFill);
        Ceiling.run(bigFill, warm);
        Ceiling.Timing bigCeiling = Ceiling.run(bigFill, budget);

        // ---- TLC
        Optional<TlcBench.Result> tlc = Optional.empty();
        if (!skipTlc) {
            progress("TLC: -simulate %s, %d then %d behaviours (a fresh JVM each)", TlcBench.CONFIG,
                    Math.max(1, behaviours / 5), behaviours);
            try {
                tlc = Optional.of(TlcBench.measure(specDir.get(), behaviours));
            } catch (TlcBench.TlcFailed e) {
                err.println("movescope bench: " + e.getMessage());
                err.flush();
                return ExitCode.FAIL.code();
            }
        }

        String bigName = String.format(Locale.ROOT, "%,d nodes, moves %s/s, fixed, %d of %d invariants", bigNodes,
                trim(moveRate), Workloads.bigExpectations().hold().size(), Expectations.INVARIANTS.size());
        BenchReport report = new BenchReport(BenchReport.Machine.current(loadBefore), settings,
                new BenchReport.Section("empty loop (ceiling), queue " + campaignFill, campaignFill, campaignQueue.isPresent(),
                        campaignCeiling, Map.of()),
                new BenchReport.Section("campaign: 3 nodes, fixed, all invariants", campaignQ,
                        campaignQueue.isPresent(), campaign.timing(), campaign.verdicts()),
                new BenchReport.Section("empty loop (ceiling), queue " + bigFill, bigFill, bigQueue.isPresent(), bigCeiling,
                        Map.of()),
                new BenchReport.Section(bigName, bigQ, bigQueue.isPresent(), big.timing(), big.verdicts()),
                tlc);
        out.print(json ? report.json() : report.text());
        out.flush();
        return ExitCode.PASS.code();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private void progress(String format, Object... args) {
        console.err().println("bench: " + String.format(Locale.ROOT, format, args));
        console.err().flush();
    }
}
