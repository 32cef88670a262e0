package movescope.cli.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import movescope.cli.run.SeedChoice;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioException;
import movescope.sim.scenario.ScenarioLoader;

/**
 * Prints the SHA-256 of every corpus scenario's trace, run with its pinned seed, one {@code <sha> <file>}
 * line per scenario in sorted order, and a last line {@code corpus <sha of the lines above>}. .ci/run runs it
 * under JDK 17 and under the machine's second JDK (Temurin 25) and compares the outputs: the determinism
 * promise (one seed, one trace) must hold across JVMs too, which is why the random source uses StrictMath.
 * Usage: {@code java -cp cli/target/movescope.jar movescope.cli.tools.TraceHashes scenarios}.
 */
public final class TraceHashes {
    private TraceHashes() {
    }

    public static void main(String[] args) throws IOException, ScenarioException, java.security.NoSuchAlgorithmException {
        Path root = Path.of(args.length > 0 ? args[0] : "scenarios");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("scenario.schema.json"))
                    .filter(Files::isRegularFile).sorted().toList();
        }
        java.security.MessageDigest all = java.security.MessageDigest.getInstance("SHA-256");
        for (Path f : files) {
            Scenario sc = ScenarioLoader.load(f, f.toString());
            RunResult r = Simulation.run(sc, SeedChoice.scenarioDefault(sc, f).seed(), Options.DEFAULT);
            String line = r.traceSha256() + " " + root.relativize(f);
            System.out.println(line);
            all.update((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        System.out.println("corpus " + java.util.HexFormat.of().formatHex(all.digest()) + " (" + files.size()
                + " scenarios, java " + System.getProperty("java.version") + ")");
    }
}
