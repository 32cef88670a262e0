package movescope.model.migration.lin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Wing &amp; Gong's linearizability check (with Lowe's memoization of visited (linearized-set, state)
 * configurations): a history is linearizable iff its operations can be ordered so that (1) the order
 * respects real time — an operation that returned before another was invoked comes first — and (2) running
 * them in that order on {@link SequentialSpec} yields exactly the recorded results. Exhaustive: it returns
 * a witness order or proves there is none. Histories here are small (≤ 63 operations).
 */
public final class WingGongChecker {
    private WingGongChecker() {}

    /** A witness order if the history is linearizable, else empty. */
    public static Optional<List<Event>> linearize(List<Event> history, SequentialSpec initial) {
        if (history.size() > 63) {
            throw new IllegalArgumentException("history too long for the bitmask search: " + history.size());
        }
        List<Event> events = new ArrayList<>(history);
        events.sort(Comparator.comparingLong(Event::invoke));
        Deque<Event> order = new ArrayDeque<>();
        TreeSet<String> dead = new TreeSet<>();
        return search(events, 0L, initial, order, dead) ? Optional.of(List.copyOf(order)) : Optional.empty();
    }

    private static boolean search(List<Event> events, long done, SequentialSpec state, Deque<Event> order,
            TreeSet<String> dead) {
        int n = events.size();
        if (done == (n == 64 ? -1L : (1L << n) - 1)) {
            return true;
        }
        long minResponse = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            if ((done & (1L << i)) == 0) {
                minResponse = Math.min(minResponse, events.get(i).response());
            }
        }
        for (int i = 0; i < n; i++) {
            Event e = events.get(i);
            // e may go next only if no pending operation returned before e was invoked
            if ((done & (1L << i)) != 0 || e.invoke() > minResponse) {
                continue;
            }
            SequentialSpec.Step step = state.apply(e.op());
            if (!step.result().equals(e.result())) {
                continue;
            }
            long nextDone = done | (1L << i);
            String key = nextDone + "|" + step.next();
            if (dead.contains(key)) {
                continue;
            }
            order.addLast(e);
            if (search(events, nextDone, step.next(), order, dead)) {
                return true;
            }
            order.removeLast();
            dead.add(key);
        }
        return false;
    }

    /** Multi-line rendering of a history, one event per line, in invocation order. */
    public static String render(List<Event> history) {
        List<Event> sorted = new ArrayList<>(history);
        sorted.sort(Comparator.comparingLong(Event::invoke));
        StringBuilder sb = new StringBuilder();
        for (Event e : sorted) {
            sb.append("    ").append(e).append('\n');
        }
        return sb.toString();
    }
}
