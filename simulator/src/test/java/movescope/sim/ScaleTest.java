package movescope.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import movescope.sim.engine.Verdict;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.HeartbeatPolicy;
import org.junit.jupiter.api.Test;

/**
 * Proves generated clusters of 100 and 1,000 nodes run to their end with every invariant on, and prints
 * the event counts (the test does not time anything; throughput is measured by the benchmarks). Reproduce
 * with {@code mvn -o -q -pl simulator test -Dtest=ScaleTest}.
 */
class ScaleTest {
    @Test
    void hundredNodesAllHeartbeats() {
        RunResult r = Simulation.run(GeneratedScenarios.cluster(100, 2, 5, 20, 20, HeartbeatPolicy.ALL), 42, Options.DEFAULT);
        System.out.println("100 nodes: " + r.summary() + " " + r.counts());
        assertEquals(Verdict.PASS, r.verdict(), r.summary());
        // 100 senders x 99 receivers x 5 per second x 5 s, plus the warm start.
        assertTrue(r.counts().get("heartbeatsDelivered") >= 100L * 99 * 25, r.counts().toString());
        assertTrue(r.counts().get("clientCommands") > 1000, r.counts().toString());
    }

    @Test
    void thousandNodesFallbackHeartbeats() {
        RunResult r = Simulation.run(GeneratedScenarios.cluster(1000, 1, 3, 50, 20, HeartbeatPolicy.FALLBACKS), 42,
                Options.DEFAULT);
        System.out.println("1000 nodes: " + r.summary() + " " + r.counts());
        assertEquals(Verdict.PASS, r.verdict(), r.summary());
        assertEquals(1000L, r.counts().get("nodes"));
        // Each node hears only the writer it is the fallback of: 1,000 heartbeats per 200 ms.
        assertTrue(r.counts().get("heartbeatsDelivered") < 1000L * 20, r.counts().toString());
        assertTrue(r.counts().get("writesAcked") > 500, r.counts().toString());
    }
}
