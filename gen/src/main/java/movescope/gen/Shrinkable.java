package movescope.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A generated value with its shrink candidates, computed lazily (a rose tree). Shrinking is integrated:
 * the tree is built alongside the value, so {@link Gen#map} and the other combinators keep shrinking
 * without needing an inverse function. Candidates are ordered most-aggressive first, so a greedy
 * shrinker that takes the first failing candidate converges quickly.
 */
public record Shrinkable<T>(T value, Supplier<List<Shrinkable<T>>> candidates) {
    public Shrinkable {
        Objects.requireNonNull(candidates, "candidates");
    }

    /** A value that cannot shrink. */
    public static <T> Shrinkable<T> leaf(T value) {
        return new Shrinkable<>(value, List::of);
    }

    /** The candidates, computed now. */
    public List<Shrinkable<T>> shrinks() {
        return candidates.get();
    }

    public <R> Shrinkable<R> map(Function<? super T, ? extends R> f) {
        Supplier<List<Shrinkable<T>>> mine = candidates;
        return new Shrinkable<>(f.apply(value), () -> {
            List<Shrinkable<R>> out = new ArrayList<>();
            for (Shrinkable<T> c : mine.get()) {
                out.add(c.map(f));
            }
            return out;
        });
    }
}
