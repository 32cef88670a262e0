package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.actions;
import static movescope.model.protocol.Fixtures.call;
import static movescope.model.protocol.Fixtures.cfg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import movescope.model.routing.WriteVerdict;
import org.junit.jupiter.api.Test;

/**
 * Proves the DOWN view and the fallback route (kevy-move-scope.md §1): heartbeats set "last heard"; a
 * peer is DOWN once its last heartbeat is more than 5 s old; a peer never heard from is DOWN (so right
 * after a boot every fallback takes over), unless {@code neverHeardIsDown=false}; a node never counts
 * itself; a writer not in {@code peers} is never DOWN; the view is used only with node_id and peers; a
 * restart forgets every heartbeat. Reproduce: {@code mvn -B -o -pl model test -Dtest=DownViewTest}.
 */
class DownViewTest {

    @Test
    void atBootANeverHeardWriterIsDownSoTheFallbackAccepts() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=b|a"), Variant.KEVY_54);
        assertTrue(a.isDown("b", 0));
        assertEquals("+OK", call(a, 0, "SET", "app:1", "v"));
        KevyNode b = new KevyNode("b", cfg("b", "app:=b|a"), Variant.KEVY_54);
        assertEquals("+OK", call(b, 0, "SET", "app:1", "w"), "both writer and fallback accept: two writers");
    }

    @Test
    void neverHeardIsUpWithTheRemedy() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=b|a"), Variant.KEVY_54.withNeverHeardIsDown(false));
        assertFalse(a.isDown("b", 0));
        assertEquals("-MISDIRECTED writer is 10.0.0.2:6004", call(a, 0, "SET", "app:1", "v"));
    }

    @Test
    void aHeartbeatKeepsThePeerUpForFiveSecondsExactly() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=b|a"), Variant.KEVY_54);
        assertEquals(List.of("Heartbeat"), actions(a.step(new Input.HeartbeatFrom(1_000, "b"))));
        assertEquals("-MISDIRECTED writer is 10.0.0.2:6004", call(a, 1_000, "SET", "app:1", "v"));
        assertEquals("-MISDIRECTED writer is 10.0.0.2:6004", call(a, 6_000, "SET", "app:1", "v"), "5000 ms: not older");
        assertFalse(a.isDown("b", 6_000));
        assertTrue(a.isDown("b", 6_001));
        assertEquals("+OK", call(a, 6_001, "SET", "app:1", "v"));
        // routing uses the input's time: the same question at an earlier time gets the earlier answer
        assertTrue(a.routeWrite("app:1", 2_000) instanceof WriteVerdict.Misdirected);
    }

    @Test
    void anOutOfOrderOlderHeartbeatDoesNotMoveLastHeardBack() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=b|a"), Variant.KEVY_54);
        a.step(new Input.HeartbeatFrom(10_000, "b"));
        a.step(new Input.HeartbeatFrom(1_000, "b"));
        assertFalse(a.isDown("b", 14_000));
    }

    @Test
    void aWriterThatIsDownWithoutFallbackStillOwns() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=b"), Variant.KEVY_54);
        assertTrue(a.isDown("b", 0));
        assertEquals("-MISDIRECTED writer is 10.0.0.2:6004", call(a, 0, "SET", "app:1", "v"));
    }

    @Test
    void aNodeNeverCountsItselfDown() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a|b"), Variant.KEVY_54);
        assertFalse(a.isDown("a", 1_000_000));
        assertEquals("+OK", call(a, 1_000_000, "SET", "app:1", "v"));
        KevyNode b = new KevyNode("b", cfg("b", "app:=a|b"), Variant.KEVY_54);
        assertEquals("+OK", call(b, 0, "SET", "app:1", "v"), "b's view: a never heard → DOWN → b is active");
    }

    @Test
    void aWriterNotInPeersIsNeverDown() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=z|a"), Variant.KEVY_54);
        assertFalse(a.isDown("z", 0));
        assertEquals("-MISDIRECTED writer is z", call(a, 0, "SET", "app:1", "v"), "raw id: z has no address");
    }

    @Test
    void theFallbackViewNeedsNodeIdAndPeers() throws ConfigException {
        KevyNode noPeers = new KevyNode("a", NodeConfig.parse("a", "", "app:=b|a", 1), Variant.KEVY_54);
        assertEquals("-MISDIRECTED writer is b", call(noPeers, 0, "SET", "app:1", "v"), "static route only");
        KevyNode noId = new KevyNode("a", NodeConfig.parse(null, Fixtures.PEERS, "app:=b|a", 1), Variant.KEVY_54);
        assertEquals("+OK", call(noId, 0, "SET", "app:1", "v"), "no node_id: accepts everything");
    }

    @Test
    void aRestartForgetsEveryHeartbeat() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=b|a"), Variant.KEVY_54);
        a.step(new Input.HeartbeatFrom(1_000, "b"));
        assertFalse(a.acceptsWrite("app:1", 1_500));
        a.step(new Input.Restart(2_000));
        assertTrue(a.acceptsWrite("app:1", 2_000), "b unseen again: DOWN, a takes over");
        assertEquals(Optional.empty(), Optional.ofNullable(a.volatileState().orElseThrow().lastHeard().get("b")));
    }
}
