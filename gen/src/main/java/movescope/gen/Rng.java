package movescope.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The project's one source of randomness: a seeded {@link SplittableRandom} (an algorithm fixed by its
 * specification, so one seed gives one sequence on every JVM) that can {@link #fork} named children.
 *
 * <p>A fork's seed is a function of the parent's SEED and the label only — not of how many numbers the
 * parent has drawn or which siblings were forked before — so adding a consumer (a new fault injector, a
 * new node) never shifts the sequence another component sees. Forking the same label twice yields two
 * generators with the same sequence; use distinct labels (e.g. {@code "node/" + id}).
 *
 * <p>Not thread-safe, by design: the simulator is single-threaded.
 */
public final class Rng {
    private final long seed;
    private final SplittableRandom random;

    private Rng(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    public static Rng of(long seed) {
        return new Rng(seed);
    }

    /** The seed this generator was created from (what a failure report prints). */
    public long seed() {
        return seed;
    }

    /** A child generator named {@code label}; see the class comment for why it ignores draw history. */
    public Rng fork(String label) {
        Objects.requireNonNull(label, "label");
        return new Rng(mix64(seed ^ mix64(fnv1a64(label))));
    }

    /** FNV-1a over the label's UTF-16 code units: stable across JVMs, unlike String.hashCode's spread. */
    static long fnv1a64(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            h ^= (c & 0xff);
            h *= 0x100000001b3L;
            h ^= (c >>> 8);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finalizer (Stafford variant 13): a bijection that spreads nearby seeds apart. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        return random.nextLong();
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return random.nextInt(bound);
    }

    /** Uniform in [0, bound). */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return random.nextLong(bound);
    }

    /** Uniform in [lo, hi], both inclusive. */
    public int uniformInt(int lo, int hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
        }
        return (int) uniform(lo, hi);
    }

    /** Uniform in [lo, hi], both inclusive. */
    public long uniform(long lo, long hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
        }
        if (lo == Long.MIN_VALUE && hi == Long.MAX_VALUE) {
            return random.nextLong();
        }
        // SplittableRandom.nextLong(origin, bound) excludes bound; shift by one when hi + 1 would overflow.
        return hi == Long.MAX_VALUE ? random.nextLong(lo - 1, hi) + 1 : random.nextLong(lo, hi + 1);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return random.nextDouble();
    }

    /** Uniform in [lo, hi). */
    public double uniformDouble(double lo, double hi) {
        if (!(lo < hi)) {
            throw new IllegalArgumentException("empty range [" + lo + ", " + hi + ")");
        }
        return random.nextDouble(lo, hi);
    }

    public boolean nextBoolean() {
        return random.nextBoolean();
    }

    /** True with probability {@code p} (0 never, 1 always). */
    public boolean chance(double p) {
        if (p < 0 || p > 1 || Double.isNaN(p)) {
            throw new IllegalArgumentException("probability out of [0,1]: " + p);
        }
        return p > 0 && (p >= 1 || random.nextDouble() < p);
    }

    /** Exponentially distributed with the given mean (e.g. a delay), as a double ≥ 0. */
    public double exponential(double mean) {
        if (!(mean > 0)) {
            throw new IllegalArgumentException("mean must be positive: " + mean);
        }
        // 1 - u is in (0, 1], so the log is finite. StrictMath, not Math: Math.log may be an intrinsic whose
        // last bit differs between JVMs and CPUs, and one bit is enough to move an event by a millisecond;
        // StrictMath.log is fdlibm's, bit-identical everywhere (the determinism-across-JDKs promise).
        return -mean * StrictMath.log(1.0 - random.nextDouble());
    }

    /** Exponentially distributed, rounded down to a whole number (e.g. milliseconds). */
    public long exponentialLong(double mean) {
        double x = exponential(mean);
        return x >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) x;
    }

    public <T> T pick(List<T> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("cannot pick from an empty list");
        }
        return items.get(random.nextInt(items.size()));
    }

    /** A shuffled copy (Fisher–Yates); the input is not modified. */
    public <T> List<T> shuffle(List<T> items) {
        List<T> out = new ArrayList<>(items);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T tmp = out.get(i);
            out.set(i, out.get(j));
            out.set(j, tmp);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Rng(seed=" + seed + ")";
    }
}
