package movescope.sim.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import movescope.model.protocol.Input;
import movescope.model.protocol.KevyNode;
import movescope.model.protocol.NodeConfig;
import movescope.model.protocol.Variant;
import movescope.model.routing.Peer;
import movescope.model.scope.Scope;
import movescope.model.store.Value;
import org.junit.jupiter.api.Test;

/**
 * Proves each invariant bites on a hand-built state that violates it and stays quiet on a good one,
 * without the rest of the simulator: nodes are model {@code KevyNode}s driven directly, the history is
 * filled by hand. Reproduce with {@code mvn -o -q -pl simulator test -Dtest=InvariantsTest}.
 */
class InvariantsTest {
    static final List<Peer> PEERS = List.of(new Peer("a", "10.0.0.1", 16100, 6004), new Peer("b", "10.0.0.2", 16100, 6004));

    /** A minimal world over hand-made nodes. */
    static final class Fake implements WorldView {
        final List<KevyNode> nodes = new ArrayList<>();
        final History history;
        final Shipments shipments = new Shipments();
        final MoveEnds moveEnds = new MoveEnds();
        final Topology topology;
        long now = 10;

        Fake(TreeSet<String> probe, KevyNode... ns) {
            nodes.addAll(List.of(ns));
            history = new History(probe);
            topology = new Topology(nodes);
        }

        @Override
        public long now() {
            return now;
        }

        @Override
        public List<KevyNode> nodes() {
            return nodes;
        }

        @Override
        public KevyNode node(String id) {
            return nodes.stream().filter(n -> n.name().equals(id)).findFirst().orElseThrow();
        }

        @Override
        public Optional<String> nodeOfAddr(String addr) {
            return PEERS.stream().filter(p -> p.clientAddr().equals(addr)).map(Peer::id).findFirst();
        }

        @Override
        public History history() {
            return history;
        }

        @Override
        public Shipments shipments() {
            return shipments;
        }

        @Override
        public MoveEnds moveEnds() {
            return moveEnds;
        }

        @Override
        public List<String> candidates(String key) {
            return topology.candidates(key);
        }

        @Override
        public boolean scoped(String key) {
            return topology.scoped(key);
        }

        @Override
        public Optional<Value> valueOn(String id, String key) {
            // The real world's answer, through the same definition (a down node holds what its restart
            // rebuilds), so these tests judge invariants on the answers a run gives them.
            KevyNode n = node(id);
            return WorldView.held(n, key, now, n.isUp() ? Optional.empty() : n.recoverableStores(now));
        }
    }

    static KevyNode node(String id, boolean nodeId, String scopes) throws Exception {
        return new KevyNode(id, new NodeConfig(nodeId ? Optional.of(id) : Optional.empty(), PEERS,
                NodeConfig.parseScopes(scopes)), Variant.KEVY_54);
    }

    static TreeSet<String> keys(String... k) {
        return new TreeSet<>(List.of(k));
    }

    @Test
    void singleWriterBitesWhenANodeWithoutNodeIdAcceptsEverything() throws Exception {
        Fake good = new Fake(keys("app:x"), node("a", true, "app:=a"), node("b", true, "app:=a"));
        assertEquals(Optional.empty(), new SingleWriter().checkKey(good, "app:x"));
        Fake bad = new Fake(keys("app:x"), node("a", true, "app:=a"), node("b", false, "app:=a"));
        assertEquals(Optional.of("nodes a and b both accept writes for app:x"), new SingleWriter().checkKey(bad, "app:x"));
        assertEquals(Optional.empty(), new SingleWriter().checkKey(bad, "other:y"), "unscoped keys are opt-out");
    }

    @Test
    void redirectsConvergeBitesOnACycleAndOnAnUnknownAddress() throws Exception {
        Fake good = new Fake(keys("app:x"), node("a", true, "app:=b"), node("b", true, "app:=b"));
        assertEquals(Optional.empty(), new RedirectsConverge().checkKey(good, "app:x"));
        Fake cycle = new Fake(keys("app:x"), node("a", true, "app:=b"), node("b", true, "app:=a"));
        String m = new RedirectsConverge().checkKey(cycle, "app:x").orElseThrow();
        assertTrue(m.contains("a -> b -> a (cycle)"), m);
        Fake unknown = new Fake(keys("app:x"), node("a", true, "app:=z"), node("b", true, "app:=z"));
        assertTrue(new RedirectsConverge().checkKey(unknown, "app:x").orElseThrow().contains("names no node"));
        // A redirect to a down node is a dead end, not a loop.
        Fake down = new Fake(keys("app:x"), node("a", true, "app:=b"), node("b", true, "app:=b"));
        down.node("b").step(new Input.Crash());
        down.topology.invalidate();
        assertEquals(Optional.empty(), new RedirectsConverge().checkKey(down, "app:x"));
    }

    @Test
    void noLostWriteBitesWhenNoStoreHoldsTheAckedWrite() throws Exception {
        Fake w = new Fake(keys("app:x"), node("a", true, "app:=a"), node("b", true, "app:=a"));
        List<String> set = List.of("SET", "app:x", "v1");
        w.history.applied("a", 0, "c1@a", 1, set, 5);
        assertEquals(Optional.empty(), new NoLostWrite().checkKey(w, "app:x"), "not acked yet: nothing claimed");
        w.history.acked("c1@a", 1, 6);
        String m = new NoLostWrite().checkKey(w, "app:x").orElseThrow();
        assertTrue(m.startsWith("acknowledged write is held by no node: SET app:x \"v1\""), m);
        w.node("a").step(new Input.ClientCommand(7, "x", 1, List.of("SET", "app:x", "v1")));
        assertEquals(Optional.empty(), new NoLostWrite().checkKey(w, "app:x"), "a holds it now");
        w.node("a").step(new Input.ClientCommand(8, "x", 2, List.of("SET", "app:x", "other")));
        assertTrue(new NoLostWrite().checkKey(w, "app:x").isPresent(), "overwritten without an acked record");
    }

    @Test
    void noLostWriteCountsWhatADownNodeWouldRebuildAsTheRealWorldDoes() throws Exception {
        Fake w = new Fake(keys("app:x"), node("a", true, "app:=a"), node("b", true, "app:=a"));
        w.history.applied("a", 0, "c1@a", 1, List.of("SET", "app:x", "v1"), 5);
        w.history.acked("c1@a", 1, 6);
        w.node("a").step(new Input.ClientCommand(7, "x", 1, List.of("SET", "app:x", "v1")));
        w.node("a").step(new Input.Crash());
        Optional<Value> rebuilt = WorldView.held(w.node("a"), "app:x", w.now, w.node("a").recoverableStores(w.now));
        // Whatever a restart would rebuild decides, exactly as in World.valueOn: the fake must not call a
        // logged write lost just because its node is down.
        assertEquals(rebuilt, w.valueOn("a", "app:x"));
        assertEquals(rebuilt.isEmpty(), new NoLostWrite().checkKey(w, "app:x").isPresent(),
                "NoLostWrite must follow what the down node would rebuild: " + rebuilt);
    }

    @Test
    void noStrandedWriteBitesWhenTheAcceptingNodeLacksTheWrite() throws Exception {
        Fake w = new Fake(keys("app:x"), node("a", true, "app:=b"), node("b", true, "app:=b"));
        List<String> set = List.of("SET", "app:x", "v1");
        w.history.applied("a", 0, "c1@a", 1, set, 5);
        w.history.acked("c1@a", 1, 6);
        String m = new NoStrandedWrite().checkKey(w, "app:x").orElseThrow();
        assertTrue(m.startsWith("node b accepts writes for app:x but does not hold SET app:x \"v1\""), m);
        w.node("b").step(new Input.ClientCommand(7, "c", 1, set));
        assertEquals(Optional.empty(), new NoStrandedWrite().checkKey(w, "app:x"));
    }

    @Test
    void noStrandedWriteIgnoresKeysOutsideEveryScope() throws Exception {
        // Scopes are opt-in: a key under no scope is accepted by every node, so a write held by the node
        // the client used is not stranded on the others. Before the fix this reported "node b accepts
        // writes for other:x but does not hold ...".
        Fake w = new Fake(keys("other:x"), node("a", true, "app:=a"), node("b", true, "app:=a"));
        w.node("a").step(new Input.ClientCommand(4, "c1@a", 1, List.of("SET", "other:x", "v1")));
        w.history.applied("a", 0, "c1@a", 1, List.of("SET", "other:x", "v1"), 5);
        w.history.acked("c1@a", 1, 6);
        assertTrue(w.node("b").acceptsWrite("other:x", 10), "b accepts the unscoped key by design");
        assertEquals(Optional.empty(), new NoStrandedWrite().checkKey(w, "other:x"));
        assertEquals(Optional.empty(), new SingleWriter().checkKey(w, "other:x"), "SingleWriter is restricted too");
        // The same story under a scope is a violation: b is the writer and lacks the acknowledged value.
        Fake scoped = new Fake(keys("app:x"), node("a", true, "app:=b"), node("b", true, "app:=b"));
        scoped.history.applied("a", 0, "c1@a", 1, List.of("SET", "app:x", "v1"), 5);
        scoped.history.acked("c1@a", 1, 6);
        assertTrue(new NoStrandedWrite().checkKey(scoped, "app:x").isPresent());
    }

    @Test
    void noAcceptAfterShipBitesOnAnAcceptUnderAShippedPrefixOnly() throws Exception {
        Fake w = new Fake(keys("app:x"), node("a", true, "app:=a"), node("b", true, "app:=a"));
        NoAcceptAfterShip inv = new NoAcceptAfterShip();
        assertEquals(Optional.empty(), inv.onAccepted(w, "a", "app:x", "SET app:x v"), "nothing shipped yet");
        w.shipments.shipped("a", "app:", "a/m1", "b", 5);
        String m = inv.onAccepted(w, "a", "app:x", "SET app:x v").orElseThrow();
        assertEquals("node a accepted SET app:x v at 10 ms after the slice of app: shipped by a to b at 5 ms"
                + " (move a/m1)", m);
        assertEquals(Optional.empty(), inv.onAccepted(w, "a", "other:x", "SET other:x v"), "another prefix");
        assertEquals(Optional.empty(), inv.onAccepted(w, "b", "app:x", "SET app:x v"), "the target may accept");
        w.shipments.aborted("a", "app:", "a/m0");
        assertTrue(inv.onAccepted(w, "a", "app:x", "SET app:x v").isPresent(), "another move's abort");
        w.shipments.aborted("a", "app:", "a/m1");
        assertEquals(Optional.empty(), inv.onAccepted(w, "a", "app:x", "SET app:x v"), "an abort takes it back");
        w.shipments.shipped("a", "app:", "a/m2", "b", 6);
        w.shipments.ingested("a", "app:");
        assertEquals(Optional.empty(), inv.onAccepted(w, "a", "app:x", "SET app:x v"), "moved back to a");
        w.shipments.shipped("a", "app:", "a/m3", "b", 7);
        w.shipments.died("a");
        assertEquals(Optional.empty(), inv.onAccepted(w, "a", "app:x", "SET app:x v"), "a new process");
    }

    @Test
    void quiescedOnlyInFlightBitesWithoutAMove() throws Exception {
        Fake w = new Fake(keys("app:x"), node("a", true, "app:=a"), node("b", true, "app:=a"));
        assertTrue(new QuiescedOnlyInFlight().onQuiesced(w, "a", "app:x").orElseThrow()
                .contains("with no MOVE-SCOPE of a prefix of it in flight"));
        w.node("a").step(new Input.ClientCommand(1, "op", 1, List.of("MOVE-SCOPE", "app:", "FROM", "a", "TO", "b")));
        assertEquals(Optional.empty(), new QuiescedOnlyInFlight().onQuiesced(w, "a", "app:x"));
    }

    @Test
    void historyFindsOverlappingWritersOnlyWithinOneEpoch() {
        History h = new History(keys("k"));
        h.applied("a", 0, "c", 1, List.of("SET", "k", "1"), 1);
        h.applied("b", 0, "c", 2, List.of("SET", "k", "2"), 2);
        h.applied("a", 1, "c", 3, List.of("SET", "k", "3"), 3);
        assertTrue(h.overlaps().isEmpty(), "a crashed or moved in between (epoch 0 -> 1)");
        h.applied("b", 0, "c", 4, List.of("SET", "k", "4"), 4);
        assertEquals(List.of("k"), List.copyOf(h.overlaps().keySet()), "b accepted before and after a, same epoch");
    }

    @Test
    void holdsFollowsTheWriteKind() {
        History h = new History(keys("k"));
        h.applied("a", 0, "c", 1, List.of("RPUSH", "k", "e"), 1);
        h.acked("c", 1, 2);
        WriteRecord w = h.lastAcked("k").orElseThrow();
        assertTrue(History.holds(w, Optional.of(new Value.ListVal(List.of("x", "e")))));
        assertTrue(!History.holds(w, Optional.of(new Value.Str("e"))));
        h.applied("a", 0, "c", 2, List.of("DEL", "k"), 3);
        h.acked("c", 2, 4);
        assertTrue(History.holds(h.lastAcked("k").orElseThrow(), Optional.empty()));
    }

    @Test
    void aStoreForgetsItsDestinationOnlyAndAMoveBothKeys() {
        History h = new History(keys("src", "dst", "k2"));
        h.applied("a", 0, "c", 1, List.of("SET", "src", "v"), 1);
        h.applied("a", 0, "c", 2, List.of("SET", "dst", "old"), 2);
        h.applied("a", 0, "c", 3, List.of("SET", "k2", "w"), 3);
        for (long r = 1; r <= 3; r++) {
            h.acked("c", r, 4);
        }
        // ZUNIONSTORE dst 2 src k2: dst now holds a zset; src and k2 were only read
        assertEquals(List.of("dst"), h.applied("a", 0, "c", 4, List.of("ZUNIONSTORE", "dst", "2", "src", "k2"), 5));
        assertEquals(Optional.empty(), h.last("dst"));
        assertEquals("v", h.lastAcked("src").orElseThrow().value);
        assertEquals("w", h.lastAcked("k2").orElseThrow().value);
        assertEquals(List.of("dst"), h.applied("a", 0, "c", 5, List.of("sunionstore", "dst", "src"), 6));
        // RENAME src k2: both change (the default branch forgot only src, so k2's old "w" was still expected)
        assertEquals(List.of("src", "k2"), h.applied("a", 0, "c", 6, List.of("RENAME", "src", "k2"), 7));
        assertEquals(Optional.empty(), h.last("k2"));
        assertEquals(Optional.empty(), h.last("src"));
    }
}
