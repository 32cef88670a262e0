package movescope.bench;

import java.util.concurrent.TimeUnit;
import movescope.model.migration.MigrationMatch;
import movescope.model.migration.MigrationTable;
import movescope.model.migration.TableLayout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of what a router does for every checked write (match MIGRATING, then MIGRATED) on the seed's
 * two-lock layout and on the atomic layout, with a table of {@code prefixes} entries split between the
 * two maps. Report the atomic/seed ratio from one run: it says what closing the commit window costs.
 *
 * <p>Run: {@code bench/run MigrationTableBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(2)
public class MigrationTableBench {

    @Param({"SEED", "ATOMIC"})
    public TableLayout layout;

    @Param({"8", "64"})
    public int prefixes;

    private MigrationTable table;
    private String[] keys;
    private int next;

    @Setup
    public void setUp() {
        table = layout.create();
        for (int i = 0; i < prefixes; i++) {
            String p = "app:" + i + ":";
            table.start(p, "a", "b");
            if (i % 2 == 0) {
                table.commit(p);
            }
        }
        keys = new String[1024];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "app:" + (i % (prefixes * 2)) + ":key" + i;
        }
    }

    @Benchmark
    public MigrationMatch routeMatch() {
        next = (next + 1) & (keys.length - 1);
        return table.routeMatch(keys[next]);
    }
}
