package movescope.model.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import movescope.model.election.ElectMessage;
import movescope.model.election.ElectMeta;
import movescope.model.election.ElectRole;
import movescope.model.election.ElectionConfig;
import movescope.model.election.ReplicationGate;
import movescope.model.routing.Peer;
import org.junit.jupiter.api.Test;

/** The election plane inside KevyNode: the gate before the scope check, the pump, elect.meta, ROLE. */
class ElectionPlaneNodeTest {
    private static final List<Peer> PEERS = List.of(new Peer("a", "10.0.0.1", 6204, 6004),
            new Peer("b", "10.0.0.2", 6204, 6004), new Peer("c", "10.0.0.3", 6204, 6004));

    private static KevyNode node(String id, boolean plane) throws ConfigException {
        NodeConfig cfg = new NodeConfig(Optional.of(id), PEERS, NodeConfig.parseScopes("app:=a"), 1,
                ElectionConfig.OFF.withListener(plane));
        return new KevyNode(id, cfg, Variant.KEVY_54);
    }

    private static String reply(List<Effect> effs) {
        for (Effect e : effs) {
            if (e instanceof Effect.Reply r) {
                return r.wire();
            }
        }
        throw new AssertionError("no reply in " + effs);
    }

    private static List<Effect> cmd(KevyNode n, long now, String... args) {
        return n.step(new Input.ClientCommand(now, "c", 1, List.of(args)));
    }

    @Test
    void planeOffChangesNothing() throws Exception {
        KevyNode b = node("b", false);
        assertEquals(List.of(), b.startEffects());
        assertEquals("-MISDIRECTED writer is 10.0.0.1:6004", reply(cmd(b, 10, "SET", "app:k", "v")));
        assertEquals("[\"master\", :0, []]", reply(cmd(b, 10, "ROLE")));
    }

    @Test
    void aFollowerAnswersReadOnlyBeforeTheScopeCheckAndLogsNothing() throws Exception {
        KevyNode b = node("b", true);
        assertEquals(List.of(new Effect.SetTimer("elect/tick", 200)), b.startEffects());
        assertEquals("[\"slave\", \"\", :0, \"connect\", :0]", reply(cmd(b, 10, "ROLE")));
        assertEquals("-MISDIRECTED writer is 10.0.0.1:6004", reply(cmd(b, 10, "SET", "app:k", "v")),
                "no known primary: the gate changes nothing");
        int logged = b.durable().log().size();
        List<Effect> effs = b.step(new Input.ElectDeliver(300, new ElectMessage.Hb(1, "a", ElectRole.PRIMARY, 0)));
        assertTrue(effs.stream().anyMatch(e -> e instanceof Effect.Trace t && t.action().equals("GateChange")
                && t.fields().get("gate").equals("readonly")), effs.toString());
        assertTrue(effs.stream().anyMatch(e -> e instanceof Effect.ElectSend s && s.addr().equals("10.0.0.1:6204")),
                "heartbeats to a's peers entry");
        assertTrue(effs.contains(new Effect.SetTimer("elect/tick", 200)));
        for (String[] w : List.of(new String[] {"SET", "app:k", "v"}, new String[] {"SET", "other", "v"},
                new String[] {"MSET", "x", "1", "y", "2"}, new String[] {"DEL", "x", "y"})) {
            assertEquals(ReplicationGate.READONLY, reply(cmd(b, 400, w)), String.join(" ", w));
        }
        assertEquals(logged, b.durable().log().size(), "refused writes are not logged");
        assertEquals("(nil)", reply(cmd(b, 400, "GET", "other")), "reads pass");
        assertEquals("+OK 1", reply(b.step(new Input.ClientCommand(400, "i", 2,
                List.of("MOVE-SCOPE-INGEST", "app:", "*3\r\n$3\r\nSET\r\n$5\r\napp:z\r\n$1\r\n1\r\n")))),
                "MOVE-SCOPE-INGEST is not a write verb");
        assertEquals("[\"slave\", \"10.0.0.1\", :6204, \"connect\", :0]", reply(cmd(b, 400, "ROLE")));
        assertEquals("-ERR wrong number of arguments for 'role' command", reply(cmd(b, 400, "ROLE", "x")));
        assertTrue(b.isDown("c", 400), "never heard");
        assertFalse(b.isDown("a", 5_299));
        assertTrue(b.isDown("a", 5_300), "DOWN at >= 5 s");
    }

    @Test
    void theVoteIsDurableAndTheLegacyHeartbeatIsIgnored() throws Exception {
        KevyNode c = node("c", true);
        assertEquals(List.of(), c.step(new Input.HeartbeatFrom(10, "a")), "one DOWN view: the elector's");
        assertTrue(c.isDown("a", 10));
        List<Effect> effs = c.step(new Input.ElectDeliver(6_000, new ElectMessage.Offer(2, "a", 0)));
        assertTrue(effs.contains(new Effect.ElectSend("a", "10.0.0.1:6204", new ElectMessage.Accept(2, "c"))), effs.toString());
        assertEquals(new ElectMeta(2, Optional.of("a")), c.durable().electMeta());
        c.step(new Input.Crash());
        List<Effect> boot = c.step(new Input.Restart(7_000));
        assertTrue(boot.contains(new Effect.SetTimer("elect/tick", 200)));
        assertEquals(2, c.volatileState().orElseThrow().elector().orElseThrow().epoch());
        List<Effect> again = c.step(new Input.ElectDeliver(7_100, new ElectMessage.Offer(2, "b", 0)));
        assertTrue(again.stream().noneMatch(e -> e instanceof Effect.ElectSend s && s.message() instanceof ElectMessage.Accept),
                "no second vote in epoch 2 after the restart");
    }

    @Test
    void aPrimaryFencesWritesAtTheFirstPumpAfterItLosesItsMajority() throws Exception {
        KevyNode a = node("a", true);
        List<Effect> all = new ArrayList<>();
        a.step(new Input.TimerFired(200, "elect/tick"));
        a.step(new Input.ElectDeliver(3_000, new ElectMessage.Hb(1, "b", ElectRole.REPLICA, 0)));
        all.addAll(a.step(new Input.TimerFired(5_200, "elect/tick")));
        a.step(new Input.ElectDeliver(5_201, new ElectMessage.Accept(2, "b")));
        assertEquals("+OK", reply(cmd(a, 5_300, "SET", "app:k", "v")));
        // b was last heard at 3000: from 8000 on a sees only itself of three; the gate follows at the
        // first pump from then (not at 7999).
        assertTrue(a.step(new Input.TimerFired(7_999, "elect/tick")).stream()
                .noneMatch(e -> e instanceof Effect.Trace t && t.action().equals("GateChange")));
        List<Effect> fence = a.step(new Input.TimerFired(8_000, "elect/tick"));
        assertTrue(fence.stream().anyMatch(e -> e instanceof Effect.Trace t && t.action().equals("GateChange")
                && t.fields().get("gate").equals("fenced")), fence.toString());
        int logged = a.durable().log().size();
        assertEquals("-NOREPLICAS primary lost quorum; writes fenced", reply(cmd(a, 8_100, "SET", "app:k", "w")));
        assertEquals(logged, a.durable().log().size());
        assertEquals("[\"master\", :0, []]", reply(cmd(a, 5_500, "ROLE")));
    }
}
