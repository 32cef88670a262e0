package movescope.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The shrink trees behind {@link Gen}'s primitives. */
final class Shrinks {
    private Shrinks() {}

    /** The value in [lo, hi] nearest to 0: integers shrink toward it. */
    static long target(long lo, long hi) {
        if (lo <= 0 && 0 <= hi) {
            return 0;
        }
        return lo > 0 ? lo : hi;
    }

    /**
     * Candidates between {@code target} and {@code v}, most aggressive first: the target itself, then
     * v minus halving distances (v - d/2, v - d/4, …, v - 1 toward the target). Taking the first
     * failing one repeatedly is a binary search for the boundary.
     */
    static List<Long> towards(long v, long target) {
        // LinkedHashSet: de-duplicates the halving sequence while keeping its order.
        java.util.LinkedHashSet<Long> out = new java.util.LinkedHashSet<>();
        if (v == target) {
            return List.of();
        }
        out.add(target);
        // d can overflow only for spans wider than Long.MAX_VALUE, which no generator here produces.
        long d = v - target;
        for (long step = d / 2; step != 0; step /= 2) {
            out.add(v - step);
        }
        out.add(v - Long.signum(d));
        return List.copyOf(out);
    }

    static Shrinkable<Long> longTree(long v, long target) {
        return new Shrinkable<>(v, () -> {
            List<Shrinkable<Long>> out = new ArrayList<>();
            for (long c : towards(v, target)) {
                out.add(longTree(c, target));
            }
            return out;
        });
    }

    static <T> Shrinkable<List<T>> listTree(List<Shrinkable<T>> items, int min) {
        List<T> value = new ArrayList<>(items.size());
        for (Shrinkable<T> s : items) {
            value.add(s.value());
        }
        return new Shrinkable<>(List.copyOf(value), () -> {
            List<Shrinkable<List<T>>> out = new ArrayList<>();
            int n = items.size();
            // 1. remove chunks, biggest first
            for (int chunk = n - min; chunk >= 1; chunk = chunk == 1 ? 0 : Math.max(1, chunk / 2)) {
                for (int start = 0; start + chunk <= n; start += chunk) {
                    List<Shrinkable<T>> rest = new ArrayList<>(items.subList(0, start));
                    rest.addAll(items.subList(start + chunk, n));
                    out.add(listTree(rest, min));
                }
            }
            // 2. shrink one element in place
            for (int i = 0; i < n; i++) {
                for (Shrinkable<T> smaller : items.get(i).shrinks()) {
                    List<Shrinkable<T>> copy = new ArrayList<>(items);
                    copy.set(i, smaller);
                    out.add(listTree(copy, min));
                }
            }
            return out;
        });
    }

    static <T> List<List<T>> shrinkListByValue(List<T> value, int min, Function<T, List<T>> elementShrink) {
        List<List<T>> out = new ArrayList<>();
        int n = value.size();
        for (int chunk = n - min; chunk >= 1; chunk = chunk == 1 ? 0 : Math.max(1, chunk / 2)) {
            for (int start = 0; start + chunk <= n; start += chunk) {
                List<T> rest = new ArrayList<>(value.subList(0, start));
                rest.addAll(value.subList(start + chunk, n));
                out.add(List.copyOf(rest));
            }
        }
        for (int i = 0; i < n; i++) {
            for (T smaller : elementShrink.apply(value.get(i))) {
                List<T> copy = new ArrayList<>(value);
                copy.set(i, smaller);
                out.add(copy);
            }
        }
        return out;
    }

    static <A, B, R> Shrinkable<R> zipTree(Shrinkable<A> a, Shrinkable<B> b,
            BiFunction<? super A, ? super B, ? extends R> f) {
        return new Shrinkable<>(f.apply(a.value(), b.value()), () -> {
            List<Shrinkable<R>> out = new ArrayList<>();
            for (Shrinkable<A> sa : a.shrinks()) {
                out.add(zipTree(sa, b, f));
            }
            for (Shrinkable<B> sb : b.shrinks()) {
                out.add(zipTree(a, sb, f));
            }
            return out;
        });
    }
}
