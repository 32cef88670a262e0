package movescope.sim.net;

import java.util.Set;
import java.util.TreeSet;

/** Links cut from every endpoint of {@code from} to every endpoint of {@code to} (and back unless one-way). */
public record Partition(long id, Set<String> from, Set<String> to, boolean oneWay) {
    public Partition {
        from = new TreeSet<>(from);
        to = new TreeSet<>(to);
    }

    public boolean cuts(String src, String dst) {
        return (from.contains(src) && to.contains(dst)) || (!oneWay && from.contains(dst) && to.contains(src));
    }
}
