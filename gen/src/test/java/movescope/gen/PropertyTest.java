package movescope.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves the property runner finds failures, shrinks them to minimal cases, reports a reproducible seed
 * and reruns identically from it. Seeds are fixed (or derived from the method name), so a failure
 * reproduces with {@code mvn -pl gen test -Dtest=PropertyTest#<method>}.
 */
class PropertyTest {

    private static final Gen<List<Integer>> LISTS = Gen.listOf(Gen.choose(0, 1000));

    @Test
    void listWithANumberAbove100ShrinksTo101() {
        Property.Outcome<List<Integer>> out = Property.forAll(LISTS).seed(1).run(list -> {
            for (int x : list) {
                if (x > 100) {
                    throw new AssertionError("found " + x);
                }
            }
        });
        Property.Outcome.Failed<List<Integer>> f = assertInstanceOf(Property.Outcome.Failed.class, out);
        assertEquals(List.of(101), f.shrunk());
        assertTrue(f.original().stream().anyMatch(x -> x > 100));
        assertTrue(f.shrinkSteps() > 0);
    }

    @Test
    void shrinkingWorksForManySeeds() {
        for (long seed = 0; seed < 25; seed++) {
            Property.Outcome<List<Integer>> out = Property.forAll(LISTS).seed(seed)
                    .run(list -> check(list.stream().noneMatch(x -> x > 100)));
            Property.Outcome.Failed<List<Integer>> f = assertInstanceOf(Property.Outcome.Failed.class, out);
            assertEquals(List.of(101), f.shrunk(), "seed " + seed);
        }
    }

    @Test
    void shrinksToTheSmallestFailingLengthAndValues() {
        // fails when the list has at least 3 elements whose sum exceeds 10
        Property.Outcome<List<Integer>> out = Property.forAll(Gen.listOf(Gen.choose(-50, 50))).seed(3)
                .run(l -> check(l.size() < 3 || l.stream().mapToInt(Integer::intValue).sum() <= 10));
        Property.Outcome.Failed<List<Integer>> f = assertInstanceOf(Property.Outcome.Failed.class, out);
        assertEquals(3, f.shrunk().size(), f.toString());
        assertEquals(11, f.shrunk().stream().mapToInt(Integer::intValue).sum(), f.toString());
    }

    @Test
    void failureMessageCarriesSeedCaseAndReproduction() {
        PropertyFailure e = assertThrows(PropertyFailure.class,
                () -> Property.forAll(LISTS).seed(77).check(l -> l.stream().allMatch(x -> x <= 100)));
        Property.Outcome.Failed<?> f = e.outcome();
        String m = e.getMessage();
        assertTrue(m.contains("seed:     " + f.seed()), m);
        assertTrue(m.contains("shrunk:   [101]"), m);
        assertTrue(m.contains("trial " + f.trial()), m);
        assertTrue(m.contains("reproduce: mvn -pl gen test -Dtest=PropertyTest#failureMessageCarriesSeedCaseAndReproduction"
                + " -Dmovescope.seed.movescope.gen.PropertyTest#failureMessageCarriesSeedCaseAndReproduction=" + f.seed()), m);
    }

    @Test
    void aGlobalSeedNeverOverridesAFixedSeedButThePerPropertyOneDoes() {
        String global = System.getProperty("movescope.seed");
        try {
            System.setProperty("movescope.seed", "123456789");
            List<List<Integer>> fixed = new ArrayList<>();
            Property.forAll(LISTS).seed(5).trials(3).named("fixed-seed-rule").run(fixed::add);
            System.clearProperty("movescope.seed");
            List<List<Integer>> plain = new ArrayList<>();
            Property.forAll(LISTS).seed(5).trials(3).named("fixed-seed-rule").run(plain::add);
            assertEquals(plain, fixed, "-Dmovescope.seed changed a property with a fixed seed");

            System.setProperty("movescope.seed.fixed-seed-rule", "123456789");
            List<List<Integer>> overridden = new ArrayList<>();
            Property.forAll(LISTS).seed(5).trials(3).named("fixed-seed-rule").run(overridden::add);
            List<List<Integer>> direct = new ArrayList<>();
            Property.forAll(LISTS).seed(123456789).trials(3).named("other").run(direct::add);
            assertEquals(direct, overridden, "the per-property seed must win, for reproduction");
        } finally {
            System.clearProperty("movescope.seed.fixed-seed-rule");
            if (global == null) {
                System.clearProperty("movescope.seed");
            } else {
                System.setProperty("movescope.seed", global);
            }
        }
    }

    @Test
    void theReportedSeedReproducesTheFailureOnTrialZero() {
        // Find a failure that is not on trial 0, then rerun from its seed.
        Property.Outcome<Integer> first = Property.forAll(Gen.choose(0, 10_000)).seed(11).trials(10_000)
                .run(x -> check(x < 9_990));
        Property.Outcome.Failed<Integer> f = assertInstanceOf(Property.Outcome.Failed.class, first);
        assertTrue(f.trial() > 0, "want a failure after trial 0 to make the test meaningful");
        Property.Outcome<Integer> again = Property.forAll(Gen.choose(0, 10_000)).seed(f.seed()).trials(1)
                .run(x -> check(x < 9_990));
        Property.Outcome.Failed<Integer> g = assertInstanceOf(Property.Outcome.Failed.class, again);
        assertEquals(0, g.trial());
        assertEquals(f.original(), g.original());
        assertEquals(f.seed(), g.seed());
        assertEquals(9_990, g.shrunk());
    }

    @Test
    void sameSeedSameCases() {
        List<List<Integer>> a = new ArrayList<>();
        List<List<Integer>> b = new ArrayList<>();
        Property.forAll(LISTS).seed(5).trials(50).run(a::add);
        Property.forAll(LISTS).seed(5).trials(50).run(b::add);
        assertEquals(50, a.size());
        assertEquals(a, b);
    }

    @Test
    void passingPropertyRunsEveryTrial() {
        int[] count = {0};
        Property.Outcome<Integer> out = Property.forAll(Gen.choose(1, 6)).seed(2).trials(123).run(x -> {
            count[0]++;
            check(x >= 1 && x <= 6);
        });
        assertInstanceOf(Property.Outcome.Passed.class, out);
        assertEquals(123, count[0]);
    }

    @Test
    void exceptionsCountAsFailuresAndShrink() {
        Property.Outcome<Integer> out = Property.forAll(Gen.choose(0, 1000)).seed(4).run(x -> {
            if (x >= 37) {
                throw new IllegalStateException("boom " + x);
            }
        });
        Property.Outcome.Failed<Integer> f = assertInstanceOf(Property.Outcome.Failed.class, out);
        assertEquals(37, f.shrunk());
        assertInstanceOf(IllegalStateException.class, f.cause());
        assertEquals("boom 37", f.cause().getMessage());
    }

    @Test
    void mappedAndZippedGeneratorsStillShrink() {
        Gen<String> words = Gen.zip(Gen.choose(0, 500), Gen.elements("a", "b", "c"), (n, s) -> s + n);
        Property.Outcome<String> out = Property.forAll(words).seed(6).run(w -> check(!w.startsWith("c")));
        Property.Outcome.Failed<String> f = assertInstanceOf(Property.Outcome.Failed.class, out);
        assertEquals("c0", f.shrunk());
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new AssertionError("property false");
        }
    }
}
