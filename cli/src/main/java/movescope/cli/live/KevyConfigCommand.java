package movescope.cli.live;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import movescope.cli.Console;
import movescope.cli.ExitCode;
import movescope.cli.io.AtomicFiles;
import movescope.live.drive.LiveCluster;
import movescope.live.kevy.KevyToml;
import movescope.sim.scenario.NodeSpec;
import movescope.sim.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code movescope kevy-config <scenario.json> [--out DIR] [--host H] [--base-port N] [--elect-offset N]}. */
@Command(name = "kevy-config", mixinStandardHelpOptions = true,
        description = {
            "Write one kevy 5.4 TOML config per node of a scenario's cluster (docs/live.md):",
            "node i (in the scenario's order) on HOST:base-port+i, election port +elect-offset,",
            "data_dir DIR/<id>, the scenario's node_id, peers and scopes with the real addresses.",
            "Prints the --cluster value for movescope live."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:bad input or usage (nothing is written)", "3:internal error"})
public final class KevyConfigCommand implements Callable<Integer> {
    private final Console console;

    @Parameters(index = "0", paramLabel = "<scenario.json>", description = "The scenario whose cluster to configure.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "kevy-nodes",
            description = "Where <id>.toml files and data dirs go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "Bind address and the host in peers (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--base-port", paramLabel = "N", defaultValue = "7001",
            description = "Client port of the first node (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--elect-offset", paramLabel = "N", defaultValue = "200",
            description = "Election port = client port + N (default: ${DEFAULT-VALUE}, kevy's own default).")
    int electOffset;

    public KevyConfigCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        Optional<Scenario> loaded = LoadScenario.load(console, file);
        if (loaded.isEmpty()) {
            return ExitCode.BAD_INPUT.code();
        }
        Scenario sc = loaded.get();
        List<NodeSpec> nodes = sc.cluster().nodes();
        if (basePort < 1 || basePort + nodes.size() - 1 + electOffset > 65535) {
            console.err().println("movescope kevy-config: ports " + basePort + ".." + (basePort + nodes.size() - 1)
                    + " (+" + electOffset + ") do not fit in 1..65535");
            return ExitCode.BAD_INPUT.code();
        }
        StringBuilder spec = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            spec.append(i == 0 ? "" : ",").append(nodes.get(i).id()).append('=').append(host).append(':')
                    .append(basePort + i);
        }
        LiveCluster cluster = LiveCluster.parse(sc, spec.toString(), electOffset);
        Path dir = console.resolve(out);
        Map<Path, String> files = new LinkedHashMap<>();
        for (NodeSpec n : cluster.liveSpec().nodes()) {
            files.put(dir.resolve(n.id() + ".toml"), KevyToml.render(cluster.liveSpec().configOf(n.id()), n.host(),
                    n.clientPort(), n.electPort(), dir.resolve(n.id()).toAbsolutePath(), n.acceptShards()));
        }
        List<String> notes = new ArrayList<>();
        if (!sc.variant().equals(movescope.model.protocol.Variant.KEVY_54)) {
            notes.add("note: the scenario's variant is not kevy-5.4; kevy itself always runs kevy 5.4's behaviour");
        }
        for (Map.Entry<Path, String> e : files.entrySet()) {
            AtomicFiles.write(e.getKey(), e.getValue());
            console.out().println("wrote " + e.getKey());
        }
        notes.forEach(console.out()::println);
        console.out().println("cluster " + spec);
        return ExitCode.PASS.code();
    }
}
