package movescope.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Proves Rng's reproducibility contract: one seed gives one sequence; a fork depends only on the parent's
 * seed and its label (not on draws or sibling forks); helpers stay in range. Everything here is a fixed
 * seed, so a failure reproduces with {@code mvn -pl gen test -Dtest=RngTest#<method>}.
 */
class RngTest {

    private static List<Long> draw(Rng r, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(r.nextLong());
        }
        return out;
    }

    @Test
    void sameSeedSameSequence() {
        assertEquals(draw(Rng.of(42), 100), draw(Rng.of(42), 100));
        assertNotEquals(draw(Rng.of(42), 10), draw(Rng.of(43), 10));
        assertEquals(42, Rng.of(42).seed());
    }

    @Test
    void sequenceIsPinnedToSplittableRandom() {
        // The algorithm is fixed by specification: a JDK or refactoring that changed it would silently
        // change every recorded seed's meaning, so pin it.
        assertEquals(new java.util.SplittableRandom(7).nextLong(), Rng.of(7).nextLong());
    }

    @Test
    void forkIgnoresSiblingCreationOrderAndParentDraws() {
        Rng p1 = Rng.of(1234);
        Rng a1 = p1.fork("network");
        Rng b1 = p1.fork("faults");

        Rng p2 = Rng.of(1234);
        draw(p2, 17); // the parent has been used in between
        Rng b2 = p2.fork("faults");
        Rng c2 = p2.fork("a-new-consumer");
        Rng a2 = p2.fork("network");

        assertEquals(draw(a1, 50), draw(a2, 50));
        assertEquals(draw(b1, 50), draw(b2, 50));
        assertNotEquals(draw(Rng.of(1234).fork("network"), 5), draw(c2, 5));
    }

    @Test
    void forksAreDistinctFromEachOtherAndFromTheParent() {
        Rng p = Rng.of(99);
        TreeSet<Long> firsts = new TreeSet<>();
        firsts.add(Rng.of(99).nextLong());
        for (int i = 0; i < 200; i++) {
            firsts.add(p.fork("node/" + i).nextLong());
        }
        assertEquals(201, firsts.size(), "forks collided");
        assertNotEquals(p.fork("x").seed(), p.fork("y").seed());
        assertNotEquals(p.fork("x").seed(), Rng.of(100).fork("x").seed());
        assertEquals(p.fork("x").fork("y").seed(), Rng.of(99).fork("x").fork("y").seed());
    }

    @Test
    void boundedHelpersStayInRange() {
        Rng r = Rng.of(5);
        for (int i = 0; i < 10_000; i++) {
            int a = r.nextInt(7);
            assertTrue(a >= 0 && a < 7);
            long b = r.nextLong(1_000_000_000_000L);
            assertTrue(b >= 0 && b < 1_000_000_000_000L);
            long c = r.uniform(-3, 3);
            assertTrue(c >= -3 && c <= 3);
            long d = r.uniform(Long.MAX_VALUE - 2, Long.MAX_VALUE);
            assertTrue(d >= Long.MAX_VALUE - 2);
            double e = r.uniformDouble(2.0, 2.5);
            assertTrue(e >= 2.0 && e < 2.5);
            assertTrue(r.exponential(10) >= 0);
        }
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
        assertThrows(IllegalArgumentException.class, () -> r.uniform(3, 2));
        assertThrows(IllegalArgumentException.class, () -> r.chance(1.5));
        assertThrows(IllegalArgumentException.class, () -> r.pick(List.of()));
    }

    @Test
    void uniformHitsBothEnds() {
        Rng r = Rng.of(6);
        TreeSet<Long> seen = new TreeSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(r.uniform(-2, 2));
        }
        assertEquals(new TreeSet<>(List.of(-2L, -1L, 0L, 1L, 2L)), seen);
    }

    @Test
    void chanceExtremesAndFrequency() {
        Rng r = Rng.of(8);
        int hits = 0;
        for (int i = 0; i < 10_000; i++) {
            assertFalse(r.chance(0));
            assertTrue(r.chance(1));
            if (r.chance(0.25)) {
                hits++;
            }
        }
        assertTrue(hits > 2300 && hits < 2700, "chance(0.25) hit " + hits + " of 10000");
    }

    @Test
    void exponentialHasTheRequestedMean() {
        Rng r = Rng.of(9);
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            sum += r.exponential(50);
        }
        double mean = sum / n;
        assertTrue(mean > 47 && mean < 53, "mean " + mean);
    }

    @Test
    void shuffleIsAPermutationAndLeavesInputAlone() {
        List<Integer> in = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        List<Integer> out = Rng.of(10).shuffle(in);
        assertEquals(new TreeSet<>(in), new TreeSet<>(out));
        assertEquals(in.size(), out.size());
        assertNotEquals(in, out, "seed 10 happens to shuffle to the identity; pick another seed");
        assertEquals(out, Rng.of(10).shuffle(in));
    }

    @Test
    void fnvIsTheSpecifiedFunction() {
        // FNV-1a 64 offset basis for the empty string; stability across JVMs is the point.
        assertEquals(0xcbf29ce484222325L, Rng.fnv1a64(""));
        assertNotEquals(Rng.fnv1a64("ab"), Rng.fnv1a64("ba"));
    }
}
