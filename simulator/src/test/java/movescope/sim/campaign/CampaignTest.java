package movescope.sim.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Expectations;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioLoader;
import movescope.sim.scenario.ScenarioWriter;
import movescope.sim.swarm.Shrinker;
import org.junit.jupiter.api.Test;

/**
 * Proves the campaign library's promises: run records do not depend on the number of jobs; a campaign
 * stopped part-way and resumed from its records ends with the records of an uninterrupted one; shards
 * partition the runs; a signature is a pure function of the run and survives its journal form; the kind's
 * shrunk scenario fails with the kind's signature, and shrinking it again changes nothing (a fixpoint).
 * Reproduce: {@code mvn -o -q -pl simulator test -Dtest=CampaignTest}.
 */
class CampaignTest {
    static final String TEMPLATE = """
            { "name": "swarm", "description": "the default swarm template of the CLI", "variant": "kevy-5.4",
              "cluster": { "generate": { "nodes": 3, "scopesPerNode": 1, "fallback": false }, "heartbeats": "all" },
              "workload": { "clients": 3, "keysPerScope": 2, "opsPerSec": 10, "mix": { "SET": 4, "RPUSH": 2, "GET": 2, "DEL": 1 } },
              "chaos": { "untilMs": 20000, "healBoundMs": 80000 },
              "endMs": 100000,
              "expect": { "hold": [ "SingleWriter", "NoLostWrite", "QuiescedOnlyInFlight" ] } }
            """;

    static Scenario template() throws Exception {
        return ScenarioLoader.loadString(TEMPLATE, "<test template>");
    }

    private static Campaign.Config config(int jobs, Shard shard) throws Exception {
        return new Campaign.Config(7, 6, template(), shard, jobs, 300, true);
    }

    @Test
    void recordsDoNotDependOnJobs() throws Exception {
        List<RunRecord> seen1 = new java.util.ArrayList<>();
        List<RunRecord> seen3 = new java.util.ArrayList<>();
        Campaign.Outcome one = Campaign.run(config(1, Shard.ALL), new TreeMap<>(), seen1::add, () -> false);
        Campaign.Outcome three = Campaign.run(config(3, Shard.ALL), new TreeMap<>(), seen3::add, () -> false);
        assertFalse(one.interrupted());
        assertEquals(lines(one.records()), lines(three.records()));
        assertEquals(seen1.stream().map(RunRecord::index).toList(), List.of(0, 1, 2, 3, 4, 5), "listener in index order");
        assertEquals(seen1.stream().map(RunRecord::toJsonLine).toList(), seen3.stream().map(RunRecord::toJsonLine).toList());
    }

    @Test
    void stoppedCampaignResumesToTheSameRecords() throws Exception {
        Campaign.Outcome whole = Campaign.run(config(2, Shard.ALL), new TreeMap<>(), r -> { }, () -> false);
        AtomicInteger n = new AtomicInteger();
        Campaign.Outcome cut = Campaign.run(config(1, Shard.ALL), new TreeMap<>(), r -> n.incrementAndGet(),
                () -> n.get() >= 2);
        assertTrue(cut.interrupted());
        assertTrue(cut.records().size() < 6 && cut.records().size() >= 2, "stopped part-way: " + cut.records().size());
        List<Integer> reported = new java.util.ArrayList<>();
        Campaign.Outcome resumed = Campaign.run(config(2, Shard.ALL), cut.records(), r -> reported.add(r.index()),
                () -> false);
        assertFalse(resumed.interrupted());
        assertEquals(lines(whole.records()), lines(resumed.records()));
        assertFalse(reported.contains(0), "resumed runs are not run or reported again");
    }

    @Test
    void shardsPartitionTheRuns() throws Exception {
        TreeMap<Integer, RunRecord> all = new TreeMap<>();
        for (int i = 1; i <= 3; i++) {
            Campaign.Outcome o = Campaign.run(config(1, new Shard(i, 3)), new TreeMap<>(), r -> { }, () -> false);
            assertEquals(2, o.records().size());
            o.records().keySet().forEach(k -> assertFalse(all.containsKey(k), "run " + k + " in two shards"));
            all.putAll(o.records());
        }
        Campaign.Outcome whole = Campaign.run(config(2, Shard.ALL), new TreeMap<>(), r -> { }, () -> false);
        assertEquals(lines(whole.records()), lines(all));
    }

    @Test
    void signatureIsStableAndShrinkingReachesAFixpoint() throws Exception {
        Scenario t = template();
        Campaign.Outcome o = Campaign.run(config(2, Shard.ALL), new TreeMap<>(), r -> { }, () -> false);
        List<Kind> kinds = Kinds.group(o.records());
        assertFalse(kinds.isEmpty(), "seed 7 is known to fail on kevy-5.4 within 6 runs");
        Kind k = kinds.get(0);
        RunRecord first = o.records().get(k.firstRun());
        Scenario s = Campaign.scenarioOf(config(2, Shard.ALL), k.firstRun());
        RunResult again = Simulation.run(s, first.seed(), Options.DEFAULT.withKeepTrace(true));
        assertEquals(first.signature(), Signature.of(again).id(), "a signature is a function of the run");
        assertEquals(Optional.of(k.signature()), Signature.parseId(k.signature().id()));

        Kind.Shrunk shrunk = Kinds.shrink(k, config(1, Shard.ALL));
        assertTrue(shrunk.regression(), shrunk.summary());
        Scenario regression = ScenarioLoader.loadString(shrunk.scenarioJson(), "<shrunk>");
        assertEquals(Optional.of(k.signature().invariant()), regression.expect().violation());
        // Without its expectation the regression fails, with the kind's own signature.
        Scenario bare = regression.withExpect(new Expectations(regression.expect().hold(), Optional.empty(),
                regression.expect().baits(), regression.expect().migrationsEndBy(), regression.expect().history(),
                regression.expect().values()));
        RunResult bareRun = Simulation.run(bare, regression.seed().orElseThrow(), Options.DEFAULT.withKeepTrace(true));
        assertFalse(bareRun.passed());
        assertEquals(k.signature(), Signature.of(bareRun));
        // Shrinking the shrunk scenario again finds nothing more to remove.
        Shrinker.Outcome twice = Shrinker.shrink(bare, regression.seed().orElseThrow(), bareRun, 150,
                r -> !r.passed() && Signature.of(r).equals(k.signature()), Options.DEFAULT.withKeepTrace(true));
        assertEquals(bare.steps(), twice.scenario().steps());
        assertEquals(bare.cluster(), twice.scenario().cluster());
        assertEquals(bare.clients(), twice.scenario().clients());
        assertEquals(bare.endMs(), twice.scenario().endMs());
        assertTrue(shrunk.fixpoint(), "the first shrink stopped at a fixpoint, not at its budget");
    }

    @Test
    void shardParsing() {
        assertEquals(new Shard(2, 8), Shard.parse("2/8"));
        assertTrue(new Shard(2, 8).contains(9));
        assertFalse(new Shard(2, 8).contains(2));
        for (String bad : List.of("0/2", "3/2", "1", "a/b", "1/0")) {
            try {
                Shard.parse(bad);
                throw new AssertionError("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("i/n") || expected.getMessage().contains("<= n"));
            }
        }
    }

    private static List<String> lines(TreeMap<Integer, RunRecord> records) {
        return records.values().stream().map(RunRecord::toJsonLine).toList();
    }

    static String json(Scenario s) {
        return ScenarioWriter.toJson(s);
    }
}
