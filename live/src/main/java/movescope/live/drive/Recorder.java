package movescope.live.drive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import movescope.sim.trace.TraceLog;

/**
 * The live run's history, shared by the step threads: every request and reply (one {@link Hop} per request
 * a client or the operator sent, redirects and QUIESCED retries included) and every lifecycle step, also
 * written as NDJSON in the simulator's trace format (keys sorted, {@code action}, {@code t}, {@code seq})
 * with {@code t} the wall-clock ms since the run started and {@code wallMs} the epoch time.
 */
public final class Recorder {
    /** One request and its reply ({@code reply} null: none by the end; normalized to scenario addresses). */
    public record Hop(int step, String from, String node, List<String> args, long sentMs, String reply, long replyMs) {}

    private final long t0Nanos;
    private final TraceLog trace;
    private final List<Hop> hops = new ArrayList<>();

    public Recorder(long t0Nanos, Consumer<String> sink) {
        this.t0Nanos = t0Nanos;
        this.trace = new TraceLog(20, true, sink);
    }

    public long nowMs() {
        return (System.nanoTime() - t0Nanos) / 1_000_000L;
    }

    public synchronized void request(int step, String from, String node, List<String> args, int hop) {
        Map<String, Object> f = new TreeMap<>();
        f.put("step", step);
        f.put("from", from);
        f.put("node", node);
        f.put("args", List.copyOf(args));
        f.put("hop", hop);
        f.put("wallMs", System.currentTimeMillis());
        trace.add(nowMs(), "LiveRequest", f);
    }

    public synchronized void reply(int step, String from, String node, List<String> args, long sentMs, String reply) {
        reply(step, from, node, args, sentMs, reply, null);
    }

    /** {@code error}: what the socket said when the reply is one of live's own connection texts. */
    public synchronized void reply(int step, String from, String node, List<String> args, long sentMs, String reply,
            String error) {
        long now = nowMs();
        hops.add(new Hop(step, from, node, List.copyOf(args), sentMs, reply, reply == null ? -1 : now));
        Map<String, Object> f = new TreeMap<>();
        f.put("step", step);
        f.put("from", from);
        f.put("node", node);
        f.put("reply", reply == null ? "(no reply)" : reply);
        if (error != null) {
            f.put("error", error);
        }
        f.put("wallMs", System.currentTimeMillis());
        trace.add(now, "LiveReply", f);
    }

    public synchronized void step(int step, String doName, String node, String outcome, String note) {
        Map<String, Object> f = new TreeMap<>();
        f.put("step", step);
        f.put("do", doName);
        if (node != null) {
            f.put("node", node);
        }
        f.put("outcome", outcome);
        if (note != null) {
            f.put("note", note);
        }
        f.put("wallMs", System.currentTimeMillis());
        trace.add(nowMs(), "LiveStep", f);
    }

    public synchronized void read(String node, List<String> args, String reply) {
        Map<String, Object> f = new TreeMap<>();
        f.put("node", node);
        f.put("args", List.copyOf(args));
        f.put("reply", reply);
        f.put("wallMs", System.currentTimeMillis());
        trace.add(nowMs(), "LiveRead", f);
    }

    public synchronized List<Hop> hops() {
        return List.copyOf(hops);
    }

    public synchronized List<String> traceLines() {
        return trace.lines();
    }

    public synchronized String traceSha256() {
        return trace.sha256();
    }
}
