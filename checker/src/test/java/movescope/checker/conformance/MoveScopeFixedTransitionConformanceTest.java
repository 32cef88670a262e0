package movescope.checker.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import movescope.checker.Fixtures;
import movescope.checker.RepoRoot;
import movescope.checker.graph.GraphDump;
import movescope.checker.graph.StateGraph;
import movescope.checker.tla.TlaValue;
import movescope.checker.tlc.Outcome;
import movescope.model.protocol.Effect;
import movescope.model.protocol.Input;
import movescope.model.protocol.MoveView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the Java {@code KevyNode} with every remedy on ({@code Variant.FIXED}'s switches, atomic table) equal to
 * specs/MoveScope on every transition of {@code MCMoveScope_fixed.cfg} bounded to {@code MaxWrites = 1} (the
 * bound is generated into a temp folder, the spec folder is not touched): the retry of an ambiguous ship, the
 * write timeout, the durable MIGRATING/MIGRATED entries and the resumed move, ownership by ingest, the
 * remembered INGEST outcome, logged ingests. Nothing is tolerated: every replayed edge agrees and every state is
 * reached. See {@link MoveScopeTransitionConformance} for the mapping of every action.
 *
 * <p>The spec tags each message with whether it belongs to the ship attempt in progress ({@code cur}), as the
 * Java source reads only its current attempt's connection. One test pins that the graph holds the situation
 * that once diverged (a reply to an earlier attempt discarded while the source awaits the current one); another
 * proves the tag bites: a Java source that acts on a reply from any attempt of its move (the spec's old
 * behaviour) must be rejected.
 *
 * <p>Reproduce: {@code mvn -o -q -pl gen,model install -DskipTests}, then
 * {@code mvn -B -o -pl checker test -Dtest=MoveScopeFixedTransitionConformanceTest}.
 */
class MoveScopeFixedTransitionConformanceTest {
    private static final MoveScopeTransitionConformance.Options FIXED =
            MoveScopeTransitionConformance.Options.of("MCMoveScope_fixed.cfg").withOverrides(Map.of("MaxWrites", "1"));
    private static Path scratch;
    private static GraphDump dump;

    @BeforeAll
    static void dumpOnce() throws IOException {
        Path specs = RepoRoot.find(Path.of(System.getProperty("user.dir"))).orElseThrow().resolve("specs/MoveScope");
        scratch = Files.createTempDirectory("fixed-transition-conformance-test-");
        dump = MoveScopeTransitionConformance.dump(Fixtures.runner(), specs, FIXED, scratch);
        assertEquals(Outcome.PASS, dump.tlc().outcome(), "TLC must explore the whole graph: " + dump.tlc());
    }

    @AfterAll
    static void cleanUp() {
        MigrationTableConformance.deleteTree(scratch);
    }

    @Test
    void fixedNodesAgreeOnEveryTransition() {
        MoveScopeTransitionConformance.Report r = MoveScopeTransitionConformance.replay(FIXED, dump);
        System.out.println("[transitions] " + r.summary());
        assertTrue(r.ok(), r.summary());
        assertEquals(dump.tlc().distinctStates(), r.states());
        assertEquals(r.states(), r.statesReached(), "every state must be reached by an agreeing edge");
        assertEquals(r.replayedTotal(), r.agreedTotal(), r.summary());
        for (String a : List.of("ClientWrite", "Start", "Ship", "Stall", "WriteTimeout", "ReadTimeout", "Ingest",
                "IngestRefused", "Commit", "Abort", "Crash", "Restart", "PushConfig", "Snapshot", "Discard", "Drop")) {
            assertTrue(r.agreed().getOrDefault(a, 0L) > 0, a + " was never replayed: " + r.summary());
        }
    }

    /**
     * The situation the spec once got wrong: after a read timeout and a re-ship, the reply to the earlier attempt
     * arrives while the source awaits the current one. The spec now discards it (as the Java source ignores it);
     * this pins that such Discard edges are in the graph, so the agreement on every edge covers them.
     */
    @Test
    void aReplyToAnEarlierAttemptIsDiscardedWhileTheSourceAwaits() {
        StateGraph g = dump.graph();
        long found = g.edges().stream().filter(e -> e.action().equals("Discard"))
                .filter(e -> g.states().get(e.from()).get("move").asText().equals("awaiting")).count();
        assertTrue(found > 0, "no Discard edge while the source awaits its current attempt's reply");
    }

    /**
     * A Java source that reads a reply from any attempt of its move — the delivery re-addresses a stale
     * {@link Input.PeerReply} to the attempt in progress, which is what the spec's untagged replies allowed —
     * must be rejected on an edge where the spec discards that reply.
     */
    @Test
    void aSourceThatActsOnAnEarlierAttemptsReplyIsRejected() {
        MoveScopeTransitionConformance.Report r = MoveScopeTransitionConformance.replay(FIXED.withDelivery(
                (name, node, in) -> {
                    if (!(in instanceof Input.PeerReply p) || !node.isUp()) {
                        return node.step(in);
                    }
                    MoveView m = node.movesInFlight().values().stream().findFirst().orElse(null);
                    if (m == null) {
                        return node.step(in);
                    }
                    // The ship id of attempt n is the move id for n = 1, "<moveId>#<n>" after; an id that is not
                    // the current attempt's is ignored without any effect, so the first that answers is it.
                    for (int attempt = 1; attempt <= 16; attempt++) {
                        String ship = attempt == 1 ? m.moveId() : m.moveId() + "#" + attempt;
                        List<Effect> fx = node.step(new Input.PeerReply(p.nowMs(), ship, p.reply()));
                        if (!fx.isEmpty()) {
                            return fx;
                        }
                    }
                    return List.of();
                }), dump);
        assertFalse(r.ok());
        assertTrue(r.failures().stream().anyMatch(f -> f.startsWith("edge ") && f.contains(" -Discard(")
                && f.contains("a reply the source no longer waits for had effects")), r.summary());
    }
}
