package movescope.cli.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import movescope.cli.Console;
import movescope.cli.ExitCode;
import movescope.live.serve.ClusterServer;
import movescope.live.serve.ServeOptions;
import movescope.sim.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code movescope serve <scenario.json> [--base-port N] [--control-port N] [--data-dir DIR] [--trace FILE] [--hold-clock]}. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Serve a scenario's cluster: every node a RESP2 server on 127.0.0.1 running",
            "the model with a real clock (docs/live.md). Node i (in the scenario's order)",
            "listens on base-port + i, heartbeats and election messages on that +",
            "elect-offset (UDP); the control port takes CRASH/RESTART/SNAPSHOT/PUSHCONFIG/",
            "EINTR/PARTITION/HEAL/GO/COUNTS/SHUTDOWN. Ctrl-C stops it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped cleanly", "2:bad input or usage, or a port is taken", "3:internal error"})
public final class ServeCommand implements Callable<Integer> {
    private final Console console;

    @Parameters(index = "0", paramLabel = "<scenario.json>", description = "The scenario whose cluster to serve.")
    Path file;

    @Option(names = "--base-port", paramLabel = "N", defaultValue = "" + ServeOptions.DEFAULT_BASE_PORT,
            description = "Client port of the first node (default: ${DEFAULT-VALUE}); 0 = any free ports.")
    int basePort;

    @Option(names = "--elect-offset", paramLabel = "N", defaultValue = "" + ServeOptions.DEFAULT_ELECT_OFFSET,
            description = "Election (heartbeat) port = client port + N (default: ${DEFAULT-VALUE}, kevy's).")
    int electOffset;

    @Option(names = "--control-port", paramLabel = "N", defaultValue = "7000",
            description = "Control port (default: ${DEFAULT-VALUE}); 0 = any free port.")
    int controlPort;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep each node's journal here, so a new serve process continues where this one stopped.")
    Path dataDir;

    @Option(names = "--trace", paramLabel = "FILE", description = "Write the model's trace (NDJSON) of the served run here.")
    Path trace;

    @Option(names = "--hold-clock",
            description = "Hold the served clock at 0 until the control command GO (movescope live sends it at its steps' time 0).")
    boolean holdClock;

    public ServeCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        if (dataDir != null && basePort == 0) {
            console.err().println("movescope serve: --data-dir needs fixed ports (a --base-port other than 0)");
            return ExitCode.BAD_INPUT.code();
        }
        Optional<Scenario> sc = LoadScenario.load(console, file);
        if (sc.isEmpty()) {
            return ExitCode.BAD_INPUT.code();
        }
        ServeOptions opts = new ServeOptions(basePort, electOffset, controlPort,
                Optional.ofNullable(dataDir).map(console::resolve), Optional.ofNullable(trace).map(console::resolve),
                holdClock);
        ClusterServer server = new ClusterServer(sc.get(), opts);
        try {
            server.start();
        } catch (IOException e) {
            server.close();
            console.err().println("movescope serve: " + e.getMessage());
            return ExitCode.BAD_INPUT.code();
        }
        Thread hook = new Thread(server::close, "movescope-serve-sigint");
        Runtime.getRuntime().addShutdownHook(hook);
        for (Map.Entry<String, String> e : server.clientAddrs().entrySet()) {
            console.out().println("node " + e.getKey() + " " + e.getValue());
        }
        console.out().println("control 127.0.0.1:" + server.controlPort());
        console.out().println("cluster " + server.clusterSpec());
        console.out().println("serving; Ctrl-C stops");
        console.out().flush();
        server.awaitStop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C): the hook closes the server
        }
        console.out().println("stopped");
        return ExitCode.PASS.code();
    }
}
