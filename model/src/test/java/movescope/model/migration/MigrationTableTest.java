package movescope.model.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves both MigrationTable layouts behave, one operation at a time, exactly like kevy-scope 2.0.20's
 * MigrationTable: the seed's five unit tests ported verbatim, plus the behaviours they imply. Every test
 * runs against SEED and ATOMIC. Reproduce with
 * {@code mvn -pl model test -Dtest=MigrationTableTest}.
 */
class MigrationTableTest {

    private static final MigrationState A_B = new MigrationState("A", "B");

    // ---- the seed's five tests

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void start_then_lookup(TableLayout layout) {
        MigrationTable t = layout.create();
        assertEquals(Optional.empty(), t.start("app:billing:", "A", "B"));
        MigrationState st = t.lookupMigrating("app:billing:").orElseThrow();
        assertEquals("A", st.from());
        assertEquals("B", st.to());
    }

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void start_double_errs_already_migrating(TableLayout layout) {
        MigrationTable t = layout.create();
        assertEquals(Optional.empty(), t.start("p:", "A", "B"));
        assertEquals(Optional.of(MigrationError.ALREADY_MIGRATING), t.start("p:", "A", "B"));
    }

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void commit_moves_to_migrated(TableLayout layout) {
        MigrationTable t = layout.create();
        t.start("p:", "A", "B");
        MigrationState committed = t.commit("p:").orElseThrow();
        assertEquals("B", committed.to());
        assertTrue(t.lookupMigrating("p:").isEmpty());
        assertEquals(Optional.of("B"), t.lookupMigrated("p:").map(MigrationState::to));
    }

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void abort_drops_migrating(TableLayout layout) {
        MigrationTable t = layout.create();
        t.start("p:", "A", "B");
        assertTrue(t.abort("p:").isPresent());
        assertTrue(t.lookupMigrating("p:").isEmpty());
        assertTrue(t.lookupMigrated("p:").isEmpty());
    }

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void match_migrating_longest_prefix_wins(TableLayout layout) {
        MigrationTable t = layout.create();
        assertEquals(Optional.empty(), t.start("app:", "A", "B"));
        assertEquals(Optional.empty(), t.start("app:billing:", "B", "C"));
        MigrationState st = t.matchMigrating("app:billing:x").orElseThrow();
        assertEquals("B", st.from()); // longest prefix wins
    }

    // ---- implied by the seed's code

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void errorTextsAreKevys(TableLayout layout) {
        assertEquals("migration for this prefix is already in flight", MigrationError.ALREADY_MIGRATING.text());
        assertEquals("prefix has already been migrated", MigrationError.ALREADY_MIGRATED.text());
        assertEquals(layout, layout.create().layout());
    }

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void startAfterCommitIsAlreadyMigrated(TableLayout layout) {
        MigrationTable t = layout.create();
        t.start("p:", "A", "B");
        t.commit("p:");
        assertEquals(Optional.of(MigrationError.ALREADY_MIGRATED), t.start("p:", "A", "C"));
        assertTrue(t.lookupMigrating("p:").isEmpty());
    }

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void commitOrAbortOfUnknownPrefixIsEmpty(TableLayout layout) {
        MigrationTable t = layout.create();
        assertEquals(Optional.empty(), t.commit("nope:"));
        assertEquals(Optional.empty(), t.abort("nope:"));
        assertTrue(t.migratedSnapshot().isEmpty(), "a commit of nothing must not insert into MIGRATED");
    }

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void abortAfterCommitIsEmptyAndMigratedIsKept(TableLayout layout) {
        MigrationTable t = layout.create();
        t.start("p:", "A", "B");
        t.commit("p:");
        assertEquals(Optional.empty(), t.abort("p:"));
        assertEquals(Optional.of(A_B), t.lookupMigrated("p:"));
        assertEquals(Optional.empty(), t.commit("p:"), "a second commit finds nothing in MIGRATING");
    }

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void startAfterAbortSucceeds(TableLayout layout) {
        MigrationTable t = layout.create();
        t.start("p:", "A", "B");
        t.abort("p:");
        assertEquals(Optional.empty(), t.start("p:", "A", "C"));
        assertEquals(Optional.of(new MigrationState("A", "C")), t.lookupMigrating("p:"));
    }

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void emptyPrefixMatchesEverything(TableLayout layout) {
        MigrationTable t = layout.create();
        t.start("", "A", "B");
        assertEquals(Optional.of(A_B), t.matchMigrating("anything"));
        assertEquals(Optional.of(A_B), t.matchMigrating(""));
        t.commit("");
        assertEquals(Optional.of(A_B), t.matchMigrated("x:y"));
        assertEquals(Optional.empty(), t.matchMigrating("x:y"));
    }

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void longestMatchWinsInMigratedToo(TableLayout layout) {
        MigrationTable t = layout.create();
        t.start("app:", "A", "B");
        t.start("app:billing:", "B", "C");
        t.start("app:billing:eu:", "C", "D");
        t.commit("app:");
        t.commit("app:billing:");
        t.commit("app:billing:eu:");
        assertEquals("C", t.matchMigrated("app:billing:x").orElseThrow().to());
        assertEquals("D", t.matchMigrated("app:billing:eu:1").orElseThrow().to());
        assertEquals("B", t.matchMigrated("app:auth:1").orElseThrow().to());
        assertEquals(Optional.empty(), t.matchMigrated("ap"));
    }

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void lookupsAreExactButMatchesArePrefixes(TableLayout layout) {
        MigrationTable t = layout.create();
        t.start("app:", "A", "B");
        assertEquals(Optional.empty(), t.lookupMigrating("app:x"));
        assertEquals(Optional.empty(), t.lookupMigrating("app"));
        assertEquals(Optional.of(A_B), t.matchMigrating("app:x"));
        assertEquals(Optional.empty(), t.matchMigrating("app"), "a key shorter than the prefix does not match");
    }

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void nestedPrefixesMayBothBeInFlight(TableLayout layout) {
        MigrationTable t = layout.create();
        assertEquals(Optional.empty(), t.start("app:", "A", "B"));
        assertEquals(Optional.empty(), t.start("app:billing:", "A", "C"));
        assertEquals(2, t.migratingSnapshot().size());
    }

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void snapshotsAreSortedCopies(TableLayout layout) {
        MigrationTable t = layout.create();
        t.start("b:", "A", "B");
        t.start("a:", "A", "B");
        var snap = t.migratingSnapshot();
        assertEquals("a:", snap.firstKey());
        t.commit("a:");
        assertEquals(2, snap.size(), "a snapshot must not change when the table does");
        assertEquals(1, t.migratingSnapshot().size());
        assertEquals(1, t.migratedSnapshot().size());
    }

    @org.junit.jupiter.api.Test
    void alreadyMigratingIsCheckedBeforeAlreadyMigrated() {
        // Only the seed's split commit can put a prefix in both maps; the MIGRATING check comes first.
        SeedLayoutMigrationTable t = new SeedLayoutMigrationTable();
        t.start("p:", "A", "B");
        MigrationState st = t.commitRemove("p:").orElseThrow();
        t.start("p:", "A", "C");
        t.commitInsert("p:", st);
        assertEquals(Optional.of(MigrationError.ALREADY_MIGRATING), t.start("p:", "A", "D"));
    }

    @org.junit.jupiter.api.Test
    void seedCommitWindowLeavesThePrefixInNeitherMap() {
        SeedLayoutMigrationTable t = new SeedLayoutMigrationTable();
        t.start("p:", "A", "B");
        MigrationState st = t.commitRemove("p:").orElseThrow();
        assertTrue(t.matchMigrating("p:k").isEmpty() && t.matchMigrated("p:k").isEmpty(),
                "inside the window a router sees the prefix in neither map");
        // and a start inside the window succeeds — the anomaly the linearizability test finds
        assertEquals(Optional.empty(), t.start("p:", "A", "C"));
        t.commitInsert("p:", st);
        assertTrue(t.lookupMigrating("p:").isPresent() && t.lookupMigrated("p:").isPresent(),
                "after the window p: is in both maps (NotBothMaps violated)");
    }

    @org.junit.jupiter.api.Test
    void tableLayoutParsesVocabularyNames() {
        assertEquals(TableLayout.SEED, TableLayout.parse("seed"));
        assertEquals(TableLayout.ATOMIC, TableLayout.parse("ATOMIC"));
        assertEquals("seed", TableLayout.SEED.wireName());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TableLayout.parse("x"));
    }
}
