package movescope.sim.stories;

import movescope.sim.GeneratedScenarios;
import movescope.sim.cluster.World;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.HeartbeatPolicy;
import movescope.sim.trace.TraceLog;
import org.junit.jupiter.api.Test;

class ScratchPerfTest {
    void one(int nodes, int scopes, long secs, int clients, HeartbeatPolicy hb) {
        var s = GeneratedScenarios.cluster(nodes, scopes, secs, clients, 20, hb);
        long t0 = System.nanoTime();
        World w = new World(s, 42, false, new TraceLog(20, false, null));
        long t1 = System.nanoTime();
        RunResult r = w.run();
        long t2 = System.nanoTime();
        long ms = (t2 - t1) / 1_000_000;
        long steps = r.counts().getOrDefault("nodeSteps", 0L) + r.counts().getOrDefault("heartbeatsDelivered", 0L);
        System.out.printf("nodes=%d scopes/node=%d hb=%s virt=%ds clients=%d: boot=%d ms run=%d ms events=%d (%.0f/s) node-steps=%d (%.0f/s) %s%n",
            nodes, scopes, hb, secs, clients, (t1 - t0) / 1_000_000, ms, r.eventsProcessed(), r.eventsProcessed() * 1000.0 / ms,
            steps, steps * 1000.0 / ms, r.summary());
    }

    @Test
    void perf() {
        for (int i = 0; i < 2; i++) {
            one(100, 2, 30, 20, HeartbeatPolicy.ALL);
            one(1000, 1, 30, 100, HeartbeatPolicy.FALLBACKS);
            one(1000, 2, 10, 100, HeartbeatPolicy.FALLBACKS);
        }
    }
}
