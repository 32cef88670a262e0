package movescope.model.migration.lin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import movescope.model.migration.MigrationState;
import movescope.model.migration.MigrationTable;
import movescope.model.migration.TableLayout;

/**
 * Deterministic, exhaustive model checker for small concurrent scenarios: enumerates EVERY interleaving of
 * the threads' critical sections ({@link OpRun}), runs each on a fresh table, and checks the resulting
 * history with {@link WingGongChecker}. No real threads, so a violation is reproduced exactly by its
 * schedule (the list of thread ids that took each step).
 */
public final class InterleavingExplorer {
    private InterleavingExplorer() {}

    /** A non-linearizable execution: the schedule, the history, and the table's maps at the end. */
    public record Violation(List<Integer> schedule, List<Event> history, SortedMap<String, MigrationState> migrating,
            SortedMap<String, MigrationState> migrated) {
        public String render() {
            return "  schedule (thread per step): " + schedule + "\n  history:\n" + WingGongChecker.render(history)
                    + "  final MIGRATING=" + migrating + " MIGRATED=" + migrated;
        }
    }

    /** Every schedule explored, and the violations found (first few kept). */
    public record Report(long schedules, long violations, List<Violation> examples) {
        public Optional<Violation> first() {
            return examples.isEmpty() ? Optional.empty() : Optional.of(examples.get(0));
        }
    }

    public static Report explore(TableLayout layout, RouteMode mode, List<List<LinOp>> threads) {
        Search s = new Search(layout, mode, threads);
        s.dfs(new ArrayList<>());
        return new Report(s.schedules, s.violations, List.copyOf(s.examples));
    }

    private static final class Search {
        final TableLayout layout;
        final RouteMode mode;
        final List<List<LinOp>> threads;
        long schedules;
        long violations;
        final List<Violation> examples = new ArrayList<>();

        Search(TableLayout layout, RouteMode mode, List<List<LinOp>> threads) {
            this.layout = layout;
            this.mode = mode;
            this.threads = threads;
        }

        void dfs(List<Integer> schedule) {
            Execution ex = Execution.replay(layout, mode, threads, schedule);
            List<Integer> enabled = ex.enabled();
            if (enabled.isEmpty()) {
                schedules++;
                if (WingGongChecker.linearize(ex.events, SequentialSpec.empty()).isEmpty()) {
                    violations++;
                    if (examples.size() < 3) {
                        examples.add(new Violation(List.copyOf(schedule), List.copyOf(ex.events),
                                ex.table.migratingSnapshot(), ex.table.migratedSnapshot()));
                    }
                }
                return;
            }
            for (int t : enabled) {
                schedule.add(t);
                dfs(schedule);
                schedule.remove(schedule.size() - 1);
            }
        }
    }

    /** A fresh table driven by a schedule prefix; the logical clock is the step index. */
    static final class Execution {
        final MigrationTable table;
        final List<List<LinOp>> threads;
        final RouteMode mode;
        final int[] nextOp;
        final OpRun[] current;
        final long[] invokedAt;
        final List<Event> events = new ArrayList<>();
        long clock;

        private Execution(TableLayout layout, RouteMode mode, List<List<LinOp>> threads) {
            this.table = layout.create();
            this.threads = threads;
            this.mode = mode;
            this.nextOp = new int[threads.size()];
            this.current = new OpRun[threads.size()];
            this.invokedAt = new long[threads.size()];
        }

        static Execution replay(TableLayout layout, RouteMode mode, List<List<LinOp>> threads, List<Integer> schedule) {
            Execution ex = new Execution(layout, mode, threads);
            for (int t : schedule) {
                ex.step(t);
            }
            return ex;
        }

        List<Integer> enabled() {
            List<Integer> out = new ArrayList<>();
            for (int t = 0; t < threads.size(); t++) {
                if (current[t] != null || nextOp[t] < threads.get(t).size()) {
                    out.add(t);
                }
            }
            return out;
        }

        void step(int t) {
            if (current[t] == null) {
                current[t] = new OpRun(threads.get(t).get(nextOp[t]++), table, mode);
                invokedAt[t] = clock++;
            }
            current[t].step();
            clock++;
            if (current[t].done()) {
                events.add(new Event(t, current[t].op(), current[t].result(), invokedAt[t], clock++));
                current[t] = null;
            }
        }
    }
}
