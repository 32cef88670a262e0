package movescope.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves the bare-.cfg module search order documented in {@code movescope check --help}. Pure, no TLC. */
class ModuleResolverTest {
    @Test
    void candidatesGoFromMostToLeastSpecific() {
        assertEquals(List.of("MCMigrationTableImpl_bug.tla", "MCMigrationTableImpl.tla"),
                ModuleResolver.candidates("MCMigrationTableImpl_bug.cfg"));
        assertEquals(List.of("MigrationTable_small.tla", "MCMigrationTable_small.tla", "MigrationTable.tla",
                "MCMigrationTable.tla"), ModuleResolver.candidates("MigrationTable_small.cfg"));
        assertEquals(List.of("MCMoveScope_kevy54_SingleWriter.tla", "MCMoveScope_kevy54.tla", "MCMoveScope.tla"),
                ModuleResolver.candidates("MCMoveScope_kevy54_SingleWriter.cfg"));
    }
}
