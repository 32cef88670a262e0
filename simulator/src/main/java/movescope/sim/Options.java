package movescope.sim;

import java.util.function.Consumer;

/**
 * How to run: whether heartbeats appear in the trace (they are most of the events, so not by default),
 * whether to keep every trace line in the result, an optional sink receiving each line as it is produced
 * (e.g. a file writer), and how many last lines a violation excerpt shows.
 */
public record Options(boolean traceHeartbeats, boolean keepTrace, Consumer<String> traceSink, int excerptLines) {
    public static final Options DEFAULT = new Options(false, false, null, 20);

    public Options {
        if (excerptLines < 0) {
            throw new IllegalArgumentException("excerptLines must be >= 0");
        }
    }

    public Options withKeepTrace(boolean keep) {
        return new Options(traceHeartbeats, keep, traceSink, excerptLines);
    }

    public Options withTraceHeartbeats(boolean hb) {
        return new Options(hb, keepTrace, traceSink, excerptLines);
    }

    public Options withTraceSink(Consumer<String> sink) {
        return new Options(traceHeartbeats, keepTrace, sink, excerptLines);
    }
}
