package movescope.sim.check;

import static movescope.sim.check.InvariantsTest.PEERS;
import static movescope.sim.check.InvariantsTest.keys;
import static movescope.sim.check.InvariantsTest.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import movescope.model.protocol.Input;
import movescope.model.protocol.KevyNode;
import movescope.model.protocol.NodeConfig;
import org.junit.jupiter.api.Test;

/**
 * {@code OrphanCopy} on hand-made nodes: a holds {@code app:x} (written while it owned {@code app:},
 * snapshotted, then booted with a config that names b the writer, so it answers MISDIRECTED) — the copy a
 * committed move leaves on its source. The claim bites only when a move of a prefix of the key ended with
 * a as a party, and each exclusion of the definition (the owner by the moves, a fallback, a node that is
 * down, a key under no ended move) keeps it silent. Reproduce:
 * {@code mvn -o -q -pl simulator -am test -Dtest=OrphanCopyTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class OrphanCopyTest {
    /** a holds app:x and other:y and now routes app: by {@code scopesAfter}; b routes by "app:=b". */
    private static InvariantsTest.Fake world(String scopesAfter) throws Exception {
        KevyNode a = node("a", true, "app:=a");
        a.step(new Input.ClientCommand(1, "c1", 1, List.of("SET", "app:x", "v1")));
        a.step(new Input.ClientCommand(2, "c1", 2, List.of("SET", "other:y", "v1")));
        a.step(new Input.Snapshot(3));
        a.step(new Input.PushConfig(new NodeConfig(Optional.of("a"), PEERS, NodeConfig.parseScopes(scopesAfter))));
        a.step(new Input.Crash());
        a.step(new Input.Restart(4));
        a.step(new Input.HeartbeatFrom(5, "b")); // a has heard b: b is not DOWN in a's view
        InvariantsTest.Fake w = new InvariantsTest.Fake(keys("app:x", "other:y"), a, node("b", true, "app:=b"));
        w.now = 6;
        assertTrue(a.read("app:x", w.now).isPresent(), "the snapshot brought a's copy back");
        return w;
    }

    @Test
    void bitesOnTheSourceOfACommittedMove() throws Exception {
        InvariantsTest.Fake w = world("app:=b");
        assertEquals(Optional.empty(), new OrphanCopy().checkKey(w, "app:x"), "no move ended: not this claim's business");
        w.moveEnds.committed("a/m1", "app:", "a", "b", false, 5);
        String m = new OrphanCopy().checkKey(w, "app:x").orElseThrow();
        assertTrue(m.startsWith("node a holds app:x (a string) but does not own it (it answers -MISDIRECTED writer is "
                + "10.0.0.2:6004; owner by the moves: b) after move a/m1 of app: a -> b committed at 5 ms"), m);
        assertEquals(Optional.empty(), new OrphanCopy().checkKey(w, "other:y"), "a key under no ended move");
    }

    @Test
    void bitesOnAPartyOfAnAbortedMoveThatDoesNotOwnTheKey() throws Exception {
        InvariantsTest.Fake w = world("app:=b");
        w.moveEnds.aborted("b/m1", "app:", "b", "a", 5); // a got frames of a move that then aborted
        assertTrue(new OrphanCopy().checkKey(w, "app:x").orElseThrow().contains("owner by the moves: none"));
    }

    @Test
    void theOwnerByTheMovesIsNotAnOrphan() throws Exception {
        InvariantsTest.Fake w = world("app:=b");
        w.moveEnds.committed("a/m1", "app:", "a", "b", false, 5);
        w.moveEnds.committed("b/m1", "app:", "b", "a", false, 6); // moved back: a is the owner by the moves
        assertEquals(Optional.empty(), new OrphanCopy().checkKey(w, "app:x"));
        // ... unless that commit was superseded: then the earlier commit to b decides again.
        InvariantsTest.Fake s = world("app:=b");
        s.moveEnds.committed("a/m1", "app:", "a", "b", false, 5);
        s.moveEnds.committed("b/m1", "app:", "b", "a", true, 6);
        assertTrue(new OrphanCopy().checkKey(s, "app:x").isPresent());
        // A commit of a nested prefix decides for the keys under it only.
        InvariantsTest.Fake n = world("app:=b");
        n.moveEnds.committed("a/m1", "app:", "a", "b", false, 5);
        n.moveEnds.committed("b/m1", "app:z:", "b", "a", false, 6);
        assertTrue(new OrphanCopy().checkKey(n, "app:x").isPresent());
    }

    @Test
    void aFallbackAndANodeThatAcceptsAreNotOrphans() throws Exception {
        InvariantsTest.Fake fb = world("app:=b|a");
        fb.moveEnds.committed("a/m1", "app:", "a", "b", false, 5);
        assertTrue(!fb.node("a").acceptsWrite("app:x", fb.now), "b is heard, so its fallback a redirects");
        assertEquals(Optional.empty(), new OrphanCopy().checkKey(fb, "app:x"));
        InvariantsTest.Fake acc = world("app:=a");
        acc.moveEnds.committed("a/m1", "app:", "a", "b", false, 5);
        assertEquals(Optional.empty(), new OrphanCopy().checkKey(acc, "app:x"), "a accepts the key: SingleWriter's business");
    }

    @Test
    void theCopyBeingShippedIsNotAnOrphan() throws Exception {
        // An earlier move of app: a -> b aborted; a owns app: again, holds app:x and starts moving it anew.
        KevyNode a = node("a", true, "app:=a");
        a.step(new Input.ClientCommand(1, "c1", 1, List.of("SET", "app:x", "v1")));
        InvariantsTest.Fake w = new InvariantsTest.Fake(keys("app:x"), a, node("b", true, "app:=a"));
        w.moveEnds.aborted("a/m0", "app:", "a", "b", 2);
        assertEquals(Optional.empty(), new OrphanCopy().checkKey(w, "app:x"), "a accepts app:x");
        a.step(new Input.ClientCommand(3, "op", 1, List.of("MOVE-SCOPE", "app:", "FROM", "a", "TO", "b")));
        assertEquals(1, a.movesInFlight().size(), "the move is in flight");
        assertTrue(!a.acceptsWrite("app:x", 4), "a answers QUIESCED");
        assertEquals(Optional.empty(), new OrphanCopy().checkKey(w, "app:x"), "the slice a is shipping");
    }

    @Test
    void aMoveSuspendedWithItsSourceIsStillInFlight() throws Exception {
        // b holds app:x and redirects it (its config names a); an earlier move a -> b aborted. a (fixed
        // variant: MIGRATING is durable) starts a new move to b and crashes: the move resumes at a's boot,
        // so what b holds may still be the slice of a move in flight.
        KevyNode b = node("b", true, "app:=b");
        b.step(new Input.ClientCommand(1, "c1", 1, List.of("SET", "app:x", "v1")));
        b.step(new Input.Snapshot(2));
        b.step(new Input.PushConfig(new NodeConfig(Optional.of("b"), PEERS, NodeConfig.parseScopes("app:=a"))));
        b.step(new Input.Crash());
        b.step(new Input.Restart(3));
        KevyNode a = new KevyNode("a", new NodeConfig(Optional.of("a"), PEERS, NodeConfig.parseScopes("app:=a")),
                movescope.model.protocol.Variant.FIXED);
        InvariantsTest.Fake w = new InvariantsTest.Fake(keys("app:x"), a, b);
        w.moveEnds.aborted("a/m0", "app:", "a", "b", 4);
        assertTrue(new OrphanCopy().checkKey(w, "app:x").orElseThrow().startsWith("node b holds app:x"));
        a.step(new Input.ClientCommand(5, "op", 1, List.of("MOVE-SCOPE", "app:", "FROM", "a", "TO", "b")));
        assertEquals(Optional.empty(), new OrphanCopy().checkKey(w, "app:x"), "b is the target of a move in flight");
        a.step(new Input.Crash());
        assertEquals(1, a.durable().migrating().size(), "the MIGRATING entry is durable");
        assertEquals(Optional.empty(), new OrphanCopy().checkKey(w, "app:x"), "the move is suspended, not ended");
    }

    @Test
    void aDownNodeIsJudgedWhenItBoots() throws Exception {
        InvariantsTest.Fake w = world("app:=b");
        w.moveEnds.committed("a/m1", "app:", "a", "b", false, 5);
        w.node("a").step(new Input.Crash());
        w.topology.invalidate();
        assertEquals(Optional.empty(), new OrphanCopy().checkKey(w, "app:x"));
        w.node("a").step(new Input.Restart(7));
        assertTrue(new OrphanCopy().checkKey(w, "app:x").isPresent(), "the snapshot brings the copy back at boot");
    }

    @Test
    void isOptInAndLast() {
        assertEquals(List.of("OrphanCopy"), Checker.standard(List.of("OrphanCopy")).stream().map(Invariant::name).toList());
        assertTrue(!movescope.sim.scenario.Expectations.INVARIANTS.contains("OrphanCopy"), "not held by default");
        assertEquals(movescope.sim.scenario.Expectations.SELECTABLE,
                Checker.standard(movescope.sim.scenario.Expectations.SELECTABLE).stream().map(Invariant::name).toList());
    }
}
