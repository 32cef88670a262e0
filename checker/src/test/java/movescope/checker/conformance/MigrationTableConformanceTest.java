package movescope.checker.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedMap;
import movescope.checker.Fixtures;
import movescope.checker.RepoRoot;
import movescope.checker.graph.GraphDump;
import movescope.checker.tlc.Outcome;
import movescope.model.migration.AtomicMigrationTable;
import movescope.model.migration.MigrationError;
import movescope.model.migration.MigrationState;
import movescope.model.migration.MigrationTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the Java {@link AtomicMigrationTable} equal to specs/MigrationTable on every reachable state and
 * transition of the MC model (MCMigrationTable.cfg): TLC dumps the state graph once, the replay checks
 * every state (built through the Java API, match_* per probe key against the spec's MatchMigrating /
 * MatchMigrated as TLC evaluated them), every edge (result and successor), and that the spec offers every
 * call the Java API accepts. It also proves the replay bites: deliberately wrong tables (commit that does
 * not insert, match that picks the shortest prefix, start that ignores MIGRATED) are rejected with messages
 * naming the edge or state. To reproduce a failure, run {@code mvn -o -pl checker test
 * -Dtest=MigrationTableConformanceTest}; the TLC log path is in the report, and the first 20 disagreements
 * are in the assertion message.
 */
class MigrationTableConformanceTest {
    private static Path scratch;
    private static GraphDump dump;

    @BeforeAll
    static void dumpOnce() throws IOException {
        Path specs = RepoRoot.find(Path.of(System.getProperty("user.dir")))
                .orElseThrow(() -> new IllegalStateException("no repo root with specs/ above "
                        + System.getProperty("user.dir")))
                .resolve("specs/MigrationTable");
        assertTrue(Files.isRegularFile(specs.resolve("MCMigrationTable.cfg")),
                "specs/MigrationTable/MCMigrationTable.cfg is the conformance contract and must exist");
        scratch = Files.createTempDirectory("conformance-test-");
        dump = MigrationTableConformance.dump(Fixtures.runner(), specs, "MCMigrationTable", "MCMigrationTable.cfg",
                scratch);
        assertEquals(Outcome.PASS, dump.tlc().outcome(), "TLC must explore the whole graph: " + dump.tlc());
    }

    @AfterAll
    static void cleanUp() {
        MigrationTableConformance.deleteTree(scratch);
    }

    @Test
    void atomicTableAgreesOnEveryStateAndEdge() {
        ConformanceReport r = MigrationTableConformance.replay("MCMigrationTable", dump, AtomicMigrationTable::new);
        System.out.println("[conformance] " + r.summary() + String.format(" (TLC %.1f s)", r.tlcSeconds()));
        assertTrue(r.ok(), r.summary());
        assertEquals(dump.tlc().distinctStates(), r.states());
        assertEquals(r.states(), r.statesAgreed());
        assertEquals(r.edges(), r.edgesAgreed());
        assertTrue(r.edges() > r.states(), "a graph with fewer edges than states was not fully dumped");
        assertTrue(r.queriesCompared() >= 2 * 3 * r.states(), "match_* must be compared for every key in every state");
        // 3 prefixes x (2 x 2 starts + commit + abort) = 18 calls from every state.
        assertEquals(18 * r.states(), r.callsCovered());
    }

    @Test
    void commitThatDoesNotInsertIsRejectedNamingTheEdge() {
        ConformanceReport r = MigrationTableConformance.replay("broken-commit", dump,
                () -> new Tampered(new AtomicMigrationTable()) {
                    @Override
                    public Optional<MigrationState> commit(String prefix) {
                        return delegate.abort(prefix); // removes from MIGRATING, never inserts into MIGRATED
                    }
                });
        assertFalse(r.ok());
        assertTrue(r.failures().stream().anyMatch(f -> f.startsWith("edge ") && f.contains(" -Commit(\"")
                && f.contains("Java MIGRATED after is {} but the spec's is {")), r.summary());
        assertTrue(r.edgesAgreed() < r.edges());
    }

    @Test
    void shortestPrefixMatchIsRejectedNamingTheState() {
        ConformanceReport r = MigrationTableConformance.replay("shortest-match", dump,
                () -> new Tampered(new AtomicMigrationTable()) {
                    @Override
                    public Optional<MigrationState> matchMigrating(String key) {
                        SortedMap<String, MigrationState> m = delegate.migratingSnapshot();
                        return m.keySet().stream().filter(key::startsWith).findFirst().map(m::get);
                    }
                });
        assertFalse(r.ok());
        assertTrue(r.failures().stream().anyMatch(f -> f.startsWith("state ") && f.contains("matchMigrating(\"")),
                r.summary());
        assertEquals(r.edges(), r.edgesAgreed(), "only the queries are wrong, every transition is right");
    }

    @Test
    void startThatIgnoresMigratedIsRejected() {
        ConformanceReport r = MigrationTableConformance.replay("start-ignores-migrated", dump,
                () -> new Tampered(new AtomicMigrationTable()) {
                    @Override
                    public Optional<MigrationError> start(String prefix, String from, String to) {
                        if (delegate.lookupMigrated(prefix).isPresent() && delegate.lookupMigrating(prefix).isEmpty()) {
                            return Optional.empty(); // claims success but changes nothing
                        }
                        return delegate.start(prefix, from, to);
                    }
                });
        assertFalse(r.ok());
        assertTrue(r.failures().stream().anyMatch(f -> f.contains(" -Start(\"")
                && f.contains("Java start returned ok but the spec's result is AlreadyMigrated")), r.summary());
    }

    /** The planted-bug tables extend the forwarding table. */
    private static class Tampered extends DelegatingMigrationTable {
        Tampered(MigrationTable delegate) {
            super(delegate);
        }
    }

}
