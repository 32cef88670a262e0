package movescope.sim.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * For {@link OrphanCopy}: the moves that have ended by a {@code Commit} (or, in the seed layout, its
 * {@code CommitInsert}) or an {@code Abort}, per prefix, in the order they ended. A move that died with its
 * source process never ends here (it was neither committed nor aborted). Fed by the run's trace; nothing
 * is ever forgotten, so the record of who took part in a move outlives crashes of the parties.
 */
public final class MoveEnds {
    /** One ended move: which, from whom to whom, how it ended and when ({@code seq} orders the ends). */
    public record Ended(String moveId, String prefix, String from, String to, boolean committed, boolean superseded,
            long at, long seq) {
        public String describe() {
            return "move " + moveId + " of " + prefix + " " + from + " -> " + to + " "
                    + (committed ? "committed" : "aborted") + " at " + at + " ms";
        }
    }

    /** prefix → its ended moves, oldest first. */
    private final TreeMap<String, List<Ended>> byPrefix = new TreeMap<>();
    private long seq;

    public void committed(String moveId, String prefix, String from, String to, boolean superseded, long at) {
        add(new Ended(moveId, prefix, from, to, true, superseded, at, seq++));
    }

    public void aborted(String moveId, String prefix, String from, String to, long at) {
        add(new Ended(moveId, prefix, from, to, false, false, at, seq++));
    }

    private void add(Ended e) {
        byPrefix.computeIfAbsent(e.prefix(), p -> new ArrayList<>()).add(e);
    }

    public boolean isEmpty() {
        return byPrefix.isEmpty();
    }

    /** The ended moves of every prefix of {@code key} (the key itself included), in the order they ended. */
    public List<Ended> covering(String key) {
        List<Ended> out = new ArrayList<>();
        if (byPrefix.isEmpty()) {
            return out;
        }
        for (Map.Entry<String, List<Ended>> e : byPrefix.headMap(key, true).entrySet()) {
            if (key.startsWith(e.getKey())) {
                out.addAll(e.getValue());
            }
        }
        out.sort((x, y) -> Long.compare(x.seq(), y.seq()));
        return out;
    }

    /** The sources and targets of the ended moves of prefixes of {@code key}, sorted. */
    public TreeSet<String> parties(String key) {
        TreeSet<String> out = new TreeSet<>();
        for (Ended e : covering(key)) {
            out.add(e.from());
            out.add(e.to());
        }
        return out;
    }

    /**
     * The commit that decides who should own {@code key} after the moves: the last one to end among the
     * commits of prefixes of the key that were not superseded (a superseded commit gave away a prefix that
     * had already come back to its source at a newer epoch).
     */
    public Optional<Ended> lastCommit(String key) {
        Ended last = null;
        for (Ended e : covering(key)) {
            if (e.committed() && !e.superseded()) {
                last = e;
            }
        }
        return Optional.ofNullable(last);
    }
}
