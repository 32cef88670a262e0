package movescope.model.migration.lin;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import movescope.model.migration.AtomicMigrationTable;
import movescope.model.migration.MigrationTable;
import movescope.model.migration.SeedLayoutMigrationTable;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * Independent second opinion from Lincheck's model checker (it instruments the real bytecode and explores
 * thread switches at every monitor and shared-memory access, deterministically): the atomic table with
 * its routeMatch passes; the seed layout fails, and Lincheck prints the interleaving. Operations work on one
 * prefix "p:" and a nested "p:q:" so both anomalies and longest-match are in reach. Reproduce with
 * {@code mvn -pl model test -Dtest=LincheckTableTest}.
 */
class LincheckTableTest {

    /** Operations shared by both layouts; results are strings so Lincheck can compare them. */
    public abstract static class Ops {
        private final MigrationTable table;

        Ops(MigrationTable table) {
            this.table = table;
        }

        @Operation
        public String startP() {
            return String.valueOf(table.start("p:", "A", "B"));
        }

        @Operation
        public String startPQ() {
            return String.valueOf(table.start("p:q:", "A", "C"));
        }

        @Operation
        public String commitP() {
            return String.valueOf(table.commit("p:"));
        }

        @Operation
        public String commitPQ() {
            return String.valueOf(table.commit("p:q:"));
        }

        @Operation
        public String abortP() {
            return String.valueOf(table.abort("p:"));
        }

        @Operation
        public String route() {
            return String.valueOf(table.routeMatch("p:q:1"));
        }
    }

    public static final class AtomicOps extends Ops {
        public AtomicOps() {
            super(new AtomicMigrationTable());
        }
    }

    public static final class SeedOps extends Ops {
        public SeedOps() {
            super(new SeedLayoutMigrationTable());
        }
    }

    private static ModelCheckingOptions options() {
        return new ModelCheckingOptions().iterations(15).invocationsPerIteration(200).threads(2).actorsPerThread(3)
                .actorsBefore(1).actorsAfter(1);
    }

    @Test
    void atomicTableIsLinearizable() {
        options().check(AtomicOps.class);
    }

    @Test
    void seedTableIsNotLinearizable() {
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class, () -> options().check(SeedOps.class));
        // The full message has a step-by-step trace hundreds of lines long; print its head (the results table).
        String[] lines = e.getMessage().split("\n");
        System.out.println("[lincheck] SEED layout (first 30 of " + lines.length + " lines):\n"
                + String.join("\n", java.util.Arrays.copyOf(lines, Math.min(30, lines.length))));
        assertTrue(e.getMessage().contains("commit"), e.getMessage());
    }
}
