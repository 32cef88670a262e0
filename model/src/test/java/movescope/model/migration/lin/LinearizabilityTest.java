package movescope.model.migration.lin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import movescope.gen.Rng;
import movescope.model.migration.MigrationError;
import movescope.model.migration.MigrationMatch;
import movescope.model.migration.MigrationState;
import movescope.model.migration.TableLayout;
import org.junit.jupiter.api.Test;

/**
 * Proves, with a Wing–Gong linearizability checker, that AtomicMigrationTable (router reads via routeMatch
 * included) is linearizable and that kevy's SeedLayoutMigrationTable is NOT: (1) a start that succeeds inside
 * the commit window, leaving the prefix in both maps, and (2) a router that sees the prefix in neither map.
 *
 * <p>Two sources of histories: the deterministic {@link InterleavingExplorer} (every interleaving of the
 * critical sections; reproducible from the printed schedule) and REAL threads ({@link RealThreadRunner}; the
 * scenario is reproducible from the printed seed, the OS interleaving is not). The seed layout's anomalies
 * are PROVEN by the explorer, deterministically, with the violating schedule printed and replayed; the
 * real-thread runs only assert what must hold for every interleaving (the atomic table is never caught),
 * and the seed-layout real-thread run is a bounded demonstration that asserts nothing about luck.
 * The seed is fixed (a global {@code -Dmovescope.seed} does not change it); reproduce with
 * {@code mvn -pl model test -Dtest=LinearizabilityTest#<method>}.
 */
class LinearizabilityTest {

    private static final long SEED = 20240611L;

    private static LinOp start(String p, String from, String to) {
        return new LinOp.Start(p, from, to);
    }

    private static LinOp commit(String p) {
        return new LinOp.Commit(p);
    }

    private static LinOp abort(String p) {
        return new LinOp.Abort(p);
    }

    private static LinOp route(String k) {
        return new LinOp.Route(k);
    }

    /** Random small scenarios over nested prefixes: 2–3 threads × 1–3 operations. */
    static List<List<LinOp>> randomScenario(Rng rng) {
        List<String> prefixes = List.of("p:", "p:q:");
        List<String> keys = List.of("p:q:1", "p:1");
        int threads = rng.uniformInt(2, 3);
        List<List<LinOp>> out = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<LinOp> ops = new ArrayList<>();
            int n = rng.uniformInt(1, threads == 3 ? 2 : 3);
            for (int i = 0; i < n; i++) {
                int kind = rng.nextInt(10);
                String p = rng.pick(prefixes);
                ops.add(kind < 4 ? start(p, "A", rng.pick(List.of("B", "C")))
                        : kind < 7 ? commit(p) : kind < 8 ? abort(p) : route(rng.pick(keys)));
            }
            out.add(ops);
        }
        return out;
    }

    // ------------------------------------------------------------------ the checker itself

    @Test
    void checkerAcceptsSequentialAndRejectsImpossibleHistories() {
        MigrationState ab = new MigrationState("A", "B");
        List<Event> ok = List.of(
                new Event(0, start("p:", "A", "B"), Optional.empty(), 0, 1),
                new Event(1, route("p:k"), new MigrationMatch.Migrating(ab), 2, 3),
                new Event(0, commit("p:"), Optional.of(ab), 4, 5),
                new Event(1, start("p:", "A", "B"), Optional.of(MigrationError.ALREADY_MIGRATED), 6, 7));
        assertTrue(WingGongChecker.linearize(ok, SequentialSpec.empty()).isPresent());
        // a route strictly after a completed commit cannot see "None"
        List<Event> bad = List.of(
                new Event(0, start("p:", "A", "B"), Optional.empty(), 0, 1),
                new Event(0, commit("p:"), Optional.of(ab), 2, 3),
                new Event(1, route("p:k"), new MigrationMatch.None(), 4, 5));
        assertTrue(WingGongChecker.linearize(bad, SequentialSpec.empty()).isEmpty());
        // ... but may if it overlaps the start (it can be ordered first)
        List<Event> overlapping = List.of(
                new Event(0, start("p:", "A", "B"), Optional.empty(), 0, 3),
                new Event(1, route("p:k"), new MigrationMatch.None(), 1, 2),
                new Event(0, commit("p:"), Optional.of(ab), 4, 5));
        List<Event> witness = WingGongChecker.linearize(overlapping, SequentialSpec.empty()).orElseThrow();
        assertEquals(route("p:k"), witness.get(0).op());
    }

    // ------------------------------------------------------------------ deterministic exploration

    @Test
    void seedLayout_startInsideTheCommitWindowEndsInBothMaps() {
        List<List<LinOp>> scenario = List.of(List.of(start("p:", "A", "B"), commit("p:")), List.of(start("p:", "A", "C")));
        InterleavingExplorer.Report r = InterleavingExplorer.explore(TableLayout.SEED, RouteMode.TABLE, scenario);
        InterleavingExplorer.Violation v = r.first().orElseThrow(() -> new AssertionError(
                "expected the commit-window anomaly in " + r.schedules() + " schedules"));
        System.out.println("[lin] SEED start-in-window: " + r.violations() + " of " + r.schedules()
                + " schedules non-linearizable; first:\n" + v.render());
        assertTrue(v.migrating().containsKey("p:") && v.migrated().containsKey("p:"),
                "the anomaly must leave p: in both maps (NotBothMaps)\n" + v.render());
        assertTrue(v.history().stream().anyMatch(e -> e.thread() == 1 && e.result().equals(Optional.empty())),
                "the second start must have succeeded\n" + v.render());
        // the schedule reproduces it exactly
        InterleavingExplorer.Execution again = InterleavingExplorer.Execution.replay(TableLayout.SEED, RouteMode.TABLE,
                scenario, v.schedule());
        assertEquals(v.history(), again.events);
    }

    @Test
    void seedLayout_routerSeesThePrefixInNeitherMap() {
        List<List<LinOp>> scenario = List.of(List.of(start("p:", "A", "B"), commit("p:")), List.of(route("p:k")));
        InterleavingExplorer.Report r = InterleavingExplorer.explore(TableLayout.SEED, RouteMode.TABLE, scenario);
        InterleavingExplorer.Violation v = r.first().orElseThrow(() -> new AssertionError(
                "expected the router-in-window anomaly in " + r.schedules() + " schedules"));
        System.out.println("[lin] SEED router-in-window: " + r.violations() + " of " + r.schedules()
                + " schedules non-linearizable; first:\n" + v.render());
        assertTrue(v.history().stream().anyMatch(e -> e.op().equals(route("p:k"))
                && e.result().equals(new MigrationMatch.None())), v.render());
        assertEquals(1, r.violations(), "exactly one schedule puts the whole route inside the window");
    }

    @Test
    void atomicLayout_everyInterleavingOfTheAnomalyScenariosIsLinearizable() {
        for (List<List<LinOp>> scenario : List.of(
                List.of(List.of(start("p:", "A", "B"), commit("p:")), List.of(start("p:", "A", "C"))),
                List.of(List.of(start("p:", "A", "B"), commit("p:")), List.of(route("p:k"))),
                List.of(List.of(start("p:", "A", "B"), commit("p:")), List.of(start("p:", "A", "C"), route("p:k")),
                        List.of(route("p:k"), abort("p:"))))) {
            InterleavingExplorer.Report r = InterleavingExplorer.explore(TableLayout.ATOMIC, RouteMode.TABLE, scenario);
            assertEquals(0, r.violations(), () -> scenario + "\n" + r.first().orElseThrow().render());
            assertTrue(r.schedules() > 1);
        }
    }

    @Test
    void randomScenarios_atomicAlwaysLinearizable_seedViolatesSomewhere() {
        // Deterministic: the same 60 scenarios (fixed seed) and every interleaving of each, so the count of
        // seed-layout violations is a fixed number, asserted to be positive below.
        Rng root = Rng.of(SEED);
        long atomicSchedules = 0;
        long seedViolations = 0;
        String seedExample = null;
        for (int i = 0; i < 60; i++) {
            List<List<LinOp>> scenario = randomScenario(root.fork("scenario/" + i));
            InterleavingExplorer.Report a = InterleavingExplorer.explore(TableLayout.ATOMIC, RouteMode.TABLE, scenario);
            atomicSchedules += a.schedules();
            int n = i;
            assertEquals(0, a.violations(), () -> "ATOMIC scenario " + n + " (seed " + SEED + ") " + scenario + "\n"
                    + a.first().orElseThrow().render());
            InterleavingExplorer.Report s = InterleavingExplorer.explore(TableLayout.SEED, RouteMode.TABLE, scenario);
            seedViolations += s.violations();
            if (seedExample == null && s.first().isPresent()) {
                seedExample = "scenario " + i + " " + scenario + "\n" + s.first().get().render();
            }
        }
        System.out.println("[lin] random scenarios, seed " + SEED + ": ATOMIC " + atomicSchedules
                + " schedules, 0 violations; SEED " + seedViolations + " violating schedules"
                + (seedExample == null ? "" : "; first: " + seedExample));
        assertTrue(atomicSchedules > 1000, "too few schedules explored: " + atomicSchedules);
        assertTrue(seedViolations > 0, "the exhaustive explorer found no seed-layout anomaly in 60 random scenarios"
                + " (seed " + SEED + "): the explorer or the seed layout changed");
        assertTrue(seedExample != null && seedExample.contains("schedule (thread per step)"), String.valueOf(seedExample));
    }

    @Test
    void twoCallRouterIsNotLinearizableEvenOnTheAtomicTable() {
        // Finding: reading MIGRATING and MIGRATED in two calls (what kevy's router does) can return a
        // MIGRATED match that no single instant had: route reads MIGRATING (empty), then the source starts
        // p:q:, starts p:, commits p:q:, and route reads MIGRATED (p:q:) while p: is still MIGRATING.
        // That is why AtomicMigrationTable.routeMatch reads both maps under its one lock.
        List<List<LinOp>> scenario = List.of(
                List.of(start("p:q:", "A", "B"), start("p:", "A", "C"), commit("p:q:")),
                List.of(route("p:q:1")));
        InterleavingExplorer.Report twoCalls = InterleavingExplorer.explore(TableLayout.ATOMIC, RouteMode.TWO_CALLS, scenario);
        InterleavingExplorer.Violation v = twoCalls.first().orElseThrow(() -> new AssertionError("not found"));
        System.out.println("[lin] ATOMIC with a two-call router: " + twoCalls.violations() + " of "
                + twoCalls.schedules() + " schedules non-linearizable; first:\n" + v.render());
        assertTrue(v.history().stream().anyMatch(e -> e.result() instanceof MigrationMatch.Migrated), v.render());
        InterleavingExplorer.Report oneRead = InterleavingExplorer.explore(TableLayout.ATOMIC, RouteMode.TABLE, scenario);
        assertEquals(0, oneRead.violations());
    }

    // ------------------------------------------------------------------ real threads

    @Test
    void realThreads_atomicHistoriesAreLinearizable() throws InterruptedException {
        RealThreadRunner.Report r = RealThreadRunner.run(TableLayout.ATOMIC, RouteMode.TABLE, SEED, 1500,
                LinearizabilityTest::randomScenario);
        System.out.println("[lin] real threads ATOMIC seed " + SEED + ": " + r.rounds() + " rounds, "
                + r.violations() + " violations");
        assertEquals(0, r.violations(), () -> {
            RealThreadRunner.Found f = r.first().orElseThrow();
            return "round " + f.round() + " (seed " + SEED + ") " + f.scenario() + "\n" + WingGongChecker.render(f.history());
        });
    }

    @Test
    void realThreads_atomicSurvivesTheScenarioThatBreaksTheSeedLayout() throws InterruptedException {
        // Same scenario as realThreads_seedLayoutAnomalyIsFound, where the seed layout fails within ~100
        // rounds; the atomic table must never fail. (The explorer trusts each call to be one critical
        // section; this test checks the real implementation.)
        RealThreadRunner.Report r = RealThreadRunner.run(TableLayout.ATOMIC, RouteMode.TABLE, SEED, 2000,
                rng -> List.of(List.of(start("p:", "A", "B"), commit("p:")),
                        List.of(start("p:", "A", "C"), start("p:", "A", "C")),
                        List.of(route("p:k"), route("p:k"), route("p:k"))));
        System.out.println("[lin] real threads ATOMIC, seed-anomaly scenario: " + r.rounds() + " rounds, "
                + r.violations() + " violations");
        assertEquals(0, r.violations(), () -> WingGongChecker.render(r.first().orElseThrow().history()));
    }

    @Test
    void realThreads_seedLayoutDemo_reportsWhatItFinds() throws InterruptedException {
        // A DEMONSTRATION, not the proof: the window is a few instructions wide, so whether real threads hit
        // it depends on the OS (measured: first hit after 4–106 rounds over seeds 1–6). The proof is
        // seedLayout_startInsideTheCommitWindowEndsInBothMaps / seedLayout_routerSeesThePrefixInNeitherMap,
        // by the exhaustive explorer. This run is bounded (2,000 rounds) and asserts only what holds for every
        // interleaving: a history the checker rejects is one of the two known anomalies, never another one.
        int cap = 2_000;
        RealThreadRunner.Report r = RealThreadRunner.run(TableLayout.SEED, RouteMode.TABLE, SEED, cap,
                rng -> List.of(List.of(start("p:", "A", "B"), commit("p:")),
                        List.of(start("p:", "A", "C"), start("p:", "A", "C")),
                        List.of(route("p:k"), route("p:k"), route("p:k"))), true);
        if (r.first().isEmpty()) {
            System.out.println("[lin] real threads SEED seed " + SEED + ": no anomaly hit in " + r.rounds()
                    + " rounds (luck of the OS scheduler; the explorer tests prove it exists)");
            return;
        }
        RealThreadRunner.Found f = r.first().get();
        System.out.println("[lin] real threads SEED seed " + SEED + ": first non-linearizable history after "
                + r.rounds() + " rounds (round " + f.round() + "):\n" + WingGongChecker.render(f.history()));
        boolean startInWindow = f.history().stream().filter(e -> e.op() instanceof LinOp.Start)
                .filter(e -> e.result().equals(Optional.empty())).count() > 1;
        boolean routerInWindow = f.history().stream().anyMatch(e -> e.result() instanceof MigrationMatch.None
                && f.history().stream().anyMatch(st -> st.op() instanceof LinOp.Start && st.response() < e.invoke()
                        && st.result().equals(Optional.empty())));
        assertTrue(startInWindow || routerInWindow, "unexpected anomaly:\n" + WingGongChecker.render(f.history()));
    }
}
