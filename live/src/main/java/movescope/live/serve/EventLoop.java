package movescope.live.serve;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one thread that steps every node of a served cluster, so the model sees its inputs one at a time as
 * in the simulator. Socket threads only read and {@link #post} what they read; timers are kept here and
 * fire on this thread. Time is the monotonic clock ({@link System#nanoTime()}) in ms since the loop
 * started, plus {@code epochMs} so a restarted serve process continues the time of its journal.
 */
public final class EventLoop implements AutoCloseable {
    private record Due(long atMs, long seq, String node, String timerId, long token) {}

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final PriorityQueue<Due> timers = new PriorityQueue<>((a, b) -> a.atMs != b.atMs
            ? Long.compare(a.atMs, b.atMs) : Long.compare(a.seq, b.seq));
    /** (node, timerId) → live token; a replaced or cancelled timer's queue entry is skipped when due. */
    private final Map<String, Long> liveTokens = new HashMap<>();
    private volatile long startNanos = System.nanoTime();
    /** While held, the clock stands at {@code epochMs} (see {@link #EventLoop(long, boolean, Consumer)}). */
    private volatile boolean held;
    private final long epochMs;
    private final Thread thread;
    private final Consumer<Throwable> onError;
    private volatile boolean running = true;
    private long seq;
    private TimerSink sink;

    /** Receives a due model timer on the loop thread. */
    public interface TimerSink {
        void fire(String node, String timerId);
    }

    public EventLoop(long epochMs, Consumer<Throwable> onError) {
        this(epochMs, false, onError);
    }

    /**
     * {@code hold}: the clock stands at {@code epochMs} until {@link #startClock()}; what happens before (the
     * boot, a driver's preload) happens at that one instant, as everything before the first step does in the
     * simulator, and timers set meanwhile are due that many ms after the clock starts.
     */
    public EventLoop(long epochMs, boolean hold, Consumer<Throwable> onError) {
        this.held = hold;
        this.epochMs = epochMs;
        this.onError = onError;
        this.thread = new Thread(this::run, "movescope-serve-loop");
        this.thread.setDaemon(true);
    }

    public void start(TimerSink s) {
        this.sink = s;
        thread.start();
    }

    public long nowMs() {
        if (held) {
            return epochMs;
        }
        return epochMs + (System.nanoTime() - startNanos) / 1_000_000L;
    }

    /** Starts a held clock (a no-op once it runs): time {@code epochMs} is now. Any thread. */
    public synchronized void startClock() {
        if (held) {
            startNanos = System.nanoTime();
            held = false;
        }
    }

    public boolean clockHeld() {
        return held;
    }

    public boolean onLoopThread() {
        return Thread.currentThread() == thread;
    }

    public void post(Runnable r) {
        if (running) {
            tasks.add(r);
        }
    }

    /** Loop thread only. Setting a timer again replaces it. */
    public void setTimer(String node, String timerId, long delayMs) {
        long token = ++seq;
        liveTokens.put(node + "\u0000" + timerId, token);
        timers.add(new Due(nowMs() + delayMs, token, node, timerId, token));
    }

    /** Loop thread only. */
    public void cancelTimer(String node, String timerId) {
        liveTokens.remove(node + "\u0000" + timerId);
    }

    /** Loop thread only: forget every timer of a node that died. */
    public void cancelAll(String node) {
        liveTokens.keySet().removeIf(k -> k.startsWith(node + "\u0000"));
    }

    /** Loop thread only: run {@code r} after {@code delayMs} (not a model timer). */
    public void later(long delayMs, Runnable r) {
        long token = ++seq;
        String key = "\u0001later\u0000" + token;
        liveTokens.put(key, token);
        laterTasks.put(token, r);
        timers.add(new Due(nowMs() + delayMs, token, null, key, token));
    }

    private final Map<Long, Runnable> laterTasks = new HashMap<>();

    private void run() {
        while (running) {
            try {
                long wait = 50;
                Due next = timers.peek();
                if (next != null) {
                    wait = Math.max(0, Math.min(wait, next.atMs - nowMs()));
                }
                Runnable r = tasks.poll(wait, TimeUnit.MILLISECONDS);
                if (r != null) {
                    r.run();
                    // Drain what arrived meanwhile before timers, in arrival order.
                    while ((r = tasks.poll()) != null && running) {
                        r.run();
                    }
                }
                long now = nowMs();
                while (running && (next = timers.peek()) != null && next.atMs <= now) {
                    timers.poll();
                    String key = next.node == null ? next.timerId : next.node + "\u0000" + next.timerId;
                    Long live = liveTokens.get(key);
                    if (live == null || live != next.token) {
                        continue;
                    }
                    liveTokens.remove(key);
                    if (next.node == null) {
                        Runnable t = laterTasks.remove(next.token);
                        if (t != null) {
                            t.run();
                        }
                    } else {
                        sink.fire(next.node, next.timerId);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) {
                onError.accept(t);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
