package movescope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.List;
import java.util.TreeMap;
import movescope.cli.campaign.CampaignFolder;
import movescope.cli.campaign.CampaignSession;
import movescope.cli.io.ReportsLocation;
import movescope.cli.io.ScenarioFiles;
import movescope.cli.run.ScenarioRunner;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioException;
import movescope.sim.scenario.ScenarioLoader;
import movescope.sim.campaign.Campaign;
import movescope.sim.campaign.CampaignReport;
import movescope.sim.campaign.Shard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code movescope swarm [--seed N] [--runs K] [--jobs N] [--shard i/n] [--resume DIR] ...}: a campaign of
 * random runs of one template whose fault mix is drawn from each run's seed; failing runs are grouped into
 * kinds and the first run of each kind is shrunk to a regression scenario (docs/campaigns.md).
 *
 * <p>The template is a scenario written in the public format (so {@code --template} can replace it): a
 * generated cluster of {@code --nodes} nodes each writing one scope, one workload client per node, a 20 s
 * chaos phase and an 80 s heal phase (longer than kevy's 10 s + 60 s ship timeouts). It leaves out what
 * kevy breaks by design on every run (MSET, fallbacks, the post-commit redirect cycle) so that swarms find
 * the other failures. With no {@code --seed}, a fresh one is
 * drawn from {@link SecureRandom} — the only non-deterministic choice in movescope — and printed first.
 */
@Command(name = "swarm", mixinStandardHelpOptions = true,
        description = {
            "A campaign of random swarm runs, grouped into failure kinds.",
            "Each run draws its own fault mix (crashes, partitions, moves, config",
            "pushes, loss, duplication, EINTR) from its seed, so runs differ in kind,",
            "not only in order. Failing runs are grouped by cause (invariant plus",
            "the protocol actions it depends on); the first run of each kind is",
            "shrunk to a regression scenario. Writes reports/campaign-<seed>/",
            "(docs/campaigns.md); Ctrl-C ends cleanly with the report of what ran."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every run passed", "1:some run failed, or the campaign was interrupted",
            "2:bad input or usage", "3:internal error"})
public class SwarmCommand implements Callable<Integer> {
    private final Console console;

    @Option(names = "--seed", paramLabel = "N", description = "Base seed of the campaign (default: a fresh random one, printed).")
    Long seed;

    @Option(names = "--runs", paramLabel = "K", defaultValue = "20", description = "Runs of the whole campaign (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "Nodes of the default template (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--variant", paramLabel = "v", defaultValue = "kevy-5.4",
            description = "Protocol variant of the default template: kevy-5.4 or fixed (default: ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--template", paramLabel = "FILE",
            description = "A scenario file to use as the template instead of the default one (--nodes and --variant are then ignored).")
    Path template;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Runs in parallel (default: all cores). Results do not depend on it.")
    Integer jobs;

    @Option(names = "--shard", paramLabel = "i/n",
            description = "Run only slice i of n of the seed space (runs with index mod n = i-1); join slices with 'movescope campaign merge'.")
    String shard;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the interrupted campaign whose report folder is DIR (its seed, runs, template and shard are used).")
    Path resume;

    @Option(names = "--reports", paramLabel = "DIR",
            description = "Where the campaign folder goes (default: reports/ of the checkout, as for run).")
    Path reports;

    @Option(names = "--shrink-budget", paramLabel = "RUNS", defaultValue = "500",
            description = "Simulation runs the shrinker may spend per kind (default: ${DEFAULT-VALUE}; 0 = do not shrink).")
    int shrinkBudget;

    @Option(names = "--no-adversary",
            description = "Leave out the wider adversary (odd moves, shuffled config pushes, a preempted commit window) that each run otherwise draws.")
    boolean noAdversary;

    @Option(names = {"-q", "--quiet"}, description = "Print only the seed and the summary.")
    boolean quiet;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write JUnit XML to FILE: one test case per failure kind (named by its shrunk scenario), one for the passing runs.")
    Path junit;

    @Option(names = {"-v", "--verbose"}, description = "Print one line per run as it finishes.")
    boolean verbose;

    public SwarmCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = console.out();
        PrintWriter err = console.err();
        if (runs < 1 || nodes < 1 || shrinkBudget < 0 || (jobs != null && jobs < 1)) {
            err.println("movescope swarm: --runs, --nodes and --jobs must be at least 1, --shrink-budget at least 0");
            return ExitCode.BAD_INPUT.code();
        }
        if (!variant.equals("kevy-5.4") && !variant.equals("fixed")) {
            err.println("movescope swarm: --variant must be kevy-5.4 or fixed, got \"" + variant + "\"");
            return ExitCode.BAD_INPUT.code();
        }
        Shard slice = Shard.ALL;
        if (shard != null) {
            try {
                slice = Shard.parse(shard);
            } catch (IllegalArgumentException e) {
                err.println("movescope swarm: --shard: " + e.getMessage());
                return ExitCode.BAD_INPUT.code();
            }
        }
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        CampaignSession session = new CampaignSession(console, quiet, verbose, System.console() != null)
                .junit(junit == null ? null : console.resolve(junit));
        if (resume != null) {
            CampaignFolder folder = new CampaignFolder(console.resolve(resume));
            CampaignFolder.Stored stored;
            try {
                stored = folder.read();
            } catch (CampaignFolder.BadFolder e) {
                err.println(e.getMessage());
                return ExitCode.BAD_INPUT.code();
            }
            Campaign.Config c = stored.config();
            Campaign.Config config = new Campaign.Config(c.baseSeed(), c.runs(), c.template(), c.shard(), threads,
                    c.shrinkBudget(), c.adversary());
            out.println("seed " + c.baseSeed() + " (resumed) campaign of " + c.runs() + " runs, shard "
                    + c.shard().label() + ": " + stored.records().size() + " of " + c.indexes().size() + " done");
            out.flush();
            return session.execute(folder, config, stored.templateSha256(), stored.records());
        }
        Scenario base;
        String templateName;
        try {
            if (template != null) {
                base = ScenarioFiles.load(template, console.resolve(template));
                templateName = template.toString();
            } else {
                base = ScenarioLoader.loadString(defaultTemplate(nodes, variant), "<default swarm template>");
                templateName = "default template (" + nodes + " nodes, " + variant + ")";
            }
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            return ExitCode.BAD_INPUT.code();
        } catch (IOException e) {
            err.println(template + ":0:0: cannot read the template: " + ScenarioRunner.describe(e));
            return ExitCode.BAD_INPUT.code();
        }

        boolean fresh = seed == null;
        long baseSeed = fresh ? new SecureRandom().nextLong() & Long.MAX_VALUE : seed;
        Campaign.Config config = new Campaign.Config(baseSeed, runs, base, slice, threads, shrinkBudget, !noAdversary);
        Path root = reports != null ? console.resolve(reports)
                : ReportsLocation.defaultFor(console.workingDir().resolve("swarm.json"), console.movescopeHome(),
                        console.workingDir());
        CampaignFolder folder = new CampaignFolder(root.resolve(folderName(baseSeed, slice)));
        out.println("seed " + baseSeed + " (" + (fresh ? Seeds.Origin.RANDOM.label() : Seeds.Origin.OPTION.label())
                + ") campaign of " + runs + " runs" + (slice.isAll() ? "" : ", shard " + slice.label()) + ", "
                + templateName + ", " + threads + (threads == 1 ? " job" : " jobs"));
        out.flush();
        String templateJson = CampaignFolder.templateJson(base);
        String sha = CampaignFolder.sha256(templateJson);
        folder.start(templateJson, CampaignReport.json(config, sha, new TreeMap<>(), List.of(), false, ""));
        return session.execute(folder, config, sha, new TreeMap<>());
    }

    /** {@code campaign-<seed>}, or {@code campaign-<seed>-shard-<i>-of-<n>} for a slice. */
    public static String folderName(long baseSeed, Shard slice) {
        return "campaign-" + baseSeed + (slice.isAll() ? "" : "-shard-" + slice.index() + "-of-" + slice.count());
    }

    /**
     * The default swarm template. Kept in the public scenario format on purpose: what the swarm runs is
     * exactly what a user could write, and the text doubles as documentation of the mix.
     */
    static String defaultTemplate(int nodes, String variant) {
        return """
                {
                  "name": "swarm",
                  "description": "Default swarm template: generated nodes, each writing one scope (no fallback: a DOWN view is a guess and fallbacks make two writers in every variant, see stories/fallback-partition-two-writers.json); one workload client per node (no MSET: it bypasses ownership by design, see stories/unchecked-mset-bypasses-owner.json); chaos for 20 s, then 80 s to heal (a move started just before the heal may take kevy's 10 s connect plus 60 s read timeouts to end). RedirectsConverge and NoStrandedWrite are not held: without gossip every committed move breaks them until the config push (stories/redirect-loop-after-commit.json), which would hide everything else.",
                  "variant": "%s",
                  "cluster": { "generate": { "nodes": %d, "scopesPerNode": 1, "fallback": false }, "heartbeats": "all" },
                  "workload": { "clients": %d, "keysPerScope": 2, "opsPerSec": 10, "mix": { "SET": 4, "RPUSH": 2, "GET": 2, "DEL": 1 } },
                  "chaos": { "untilMs": 20000, "healBoundMs": 80000 },
                  "endMs": 100000,
                  "expect": { "hold": [ "SingleWriter", "NoLostWrite", "QuiescedOnlyInFlight" ] }
                }
                """.formatted(variant, nodes, nodes);
    }
}
