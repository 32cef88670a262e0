package movescope.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import movescope.live.adapter.ElectMsg;
import movescope.live.serve.ElectDatagram;
import org.junit.jupiter.api.Test;

/** The election port's datagrams (docs/live.md "Election plane"): round trips, and every malformed shape refused. */
class ElectDatagramTest {
    static final List<ElectMsg> SAMPLES = List.of(
            new ElectMsg.Hb(1, "a", "replica", 0),
            new ElectMsg.Hb(Long.MAX_VALUE, "nodeA", "primary", Long.MAX_VALUE),
            new ElectMsg.Hb(7, "é-ü-节点", "candidate", 42),
            new ElectMsg.Offer(2, "a", 0),
            new ElectMsg.Accept(2, "c"),
            new ElectMsg.Announce(3, "b", "127.0.0.1:6004"),
            new ElectMsg.Announce(3, "b", ""),
            new ElectMsg.Announce(9, "x".repeat(255), "y".repeat(255)));

    static ElectDatagram.Decoded decode(byte[] d) throws ElectDatagram.Malformed {
        return ElectDatagram.decode(d, 0, d.length);
    }

    @Test
    void everyMessageRoundTrips() throws Exception {
        for (ElectMsg m : SAMPLES) {
            byte[] d = ElectDatagram.encode(m);
            assertTrue(d.length <= ElectDatagram.MAX_BYTES, m + ": " + d.length + " bytes");
            assertEquals(new ElectDatagram.Elect(m), decode(d), m.toString());
        }
        assertEquals(new ElectDatagram.Beat("b"), decode(ElectDatagram.encodeBeat("b")));
    }

    @Test
    void theLargestMessageIsExactlyTheBound() {
        assertEquals(ElectDatagram.MAX_BYTES, ElectDatagram.encode(SAMPLES.get(SAMPLES.size() - 1)).length);
    }

    @Test
    void theLayoutIsTheDocumentedOne() {
        // "MSE", version 1, kind 3 (ACCEPT), epoch 2 as 8 bytes, then "c" with its length byte.
        assertArrayEquals(new byte[] {'M', 'S', 'E', 1, 3, 0, 0, 0, 0, 0, 0, 0, 2, 1, 'c'},
                ElectDatagram.encode(new ElectMsg.Accept(2, "c")));
        // HB: epoch, id, role code (0 primary, 1 replica, 2 candidate), offset.
        assertArrayEquals(new byte[] {'M', 'S', 'E', 1, 1, 0, 0, 0, 0, 0, 0, 0, 5, 1, 'a', 2, 0, 0, 0, 0, 0, 0, 0, 9},
                ElectDatagram.encode(new ElectMsg.Hb(5, "a", "candidate", 9)));
        assertArrayEquals(new byte[] {'M', 'S', 'E', 1, 0, 1, 'b'}, ElectDatagram.encodeBeat("b"));
    }

    @Test
    void malformedDatagramsAreRefused() {
        byte[] hb = ElectDatagram.encode(new ElectMsg.Hb(5, "a", "candidate", 9));
        List<byte[]> bad = List.of(
                new byte[0],
                "a".getBytes(StandardCharsets.UTF_8), // the pre-versioned heartbeat: a bare node id
                "MSE".getBytes(StandardCharsets.UTF_8),
                with(hb, 0, 'X'), // magic
                with(hb, 3, 2), // version
                with(hb, 4, 9), // kind
                with(hb, 5, 0x80), // negative epoch
                with(hb, 13, 0), // empty id
                with(hb, 13, 200), // a length past the end
                with(hb, 14, 0xff), // not UTF-8
                with(hb, 15, 3), // role code
                Arrays.copyOf(hb, hb.length - 1), // truncated offset
                Arrays.copyOf(hb, hb.length + 1), // a trailing byte
                Arrays.copyOf(hb, ElectDatagram.MAX_BYTES + 1)); // over the bound
        for (byte[] d : bad) {
            assertThrows(ElectDatagram.Malformed.class, () -> decode(d), Arrays.toString(d));
        }
        // Every prefix of every sample is refused too (never an exception other than Malformed).
        for (ElectMsg m : SAMPLES) {
            byte[] d = ElectDatagram.encode(m);
            for (int n = 0; n < d.length; n++) {
                byte[] p = Arrays.copyOf(d, n);
                assertThrows(ElectDatagram.Malformed.class, () -> decode(p), m + " cut at " + n);
            }
        }
    }

    @Test
    void messagesThatDoNotFitAreNotEncoded() {
        assertThrows(IllegalArgumentException.class, () -> ElectDatagram.encode(new ElectMsg.Accept(1, "x".repeat(256))));
        assertThrows(IllegalArgumentException.class, () -> ElectDatagram.encode(new ElectMsg.Accept(1, "")));
        assertThrows(IllegalArgumentException.class, () -> ElectDatagram.encode(new ElectMsg.Offer(-1, "a", 0)));
        assertThrows(IllegalArgumentException.class, () -> new ElectMsg.Hb(1, "a", "leader", 0));
    }

    private static byte[] with(byte[] d, int at, int value) {
        byte[] c = d.clone();
        c[at] = (byte) value;
        return c;
    }
}
