package movescope.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Proves the agenda delivers events by (time, scheduling order): earlier times first, ties in the order
 * they were scheduled, across heap growth and interleaved polls. Reproduce with
 * {@code mvn -o -q -pl simulator test -Dtest=EventQueueTest}.
 */
class EventQueueTest {
    @Test
    void tiesKeepSchedulingOrder() {
        EventQueue<String> q = new EventQueue<>();
        q.schedule(5, "b1");
        q.schedule(3, "a");
        q.schedule(5, "b2");
        q.schedule(5, "b3");
        q.schedule(4, "a2");
        List<String> out = new ArrayList<>();
        while (!q.isEmpty()) {
            out.add(q.poll());
        }
        assertEquals(List.of("a", "a2", "b1", "b2", "b3"), out);
    }

    @Test
    void matchesASortedReferenceUnderRandomInterleaving() {
        EventQueue<long[]> q = new EventQueue<>();
        SplittableRandom r = new SplittableRandom(7);
        List<long[]> reference = new ArrayList<>();
        long seq = 0;
        long lastT = -1;
        long lastS = -1;
        for (int i = 0; i < 20_000; i++) {
            if (r.nextInt(3) > 0 || q.isEmpty()) {
                long t = (lastT < 0 ? 0 : lastT) + r.nextInt(50);
                long[] ev = {t, seq++};
                q.schedule(t, ev);
                reference.add(ev);
            } else {
                long t = q.peekTime();
                long[] ev = q.poll();
                assertEquals(t, ev[0]);
                assertTrue(ev[0] > lastT || (ev[0] == lastT && ev[1] > lastS), "order broken at " + i);
                long minT = Long.MAX_VALUE;
                long minS = Long.MAX_VALUE;
                for (long[] x : reference) {
                    if (x[0] < minT || (x[0] == minT && x[1] < minS)) {
                        minT = x[0];
                        minS = x[1];
                    }
                }
                assertEquals(minT, ev[0]);
                assertEquals(minS, ev[1]);
                reference.remove(ev);
                lastT = ev[0];
                lastS = ev[1];
            }
        }
    }

    @Test
    void emptyQueueRefusesToPoll() {
        assertThrows(IllegalStateException.class, () -> new EventQueue<String>().poll());
    }
}
