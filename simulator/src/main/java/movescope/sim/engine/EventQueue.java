package movescope.sim.engine;

import java.util.Arrays;

/**
 * The simulator's agenda: events ordered by (virtual time, sequence number). The sequence number is
 * assigned at scheduling, so two events at the same millisecond run in the order they were scheduled —
 * never in an order that depends on hashing or identity. A binary heap over parallel arrays keeps it free
 * of per-event comparator overhead.
 *
 * @param <E> the event payload
 */
public final class EventQueue<E> {
    private long[] times = new long[1024];
    private long[] seqs = new long[1024];
    private Object[] payloads = new Object[1024];
    private int size;
    private long nextSeq;

    /** Schedules {@code payload} at {@code time}; returns its sequence number. */
    public long schedule(long time, E payload) {
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            seqs = Arrays.copyOf(seqs, n);
            payloads = Arrays.copyOf(payloads, n);
        }
        long seq = nextSeq++;
        int i = size++;
        // sift up
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(time, seq, times[parent], seqs[parent])) {
                break;
            }
            times[i] = times[parent];
            seqs[i] = seqs[parent];
            payloads[i] = payloads[parent];
            i = parent;
        }
        times[i] = time;
        seqs[i] = seq;
        payloads[i] = payload;
        return seq;
    }

    private static boolean less(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** Time of the next event; only when not empty. */
    public long peekTime() {
        if (size == 0) {
            throw new IllegalStateException("empty queue");
        }
        return times[0];
    }

    /** Sequence number of the next event; only when not empty. */
    public long peekSeq() {
        if (size == 0) {
            throw new IllegalStateException("empty queue");
        }
        return seqs[0];
    }

    /** Removes and returns the next event's payload. */
    @SuppressWarnings("unchecked")
    public E poll() {
        if (size == 0) {
            throw new IllegalStateException("empty queue");
        }
        E top = (E) payloads[0];
        size--;
        long t = times[size];
        long s = seqs[size];
        Object p = payloads[size];
        payloads[size] = null;
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            if (r < size && less(times[r], seqs[r], times[c], seqs[c])) {
                c = r;
            }
            if (!less(times[c], seqs[c], t, s)) {
                break;
            }
            times[i] = times[c];
            seqs[i] = seqs[c];
            payloads[i] = payloads[c];
            i = c;
        }
        if (size > 0) {
            times[i] = t;
            seqs[i] = s;
            payloads[i] = p;
        }
        return top;
    }
}
