package movescope.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A generator of test inputs: {@link #tree} draws a value from an {@link Rng} at a given size together
 * with its shrink tree. {@link #generate} is the value alone; {@link #shrink} the first level of
 * candidates for a value this generator produced (value-based, so it is exact for the primitive
 * generators and lists of them; a {@link #map} without inverse cannot shrink by value and returns
 * nothing, which is why {@link Property} shrinks along the tree instead).
 *
 * <p>{@code size} bounds collection lengths; numeric ranges are given explicitly.
 */
@FunctionalInterface
public interface Gen<T> {
    Shrinkable<T> tree(Rng rng, int size);

    default T generate(Rng rng, int size) {
        return tree(rng, size).value();
    }

    /** Value-based shrink candidates; empty when this generator cannot shrink a bare value. */
    default List<T> shrink(T value) {
        return List.of();
    }

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "f");
        Gen<T> self = this;
        return (rng, size) -> self.tree(rng, size).map(f);
    }

    /** A generator that draws from this one, then from the generator {@code f} builds from the value. */
    default <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
        Gen<T> self = this;
        // The outer value's shrinks re-run the inner generator with a fork of the same Rng, so a shrunk
        // outer value keeps a comparable inner draw.
        return (rng, size) -> {
            long innerSeed = rng.nextLong();
            return bind(self.tree(rng, size), f, innerSeed, size);
        };
    }

    private static <T, R> Shrinkable<R> bind(Shrinkable<T> outer, Function<? super T, Gen<R>> f, long seed, int size) {
        Shrinkable<R> inner = f.apply(outer.value()).tree(Rng.of(seed), size);
        return new Shrinkable<>(inner.value(), () -> {
            List<Shrinkable<R>> out = new ArrayList<>();
            for (Shrinkable<T> o : outer.shrinks()) {
                out.add(bind(o, f, seed, size));
            }
            out.addAll(inner.shrinks());
            return out;
        });
    }

    // ---------------------------------------------------------------- primitives

    static <T> Gen<T> constant(T value) {
        return new Gen<>() {
            @Override
            public Shrinkable<T> tree(Rng rng, int size) {
                return Shrinkable.leaf(value);
            }
        };
    }

    /** Integers uniform in [lo, hi], shrinking toward 0 (or the bound nearest 0). */
    static Gen<Integer> choose(int lo, int hi) {
        return longs(lo, hi).map(Long::intValue).withShrink(v -> {
            List<Integer> out = new ArrayList<>();
            for (long c : Shrinks.towards(v, Shrinks.target(lo, hi))) {
                out.add((int) c);
            }
            return out;
        });
    }

    /** Same as {@link #choose}. */
    static Gen<Integer> ints(int lo, int hi) {
        return choose(lo, hi);
    }

    /** Longs uniform in [lo, hi], shrinking toward 0 (or the bound nearest 0). */
    static Gen<Long> longs(long lo, long hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
        }
        long target = Shrinks.target(lo, hi);
        return new Gen<>() {
            @Override
            public Shrinkable<Long> tree(Rng rng, int size) {
                return Shrinks.longTree(rng.uniform(lo, hi), target);
            }

            @Override
            public List<Long> shrink(Long value) {
                return Shrinks.towards(value, target);
            }
        };
    }

    /** One of {@code items}, shrinking toward the first. */
    @SafeVarargs
    static <T> Gen<T> elements(T... items) {
        return elements(List.of(items));
    }

    static <T> Gen<T> elements(List<T> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("elements() needs at least one item");
        }
        List<T> copy = List.copyOf(items);
        Gen<T> byIndex = choose(0, copy.size() - 1).map(copy::get);
        return new Gen<>() {
            @Override
            public Shrinkable<T> tree(Rng rng, int size) {
                return byIndex.tree(rng, size);
            }

            @Override
            public List<T> shrink(T value) {
                int i = copy.indexOf(value);
                return i <= 0 ? List.of() : copy.subList(0, i);
            }
        };
    }

    /** Picks one generator uniformly; shrinks within the chosen one. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> list = List.of(gens);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("oneOf() needs at least one generator");
        }
        return (rng, size) -> widen(rng.pick(list).tree(rng, size));
    }

    /** A weighted choice. */
    static <T> Gen<T> frequency(List<Weighted<T>> choices) {
        long total = 0;
        for (Weighted<T> w : choices) {
            total += w.weight();
        }
        if (total <= 0) {
            throw new IllegalArgumentException("frequency() needs a positive total weight");
        }
        List<Weighted<T>> copy = List.copyOf(choices);
        long sum = total;
        return (rng, size) -> {
            long r = rng.nextLong(sum);
            for (Weighted<T> w : copy) {
                if (r < w.weight()) {
                    return widen(w.gen().tree(rng, size));
                }
                r -= w.weight();
            }
            throw new IllegalStateException("unreachable: weights sum to " + sum);
        };
    }

    /** A weight and a generator for {@link #frequency}. */
    record Weighted<T>(int weight, Gen<? extends T> gen) {
        public Weighted {
            if (weight < 0) {
                throw new IllegalArgumentException("negative weight " + weight);
            }
            Objects.requireNonNull(gen, "gen");
        }
    }

    static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** Lists of 0..size elements. */
    static <T> Gen<List<T>> listOf(Gen<T> element) {
        return listOf(element, 0, Integer.MAX_VALUE);
    }

    /**
     * Lists of length in [min, min(max, max(min, size))]. Shrinks by removing chunks (half, quarter, …,
     * single elements) and then by shrinking single elements in place; never below {@code min}.
     */
    static <T> Gen<List<T>> listOf(Gen<T> element, int min, int max) {
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("bad list bounds [" + min + ", " + max + "]");
        }
        return new Gen<>() {
            @Override
            public Shrinkable<List<T>> tree(Rng rng, int size) {
                int hi = Math.min(max, Math.max(min, size));
                int n = rng.uniformInt(min, hi);
                List<Shrinkable<T>> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(element.tree(rng, size));
                }
                return Shrinks.listTree(items, min);
            }

            @Override
            public List<List<T>> shrink(List<T> value) {
                return Shrinks.shrinkListByValue(value, min, element::shrink);
            }
        };
    }

    /** Pairs two generators; shrinks the first component, then the second. */
    static <A, B, R> Gen<R> zip(Gen<A> a, Gen<B> b, BiFunction<? super A, ? super B, ? extends R> f) {
        return (rng, size) -> Shrinks.zipTree(a.tree(rng, size), b.tree(rng, size), f);
    }

    /** The same generator with a value-based shrinker attached (the tree is unchanged). */
    default Gen<T> withShrink(Function<T, List<T>> shrinker) {
        Gen<T> self = this;
        return new Gen<>() {
            @Override
            public Shrinkable<T> tree(Rng rng, int size) {
                return self.tree(rng, size);
            }

            @Override
            public List<T> shrink(T value) {
                return shrinker.apply(value);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> Shrinkable<T> widen(Shrinkable<? extends T> s) {
        // Shrinkable is read-only in T, so viewing Shrinkable<? extends T> as Shrinkable<T> is safe.
        return (Shrinkable<T>) s;
    }
}
