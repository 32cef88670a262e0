package movescope.checker.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import movescope.checker.RepoRoot;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioLoader;

/**
 * Simulator traces generated in-process, with the seed {@code movescope run FILE} uses: the scenario's own
 * {@code seed}, else the 64-bit FNV-1a of the file name with the top bit cleared (cli's {@code Seeds}, which
 * the checker module cannot depend on: the cli depends on it; docs/scenarios.md fixes the function).
 */
final class SimulatorTraces {
    private SimulatorTraces() {
    }

    static Path repo() {
        return RepoRoot.find(Path.of(System.getProperty("user.dir")))
                .orElseThrow(() -> new IllegalStateException("no movescope checkout above " + System.getProperty("user.dir")));
    }

    static Path specDir() {
        return repo().resolve("specs/MigrationTable");
    }

    /** Every scenario file of the corpus, sorted (the schema is not a scenario). */
    static List<Path> scenarioFiles() throws IOException {
        try (Stream<Path> s = Files.walk(repo().resolve("scenarios"))) {
            return s.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("scenario.schema.json"))
                    .sorted()
                    .toList();
        }
    }

    static long seedOf(Scenario scenario, Path file) {
        if (scenario.seed().isPresent()) {
            return scenario.seed().getAsLong();
        }
        long hash = 0xcbf29ce484222325L;
        for (byte b : file.getFileName().toString().getBytes(StandardCharsets.UTF_8)) {
            hash ^= (b & 0xff);
            hash *= 0x100000001b3L;
        }
        return hash & Long.MAX_VALUE;
    }

    /** The trace {@code movescope run file} writes, and the variant that produced it. */
    static TraceCheck.Input trace(Path file) throws Exception {
        Scenario scenario = ScenarioLoader.load(file);
        RunResult r = Simulation.run(scenario, seedOf(scenario, file), Options.DEFAULT.withKeepTrace(true));
        return new TraceCheck.Input(repo().relativize(file).toString(), r.trace(), TableVariant.of(scenario.variant()));
    }

    /** The scenario under scenarios/ by its relative path. */
    static TraceCheck.Input trace(String relative) throws Exception {
        return trace(repo().resolve("scenarios").resolve(relative));
    }
}
