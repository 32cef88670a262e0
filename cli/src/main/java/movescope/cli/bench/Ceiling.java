package movescope.cli.bench;

import java.util.SplittableRandom;
import movescope.sim.engine.EventQueue;

/**
 * The ceiling: the simulator's own {@link EventQueue} driven by no-op events, the loop shaped like the
 * simulator's (peek the time, stop at the end, poll, advance the clock, count, handle), each handled event
 * scheduling one successor so the queue keeps the size it was filled to — the size the simulated workload's
 * agenda had on average. No simulator can process events faster than this loop on the same heap.
 */
public final class Ceiling {
    private Ceiling() {
    }

    /** A no-op event: handling it only bumps a counter (so the JIT cannot drop the loop). */
    static final class NoOp {
        long fired;

        void handle() {
            fired++;
        }
    }

    /** The loop over a queue kept at {@code queueSize}, for about {@code budgetNanos}; returns events and nanos. */
    public static Timing run(int queueSize, long budgetNanos) {
        int size = Math.max(1, queueSize);
        // Delays between an event and its successor: exponential with a mean of 10 ms, in whole milliseconds (as
        // the simulator's clock), precomputed so drawing them costs an array read.
        SplittableRandom r = new SplittableRandom(42L);
        long[] delays = new long[4096];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = Math.max(0, Math.round(-Math.log(1 - r.nextDouble()) * 10.0));
        }
        EventQueue<NoOp> agenda = new EventQueue<>();
        NoOp[] payloads = new NoOp[Math.min(size, 64)];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = new NoOp();
        }
        for (int i = 0; i < size; i++) {
            agenda.schedule(r.nextLong(0, 200), payloads[i % payloads.length]);
        }
        long end = Long.MAX_VALUE / 4;
        long now = 0;
        long events = 0;
        int d = 0;
        Meter meter = Meter.start();
        long elapsed;
        // Check the clock every 4,096 events: nanoTime is not free.
        while (true) {
            for (int k = 0; k < 4096; k++) {
                long t = agenda.peekTime();
                if (t > end) {
                    break;
                }
                NoOp e = agenda.poll();
                now = t;
                events++;
                e.handle();
                agenda.schedule(now + delays[d], e);
                d = (d + 1) & (delays.length - 1);
            }
            long tn = meter.elapsedNanos();
            if (tn >= budgetNanos) {
                elapsed = tn;
                break;
            }
        }
        long fired = 0;
        for (NoOp p : payloads) {
            fired += p.fired;
        }
        if (fired != events || agenda.size() != size) {
            throw new IllegalStateException("ceiling loop miscounted: " + fired + " fired, " + events + " events");
        }
        return meter.stop(events, 1, elapsed);
    }

    /**
     * What one timed section did: events, runs (1 for the ceiling), the wall nanoseconds it took, the measuring
     * thread's CPU nanoseconds, the JVM's GC nanoseconds meanwhile and the bytes the measuring thread
     * allocated (each of the last three negative when unknown).
     */
    public record Timing(long events, long runs, long nanos, long cpuNanos, long gcNanos, long allocatedBytes) {
        public double seconds() {
            return nanos / 1e9;
        }

        public double cpuSeconds() {
            return cpuNanos / 1e9;
        }

        /** Events per second of this thread's CPU time; NaN when the CPU time is unknown. */
        public double eventsPerCpuSec() {
            return cpuNanos > 0 ? events / cpuSeconds() : Double.NaN;
        }

        public double eventsPerSec() {
            return events / seconds();
        }

        /** Bytes allocated per event; NaN when unknown. */
        public double bytesPerEvent() {
            return allocatedBytes >= 0 ? (double) allocatedBytes / events : Double.NaN;
        }

        public double runsPerSec() {
            return runs / seconds();
        }
    }
}
