package movescope.model.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Proves the command classification of kevy-move-scope.md §3: which commands are writes, which writes are
 * checked, on which key. Reproduce with {@code mvn -pl model test -Dtest=CommandsTest}.
 */
class CommandsTest {

    private static final List<String> REQUIRED_WRITES = List.of("SET", "SETNX", "SETEX", "PSETEX", "GETSET",
            "APPEND", "INCR", "INCRBY", "DECR", "DECRBY", "DEL", "UNLINK", "EXPIRE", "PEXPIRE", "PEXPIREAT",
            "EXPIREAT", "PERSIST", "RPUSH", "LPUSH", "LPOP", "RPOP", "LSET", "LREM", "LTRIM", "HSET", "HDEL", "SADD",
            "SREM", "ZADD", "ZREM", "MSET", "FLUSHALL", "FLUSHDB", "RENAME", "RENAMENX", "RPOPLPUSH", "LMOVE", "XADD");

    private static final List<String> UNCHECKED_ALWAYS = List.of("MSET", "FLUSHALL", "FLUSHDB", "RENAME",
            "RENAMENX", "RPOPLPUSH", "LMOVE");

    @Test
    void everyRequiredWriteIsAWriteInAnyCase() {
        for (String w : REQUIRED_WRITES) {
            assertTrue(Commands.isWrite(List.of(w, "k")), w);
            assertTrue(Commands.isWrite(List.of(w.toLowerCase(java.util.Locale.ROOT), "k")), w);
            assertFalse(Commands.isRead(List.of(w, "k")), w);
        }
    }

    @Test
    void singleKeyWritesAreCheckedOnArgsOne() {
        for (String w : REQUIRED_WRITES) {
            if (UNCHECKED_ALWAYS.contains(w)) {
                continue;
            }
            List<String> args = List.of(w, "key:1", "x", "y");
            if (w.equals("DEL") || w.equals("UNLINK")) {
                args = List.of(w, "key:1");
            }
            assertTrue(Commands.isCheckedWrite(args), w);
            assertEquals("key:1", Commands.checkedKey(args));
        }
    }

    @Test
    void multiKeyAndWholeKeyspaceWritesAreNeverChecked() {
        for (String w : UNCHECKED_ALWAYS) {
            assertFalse(Commands.isCheckedWrite(List.of(w, "a", "b")), w);
            assertFalse(Commands.isCheckedWrite(List.of(w, "a")), w);
        }
        assertFalse(Commands.isCheckedWrite(List.of("DEL", "a", "b")));
        assertFalse(Commands.isCheckedWrite(List.of("unlink", "a", "b", "c")));
        assertTrue(Commands.isCheckedWrite(List.of("del", "a")));
        assertThrows(IllegalArgumentException.class, () -> Commands.checkedKey(List.of("MSET", "a", "b")));
    }

    @Test
    void theStoreFamilyIsUncheckedInItsRuntimeFormAndCheckedWhenShorter() {
        // cmd_resolve.rs:167-172: Z*STORE from 4 args, S*STORE from 3 are runtime ops; shorter ones fall
        // through to Route::Single(1) (:279-285) and the scope gate checks args[1] (dispatch.rs:80-94).
        for (String z : List.of("ZINTERSTORE", "ZUNIONSTORE", "zdiffstore")) {
            assertTrue(Commands.isWrite(List.of(z, "d", "1", "a")), z);
            assertTrue(Commands.isRuntimeStore(List.of(z, "d", "1", "a")), z);
            assertFalse(Commands.isCheckedWrite(List.of(z, "d", "1", "a")), z);
            assertFalse(Commands.isRuntimeStore(List.of(z, "d", "1")), z);
            assertTrue(Commands.isCheckedWrite(List.of(z, "d", "1")), z);
            assertEquals("d", Commands.checkedKey(List.of(z, "d")));
            assertFalse(Commands.isCheckedWrite(List.of(z)), z);
            // kevy-cluster-rw's own list has no sorted-set *STORE (lib.rs:220-253): it sends them as reads
            assertFalse(Commands.isClientLibraryWrite(List.of(z, "d", "1", "a")), z);
        }
        for (String st : List.of("SINTERSTORE", "SUNIONSTORE", "sdiffstore")) {
            assertTrue(Commands.isRuntimeStore(List.of(st, "d", "a")), st);
            assertFalse(Commands.isCheckedWrite(List.of(st, "d", "a")), st);
            assertTrue(Commands.isCheckedWrite(List.of(st, "d")), st);
            assertTrue(Commands.isClientLibraryWrite(List.of(st, "d", "a")), st);
        }
        assertFalse(Commands.isWrite(List.of("ZRANGESTORE", "d", "src", "0", "-1")), "kevy 5.4 has no ZRANGESTORE");
        assertTrue(Commands.isClientLibraryWrite(List.of("SET", "k", "v")));
    }

    @Test
    void readsAreNotWritesAndNotChecked() {
        for (String r : List.of("GET", "MGET", "EXISTS", "LRANGE", "LLEN", "PTTL", "HGETALL", "SMEMBERS", "get")) {
            assertTrue(Commands.isRead(List.of(r, "k")), r);
            assertFalse(Commands.isWrite(List.of(r, "k")), r);
            assertFalse(Commands.isCheckedWrite(List.of(r, "k")), r);
        }
    }

    @Test
    void edgeCases() {
        assertFalse(Commands.isCheckedWrite(List.of()));
        assertFalse(Commands.isCheckedWrite(List.of("SET")), "a write without a key is left to the arity error");
        assertEquals("SET", Commands.name(List.of("sEt")));
        assertEquals("", Commands.name(List.of()));
    }

    @Test
    void peersResolveAddrsAndTheFallbackSwitch() {
        Peers p = Peers.of(List.of(new Peer("a", "h1", 1, 6004), new Peer("b", "h2", 2, 7000)));
        assertEquals("h1:6004", p.addr("a"));
        assertEquals("h2:7000", p.addr("b"));
        assertEquals("zz", p.addr("zz"));
        assertEquals("h2:7000", new Peer("b", "h2", 2, 7000).clientAddr());
        assertTrue(p.fallbackViewEnabled(Optional.of("a")));
        assertFalse(p.fallbackViewEnabled(Optional.empty()));
        assertFalse(Peers.none().fallbackViewEnabled(Optional.of("a")));
        assertTrue(p.contains("a"));
        assertFalse(p.contains("zz"));
    }
}
