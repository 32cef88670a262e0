package movescope.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import movescope.model.protocol.Variant;
import movescope.sim.GeneratedScenarios;
import movescope.sim.scenario.ChaosSpec;
import movescope.sim.scenario.Expectations;
import movescope.sim.scenario.HeartbeatPolicy;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioException;
import movescope.sim.scenario.ScenarioLoader;
import movescope.sim.swarm.Swarm;

/**
 * The two simulator workloads {@code movescope bench} times, both with fixed seeds so every run does the same
 * work on every machine.
 *
 * <p><b>Campaign</b>: the swarm's default template (3 generated nodes, one scope each, one workload client per
 * node, a chaos phase then a heal phase) in the {@code fixed} variant with <em>every</em> invariant held, each
 * run's fault mix (crashes, partitions, moves, config pushes, loss, duplication, EINTR and the wider adversary)
 * drawn by {@link Swarm#draw(Scenario, long, boolean)} from seed {@link Swarm#seedOf(long, int) seedOf(base, i)},
 * exactly as {@code movescope swarm --seed base --variant fixed} would. The variant is {@code fixed} because
 * kevy 5.4 breaks RedirectsConverge and NoStrandedWrite on every committed move: with every invariant held,
 * its runs would stop at the first move and measure little.
 *
 * <p><b>Big cluster</b>: {@link GeneratedScenarios#cluster} with N nodes (one scope each, a fallback each,
 * heartbeats where routing depends on them), 20 clients at 50 operations/s, in the {@code fixed} variant, a
 * chaos phase of moves only (each followed by a config push), every invariant held except the two that every
 * committed move breaks until its config push has reached every node ({@link #BIG_NOT_HELD}): with them a
 * 1,000-node run stops at the first redirect chain, a few virtual seconds in, and measures mostly its start.
 */
public final class Workloads {
    private Workloads() {
    }

    /** Held by every workload but the big cluster (see the class comment); the swarm's template leaves them out too. */
    public static final List<String> BIG_NOT_HELD = List.of("RedirectsConverge", "NoStrandedWrite");

    /** Base seed of the campaign workload's runs (run i uses {@code Swarm.seedOf(CAMPAIGN_SEED, i)}). */
    public static final long CAMPAIGN_SEED = 42L;
    /** Seed of every big-cluster run. */
    public static final long BIG_SEED = 42L;

    /**
     * The campaign template: the swarm default with every invariant held, in the fixed variant.
     *
     * @param chaosMs virtual milliseconds of chaos (the swarm's default is 20,000)
     * @param healMs  virtual milliseconds of heal after it (the swarm's default is 80,000)
     */
    public static Scenario campaignTemplate(long chaosMs, long healMs) {
        String hold = String.join("\", \"", Expectations.INVARIANTS);
        String json = """
                {
                  "name": "bench-campaign",
                  "description": "movescope bench: the swarm's default template (3 nodes), fixed variant, every invariant held.",
                  "variant": "fixed",
                  "cluster": { "generate": { "nodes": 3, "scopesPerNode": 1, "fallback": false }, "heartbeats": "all" },
                  "workload": { "clients": 3, "keysPerScope": 2, "opsPerSec": 10, "mix": { "SET": 4, "RPUSH": 2, "GET": 2, "DEL": 1 } },
                  "chaos": { "untilMs": %d, "healBoundMs": %d },
                  "endMs": %d,
                  "expect": { "hold": [ "%s" ] }
                }
                """.formatted(chaosMs, healMs, chaosMs + healMs, hold);
        try {
            return ScenarioLoader.loadString(json, "<bench campaign template>");
        } catch (ScenarioException e) {
            throw new IllegalStateException("the bench's own campaign template does not load", e);
        }
    }

    /** Run {@code i} of the campaign workload started from {@code baseSeed}: its seed and scenario. */
    public static Scenario campaignRun(Scenario template, long baseSeed, int i) {
        return Swarm.draw(template, Swarm.seedOf(baseSeed, i), true);
    }

    /**
     * The big cluster with moves.
     *
     * @param nodes          cluster size
     * @param virtualSeconds run length; moves are drawn in the first half, the second half heals
     * @param movesPerSec    chaos moves per virtual second (whole cluster)
     */
    public static Scenario bigCluster(int nodes, long virtualSeconds, double movesPerSec) {
        Scenario g = GeneratedScenarios.cluster(nodes, 1, virtualSeconds, 20, 50.0, HeartbeatPolicy.FALLBACKS);
        long end = g.endMs();
        ChaosSpec moves = new ChaosSpec(end / 2, end - end / 2, 0, 1, 0, 1, 0, movesPerSec, 1.0, 0, 0, 0, 0);
        return new Scenario("bench-" + nodes + "-nodes-moves", g.description() + ", moves at " + movesPerSec + "/s",
                g.seed(), Variant.FIXED, g.cluster(), g.network(), g.faults(), g.clients(), g.data(), g.steps(),
                g.workload(), Optional.of(moves), end, g.maxEvents(), bigExpectations());
    }

    /** Every invariant but {@link #BIG_NOT_HELD}, and the end-of-run history check. */
    static Expectations bigExpectations() {
        List<String> hold = new ArrayList<>(Expectations.INVARIANTS);
        hold.removeAll(BIG_NOT_HELD);
        Expectations d = Expectations.DEFAULT;
        return new Expectations(hold, d.violation(), d.baits(), d.migrationsEndBy(), d.history(), d.values());
    }
}
