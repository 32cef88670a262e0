package movescope.sim.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import movescope.sim.GeneratedScenarios;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.HeartbeatPolicy;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioLoader;
import movescope.sim.swarm.Swarm;
import org.junit.jupiter.api.Test;

/**
 * Proves the incremental route cache ({@link RouteCache}) changes nothing but the cost: every scenario of
 * the repository's corpus (with its golden's seed), swarm runs of kevy-5.4 and fixed (crashes, partitions,
 * moves, config pushes, loss: every kind of routing change, and DOWN views that lapse with time), and
 * generated clusters give the same verdict, summary, event count and trace SHA-256 with the cache
 * ({@code INCREMENTAL}), without it ({@code REFERENCE}, every node routed at every check) and
 * {@code AUDITED} (the cache, with every read compared against routing every node from scratch: a stale
 * entry, even one that would not have changed a verdict, throws). The generated runs are also pinned to
 * the event counts and hashes the simulator produced before the cache existed. A failure names the run;
 * reproduce with {@code mvn -o -q -pl simulator test -Dtest=RouteCacheTest}.
 */
class RouteCacheTest {
    /** CLI swarm default template shape, with fallbacks and every invariant held so the cache is exercised. */
    static final String GENERATED_SWARM = """
            {
              "name": "rc-generated", "description": "generated nodes with fallbacks under chaos",
              "variant": "%s",
              "cluster": { "generate": { "nodes": 8, "scopesPerNode": 1, "fallback": true }, "heartbeats": "%s" },
              "workload": { "clients": 4, "keysPerScope": 2, "opsPerSec": 20, "untilMs": 15000, "timeoutMs": 300,
                            "mix": { "SET": 4, "RPUSH": 2, "GET": 2, "DEL": 1 } },
              "chaos": { "untilMs": 15000, "healBoundMs": 60000 },
              "endMs": 75000
            }
            """;
    static final String SMALL_SWARM = """
            {
              "name": "rc-small", "description": "three nodes, nested fallbacks, under chaos",
              "variant": "%s",
              "cluster": { "nodes": [ { "id": "a" }, { "id": "b" }, { "id": "c" } ], "scopes": "app:=a|b, user:=b|c, tmp:=c",
                           "shards": 2 },
              "workload": { "clients": 2, "keysPerScope": 2, "opsPerSec": 20, "untilMs": 5000, "timeoutMs": 300,
                            "mix": { "SET": 3, "RPUSH": 1, "GET": 1 } },
              "chaos": { "untilMs": 5000, "healBoundMs": 75000 },
              "endMs": 80000
            }
            """;

    private static String outcome(RunResult r) {
        return r.verdict() + " events=" + r.eventsProcessed() + " lines=" + r.traceLines() + " sha=" + r.traceSha256()
                + " | " + r.summary();
    }

    /** Runs {@code s} in all three modes and asserts identical outcomes; returns the incremental result. */
    private static RunResult same(String what, Scenario s, long seed, Options base) {
        RunResult inc = sameAsReference(what, s, seed, base);
        RunResult aud = Simulation.run(s, seed, base.withChecks(Options.Checks.AUDITED));
        assertEquals(outcome(inc), outcome(aud), what + " (seed " + seed + "): audited vs incremental");
        return inc;
    }

    /** Incremental and reference only (the audit costs keys x nodes routes per event: not for 100 nodes). */
    private static RunResult sameAsReference(String what, Scenario s, long seed, Options base) {
        RunResult inc = Simulation.run(s, seed, base.withChecks(Options.Checks.INCREMENTAL));
        RunResult ref = Simulation.run(s, seed, base.withChecks(Options.Checks.REFERENCE));
        assertEquals(outcome(ref), outcome(inc), what + " (seed " + seed + "): incremental vs reference");
        assertEquals(ref.counts(), inc.counts(), what + ": counts");
        return inc;
    }

    private static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("scenarios"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no scenarios/ directory above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    @Test
    void corpusScenariosRunTheSameWithAndWithoutTheCache() throws Exception {
        Path root = repoRoot().resolve("scenarios");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().endsWith("schema.json"))
                    .sorted().forEach(files::add);
        }
        assertTrue(files.size() >= 40, "the corpus is there: " + files.size() + " files under " + root);
        int violations = 0;
        for (Path f : files) {
            Scenario sc = ScenarioLoader.load(f);
            long seed = goldenSeed(f).orElse(sc.seed().orElse(0L));
            for (boolean hb : new boolean[] {false, true}) {
                RunResult r = same(root.relativize(f) + (hb ? " [heartbeats traced]" : ""), sc, seed,
                        Options.DEFAULT.withTraceHeartbeats(hb));
                if (r.violation().isPresent()) {
                    violations++;
                }
            }
        }
        assertTrue(violations > 0, "the corpus has runs that end in a violation, so detection is compared too");
    }

    private static java.util.OptionalLong goldenSeed(Path scenario) throws IOException {
        Path golden = Path.of(scenario.toString().replaceAll("\\.json$", ".golden.txt"));
        if (!Files.exists(golden)) {
            return java.util.OptionalLong.empty();
        }
        Matcher m = Pattern.compile("(?m)^seed: (\\d+)").matcher(Files.readString(golden));
        return m.find() ? java.util.OptionalLong.of(Long.parseLong(m.group(1))) : java.util.OptionalLong.empty();
    }

    @Test
    void swarmRunsRunTheSameWithAndWithoutTheCache() throws Exception {
        int redirectViolations = 0;
        for (String variant : List.of("kevy-5.4", "fixed")) {
            List<Scenario> templates = List.of(
                    ScenarioLoader.loadString(SMALL_SWARM.formatted(variant), "small.json"),
                    ScenarioLoader.loadString(GENERATED_SWARM.formatted(variant, "fallbacks"), "gen-fallbacks.json"),
                    ScenarioLoader.loadString(GENERATED_SWARM.formatted(variant, "all"), "gen-all.json"));
            for (Scenario t : templates) {
                for (int i = 0; i < 8; i++) {
                    long seed = Swarm.seedOf(5, i);
                    RunResult r = same(t.name() + " " + variant + " #" + i, Swarm.draw(t, seed), seed, Options.DEFAULT);
                    if (r.violation().isPresent() && r.violation().get().invariant().equals("RedirectsConverge")) {
                        redirectViolations++;
                    }
                }
            }
        }
        assertTrue(redirectViolations > 0, "some runs end in RedirectsConverge, so the cached check bites");
    }

    @Test
    void cacheIsNeverStaleUnderChaosToTheEnd() throws Exception {
        // No invariant held: every run goes to its end through crashes, partitions, moves, config pushes
        // and heals, and the audit compares every probe key's cached routes with fresh ones after each event.
        long events = 0;
        for (String variant : List.of("kevy-5.4", "fixed")) {
            for (String hb : List.of("fallbacks", "all")) {
                Scenario t = ScenarioLoader.loadString(GENERATED_SWARM.formatted(variant, hb)
                        .replace("\"endMs\": 75000", "\"endMs\": 75000, \"expect\": { \"hold\": [] }"), "quiet.json");
                assertTrue(t.expect().hold().isEmpty(), "the template holds no invariant");
                for (int i = 0; i < 4; i++) {
                    long seed = Swarm.seedOf(11, i);
                    RunResult r = same(variant + "/" + hb + " quiet #" + i, Swarm.draw(t, seed), seed, Options.DEFAULT);
                    assertTrue(r.violation().isEmpty(), r.summary());
                    events += r.eventsProcessed();
                }
            }
        }
        assertTrue(events > 10_000, "the runs went somewhere: " + events + " events");
    }

    @Test
    void generatedClustersKeepTheirPreCacheTraces() {
        // Event counts and hashes recorded with the simulator before RouteCache existed (same seed 42).
        RunResult hundred = sameAsReference("100 nodes, bench shape", GeneratedScenarios.cluster(100, 1, 10, 20, 50.0,
                HeartbeatPolicy.FALLBACKS), 42, Options.DEFAULT);
        assertEquals(36835, hundred.eventsProcessed());
        RunResult allHeartbeats = sameAsReference("100 nodes, all heartbeats", GeneratedScenarios.cluster(100, 2, 5, 20, 20,
                HeartbeatPolicy.ALL), 42, Options.DEFAULT);
        assertEquals(11076, allHeartbeats.eventsProcessed());
        // 1,000 nodes: the incremental path only (the reference path takes seconds here); pinned instead.
        RunResult thousand = Simulation.run(GeneratedScenarios.cluster(1000, 1, 3, 50, 20, HeartbeatPolicy.FALLBACKS),
                42, Options.DEFAULT);
        assertEquals(28160, thousand.eventsProcessed());
        // Re-pinned with kevy's log rule (every single-key write verb logged, ClientWrite.logged) and
        // kevy's ship-failure texts, then with the trace's closing RunEnd line; the event counts are unchanged.
        assertEquals(List.of("98a91882aa121f9301f03422293ac9ba0b32c02140135f71dac84bef91547e8c", "f2af60e7863e0e822f020de879dd9c810cc8a92a0b4c8e13ad5c9651d0c2a7e9",
                "182c638a44260cb567024e42e32f372b34f50b4a7d54955677702a0514c785c5"),
                List.of(hundred.traceSha256(), allHeartbeats.traceSha256(), thousand.traceSha256()));
        // The audit on the same shape, smaller: DOWN views refreshed before routing and lapsing 5 s later.
        same("20 nodes, fallback heartbeats, audited", GeneratedScenarios.cluster(20, 1, 12, 10, 20,
                HeartbeatPolicy.FALLBACKS), 42, Options.DEFAULT);
    }

    @Test
    void violatedMatchesTheChainDefinition() {
        int a = 0;
        int b = 1;
        int c = 2;
        // a -> b -> c, c accepts: two hops, fine.
        assertFalse(RedirectsConverge.violated(new int[] {b, c, RouteCache.ACCEPT}));
        // a -> b -> c -> a: a cycle.
        assertTrue(RedirectsConverge.violated(new int[] {b, c, a}));
        // a -> a: a cycle of one.
        assertTrue(RedirectsConverge.violated(new int[] {a, RouteCache.ACCEPT, RouteCache.ACCEPT}));
        // a -> b -> c -> (QUIESCED d): three hops.
        assertTrue(RedirectsConverge.violated(new int[] {b, c, 3, RouteCache.HOLD}));
        // a -> b (down): a dead end, fine.
        assertFalse(RedirectsConverge.violated(new int[] {b, RouteCache.DOWN, RouteCache.ACCEPT}));
        // a redirect to an address that names no node.
        assertTrue(RedirectsConverge.violated(new int[] {RouteCache.ACCEPT, RouteCache.BAD_ADDR}));
    }
}
