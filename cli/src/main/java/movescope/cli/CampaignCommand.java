package movescope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import movescope.cli.campaign.CampaignFolder;
import movescope.cli.campaign.CampaignSession;
import movescope.cli.io.ReportsLocation;
import movescope.sim.campaign.Campaign;
import movescope.sim.campaign.RunRecord;
import movescope.sim.campaign.Shard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code movescope campaign merge DIR...}: joins the report folders of a campaign's shards ({@code movescope
 * swarm --shard i/n}, e.g. one per CI matrix job) into the report of the whole campaign, as if it had run in
 * one go: same seed, run count and template required, every run present once. The kinds are then grouped
 * and shrunk over all runs, so the merged report equals the unsharded one.
 */
@Command(name = "campaign", mixinStandardHelpOptions = true,
        description = "Campaign tools (a campaign is started with 'movescope swarm').",
        subcommands = {CampaignCommand.Merge.class})
public class CampaignCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (expected: merge)");
    }

    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = {"Join the report folders of a campaign's shards into one campaign report.",
                "Every shard i/n of one --seed, --runs and template must be given once."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every run passed", "1:some run failed", "2:bad input or usage (nothing is written)",
                "3:internal error"})
    static class Merge implements Callable<Integer> {
        private final Console console;

        @Parameters(paramLabel = "DIR", arity = "1..*", description = "Shard report folders (campaign-<seed>-shard-<i>-of-<n>).")
        List<Path> dirs;

        @Option(names = "--reports", paramLabel = "DIR",
                description = "Where the merged campaign-<seed> folder goes (default: reports/ of the checkout).")
        Path reports;

        @Option(names = "--jobs", paramLabel = "N", description = "Shrinks in parallel (default: all cores).")
        Integer jobs;

        @Option(names = "--shrink-budget", paramLabel = "RUNS", defaultValue = "500",
                description = "Simulation runs the shrinker may spend per kind (default: ${DEFAULT-VALUE}; 0 = do not shrink).")
        int shrinkBudget;

        @Option(names = {"-q", "--quiet"}, description = "Print only the summary.")
        boolean quiet;

        Merge(Console console) {
            this.console = console;
        }

        @Override
        public Integer call() throws IOException {
            PrintWriter err = console.err();
            if ((jobs != null && jobs < 1) || shrinkBudget < 0) {
                err.println("movescope campaign merge: --jobs must be at least 1, --shrink-budget at least 0");
                return ExitCode.BAD_INPUT.code();
            }
            List<CampaignFolder.Stored> parts = new ArrayList<>();
            for (Path d : dirs) {
                try {
                    parts.add(new CampaignFolder(console.resolve(d)).read());
                } catch (CampaignFolder.BadFolder e) {
                    err.println(e.getMessage());
                    return ExitCode.BAD_INPUT.code();
                }
            }
            CampaignFolder.Stored first = parts.get(0);
            Campaign.Config c0 = first.config();
            boolean[] seen = new boolean[c0.shard().count() + 1];
            TreeMap<Integer, RunRecord> all = new TreeMap<>();
            for (int i = 0; i < parts.size(); i++) {
                Campaign.Config c = parts.get(i).config();
                String where = dirs.get(i) + "/" + CampaignFolder.SUMMARY_JSON + ":1:1: ";
                if (c.baseSeed() != c0.baseSeed() || c.runs() != c0.runs()
                        || !parts.get(i).templateSha256().equals(first.templateSha256())
                        || c.shard().count() != c0.shard().count() || c.adversary() != c0.adversary()) {
                    err.println(where + "not a shard of the same campaign as " + dirs.get(0) + " (expected seed "
                            + c0.baseSeed() + ", " + c0.runs() + " runs, " + c0.shard().count()
                            + " shards and the same template)");
                    return ExitCode.BAD_INPUT.code();
                }
                if (seen[c.shard().index()]) {
                    err.println(where + "shard " + c.shard().label() + " given twice");
                    return ExitCode.BAD_INPUT.code();
                }
                seen[c.shard().index()] = true;
                all.putAll(parts.get(i).records());
            }
            List<String> missing = new ArrayList<>();
            for (int i = 1; i < seen.length; i++) {
                if (!seen[i]) {
                    missing.add(i + "/" + c0.shard().count());
                }
            }
            if (!missing.isEmpty()) {
                err.println("movescope campaign merge: missing shards " + missing + " (expected every shard of "
                        + c0.shard().count() + ")");
                return ExitCode.BAD_INPUT.code();
            }
            int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
            Campaign.Config merged = new Campaign.Config(c0.baseSeed(), c0.runs(), c0.template(), Shard.ALL, threads,
                    shrinkBudget, c0.adversary());
            Path root = reports != null ? console.resolve(reports)
                    : ReportsLocation.defaultFor(console.workingDir().resolve("swarm.json"), console.movescopeHome(),
                            console.workingDir());
            CampaignFolder folder = new CampaignFolder(root.resolve(SwarmCommand.folderName(c0.baseSeed(), Shard.ALL)));
            String templateJson = CampaignFolder.templateJson(c0.template());
            folder.start(templateJson, movescope.sim.campaign.CampaignReport.json(merged, first.templateSha256(),
                    new TreeMap<>(), List.of(), false, ""));
            // Runs a shard did not finish (an interrupted shard) are run here, so the merge always completes.
            return new CampaignSession(console, quiet, false, System.console() != null).execute(folder, merged,
                    first.templateSha256(), all);
        }
    }
}
