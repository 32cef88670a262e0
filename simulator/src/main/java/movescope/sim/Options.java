package movescope.sim;

import java.util.function.Consumer;

/**
 * How to run: whether heartbeats appear in the trace (they are most of the events, so not by default),
 * whether to keep every trace line in the result, an optional sink receiving each line as it is produced
 * (e.g. a file writer), how many last lines a violation excerpt shows, and how the invariant checks get
 * the nodes' routes ({@link Checks}).
 */
public record Options(boolean traceHeartbeats, boolean keepTrace, Consumer<String> traceSink, int excerptLines,
        Checks checks) {
    public static final Options DEFAULT = new Options(false, false, null, 20, Checks.INCREMENTAL);

    /**
     * How checks learn which node accepts or redirects a probe key. All three give the same verdicts, events
     * and traces; only the cost differs.
     */
    public enum Checks {
        /** The incremental route cache ({@code movescope.sim.check.RouteCache}): only changed nodes are routed. */
        INCREMENTAL,
        /** Route every node from scratch at every check, as before the cache existed (slow on big clusters). */
        REFERENCE,
        /**
         * The cache, read for every probe key after every event, and at every read every node routed from
         * scratch as well; a difference stops the run with an IllegalStateException. For tests: it proves
         * the cache is never stale, whichever invariants are enabled. Slow.
         */
        AUDITED
    }

    public Options {
        if (excerptLines < 0) {
            throw new IllegalArgumentException("excerptLines must be >= 0");
        }
        java.util.Objects.requireNonNull(checks, "checks");
    }

    /** The options of the four-argument form, with the incremental checks. */
    public Options(boolean traceHeartbeats, boolean keepTrace, Consumer<String> traceSink, int excerptLines) {
        this(traceHeartbeats, keepTrace, traceSink, excerptLines, Checks.INCREMENTAL);
    }

    public Options withKeepTrace(boolean keep) {
        return new Options(traceHeartbeats, keep, traceSink, excerptLines, checks);
    }

    public Options withTraceHeartbeats(boolean hb) {
        return new Options(hb, keepTrace, traceSink, excerptLines, checks);
    }

    public Options withTraceSink(Consumer<String> sink) {
        return new Options(traceHeartbeats, keepTrace, sink, excerptLines, checks);
    }

    public Options withChecks(Checks c) {
        return new Options(traceHeartbeats, keepTrace, traceSink, excerptLines, c);
    }
}
