package movescope.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import movescope.cli.report.JunitXml;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import movescope.cli.io.AtomicFiles;
import movescope.cli.io.ReportsLocation;
import movescope.cli.io.ScenarioFiles;
import movescope.cli.run.ScenarioRunner;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioException;
import movescope.sim.scenario.ScenarioLoader;
import movescope.sim.swarm.Swarm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code movescope swarm [--seed N] [--runs K] [--nodes N] [--variant v] [--shrink-to FILE]}: random runs of
 * one template whose fault mix is drawn from each run's seed; the first failure is shrunk to a minimal
 * scenario file that still fails the same way.
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
            "Random swarm runs; the first failure is shrunk to a scenario file.",
            "Each run draws its own fault mix (crashes, partitions, moves, config pushes, loss, duplication, "
                    + "EINTR) from its seed, so runs differ in kind, not only in order. The swarm ends with what "
                    + "it found in words: failing runs by kind, invariants checked and skipped."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every run passed", "1:some run failed (shrunk scenario written)", "2:bad input or usage",
            "3:internal error"})
public class SwarmCommand implements Callable<Integer> {
    private final Console console;

    @Option(names = "--seed", paramLabel = "N", description = "Base seed of the swarm (default: a fresh random one, printed).")
    Long seed;

    @Option(names = "--runs", paramLabel = "K", defaultValue = "20", description = "Number of runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "Nodes of the default template (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--variant", paramLabel = "v", defaultValue = "kevy-5.4",
            description = "Protocol variant of the default template: kevy-5.4 or fixed (default: ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--template", paramLabel = "FILE",
            description = "A scenario file to use as the template instead of the default one (--nodes and --variant are then ignored).")
    Path template;

    @Option(names = "--shrink-to", paramLabel = "FILE",
            description = "Where to write the shrunk scenario of the first failure (default: reports/swarm-<seed>-<run>.json).")
    Path shrinkTo;

    @Option(names = "--shrink-budget", paramLabel = "RUNS", defaultValue = "200",
            description = "Simulation runs the shrinker may spend (default: ${DEFAULT-VALUE}; 0 = do not shrink).")
    int shrinkBudget;

    @Option(names = {"-q", "--quiet"}, description = "Print only the seed, failures and the summary.")
    boolean quiet;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML to FILE: one test case per run, named by template, run and seed.")
    Path junit;

    @Option(names = "--json", description = "Print one JSON document (docs/json.md) instead of text.")
    boolean json;

    @Option(names = "--html", description = "Also write the swarm's page (reports/swarm-<seed>.html): kinds of failure, counts, coverage, each kind linking to the run page of its shrunk scenario.")
    boolean html;

    public SwarmCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = json ? new PrintWriter(java.io.Writer.nullWriter()) : console.out();
        PrintWriter err = console.err();
        if (runs < 1 || nodes < 1 || shrinkBudget < 0) {
            err.println("movescope swarm: --runs and --nodes must be at least 1, --shrink-budget at least 0");
            return ExitCode.BAD_INPUT.code();
        }
        if (!variant.equals("kevy-5.4") && !variant.equals("fixed")) {
            err.println("movescope swarm: --variant must be kevy-5.4 or fixed, got \"" + variant + "\"");
            return ExitCode.BAD_INPUT.code();
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
        out.println("seed " + baseSeed + " (" + (fresh ? Seeds.Origin.RANDOM.label() : Seeds.Origin.OPTION.label())
                + ") swarm of " + runs + " runs, " + templateName);
        out.flush();

        Swarm.Result result = Swarm.run(baseSeed, runs, base, shrinkBudget);
        for (Swarm.Run r : result.runs()) {
            boolean failed = r.verdict() != movescope.sim.engine.Verdict.PASS;
            if (failed || !quiet) {
                out.println("run " + r.index() + " seed " + r.seed() + ": " + r.summary());
            }
        }
        String launcher = Launcher.command(console);
        String again = launcher + " swarm --seed " + baseSeed + " --runs " + runs
                + (template != null ? " --template " + template : " --nodes " + nodes + " --variant " + variant);
        Optional<String> shrunkFile = Optional.empty();
        Optional<String> reproduce = Optional.empty();
        if (!result.failures().isEmpty()) {
            Swarm.Failure first = result.failures().get(0);
            Path target = shrinkTo != null ? console.resolve(shrinkTo)
                    : ReportsLocation.defaultFor(console.workingDir().resolve("swarm.json"), console.movescopeHome(),
                            console.workingDir()).resolve("swarm-" + baseSeed + "-" + first.run().index() + ".json");
            AtomicFiles.write(target, first.shrunk().json());
            RunResult shrunk = first.shrunk().result();
            out.println("run " + first.run().index() + " shrunk in " + first.shrunk().runs() + " runs to "
                    + first.shrunk().scenario().steps().size() + " steps (" + shrunk.summary() + ")");
            out.println("shrunk scenario: " + display(target));
            shrunkFile = Optional.of(display(target));
            reproduce = Optional.of(launcher + " run --seed " + first.run().seed() + " " + display(target));
            out.println("reproduce: " + reproduce.get());
            out.println("reproduce the swarm: " + again);
        }
        int failed = result.failures().size();
        String headline = headline(result, base);
        if (junit != null) {
            List<JunitXml.Case> cases = new ArrayList<>();
            for (Swarm.Run r : result.runs()) {
                boolean bad = r.verdict() != movescope.sim.engine.Verdict.PASS;
                cases.add(new JunitXml.Case(templateName + " run " + r.index() + " seed " + r.seed(), "movescope.swarm",
                        0, bad ? Optional.of(r.summary()) : Optional.empty(),
                        bad ? "reproduce the swarm: " + again + "\n" : "", r.summary() + "\n"));
            }
            JunitXml.write(console.resolve(junit), "movescope swarm", cases);
        }
        String document = SwarmJson.render(baseSeed, templateName, result, headline, shrunkFile, reproduce, again);
        if (html) {
            Path reportsDir = ReportsLocation.defaultFor(console.workingDir().resolve("swarm.json"),
                    console.movescopeHome(), console.workingDir());
            java.util.Map<String, String> kindPages = new java.util.TreeMap<>();
            if (!result.failures().isEmpty()) {
                Swarm.Failure first = result.failures().get(0);
                Path shrunk = console.resolve(Path.of(shrunkFile.orElseThrow()));
                // The shrunk scenario's own run: its report, trace and page go beside the other reports.
                Console silent = new Console(new PrintWriter(java.io.Writer.nullWriter()), console.err(),
                        console.env(), console.workingDir());
                new ScenarioRunner(silent).run(List.of(shrunk), new ScenarioRunner.Settings(
                        java.util.OptionalLong.of(first.run().seed()), Optional.of(reportsDir), false, true, true,
                        Optional.empty(), false));
                String shrunkBase = shrunk.getFileName().toString().replaceFirst("\\.json$", "");
                kindPages.put(kind(first.run()), shrunkBase + ".html");
            }
            Path page = reportsDir.resolve("swarm-" + baseSeed + ".html");
            AtomicFiles.write(page, movescope.cli.html.CampaignPage.render(
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(document), kindPages));
            out.println("page " + display(page));
            out.flush();
        }
        out.println(headline);
        out.println((result.runs().size() - failed) + " passed, " + failed + " failed");
        out.flush();
        if (json) {
            console.out().println(document);
            console.out().flush();
        }
        return failed == 0 ? ExitCode.PASS.code() : ExitCode.FAIL.code();
    }

    /** The kind of a failed run: its invariant for a violation, else its verdict. */
    static String kind(Swarm.Run r) {
        String[] words = r.summary().split("[ :]+");
        boolean violation = r.verdict() == movescope.sim.engine.Verdict.SAFETY_VIOLATION
                || r.verdict() == movescope.sim.engine.Verdict.LIVENESS_VIOLATION;
        return violation && words.length > 1 ? words[1] : r.verdict().name();
    }

    /** What the swarm found, in words: failing runs by kind, and the invariants checked and skipped. */
    static String headline(Swarm.Result result, Scenario base) {
        java.util.SortedMap<String, Integer> kinds = new java.util.TreeMap<>();
        for (Swarm.Run r : result.runs()) {
            if (r.verdict() != movescope.sim.engine.Verdict.PASS) {
                kinds.merge(kind(r), 1, Integer::sum);
            }
        }
        List<String> checked = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String name : movescope.sim.scenario.Expectations.INVARIANTS) {
            (base.expect().checks(name) ? checked : skipped).add(name);
        }
        StringBuilder b = new StringBuilder("found: ");
        if (kinds.isEmpty()) {
            b.append("no failure in ").append(result.runs().size()).append(" runs");
        } else {
            int n = kinds.values().stream().mapToInt(Integer::intValue).sum();
            b.append(n).append(" of ").append(result.runs().size()).append(" runs failed:");
            kinds.forEach((k, c) -> b.append(' ').append(k).append(" \u00d7").append(c).append(" (")
                    .append(movescope.cli.report.Claims.of(k).orElse("see docs/scenario-format.md, Verdicts"))
                    .append(");"));
            b.setLength(b.length() - 1);
        }
        b.append("; invariants checked: ").append(String.join(", ", checked)).append("; skipped: ")
                .append(skipped.isEmpty() ? "none" : String.join(", ", skipped));
        return b.toString();
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

    private String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = console.workingDir().toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
