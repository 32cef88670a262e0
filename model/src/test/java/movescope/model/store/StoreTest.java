package movescope.model.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves the per-shard Store answers with Redis's reply texts, expires lazily at absolute deadlines, and
 * serializes a slice as kevy's MOVE-SCOPE rebuild frames. Scripts are tables of (nowMs, command, wire
 * reply); reproduce with {@code mvn -pl model test -Dtest=StoreTest}.
 */
class StoreTest {

    private static List<String> cmd(String line) {
        return Arrays.asList(line.split(" "));
    }

    /** Runs "now|command|expected" steps on a fresh store, naming the failing step. */
    private static Store script(String... steps) {
        Store s = new Store();
        for (int i = 0; i < steps.length; i++) {
            String[] p = steps[i].split("\\|", 3);
            Reply r = s.execute(cmd(p[1]), Long.parseLong(p[0]));
            assertEquals(p[2], r.wire(), "step " + i + ": " + steps[i]);
        }
        return s;
    }

    static Stream<Arguments> errorTexts() {
        return Stream.of(
                Arguments.of("FROB k", "-ERR unknown command 'FROB'"),
                Arguments.of("frob k", "-ERR unknown command 'frob'"),
                Arguments.of("GET", "-ERR wrong number of arguments for 'get' command"),
                Arguments.of("GET a b", "-ERR wrong number of arguments for 'get' command"),
                Arguments.of("SET k", "-ERR wrong number of arguments for 'set' command"),
                Arguments.of("DEL", "-ERR wrong number of arguments for 'del' command"),
                Arguments.of("UNLINK", "-ERR wrong number of arguments for 'unlink' command"),
                Arguments.of("EXISTS", "-ERR wrong number of arguments for 'exists' command"),
                Arguments.of("RPUSH k", "-ERR wrong number of arguments for 'rpush' command"),
                Arguments.of("LPUSH k", "-ERR wrong number of arguments for 'lpush' command"),
                Arguments.of("LRANGE k 0", "-ERR wrong number of arguments for 'lrange' command"),
                Arguments.of("LLEN", "-ERR wrong number of arguments for 'llen' command"),
                Arguments.of("MSET a", "-ERR wrong number of arguments for 'mset' command"),
                Arguments.of("MSET a 1 b", "-ERR wrong number of arguments for 'mset' command"),
                Arguments.of("MGET", "-ERR wrong number of arguments for 'mget' command"),
                Arguments.of("PEXPIREAT k", "-ERR wrong number of arguments for 'pexpireat' command"),
                Arguments.of("PTTL", "-ERR wrong number of arguments for 'pttl' command"),
                Arguments.of("HSET k f", "-ERR wrong number of arguments for 'hset' command"),
                Arguments.of("HSET k f v g", "-ERR wrong number of arguments for 'hset' command"),
                Arguments.of("HGETALL", "-ERR wrong number of arguments for 'hgetall' command"),
                Arguments.of("SADD k", "-ERR wrong number of arguments for 'sadd' command"),
                Arguments.of("SMEMBERS", "-ERR wrong number of arguments for 'smembers' command"),
                Arguments.of("SET k v PX", "-ERR syntax error"),
                Arguments.of("SET k v EX abc", "-ERR value is not an integer or out of range"),
                Arguments.of("SET k v PX 0", "-ERR invalid expire time in 'set' command"),
                Arguments.of("SET k v EX -5", "-ERR invalid expire time in 'set' command"),
                Arguments.of("SET k v BOGUS", "-ERR syntax error"),
                Arguments.of("LRANGE k a 1", "-ERR value is not an integer or out of range"),
                Arguments.of("PEXPIREAT k soon", "-ERR value is not an integer or out of range"),
                Arguments.of("FLUSHALL NOW", "-ERR syntax error"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("errorTexts")
    void errorTextsAreRedis(String command, String wire) {
        Reply r = new Store().execute(cmd(command), 0);
        assertEquals(wire, r.wire());
        assertTrue(r.isError());
    }

    @Test
    void emptyCommandIsUnknown() {
        assertEquals("-ERR unknown command ''", new Store().execute(List.of(), 0).wire());
    }

    @Test
    void wrongTypeOnEveryTypedCommand() {
        String wt = "-WRONGTYPE Operation against a key holding the wrong kind of value";
        script("0|SET s v|+OK", "0|RPUSH l a|:1", "0|HSET h f v|:1", "0|SADD z m|:1",
                "0|RPUSH s x|" + wt, "0|LPUSH s x|" + wt, "0|LRANGE s 0 -1|" + wt, "0|LLEN s|" + wt,
                "0|GET l|" + wt, "0|HSET l f v|" + wt, "0|HGETALL l|" + wt, "0|SADD h m|" + wt,
                "0|SMEMBERS h|" + wt, "0|INCR l|" + wt, "0|APPEND z x|" + wt,
                // SET and MSET overwrite any type, MGET reports non-strings as nil
                "0|MGET s l|[\"v\", (nil)]", "0|SET l now-a-string|+OK", "0|GET l|\"now-a-string\"");
    }

    @Test
    void stringsAndMultiKeyCommands() {
        script("0|GET k|(nil)", "0|SET k v|+OK", "0|GET k|\"v\"", "0|set k w|+OK", "0|get k|\"w\"",
                "0|MSET a 1 b 2|+OK", "0|MGET a b c|[\"1\", \"2\", (nil)]", "0|EXISTS a b c a|:3",
                "0|DEL a c|:1", "0|UNLINK b|:1", "0|EXISTS a b|:0", "0|SET k v NX|(nil)", "0|SET n v XX|(nil)",
                "0|SET n v NX|+OK", "0|INCR c|:1", "0|INCR c|:2", "0|APPEND c x|:2",
                "0|INCR c|-ERR value is not an integer or out of range", "0|TYPE c|+string", "0|TYPE none|+none");
    }

    @Test
    void listsHashesSets() {
        script("0|RPUSH l a b|:2", "0|LPUSH l z|:3", "0|LRANGE l 0 -1|[\"z\", \"a\", \"b\"]",
                "0|LRANGE l -2 10|[\"a\", \"b\"]", "0|LRANGE l 5 9|[]", "0|LRANGE none 0 -1|[]", "0|LLEN l|:3",
                "0|LLEN none|:0", "0|HSET h f 1 g 2|:2", "0|HSET h f 3|:0", "0|HGETALL h|[\"f\", \"3\", \"g\", \"2\"]",
                "0|HGETALL none|[]", "0|SADD s y x y|:2", "0|SADD s x|:0", "0|SMEMBERS s|[\"y\", \"x\"]",
                "0|SMEMBERS none|[]", "0|TYPE l|+list", "0|TYPE h|+hash", "0|TYPE s|+set");
    }

    @Test
    void ttlsAreAbsoluteDeadlinesExpiredLazily() {
        // kevy: a key is expired once its deadline is reached (entry.rs:98-103), so at 1500 it is gone.
        Store s = script("1000|SET k v PX 500|+OK", "1000|PTTL k|:500", "1499|PTTL k|:1", "1499|GET k|\"v\"",
                "1500|GET k|(nil)", "1500|PTTL k|:-2", "1500|EXISTS k|:0",
                "2000|SET e v EX 2|+OK", "2000|PTTL e|:2000", "2000|SET e w|+OK", "2000|PTTL e|:-1",
                "2000|PEXPIREAT e 9000|:1", "2000|PTTL e|:7000", "2000|PEXPIREAT none 9000|:0",
                "2000|RPUSH e2 x|:1", "2000|PEXPIREAT e2 2000|:1", "2000|EXISTS e2|:0",
                "2000|PERSIST e|:1", "2000|PTTL e|:-1", "2000|PERSIST e|:0");
        assertEquals(List.of("e"), List.copyOf(s.entries(2000).keySet()));
    }

    @Test
    void ttlSurvivesContainerWritesButNotSet() {
        script("0|RPUSH l a|:1", "0|PEXPIREAT l 100|:1", "10|RPUSH l b|:2", "10|PTTL l|:90",
                "10|HSET h f v|:1", "10|PEXPIREAT h 50|:1", "20|HSET h g w|:1", "20|PTTL h|:30",
                "101|LLEN l|:0", "101|RPUSH l c|:1", "101|PTTL l|:-1");
    }

    @Test
    void flushClearsEverythingIncludingDeadlines() {
        Store s = script("0|SET a 1 PX 10|+OK", "0|RPUSH b x|:1", "0|FLUSHALL|+OK", "0|EXISTS a b|:0",
                "0|SET c 1|+OK", "0|FLUSHDB ASYNC|+OK", "0|EXISTS c|:0");
        assertTrue(s.entries().isEmpty());
        assertTrue(s.deadlines().isEmpty());
    }

    @Test
    void serializeSliceEmitsRebuildFramesInSlotOrderWithPexpireat() {
        Store s = script("0|SET app:b v|+OK", "0|RPUSH app:a x y|:2", "0|HSET app:c f 1 e 2|:2",
                "0|SADD app:d n m|:2", "0|SET app:e t PX 5000|+OK", "0|SET other k|+OK", "0|SET app:gone z PX 1|+OK",
                "0|SET ap x|+OK");
        // kevy-map 5.4.0 iterates these eight inserts as app:c, app:d, ap, app:a, app:b, other, app:gone,
        // app:e (computed with the crate itself); small hashes and sets keep insertion order (small_hash.rs,
        // small_set.rs). app:gone has expired by t=100 and is skipped without being removed.
        assertEquals(List.of(
                List.of("HSET", "app:c", "f", "1", "e", "2"),
                List.of("SADD", "app:d", "n", "m"),
                List.of("RPUSH", "app:a", "x", "y"),
                List.of("SET", "app:b", "v"),
                List.of("SET", "app:e", "t"),
                List.of("PEXPIREAT", "app:e", "5000")),
                s.serializeSlice("app:", 100));
        assertEquals(List.of("app:c", "app:d", "ap", "app:a", "app:b", "other", "app:gone", "app:e"), s.keysInSlotOrder());
        assertEquals(List.of("app:a", "app:b", "app:c", "app:d", "app:e"), List.copyOf(s.keysWithPrefix("app:", 100)));
        // at t=0 app:gone is still live: 8 keys, 2 of them with a deadline
        assertEquals(10, s.serializeSlice("", 0).size(), "empty prefix slices every live key");
        assertEquals(8, s.serializeSlice("", 100).size(), "app:gone expired at 1 ms");
        assertEquals(List.of(), s.serializeSlice("nothing:", 0));
    }

    @Test
    void replayingASliceRebuildsItOnAnEmptyStore() {
        Store src = script("0|SET p:s v PX 900|+OK", "0|RPUSH p:l a b c|:3", "0|HSET p:h f 1|:1", "0|SADD p:z m|:1");
        Store dst = new Store();
        for (List<String> f : src.serializeSlice("p:", 10)) {
            assertFalse(dst.execute(f, 10).isError(), f.toString());
        }
        assertEquals(src.entries(10), dst.entries(10));
        assertEquals(src.deadlines(), dst.deadlines());
    }

    @Test
    void ingestIsAMergeNotAReplace() {
        Store target = script("0|RPUSH p:l old|:1", "0|HSET p:h g 9|:1", "0|SET p:s mine|+OK");
        Store source = script("0|RPUSH p:l new|:1", "0|HSET p:h f 1|:1", "0|SET p:s theirs|+OK");
        for (List<String> f : source.serializeSlice("p:", 0)) {
            target.execute(f, 0);
        }
        assertEquals("[\"old\", \"new\"]", target.execute(cmd("LRANGE p:l 0 -1"), 0).wire());
        assertEquals("[\"g\", \"9\", \"f\", \"1\"]", target.execute(cmd("HGETALL p:h"), 0).wire());
        assertEquals("\"theirs\"", target.execute(cmd("GET p:s"), 0).wire());
    }

    @Test
    void copyIsIndependent() {
        Store a = script("0|RPUSH l x|:1");
        Store b = a.copy();
        a.execute(cmd("RPUSH l y"), 0);
        b.execute(cmd("SET k v"), 0);
        assertEquals("[\"x\"]", b.execute(cmd("LRANGE l 0 -1"), 0).wire());
        assertEquals("[\"x\", \"y\"]", a.execute(cmd("LRANGE l 0 -1"), 0).wire());
        assertEquals(":0", a.execute(cmd("EXISTS k"), 0).wire());
    }

    @Test
    void replyWireForms() {
        assertEquals("+OK", Reply.ok().wire());
        assertEquals(":-3", Reply.integer(-3).wire());
        assertEquals("-ERR x", Reply.error("ERR x").wire());
        assertEquals("(nil)", new Reply.NullBulk().wire());
        assertEquals("\"a\\\"b\\\\c\\nd\\r\\te\\x01\"", new Reply.Bulk("a\"b\\c\nd\r\te\u0001").wire());
        assertEquals("[[\"x\"], :1, (nil)]", new Reply.ArrayReply(List.of(
                new Reply.ArrayReply(List.of(new Reply.Bulk("x"))), Reply.integer(1), new Reply.NullBulk())).wire());
        assertTrue(Reply.error("ERR").isError());
        assertFalse(Reply.ok().isError());
        assertFalse(new Reply.Bulk("-ERR").isError());
    }
}
