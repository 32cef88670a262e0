package movescope.checker.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import movescope.checker.Fixtures;
import movescope.checker.RepoRoot;
import movescope.checker.graph.GraphDump;
import movescope.checker.tlc.Outcome;
import movescope.model.protocol.Input;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the Java {@code KevyNode} step functions (kevy-5.4 variant) equal to specs/MoveScope on every
 * transition of the reachable state graph of {@code MCMoveScope_kevy54_QuiescedOnlyInFlight.cfg} (all kevy-5.4
 * switches; 2 nodes, key app:1, MaxWrites 2, MaxCrashes 2, one each of drop, duplicate, stall, early timeout,
 * snapshot): TLC dumps the graph once, {@link MoveScopeTransitionConformance} walks it from Init carrying Java
 * nodes, turns every edge's action into KevyNode inputs and compares the nodes' abstraction (up, store as
 * write-id sets, migration table entry, config, pushed config, snapshot, log, the move's phase, the network,
 * the write verdict) with the successor state. Its class comment lists exactly what each action maps to and
 * what is skipped. The test also proves the replay bites: the same spec against nodes with
 * {@code logMisdirected=false}, and against a harness that loses the target's {@code +OK} (so Commit never
 * happens), must be rejected with messages naming the edge.
 *
 * <p>Reproduce: {@code mvn -o -q -pl gen,model install -DskipTests}, then
 * {@code mvn -B -o -pl checker test -Dtest=MoveScopeTransitionConformanceTest}. The report (printed as
 * {@code [transitions]}) lists per action the edges replayed/agreed/skipped, and the first disagreements with
 * the path from Init that reaches the edge; the TLC log path is in the failure message when TLC itself failed.
 */
class MoveScopeTransitionConformanceTest {
    private static final String CONFIG = "MCMoveScope_kevy54_QuiescedOnlyInFlight.cfg";
    private static final MoveScopeTransitionConformance.Options KEVY54 = MoveScopeTransitionConformance.Options.of(CONFIG);
    private static Path scratch;
    private static GraphDump dump;

    @BeforeAll
    static void dumpOnce() throws IOException {
        Path specs = RepoRoot.find(Path.of(System.getProperty("user.dir"))).orElseThrow().resolve("specs/MoveScope");
        scratch = Files.createTempDirectory("transition-conformance-test-");
        dump = MoveScopeTransitionConformance.dump(Fixtures.runner(), specs, KEVY54, scratch);
        assertEquals(Outcome.PASS, dump.tlc().outcome(), "TLC must explore the whole graph: " + dump.tlc());
    }

    @AfterAll
    static void cleanUp() {
        MigrationTableConformance.deleteTree(scratch);
    }

    @Test
    void kevy54NodesAgreeOnEveryTransition() {
        MoveScopeTransitionConformance.Report r = MoveScopeTransitionConformance.replay(KEVY54, dump);
        System.out.println("[transitions] " + r.summary());
        assertTrue(r.ok(), r.summary());
        assertEquals(dump.tlc().distinctStates(), r.states());
        assertEquals(r.states(), r.statesReached() + r.statesOnlyDivergent());
        assertTrue(r.statesReached() > 0.99 * r.states(), "the known difference may cut off only a sliver: " + r.summary());
        // Every action kevy 5.4 implements directly must have been replayed, not just be replayable.
        for (String a : List.of("ClientWrite", "Start", "Ship", "Stall", "Ingest", "IngestRefused", "Commit", "Abort",
                "ReadTimeout", "Crash", "Restart", "PushConfig", "Snapshot", "Discard", "Drop")) {
            assertTrue(r.agreed().getOrDefault(a, 0L) > 0, a + " was never replayed: " + r.summary());
        }
        for (String v : List.of("accepted", "MISDIRECTED", "QUIESCED [busy shard: route only]")) {
            assertTrue(r.verdicts().getOrDefault(v, 0L) > 0, "no " + v + " write was compared: " + r.summary());
        }
    }

    /**
     * The one semantic difference found (reported, not hidden): the spec's BootStore replays the whole log over
     * the snapshot, KevyNode only the entries after the snapshot's log position, so a MISDIRECTED write kevy
     * logged before a snapshot comes back in the spec and not in Java. This pins that it is reached, classified
     * precisely, and nothing else: if the spec is changed to replay from the snapshot's position, this test
     * fails and the classification (MoveScopeTransitionConformance.WHOLE_LOG_REPLAY) should go.
     */
    @Test
    void theWholeLogReplayDifferenceIsReachedAndNamed() {
        MoveScopeTransitionConformance.Report r = MoveScopeTransitionConformance.replay(KEVY54, dump);
        assertEquals(List.of(MoveScopeTransitionConformance.WHOLE_LOG_REPLAY), List.copyOf(r.divergences().keySet()),
                r.summary());
        assertTrue(r.divergences().get(MoveScopeTransitionConformance.WHOLE_LOG_REPLAY) > 0, r.summary());
        assertTrue(r.divergenceExamples().stream().allMatch(x -> x.contains(" -Restart")
                && x.contains("logged before the snapshot")), r.summary());
    }

    @Test
    void nodesThatKeepMigratedAcrossRestartsAreRejected() {
        MoveScopeTransitionConformance.Report r = MoveScopeTransitionConformance.replay(
                KEVY54.withTamper(v -> v.withMigratedDurable(true)), dump);
        assertFalse(r.ok());
        assertTrue(r.failures().stream().anyMatch(f -> f.startsWith("edge ") && f.contains(" -Crash(a)-> ")
                && f.contains("mig[a]: spec none, Java migrated")), r.summary());
    }

    @Test
    void nodesThatDoNotLogMisdirectedWritesAreRejected() {
        MoveScopeTransitionConformance.Report r = MoveScopeTransitionConformance.replay(
                KEVY54.withTamper(v -> v.withLogMisdirected(false)), dump);
        assertFalse(r.ok());
        assertTrue(r.failures().stream().anyMatch(f -> f.startsWith("edge ") && f.contains(" -ClientWrite-> ")
                && f.contains("log[")), r.summary());
    }

    @Test
    void aHarnessThatLosesTheCommitIsRejected() {
        MoveScopeTransitionConformance.Report r = MoveScopeTransitionConformance.replay(KEVY54.withDelivery(
                (name, node, in) -> in instanceof Input.PeerReply p && p.reply().startsWith("+") ? List.of()
                        : node.step(in)), dump);
        assertFalse(r.ok());
        assertTrue(r.failures().stream().anyMatch(f -> f.startsWith("edge ") && f.contains(" -Commit-> ")
                && f.contains("mig[a]: spec migrated, Java migrating")), r.summary());
    }
}
