package movescope.cli.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import movescope.cli.Console;
import movescope.cli.ExitCode;
import movescope.cli.io.AtomicFiles;
import movescope.cli.io.ReportsLocation;
import movescope.cli.run.SeedChoice;
import movescope.live.drive.Lifecycle;
import movescope.live.drive.LiveCluster;
import movescope.live.drive.LiveRun;
import movescope.live.drive.ServeLifecycle;
import movescope.live.drive.ShellLifecycle;
import movescope.live.drive.StepTiming;
import movescope.live.serve.ClusterServer;
import movescope.live.serve.ServeOptions;
import movescope.sim.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code movescope live <scenario.json> (--cluster a=host:port,... [--adapter ...] | --serve)}. */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = {
            "Drive a running RESP cluster by a scenario's steps in real time, record every",
            "request and reply (NDJSON trace), judge the scenario's expectations and the",
            "invariants visible from the outside, and compare every reply with the",
            "simulator's prediction side by side (docs/live.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every reply equal to the prediction (timing-loose steps excepted), expectations and invariants met",
            "1:a difference, failed expectation or invariant",
            "2:bad input or usage (nothing is run or written)",
            "3:internal error"})
public final class LiveCommand implements Callable<Integer> {
    private final Console console;

    @Parameters(index = "0", paramLabel = "<scenario.json>", description = "The scenario to run live.")
    Path file;

    @Option(names = "--cluster", paramLabel = "ID=HOST:PORT[/ELECT],...",
            description = "Where every node of the scenario runs (election port: client port + --elect-offset unless given).")
    String clusterSpec;

    @Option(names = "--serve", description = "Serve the scenario's cluster in this process on free loopback ports and drive that.")
    boolean serve;

    @Option(names = "--adapter", paramLabel = "SPEC",
            description = "Lifecycle adapter: serve:HOST:PORT (movescope serve's control port), shell:TEMPLATE "
                    + "(e.g. shell:'scripts/kevy-adapter.sh {action} {node} {port} {config}'), or none (default; "
                    + "lifecycle steps are skipped with a note).")
    String adapter;

    @Option(names = "--elect-offset", paramLabel = "N", defaultValue = "200",
            description = "Election port = client port + N when --cluster does not give it (default: ${DEFAULT-VALUE}).")
    int electOffset;

    @Option(names = "--node-dir", paramLabel = "DIR", defaultValue = "kevy-nodes",
            description = "Shell adapter: where <node>.toml and pushed configs live (default: ${DEFAULT-VALUE}).")
    Path nodeDir;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the simulator's prediction (default: as for run).")
    Long seed;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Where the live trace goes (default: <reports>/<name>.live.trace.ndjson).")
    Path trace;

    public LiveCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        if (serve == (clusterSpec != null)) {
            console.err().println("movescope live: give exactly one of --cluster and --serve");
            return ExitCode.BAD_INPUT.code();
        }
        Optional<Scenario> loaded = LoadScenario.load(console, file);
        if (loaded.isEmpty()) {
            return ExitCode.BAD_INPUT.code();
        }
        Scenario sc = loaded.get();
        Path scenarioFile = console.resolve(file);
        Set<Integer> loose = StepTiming.loose(scenarioFile);
        long theSeed = SeedChoice.of(seed == null ? OptionalLong.empty() : OptionalLong.of(seed), sc, scenarioFile).seed();
        Path tracePath = trace != null ? console.resolve(trace)
                : ReportsLocation.defaultFor(scenarioFile, console.movescopeHome(), console.workingDir())
                        .resolve(sc.name() + ".live.trace.ndjson");
        ClusterServer server = null;
        try {
            LiveCluster cluster;
            Lifecycle lifecycle;
            if (serve) {
                server = new ClusterServer(sc, ServeOptions.ephemeral().heldClock());
                server.start();
                cluster = LiveCluster.of(sc, server.liveCluster());
                lifecycle = new ServeLifecycle("127.0.0.1:" + server.controlPort());
                console.out().println("serving " + server.clusterSpec() + " (control 127.0.0.1:" + server.controlPort() + ")");
            } else {
                try {
                    cluster = LiveCluster.parse(sc, clusterSpec, electOffset);
                    lifecycle = adapter(cluster);
                } catch (IllegalArgumentException e) {
                    console.err().println("movescope live: " + e.getMessage());
                    return ExitCode.BAD_INPUT.code();
                }
            }
            console.out().println("live " + sc.name() + ": " + sc.steps().size() + " steps over " + sc.endMs()
                    + " ms; prediction seed " + theSeed);
            console.out().flush();
            LiveRun.Outcome o = LiveRun.run(sc, theSeed, cluster, lifecycle, loose, line -> { });
            for (String line : o.report().render()) {
                console.out().println(line);
            }
            AtomicFiles.write(tracePath, String.join("\n", o.live().trace()) + (o.live().trace().isEmpty() ? "" : "\n"));
            console.out().println("trace " + tracePath + " (" + o.live().trace().size() + " lines, sha256 "
                    + o.live().traceSha256() + ")");
            return o.report().passed() ? ExitCode.PASS.code() : ExitCode.FAIL.code();
        } catch (IOException e) {
            console.err().println("movescope live: " + e.getMessage());
            return ExitCode.BAD_INPUT.code();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private Lifecycle adapter(LiveCluster cluster) {
        if (adapter == null || adapter.equals("none")) {
            return Lifecycle.NONE;
        }
        if (adapter.startsWith("serve:")) {
            return new ServeLifecycle(adapter.substring("serve:".length()));
        }
        if (adapter.startsWith("shell:")) {
            return new ShellLifecycle(adapter.substring("shell:".length()), cluster, console.resolve(nodeDir));
        }
        throw new IllegalArgumentException("--adapter \"" + adapter + "\": expected serve:HOST:PORT, shell:TEMPLATE or none");
    }
}
