package movescope.checker.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import movescope.checker.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Proves that the simulator conforms to MigrationTable.tla on every scenario of the corpus: the trace of
 * each scenarios/**.json (run with the seed {@code movescope run} uses) is projected onto the nodes'
 * migration tables and replayed by TLC against specs/MigrationTable/TraceMigrationTable.tla; every trace
 * must reach its end. All traces go into one TLC run. The test also proves the replay is not vacuous: the
 * corpus must exercise every table action, both layouts, both durability switches and all three verdicts.
 *
 * <p>A failure names the trace, the first line that is no step of the spec, and the tables before it.
 * Reproduce with {@code movescope run scenarios/<file>.json} then
 * {@code movescope trace-check reports/<name>.trace.ndjson}; TLC's full output of each run is kept under
 * checker/target/tlc-logs.
 */
class ScenarioTracesConformTest {

    @Test
    void everyScenarioTraceIsABehaviourOfTheTableSpec() throws Exception {
        List<Path> files = SimulatorTraces.scenarioFiles();
        assertTrue(files.size() >= 50, "expected the scenario corpus, found " + files.size() + " files");
        List<TraceCheck.Input> inputs = new ArrayList<>();
        for (Path f : files) {
            inputs.add(SimulatorTraces.trace(f));
        }

        TraceCheck.Report report = TraceCheck.runAll(inputs, SimulatorTraces.specDir(), Fixtures.runner());

        List<String> bad = new ArrayList<>();
        for (TraceResult r : report.results()) {
            if (!r.accepted()) {
                bad.add(r.name() + ": " + r.status() + " at line " + r.failingLine() + ": " + r.reason() + "\n    "
                        + r.failingText());
            }
        }
        assertTrue(bad.isEmpty(), "traces the spec does not accept:\n  " + String.join("\n  ", bad));
        assertEquals(1, report.tlcRuns(), "all traces accepted must take one TLC run");

        // Coverage: what the accepted traces exercised, so an empty projection cannot pass.
        Map<String, Integer> seen = new TreeMap<>();
        int lines = 0;
        for (TraceCheck.Input in : inputs) {
            TraceProjection.Projected p = TraceProjection.project(in.lines());
            lines += p.lines();
            for (TraceEvent e : p.tableEvents()) {
                String kind = e.op().equals("ClientWrite") ? "ClientWrite/" + e.verdict()
                        : e.op().equals("Restart") ? "Restart/" + in.variant() : e.op();
                seen.merge(kind, 1, Integer::sum);
            }
        }
        for (String kind : List.of("Start", "StartRefused", "Commit", "CommitRemove", "CommitInsert", "Abort", "Crash",
                "ClientWrite/accepted", "ClientWrite/QUIESCED", "ClientWrite/MISDIRECTED")) {
            assertTrue(seen.getOrDefault(kind, 0) > 0, "the corpus never exercises " + kind + ": " + seen);
        }
        assertTrue(seen.keySet().stream().anyMatch(s -> s.startsWith("Restart/") && s.contains("migratedDurable")),
                "no restart under migratedDurable: " + seen);
        assertTrue(seen.keySet().stream().anyMatch(s -> s.startsWith("Restart/seed")),
                "no restart of the volatile kevy table: " + seen);
        System.out.printf("trace check: %d traces, %d lines, %d table events checked in %d TLC run(s), %.1f s; %s%n",
                inputs.size(), lines, report.eventsChecked(), report.tlcRuns(), report.tlcSeconds(), seen);
    }
}
