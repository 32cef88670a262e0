package movescope.checker.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import movescope.checker.Fixtures;
import movescope.checker.RepoRoot;
import movescope.model.migration.AtomicMigrationTable;
import movescope.model.migration.MigrationState;
import org.junit.jupiter.api.Test;

/**
 * Proves the Java write path (WriteRouter) equal to specs/MoveScope's Route(n) in every reachable state of two
 * MoveScope configs: one kevy-5.4 config without fallback (QUIESCED / MISDIRECTED / accepted all reached) and
 * the fixed config with a fallback (the DOWN view decides; its 859k states are too many to print, so there
 * RouteWith is compared over its whole reachable input domain instead). And that the comparison bites: a migration table whose match_migrating never finds anything
 * (so the router never answers QUIESCED) is rejected with messages naming state, node and key.
 * Reproduce: {@code mvn -o -pl checker test -Dtest=MoveScopeRoutingConformanceTest}.
 */
class MoveScopeRoutingConformanceTest {
    private static Path specDir() {
        return RepoRoot.find(Path.of(System.getProperty("user.dir"))).orElseThrow().resolve("specs/MoveScope");
    }

    @Test
    void routerAgreesInEveryStateOfKevy54() {
        MoveScopeRoutingConformance.Report r = MoveScopeRoutingConformance.reachable(Fixtures.runner(), specDir(),
                "MCMoveScope_kevy54_QuiescedOnlyInFlight.cfg", AtomicMigrationTable::new);
        System.out.println("[routing] " + r.summary());
        assertTrue(r.ok(), r.summary());
        for (String v : new String[] {"accepted", "QUIESCED", "MISDIRECTED"}) {
            assertTrue(r.verdicts().getOrDefault(v, 0L) > 0, "the config must reach a " + v + " decision: " + r.summary());
        }
    }

    @Test
    void routerAgreesWithTheFallbackView() {
        MoveScopeRoutingConformance.Report r = MoveScopeRoutingConformance.domain(Fixtures.runner(), specDir(),
                "MCMoveScope_fixed_fallback.cfg", AtomicMigrationTable::new);
        System.out.println("[routing] " + r.summary());
        assertTrue(r.ok(), r.summary());
        // 2 nodes x 3 table states x 2 configs x 2 DOWN views of the other node, one key each.
        assertEquals(24, r.compared(), r.summary());
        assertTrue(r.verdicts().getOrDefault("accepted", 0L) > 0 && r.verdicts().getOrDefault("MISDIRECTED", 0L) > 0,
                r.summary());
    }

    @Test
    void aRouterThatNeverQuiescesIsRejected() {
        MoveScopeRoutingConformance.Report bad = MoveScopeRoutingConformance.reachable(Fixtures.runner(), specDir(),
                "MCMoveScope_kevy54_QuiescedOnlyInFlight.cfg", NeverMigrating::new);
        assertFalse(bad.ok());
        assertTrue(bad.failures().stream().anyMatch(f -> f.contains("spec Route = QUIESCED b")), bad.summary());
    }

    /** A table whose MIGRATING lookups never match: planted bug. */
    private static final class NeverMigrating extends DelegatingMigrationTable {
        NeverMigrating() {
            super(new AtomicMigrationTable());
        }

        @Override
        public Optional<MigrationState> matchMigrating(String key) {
            return Optional.empty();
        }
    }
}
