package movescope.sim.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.engine.Verdict;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioLoader;
import movescope.sim.scenario.Step;
import org.junit.jupiter.api.Test;

/**
 * Proves a liveness failure shrinks to a scenario that is still a liveness failure after faults stop: the
 * shrinker keeps the heal (and restart) steps that end the chaos phase, so it cannot "reproduce"
 * {@code MigrationEnds} with a partition that is never healed. The run is the fixed variant's crossed-moves
 * livelock found by {@code movescope swarm --seed 1 --variant fixed} (run 6) before {@code shipReleasesShard}
 * existed, so it runs the fixed variant minus that remedy: two nodes ship to each other, each INGEST queues
 * behind the other's busy shard, and the retry never gives up. It also predates {@code sliceHandover}, which
 * it leaves off: with the source deleting its copy at Commit the same seed's run still livelocks, but its
 * chaos phase, turned into explicit steps and drop/duplicate rules (which draw the network's random numbers
 * in another order), no longer does, so there would be nothing to shrink.
 * Reproduce with {@code mvn -o -q -pl simulator test -Dtest=ShrinkLivenessTest}.
 */
class ShrinkLivenessTest {
    static final String RUN6 = """
            {
             "name": "swarm-swarm-6",
             "description": "fixed variant, drawn by movescope swarm --seed 1 --variant fixed (run 6): crossed moves livelock",
             "seed": 6018237327423622704,
             "variant": { "base": "fixed", "shipReleasesShard": false, "sliceHandover": false },
             "cluster": {
              "generate": {
               "nodes": 3,
               "scopesPerNode": 1,
               "fallback": false
              },
              "heartbeats": "all"
             },
             "workload": {
              "clients": 3,
              "keysPerScope": 2,
              "opsPerSec": 10.0,
              "mix": {
               "DEL": 1,
               "GET": 2,
               "RPUSH": 2,
               "SET": 4
              },
              "fromMs": 0,
              "untilMs": 100000
             },
             "chaos": {
              "untilMs": 20000,
              "healBoundMs": 80000,
              "crashPerSec": 0.0,
              "meanDownMs": 1417,
              "partitionPerSec": 0.47764776671614084,
              "meanPartitionMs": 1828,
              "oneWayShare": 0.7347359297365033,
              "movePerSec": 1.673283340530387,
              "pushConfigAfterMove": 0.9097613624093791,
              "snapshotPerSec": 0.0,
              "loss": 0.00046166756405727763,
              "duplicate": 0.042571843514945196,
              "eintr": 0.0
             },
             "endMs": 100000,
             "expect": {
              "hold": [
               "SingleWriter",
               "NoLostWrite",
               "QuiescedOnlyInFlight"
              ]
             }
            }
            """;

    @Test
    void shrunkLivenessFailureKeepsTheHealAndStillFails() throws Exception {
        Scenario s = ScenarioLoader.loadString(RUN6, "run6.json");
        long seed = s.seed().getAsLong();
        RunResult r = Simulation.run(s, seed, Options.DEFAULT);
        assertEquals(Verdict.LIVENESS_VIOLATION, r.verdict(), r.summary());
        assertEquals("MigrationEnds", r.violation().orElseThrow().invariant());

        Shrinker.Outcome o = Shrinker.shrink(s, seed, r, 150);
        System.out.println("shrunk in " + o.runs() + " runs:\n" + o.json());
        Scenario back = ScenarioLoader.loadString(o.json(), "shrunk.json");
        assertTrue(back.steps().stream().anyMatch(st -> st instanceof Step.HealStep),
                "the heal that ends the chaos phase must survive shrinking");
        long moves = back.steps().stream()
                .filter(st -> st instanceof Step.OperatorStep op && op.command().get(0).equalsIgnoreCase("MOVE-SCOPE"))
                .count();
        assertTrue(moves >= 2, "a single move ends once the network heals; the livelock needs crossed moves");
        RunResult again = Simulation.run(back, seed, Options.DEFAULT);
        assertEquals(Verdict.LIVENESS_VIOLATION, again.verdict(), again.summary());
        assertEquals("MigrationEnds", again.violation().orElseThrow().invariant());
        assertTrue(back.steps().size() < r.materializedSteps().size(), "shrinking made it smaller");
    }
}
