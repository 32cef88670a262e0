package movescope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import movescope.live.adapter.ElectMsg;
import movescope.live.adapter.NodeInput;
import movescope.live.resp.RespConnection;
import movescope.live.resp.WireText;
import movescope.live.serve.ClusterServer;
import movescope.live.serve.ElectDatagram;
import movescope.live.serve.Journal;
import movescope.live.serve.ServeOptions;
import movescope.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The election plane over {@code movescope serve}'s real UDP sockets. The clock is held (docs/live.md), so no
 * election tick fires and every message below is one the test sent, or one its delivery made a node send.
 * UDP is asynchronous: each check polls a bounded number of times (at most 5 s) for what must happen.
 */
class ServeElectTest {
    static String scenario(String extra) {
        return """
                { "name": "t", "description": "three nodes, the election plane up", "variant": "kevy-5.4",
                  "cluster": { "nodes": [ { "id": "a" }, { "id": "b" }, { "id": "c" } ],
                               "electionListener": true %s },
                  "endMs": 1000 }
                """.formatted(extra);
    }

    private static String call(String addr, String... args) throws IOException {
        try (RespConnection c = RespConnection.open(addr, 2000, 5000)) {
            return WireText.render(c.call(List.of(args)));
        }
    }

    private static void send(int port, byte[] d) throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.send(new DatagramPacket(d, d.length, InetAddress.getLoopbackAddress(), port));
        }
    }

    /** Polls {@code what} until {@code ok} holds, 100 times 50 ms at most; the last answer. */
    private static String until(Predicate<String> ok, IoSupplier what) throws Exception {
        String last = null;
        for (int i = 0; i < 100; i++) {
            last = what.get();
            if (ok.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        return last;
    }

    interface IoSupplier {
        String get() throws IOException;
    }

    @Test
    void aHeartbeatDatagramIsDeliveredAndMalformedOnesAreDroppedAndCounted() throws Exception {
        try (ClusterServer s = new ClusterServer(ScenarioLoader.loadString(scenario(", \"electPortBase\": 16100"), "t.json"),
                ServeOptions.ephemeral().heldClock())) {
            s.start();
            String a = s.clientAddrs().get("a");
            String ctl = "127.0.0.1:" + s.controlPort();
            int aElect = s.liveCluster().node("a").orElseThrow().electPort();
            int bElect = s.liveCluster().node("b").orElseThrow().electPort();
            assertEquals("[\"slave\", \"\", :0, \"connect\", :0]", call(a, "ROLE"));
            send(aElect, new byte[0]);
            send(aElect, "b".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            send(aElect, new byte[ElectDatagram.MAX_BYTES + 100]);
            // b claims primary at epoch 5 > 1: a follows it (elector_inbound.rs:41-47) on its loop thread.
            send(aElect, ElectDatagram.encode(new ElectMsg.Hb(5, "b", "primary", 0)));
            String role = until(r -> r.contains("slave\", \"127"), () -> call(a, "ROLE"));
            assertEquals("[\"slave\", \"127.0.0.1\", :" + bElect + ", \"connect\", :0]", role);
            assertEquals("-READONLY You can't write against a read only replica.", call(a, "SET", "k", "v"));
            String counts = until(c -> c.contains("\"datagramsMalformed 3\""), () -> call(ctl, "COUNTS"));
            assertTrue(counts.contains("\"datagramsMalformed 3\""), counts);
            assertTrue(counts.contains("\"electDelivered "), counts);
            assertEquals("+PONG", call(a, "PING"));
        }
    }

    @Test
    void aMessageToAnElectPortWithoutTheListenerIsLost() throws Exception {
        // No elect_port_base: the listener binds port + 200, not the elect port the peers name.
        try (ClusterServer s = new ClusterServer(ScenarioLoader.loadString(scenario(""), "t.json"),
                ServeOptions.ephemeral().heldClock())) {
            s.start();
            String a = s.clientAddrs().get("a");
            String ctl = "127.0.0.1:" + s.controlPort();
            int aElect = s.liveCluster().node("a").orElseThrow().electPort();
            send(aElect, ElectDatagram.encode(new ElectMsg.Hb(5, "b", "primary", 0)));
            String counts = until(c -> c.contains("\"electNoListener 1\""), () -> call(ctl, "COUNTS"));
            assertTrue(counts.contains("\"electNoListener 1\""), counts);
            assertEquals("[\"slave\", \"\", :0, \"connect\", :0]", call(a, "ROLE"));
            assertEquals("+OK", call(a, "SET", "k", "v"));
        }
    }

    @Test
    void electionMessagesSurviveTheJournal(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("a").resolve("journal.ndjson");
        List<NodeInput> in = List.of(
                new NodeInput.ElectDeliver(200, new ElectMsg.Hb(1, "b", "replica", 0)),
                new NodeInput.ElectDeliver(5225, new ElectMsg.Offer(2, "a", 0)),
                new NodeInput.ElectDeliver(5226, new ElectMsg.Accept(2, "c")),
                new NodeInput.ElectDeliver(5227, new ElectMsg.Announce(2, "a", "127.0.0.1:7001")),
                new NodeInput.Timer(5400, "elect/tick"));
        try (Journal j = Journal.open(f)) {
            for (NodeInput x : in) {
                j.append(x);
            }
        }
        assertEquals(in, Journal.read(f));
        assertEquals(5400, Journal.lastTime(in));
    }
}
