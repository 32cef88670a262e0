package movescope.model.migration.lin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import movescope.gen.Rng;
import movescope.model.migration.MigrationTable;
import movescope.model.migration.TableLayout;

/**
 * Runs scenarios on REAL threads (test code only: model/ itself never creates one) and checks each recorded
 * history with {@link WingGongChecker}. Each round's scenario comes from {@code Rng.of(seed).fork("round/" +
 * r)}, so the operations are reproducible from the seed; the interleaving the OS picks is not — which is why
 * a violation prints its whole history, and why the deterministic {@link InterleavingExplorer} exists.
 */
public final class RealThreadRunner {
    private RealThreadRunner() {}

    public record Found(int round, List<List<LinOp>> scenario, List<Event> history) {}

    public record Report(long seed, int rounds, int violations, Optional<Found> first) {}

    public static Report run(TableLayout layout, RouteMode mode, long seed, int rounds,
            Function<Rng, List<List<LinOp>>> scenarios) throws InterruptedException {
        return run(layout, mode, seed, rounds, scenarios, false);
    }

    /** As {@link #run}, optionally stopping at the first non-linearizable history. */
    public static Report run(TableLayout layout, RouteMode mode, long seed, int rounds,
            Function<Rng, List<List<LinOp>>> scenarios, boolean stopAtFirst) throws InterruptedException {
        Rng root = Rng.of(seed);
        int violations = 0;
        Found first = null;
        for (int r = 0; r < rounds; r++) {
            List<List<LinOp>> scenario = scenarios.apply(root.fork("round/" + r));
            List<Event> history = runOnce(layout.create(), mode, scenario);
            if (WingGongChecker.linearize(history, SequentialSpec.empty()).isEmpty()) {
                violations++;
                if (first == null) {
                    first = new Found(r, scenario, history);
                }
                if (stopAtFirst) {
                    return new Report(seed, r + 1, violations, Optional.of(first));
                }
            }
        }
        return new Report(seed, rounds, violations, Optional.ofNullable(first));
    }

    static List<Event> runOnce(MigrationTable table, RouteMode mode, List<List<LinOp>> scenario)
            throws InterruptedException {
        int n = scenario.size();
        CyclicBarrier barrier = new CyclicBarrier(n);
        AtomicLong clock = new AtomicLong();
        List<List<Event>> perThread = new ArrayList<>();
        AtomicReference<Throwable> crash = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            List<Event> mine = new ArrayList<>();
            perThread.add(mine);
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    barrier.await(); // start together to maximise overlap
                    for (LinOp op : scenario.get(id)) {
                        long inv = clock.incrementAndGet();
                        Object res = OpRun.runAtomically(op, table, mode);
                        long resp = clock.incrementAndGet();
                        mine.add(new Event(id, op, res, inv, resp));
                    }
                } catch (Throwable e) {
                    crash.compareAndSet(null, e);
                }
            }, "lin-" + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        if (crash.get() != null) {
            throw new IllegalStateException("worker thread failed", crash.get());
        }
        List<Event> all = new ArrayList<>();
        perThread.forEach(all::addAll);
        return all;
    }
}
