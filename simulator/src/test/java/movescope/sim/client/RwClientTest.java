package movescope.sim.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proves the client library follows kevy-cluster-rw (kevy-move-scope.md §7) exactly: the QUIESCED
 * back-off schedule 5, 10, 20, 40, 80, 80, 80 ms then one last try, MISDIRECTED followed once and cached,
 * a cached key going straight to the remembered node without following its replies, reads never routed,
 * and the 4096-entry cache cleared whole when full. Reproduce with
 * {@code mvn -o -q -pl simulator test -Dtest=RwClientTest}.
 */
class RwClientTest {
    static final Map<String, String> ADDRS = Map.of("10.0.0.1:6004", "a", "10.0.0.2:6004", "b", "10.0.0.3:6004", "c");
    static final String Q = "-QUIESCED migrating to 10.0.0.2:6004";

    @Test
    void quiescedBackoffScheduleThenOneLastTry() {
        RwClient c = new RwClient("c1", "a", ADDRS, KeyCache.KEVY_CAPACITY);
        ClientAction act = c.start(List.of("SET", "app:1", "v"));
        assertEquals(new ClientAction.Send("a", List.of("SET", "app:1", "v")), act);
        List<Long> sleeps = new ArrayList<>();
        int tries = 1;
        while (true) {
            act = c.onReply(Q);
            if (act instanceof ClientAction.Sleep s) {
                sleeps.add(s.ms());
                assertEquals("a", ((ClientAction.Send) c.onWake()).node(), "retries go to the same node");
                tries++;
            } else {
                assertEquals(new ClientAction.Done(Q), act);
                break;
            }
        }
        assertEquals(List.of(5L, 10L, 20L, 40L, 80L, 80L, 80L), sleeps);
        assertEquals(8, tries, "7 retries after the first try, the last one without a sleep after it");
        assertFalse(c.busy());
        assertEquals(0, c.cache().size(), "QUIESCED is never cached");
    }

    @Test
    void quiescedThenSuccessReturnsTheSuccess() {
        RwClient c = new RwClient("c1", "a", ADDRS, KeyCache.KEVY_CAPACITY);
        c.start(List.of("SET", "k", "v"));
        assertInstanceOf(ClientAction.Sleep.class, c.onReply(Q));
        c.onWake();
        assertEquals(new ClientAction.Done("+OK"), c.onReply("+OK"));
    }

    @Test
    void misdirectedIsFollowedOnceAndCached() {
        RwClient c = new RwClient("c1", "a", ADDRS, KeyCache.KEVY_CAPACITY);
        c.start(List.of("SET", "app:1", "v"));
        assertEquals(new ClientAction.Send("b", List.of("SET", "app:1", "v")),
                c.onReply("-MISDIRECTED writer is 10.0.0.2:6004"));
        assertEquals(new ClientAction.Done("-MISDIRECTED writer is 10.0.0.3:6004"),
                c.onReply("-MISDIRECTED writer is 10.0.0.3:6004"), "a second MISDIRECTED is returned");
        assertEquals("10.0.0.2:6004", c.cache().get("app:1").orElseThrow());
        // The cached key goes straight to b, and b's redirect is not followed.
        assertEquals(new ClientAction.Send("b", List.of("SET", "app:1", "w")), c.start(List.of("SET", "app:1", "w")));
        assertEquals(new ClientAction.Done("-MISDIRECTED writer is 10.0.0.1:6004"),
                c.onReply("-MISDIRECTED writer is 10.0.0.1:6004"));
        assertEquals(1, c.followedCount());
    }

    @Test
    void readsGoToThePrimaryAndAreNotFollowed() {
        RwClient c = new RwClient("c1", "a", ADDRS, KeyCache.KEVY_CAPACITY);
        c.start(List.of("SET", "k", "v"));
        c.onReply("-MISDIRECTED writer is 10.0.0.2:6004");
        c.onReply("+OK");
        assertEquals(new ClientAction.Send("a", List.of("GET", "k")), c.start(List.of("GET", "k")));
        assertEquals(new ClientAction.Done("-MISDIRECTED writer is 10.0.0.2:6004"),
                c.onReply("-MISDIRECTED writer is 10.0.0.2:6004"));
    }

    @Test
    void unknownAddressFailsTheCommand() {
        RwClient c = new RwClient("c1", "a", ADDRS, KeyCache.KEVY_CAPACITY);
        c.start(List.of("SET", "k", "v"));
        // kevy-cluster-rw lib.rs:159-164: a raw node id is no host:port.
        assertEquals(new ClientAction.Done("io error: server returned MISDIRECTED with malformed target \"z\""),
                c.onReply("-MISDIRECTED writer is z"));
        // The key was cached first, so the next write of it fails the same way at once.
        assertEquals(new ClientAction.Done("io error: server returned MISDIRECTED with malformed target \"z\""),
                c.start(List.of("SET", "k", "v")));
    }

    @Test
    void aWellFormedAddressNoNodeHasIsARefusedConnect() {
        RwClient c = new RwClient("c1", "a", ADDRS, KeyCache.KEVY_CAPACITY);
        c.start(List.of("SET", "k", "v"));
        assertEquals(new ClientAction.Done("io error: Connection refused (os error 111)"),
                c.onReply("-MISDIRECTED writer is 10.9.9.9:6004"));
        assertEquals(java.util.Optional.of("10.9.9.9:6004"), c.cache().get("k"), "the key stays cached");
    }

    @Test
    void hostPortIsSplitHostPort() {
        for (String ok : java.util.List.of("h:1", "10.0.0.1:6004", "kevy-b:+80", "::1:7102", "a:b:65535")) {
            org.junit.jupiter.api.Assertions.assertTrue(ClientErrors.isHostPort(ok), ok);
        }
        for (String bad : java.util.List.of("z", ":80", "h:", "h:65536", "h:-1", "h:+", "h:8a")) {
            org.junit.jupiter.api.Assertions.assertFalse(ClientErrors.isHostPort(bad), bad);
        }
    }

    @Test
    void cacheIsClearedWholeWhenFull() {
        KeyCache cache = new KeyCache(KeyCache.KEVY_CAPACITY);
        for (int i = 0; i < 4096; i++) {
            cache.put("k" + i, "a");
        }
        assertEquals(4096, cache.size());
        cache.put("k0", "b");
        assertEquals(4096, cache.size(), "updating a present key does not clear");
        cache.put("new", "c");
        assertEquals(1, cache.size());
        assertEquals(1, cache.clears());
        assertEquals("c", cache.get("new").orElseThrow());
        assertFalse(cache.get("k1").isPresent());
    }

    @Test
    void sortedSetStoresAreReadsToTheLibraryAndSetStoresWrites() {
        // kevy-cluster-rw's is_write_verb (lib.rs:220-253) lists SINTERSTORE/SUNIONSTORE/SDIFFSTORE, not the
        // Z*STORE verbs: those go out as reads, to the primary, whatever the key cache says, and nothing is followed.
        RwClient c = new RwClient("c1", "a", ADDRS, KeyCache.KEVY_CAPACITY);
        c.start(List.of("SET", "app:d", "v"));
        c.onReply("-MISDIRECTED writer is 10.0.0.2:6004");
        c.onReply("+OK");
        List<String> z = List.of("ZUNIONSTORE", "app:d", "1", "app:z");
        assertEquals(new ClientAction.Send("a", z), c.start(z), "not sent to the cached b");
        assertEquals(new ClientAction.Done("-MISDIRECTED writer is 10.0.0.2:6004"),
                c.onReply("-MISDIRECTED writer is 10.0.0.2:6004"), "not followed");
        List<String> st = List.of("SUNIONSTORE", "app:d", "app:s");
        assertEquals(new ClientAction.Send("b", st), c.start(st), "a write: the cached node");
    }
}
