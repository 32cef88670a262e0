package movescope.cli.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What one timed section costs, read at its start and end: wall time ({@code System.nanoTime}), the measuring
 * thread's CPU time, the JVM's accumulated GC time (all collectors, all threads) and the bytes the measuring
 * thread allocated. Each reading that this JVM cannot provide is -1.
 */
final class Meter {
    private final long wall0;
    private final long cpu0;
    private final long gc0;
    private final long alloc0;

    private Meter() {
        gc0 = gcMillis();
        alloc0 = allocatedBytes();
        cpu0 = cpuNanos();
        wall0 = System.nanoTime();
    }

    static Meter start() {
        return new Meter();
    }

    long elapsedNanos() {
        return System.nanoTime() - wall0;
    }

    /** The section's numbers; {@code wallNanos} is the wall time the caller measured (its last clock reading). */
    Ceiling.Timing stop(long events, long runs, long wallNanos) {
        long cpu = cpuNanos();
        long alloc = allocatedBytes();
        long gc = gcMillis();
        return new Ceiling.Timing(events, runs, wallNanos, cpu0 < 0 || cpu < 0 ? -1 : cpu - cpu0,
                gc0 < 0 || gc < 0 ? -1 : (gc - gc0) * 1_000_000L, alloc0 < 0 || alloc < 0 ? -1 : alloc - alloc0);
    }

    /** This thread's CPU time in nanoseconds, -1 when unknown. */
    static long cpuNanos() {
        ThreadMXBean b = ManagementFactory.getThreadMXBean();
        return b.isCurrentThreadCpuTimeSupported() ? b.getCurrentThreadCpuTime() : -1;
    }

    /** Milliseconds all collectors have spent so far, -1 when unknown. */
    static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            long t = b.getCollectionTime();
            if (t < 0) {
                return -1;
            }
            sum += t;
        }
        return sum;
    }

    /** Bytes this thread has allocated so far (HotSpot's extension of ThreadMXBean), -1 when unknown. */
    static long allocatedBytes() {
        ThreadMXBean b = ManagementFactory.getThreadMXBean();
        if (b instanceof com.sun.management.ThreadMXBean hs && hs.isThreadAllocatedMemorySupported()
                && hs.isThreadAllocatedMemoryEnabled()) {
            return hs.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }
}
