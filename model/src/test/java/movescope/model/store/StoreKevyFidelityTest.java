package movescope.model.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The store's replies, orders and slice frames as kevy 5.4 produces them. Reply bytes are compared in
 * RESP ({@link Reply#resp()}); the sources are cited per case and listed in docs/kevy-replies.md. Orders of
 * flat hashes and sets were printed by kevy-map 5.4.0 for the same insert sequence (see KevyMapTest).
 * Reproduce: {@code mvn -B -o -pl model test -Dtest=StoreKevyFidelityTest}.
 */
class StoreKevyFidelityTest {

    private static List<String> cmd(String line) {
        return Arrays.asList(line.split(" "));
    }

    private static String resp(Store s, long now, String line) {
        return s.execute(cmd(line), now).resp();
    }

    private static String resp(Store s, long now, String... args) {
        return s.execute(List.of(args), now).resp();
    }

    @Test
    void pingDbsizeAndKeysReplyBytes() {
        Store s = new Store();
        // crates/kevy/src/tests.rs:11-14 (ping_and_echo), dispatch.rs:193-197
        assertEquals("+PONG\r\n", resp(s, 0, "PING"));
        assertEquals("$2\r\nhi\r\n", resp(s, 0, "ping hi"));
        assertEquals("-ERR wrong number of arguments for 'ping' command\r\n", resp(s, 0, "PING a b"));
        assertEquals(":0\r\n", resp(s, 0, "DBSIZE"));
        resp(s, 0, "SET k v");
        assertEquals(":1\r\n", resp(s, 0, "DBSIZE extra args")); // any arity (cmd_resolve.rs:138)
        resp(s, 0, "SET a 1 PX 10");
        resp(s, 0, "SET abc 2");
        // DBSIZE counts an expired key that nothing has touched yet (keyspace.rs:248-250) ...
        assertEquals(":3\r\n", resp(s, 20, "DBSIZE"));
        // ... KEYS skips it without removing it (keyspace.rs:416-434), in slot order: a, abc (hashes §2)
        assertEquals("*1\r\n$3\r\nabc\r\n", resp(s, 20, "KEYS a*"));
        assertEquals(":3\r\n", resp(s, 20, "DBSIZE"));
        assertEquals("*2\r\n$1\r\na\r\n$3\r\nabc\r\n", resp(s, 5, "KEYS a*"));
        assertEquals("-ERR wrong number of arguments for 'keys' command\r\n", resp(s, 0, "KEYS"));
        // touching it reaps it: now DBSIZE drops
        assertEquals("$-1\r\n", resp(s, 20, "GET a"));
        assertEquals(":2\r\n", resp(s, 20, "DBSIZE"));
    }

    @Test
    void ttlRoundsToNearestSecondAndPttlFloors() {
        Store s = new Store();
        resp(s, 0, "SET t v PX 1499");
        resp(s, 0, "SET u v PX 1500");
        resp(s, 0, "SET p v");
        // cmd_data.rs:383-400: TTL = (ms + 500) / 1000
        assertEquals(":1\r\n", resp(s, 0, "TTL t"));
        assertEquals(":2\r\n", resp(s, 0, "TTL u"));
        assertEquals(":1499\r\n", resp(s, 0, "PTTL t"));
        assertEquals(":0\r\n", resp(s, 1000, "TTL t")); // 499 ms left
        assertEquals(":1\r\n", resp(s, 1000, "TTL u")); // 500 ms left rounds up
        assertEquals(":-1\r\n", resp(s, 0, "TTL p"));
        assertEquals(":-2\r\n", resp(s, 0, "TTL missing"));
        assertEquals(":-2\r\n", resp(s, 1499, "TTL t")); // deadline reached: expired (entry.rs:98-103)
        assertEquals("-ERR wrong number of arguments for 'ttl' command\r\n", resp(s, 0, "TTL"));
        // kevy's own string_completion test: SETEX t 100 x; TTL t → :100 (tests.rs:99); SET EX is the model's form
        resp(s, 0, "SET t2 x EX 100");
        assertEquals(":100\r\n", resp(s, 0, "TTL t2"));
        assertEquals(100, Store.ttlSeconds(99_500));
        assertEquals(99, Store.ttlSeconds(99_499));
    }

    @Test
    void hgetAndSmembersReplyBytes() {
        Store s = new Store();
        resp(s, 0, "HSET h f 1 g 2");
        resp(s, 0, "SET str v");
        // dispatch_collections.rs:69-79
        assertEquals("$1\r\n1\r\n", resp(s, 0, "HGET h f"));
        assertEquals("$-1\r\n", resp(s, 0, "HGET h nope"));
        assertEquals("$-1\r\n", resp(s, 0, "HGET nokey f"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", resp(s, 0, "HGET str f"));
        assertEquals("-ERR wrong number of arguments for 'hget' command\r\n", resp(s, 0, "HGET h"));
        resp(s, 0, "SADD s b a c");
        // a small set keeps insertion order (small_set.rs iter_slices)
        assertEquals("*3\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nc\r\n", resp(s, 0, "SMEMBERS s"));
        assertEquals("-ERR wrong number of arguments for 'smembers' command\r\n", resp(s, 0, "SMEMBERS"));
    }

    @Test
    void smallCollectionsKeepInsertionOrderUntilTheyOutgrowTheInlineBuffer() {
        Store s = new Store();
        List<String> sadd = new ArrayList<>(List.of("SADD", "s"));
        for (int i = 0; i < 7; i++) {
            sadd.add("m" + i); // 7 members of 2 bytes: 7 * 3 = 21 <= 22 bytes inline
        }
        s.execute(sadd, 0);
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6"), members(s, "s"));
        assertTrue(((Value.SetVal) s.get("s", 0).orElseThrow()).table().inline());
        s.execute(List.of("SADD", "s", "m7", "m8"), 0); // m7 does not fit: promote, then kevy-map order
        assertFalse(((Value.SetVal) s.get("s", 0).orElseThrow()).table().inline());
        assertEquals(List.of("m4", "m1", "m0", "m8", "m3", "m6", "m5", "m2", "m7"), members(s, "s"));

        Store t = new Store();
        for (int i = 0; i < 40; i++) {
            t.execute(List.of("SADD", "big", "m" + i), 0);
        }
        assertEquals(List.of("m11", "m29", "m1", "m0", "m37", "m6", "m15", "m2", "m7", "m28", "m14", "m8", "m24",
                "m22", "m12", "m26", "m27", "m20", "m4", "m35", "m3", "m30", "m18", "m32", "m17", "m5", "m16", "m34",
                "m21", "m10", "m25", "m31", "m36", "m9", "m13", "m38", "m19", "m39", "m23", "m33"), members(t, "big"));

        // a member over 21 bytes never goes inline: the set starts flat (set.rs sadd_create)
        Store u = new Store();
        u.execute(List.of("SADD", "x", "a-member-longer-than-21-bytes", "b", "c"), 0);
        assertEquals(List.of("b", "c", "a-member-longer-than-21-bytes"), members(u, "x"));

        // hash: 4 pairs of (2 + 2 + 1) bytes fit in 22, the 5th promotes (small_hash.rs try_set)
        Store h = new Store();
        List<String> hset = new ArrayList<>(List.of("HSET", "h"));
        for (int i = 0; i < 9; i++) {
            hset.add("f" + i);
            hset.add("v");
        }
        h.execute(hset, 0);
        assertEquals("[\"f5\", \"v\", \"f6\", \"v\", \"f0\", \"v\", \"f7\", \"v\", \"f2\", \"v\", \"f3\", \"v\", \"f4\", \"v\", "
                + "\"f1\", \"v\", \"f8\", \"v\"]", h.execute(cmd("HGETALL h"), 0).wire());
        // an inline update that still fits stays in place; one that does not promotes
        Store g = new Store();
        g.execute(cmd("HSET g a 1 b 2"), 0);
        g.execute(cmd("HSET g a 333"), 0);
        assertEquals("[\"a\", \"333\", \"b\", \"2\"]", g.execute(cmd("HGETALL g"), 0).wire());
        assertTrue(((Value.HashVal) g.get("g", 0).orElseThrow()).table().inline());
        g.execute(List.of("HSET", "g", "a", "x".repeat(20)), 0);
        assertFalse(((Value.HashVal) g.get("g", 0).orElseThrow()).table().inline());
    }

    @Test
    void setsPast16384MembersTakeTheSegMapOrder() throws Exception {
        // SADD big m0 .. m19999 in one command: applied member by member (set.rs:48-71): inline, flat at m7,
        // SegMap at m16384 (set.rs:85-96, seg_map.rs). The expected order was printed by kevy-map 5.4.0 and
        // kevy-store's seg_map.rs built from 311feac0 (m0..m16383 into a KevyMap, a SegMap from its
        // iteration, then m16384..m19999).
        Store one = new Store();
        List<String> sadd = new ArrayList<>(List.of("SADD", "big"));
        for (int i = 0; i < 20_000; i++) {
            sadd.add("m" + i);
        }
        assertEquals(":20000", one.execute(sadd, 0).wire());
        Value.SetVal v = (Value.SetVal) one.get("big", 0).orElseThrow();
        assertTrue(v.table().segmented());
        List<String> order = v.members();
        assertEquals(20_000, order.size());
        assertEquals(List.of("m16809", "m1134", "m12851", "m8659", "m13564", "m15336", "m13810", "m5156", "m9267",
                "m2299", "m7074", "m8916"), order.subList(0, 12));
        assertEquals(List.of("m18140", "m16194", "m5773", "m5106", "m2671"), order.subList(19_995, 20_000));
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        byte[] d = sha.digest(String.join("\n", order).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals("b7c531dc9ecda89b75e33b43db770ad636d91813a0720debe14298b16e611665",
                java.util.HexFormat.of().formatHex(d));
        assertEquals(List.of("SADD", "big"), one.serializeSlice("big", 0).get(0).subList(0, 2));
        assertEquals(order, one.serializeSlice("big", 0).get(0).subList(2, 20_002));
    }

    private static List<String> members(Store s, String key) {
        return ((Value.SetVal) s.get(key, 0).orElseThrow()).members();
    }

    @Test
    void sortedSetsAddRangeScoreAndShip() {
        Store s = new Store();
        assertEquals(":3\r\n", resp(s, 0, "ZADD z 2 b 1.5 a -0 c"));
        assertEquals(":0\r\n", resp(s, 0, "ZADD z 2 b"));
        assertEquals("*3\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n", resp(s, 0, "ZRANGE z 0 -1"));
        assertEquals("*4\r\n$1\r\nc\r\n$1\r\n0\r\n$1\r\na\r\n$3\r\n1.5\r\n", resp(s, 0, "ZRANGE z 0 1 WITHSCORES"));
        assertEquals("$1\r\n2\r\n", resp(s, 0, "ZSCORE z b"));
        assertEquals("$-1\r\n", resp(s, 0, "ZSCORE z nope"));
        assertEquals(":3\r\n", resp(s, 0, "ZCARD z"));
        assertEquals("-ERR value is not a valid float\r\n", resp(s, 0, "ZADD z x m"));
        assertEquals("-ERR wrong number of arguments for 'zadd' command\r\n", resp(s, 0, "ZADD z 1"));
        assertEquals("-ERR GT, LT, and/or NX options at the same time are not compatible\r\n",
                resp(s, 0, "ZADD z NX GT 1 m"));
        assertEquals(":0\r\n", resp(s, 0, "ZADD z XX 9 new"));
        assertEquals(":1\r\n", resp(s, 0, "ZADD z CH GT 3 b"));
        assertEquals("$1\r\n4\r\n", resp(s, 0, "ZADD z INCR 1 b"));
        assertEquals("-ERR syntax error\r\n", resp(s, 0, "ZRANGE z 0 1 WITHSCORE"));
        // the slice frame: all members in one ZADD, scores in Rust Display (scope_move_emit.rs:102-127)
        assertEquals(List.of(List.of("ZADD", "z", "-0", "c", "1.5", "a", "4", "b")), s.serializeSlice("z", 0));
        Store t = new Store();
        for (List<String> f : s.serializeSlice("z", 0)) {
            assertFalse(t.execute(f, 0).isError(), f.toString());
        }
        assertEquals(s.entries(0), t.entries(0));
        assertEquals(":2\r\n", resp(s, 0, "ZREM z a c"));
        assertEquals(":1\r\n", resp(s, 0, "ZREM z b"));
        assertEquals("+none\r\n", resp(s, 0, "TYPE z")); // an emptied zset is deleted
    }

    @Test
    void streamsAddRangeAndShipWithTheirIdClock() {
        Store s = new Store();
        assertEquals("$3\r\n5-0\r\n", resp(s, 1000, "XADD st 5 f v"));
        assertEquals("$3\r\n5-1\r\n", resp(s, 1000, "XADD st 5-* g w"));
        assertEquals("$6\r\n1000-0\r\n", resp(s, 1000, "XADD st * h x"));
        assertEquals("-ERR The ID specified in XADD is equal or smaller than the target stream top item\r\n",
                resp(s, 1000, "XADD st 7-0 f v"));
        assertEquals("-ERR Invalid stream ID specified as stream command argument\r\n", resp(s, 1000, "XADD st x-1 f v"));
        assertEquals("-ERR wrong number of arguments for 'xadd' command\r\n", resp(s, 1000, "XADD st * f"));
        assertEquals("$-1\r\n", resp(s, 1000, "XADD none NOMKSTREAM * f v"));
        assertEquals(":3\r\n", resp(s, 1000, "XLEN st"));
        assertEquals("*2\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n5-1\r\n*2\r\n$1\r\ng\r\n$1\r\nw\r\n",
                resp(s, 1000, "XRANGE st - 5"));
        assertEquals("*1\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n", resp(s, 1000, "XRANGE st - + COUNT 1"));
        // a plain history replays exactly: XADD frames only (rewrite_stream_fmt.rs:18-44)
        assertEquals(List.of(List.of("XADD", "st", "5-0", "f", "v"), List.of("XADD", "st", "5-1", "g", "w"),
                List.of("XADD", "st", "1000-0", "h", "x")), s.serializeSlice("st", 1000));
        // a trim leaves entries_added and max_deleted_id that a replay would not reproduce: XSETID follows
        assertEquals("$6\r\n1000-1\r\n", resp(s, 1000, "XADD st MAXLEN 2 * i y"));
        List<List<String>> frames = s.serializeSlice("st", 1000);
        assertEquals(List.of("XSETID", "st", "1000-1", "ENTRIESADDED", "4", "MAXDELETEDID", "5-1"),
                frames.get(frames.size() - 1));
        Store t = new Store();
        for (List<String> f : frames) {
            assertFalse(t.execute(f, 1000).isError(), f.toString());
        }
        assertEquals(s.entries(1000), t.entries(1000));
        // an emptied stream whose clock advanced ships as XADD MAXLEN 0 (rewrite_stream_fmt.rs:59-71)
        Store e = new Store();
        resp(e, 0, "XADD es 9-9 f v");
        resp(e, 0, "XADD es MAXLEN 0 10-0 f v");
        assertEquals(List.of(List.of("XADD", "es", "MAXLEN", "0", "10-0", "x", "x"),
                List.of("XSETID", "es", "10-0", "ENTRIESADDED", "2", "MAXDELETEDID", "10-0")), e.serializeSlice("es", 0));
        Store et = new Store();
        for (List<String> f : e.serializeSlice("es", 0)) {
            assertFalse(et.execute(f, 0).isError(), f.toString());
        }
        assertEquals(e.entries(0), et.entries(0));
        // a refused XADD on a missing key leaves an empty stream behind (stream/store.rs:23-41, 79-80)
        Store q = new Store();
        assertTrue(resp(q, 0, "XADD q 0-0 f v").startsWith("-ERR The ID specified in XADD"));
        assertEquals("+stream\r\n", resp(q, 0, "TYPE q"));
        assertEquals(List.of(), q.serializeSlice("q", 0), "a virgin empty stream ships nothing");
        assertEquals("-ERR The XSETID command requires the key to exist.\r\n", resp(q, 0, "XSETID nokey 1-1"));
    }

    @Test
    void sliceOfEveryTypeShipsInSlotOrderAndRebuilds() {
        Store s = new Store();
        s.execute(cmd("SET k:s v"), 0);
        s.execute(cmd("RPUSH k:l a b"), 0);
        s.execute(cmd("HSET k:h f 1"), 0);
        s.execute(cmd("SADD k:set m"), 0);
        s.execute(cmd("ZADD k:z 1 m"), 0);
        s.execute(cmd("XADD k:x 1-1 f v"), 0);
        s.execute(cmd("PEXPIREAT k:s 5000"), 0);
        s.execute(cmd("SET k:soon v PX 1"), 0);
        List<List<String>> frames = s.serializeSlice("k:", 0);
        List<String> order = new ArrayList<>();
        for (List<String> f : frames) {
            if (!f.get(0).equals("PEXPIREAT")) {
                order.add(f.get(1));
            }
        }
        List<String> slotOrder = new ArrayList<>(s.keysInSlotOrder());
        assertEquals(slotOrder, order, "one frame per key, in slot order");
        assertEquals(7 + 2, frames.size(), "7 keys + 2 PEXPIREAT (k:soon has 1 ms left, so it keeps its TTL)");
        assertTrue(frames.contains(List.of("PEXPIREAT", "k:s", "5000")));
        assertTrue(frames.contains(List.of("PEXPIREAT", "k:soon", "1")));
        Store t = new Store();
        for (List<String> f : FrameCodec.decode(FrameCodec.encode(frames))) {
            assertFalse(t.execute(f, 0).isError(), f.toString());
        }
        assertEquals(s.entries(0), t.entries(0));
        assertEquals(s.deadlines(), t.deadlines());
    }

    @Test
    void frameLimitsAreMalformedBulkOnTheTarget() {
        // request.rs:18, 162-164: more than 1,048,576 elements; :25, 122-124: an element over 512 MiB
        assertThrows(MalformedBulkException.class, () -> FrameCodec.decode("*1048577\r\n$3\r\nSET\r\n"));
        assertEquals(List.of(), FrameCodec.decode("*1048576\r\n$3\r\nSET\r\n"), "at the limit: just incomplete");
        assertThrows(MalformedBulkException.class, () -> FrameCodec.decode("*3\r\n$3\r\nSET\r\n$536870913\r\n"));
        assertEquals(List.of(), FrameCodec.decode("*3\r\n$3\r\nSET\r\n$536870912\r\n"));
        // a list of 1,048,574 elements is RPUSH + key + elements = 1,048,576: shipped whole and accepted
        Store s = new Store();
        List<String> rpush = new ArrayList<>(List.of("RPUSH", "big"));
        for (int i = 0; i < 1_048_575; i++) {
            rpush.add("e");
        }
        s.execute(rpush, 0);
        List<List<String>> frames = s.serializeSlice("big", 0);
        assertEquals(1, frames.size(), "no splitting: one frame");
        assertEquals(1_048_577, frames.get(0).size());
        assertThrows(MalformedBulkException.class, () -> FrameCodec.decode(FrameCodec.encode(frames)));
    }

    @Test
    void nonUtf8KeysAreBytes() {
        Store s = new Store();
        String k = "\u00ff\u00fe:k";
        s.execute(List.of("SET", k, "\u0080"), 0);
        assertEquals("$1\r\n\u0080\r\n", s.execute(List.of("GET", k), 0).resp());
        assertEquals(List.of(List.of("SET", k, "\u0080")), s.serializeSlice("\u00ff", 0));
        assertEquals(1, s.collectKeys("\u00ff*", 0).size());
        assertEquals(0, s.collectKeys("\u00c3*", 0).size(), "the first byte is FF, not UTF-8's C3");
    }
}
