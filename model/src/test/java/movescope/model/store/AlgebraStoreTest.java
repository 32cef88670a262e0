package movescope.model.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code *STORE} family on one shard, byte for byte: replies (RESP), the destination it leaves, and the frames
 * the destination's shard logs (crates/kevy-rt/src/exec_zalgebra.rs, exec_build.rs:267-303, 374-453,
 * exec_op.rs:121-186; crates/kevy-store/src/zset_algebra.rs). The cross-shard form and the log/replay
 * consequences are in the protocol package's StoreFamilyTest.
 */
class AlgebraStoreTest {
    private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

    private static List<String> a(String... s) {
        return Arrays.asList(s);
    }

    private static AlgebraStore.Outcome run(Store s, String... args) {
        return AlgebraStore.run(a(args), k -> s, 0);
    }

    /** a = {x:1, y:2}, b = {y:3, z:4}: the inputs of kevy's own zset_algebra.rs tests (:200-236). */
    private static Store ab() {
        Store s = new Store();
        s.execute(a("ZADD", "a", "1", "x", "2", "y"), 0);
        s.execute(a("ZADD", "b", "3", "y", "4", "z"), 0);
        return s;
    }

    private static String zrange(Store s, String key) {
        return s.execute(a("ZRANGE", key, "0", "-1", "WITHSCORES"), 0).resp();
    }

    @Test
    void zunionstoreRepliesTheCardinalityAndLogsDelThenZaddInFirstAppearanceOrder() {
        Store s = ab();
        AlgebraStore.Outcome o = run(s, "ZUNIONSTORE", "d", "2", "a", "b");
        assertEquals(":3\r\n", o.reply().resp());
        assertEquals(List.of(a("DEL", "d"), a("ZADD", "d", "1", "x", "5", "y", "4", "z")), o.frames());
        assertEquals("*6\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\nz\r\n$1\r\n4\r\n$1\r\ny\r\n$1\r\n5\r\n", zrange(s, "d"));
    }

    @Test
    void weightsAndAggregateAsKevysOwnTestsHaveThem() {
        Store s = ab();
        // zset_algebra.rs:207-210: WEIGHTS 2 3, MIN -> x 2, y 4, z 12
        assertEquals(":3\r\n", run(s, "ZUNIONSTORE", "d", "2", "a", "b", "weights", "2", "3", "aggregate", "min").reply().resp());
        assertEquals("[\"x\", \"2\", \"y\", \"4\", \"z\", \"12\"]", s.execute(a("ZRANGE", "d", "0", "-1", "WITHSCORES"), 0).wire());
        // :218-221: ZINTERSTORE WEIGHTS 10 1 AGGREGATE MAX -> y 20
        AlgebraStore.Outcome o = run(s, "ZINTERSTORE", "i", "2", "a", "b", "WEIGHTS", "10", "1", "AGGREGATE", "MAX");
        assertEquals(":1\r\n", o.reply().resp());
        assertEquals(List.of(a("DEL", "i"), a("ZADD", "i", "20", "y")), o.frames());
        // :217: plain ZINTERSTORE sums
        assertEquals(List.of(a("DEL", "i"), a("ZADD", "i", "5", "y")), run(s, "ZINTERSTORE", "i", "2", "a", "b").frames());
        // the last WEIGHTS / AGGREGATE wins
        assertEquals(List.of(a("DEL", "i"), a("ZADD", "i", "3", "y")),
                run(s, "ZINTERSTORE", "i", "2", "a", "b", "AGGREGATE", "MAX", "AGGREGATE", "MIN", "WEIGHTS", "9", "9",
                        "WEIGHTS", "1.5", "1").frames());
    }

    @Test
    void zdiffstoreTakesTheFirstInputsScoresAndNoOptions() {
        Store s = ab();
        AlgebraStore.Outcome o = run(s, "ZDIFFSTORE", "d", "2", "a", "b");
        assertEquals(":1\r\n", o.reply().resp());
        assertEquals(List.of(a("DEL", "d"), a("ZADD", "d", "1", "x")), o.frames());
        assertEquals("-ERR syntax error\r\n", run(s, "ZDIFFSTORE", "d", "2", "a", "b", "WEIGHTS", "1", "1").reply().resp());
        assertEquals("-ERR syntax error\r\n", run(s, "ZDIFFSTORE", "d", "2", "a", "b", "AGGREGATE", "SUM").reply().resp());
    }

    @Test
    void parseErrorsAreKevysTextsAndLeaveEverythingAlone() {
        Store s = ab();
        s.execute(a("SET", "d", "old"), 0);
        String[][] cases = {
            {"-ERR numkeys should be greater than 0\r\n", "ZUNIONSTORE", "d", "0", "a"},
            {"-ERR numkeys should be greater than 0\r\n", "ZUNIONSTORE", "d", "-1", "a"},
            {"-ERR numkeys should be greater than 0\r\n", "ZUNIONSTORE", "d", "one", "a"},
            {"-ERR numkeys should be greater than 0\r\n", "ZUNIONSTORE", "d", " 1", "a"},
            {"-ERR numkeys should be greater than 0\r\n", "ZINTERSTORE", "d", "18446744073709551616", "a"},
            {"-ERR Number of keys can't be greater than number of args\r\n", "ZINTERSTORE", "d", "3", "a", "b"},
            {"-ERR Number of keys can't be greater than number of args\r\n", "ZINTERSTORE", "d", "1000000000000", "a"},
            {"-ERR syntax error\r\n", "ZUNIONSTORE", "d", "1", "a", "b"},
            {"-ERR syntax error\r\n", "ZUNIONSTORE", "d", "2", "a", "b", "WEIGHTS", "1"},
            {"-ERR weight value is not a float\r\n", "ZUNIONSTORE", "d", "2", "a", "b", "WEIGHTS", "1", "x"},
            {"-ERR weight value is not a float\r\n", "ZUNIONSTORE", "d", "1", "a", "WEIGHTS", " 1"},
            {"-ERR syntax error\r\n", "ZUNIONSTORE", "d", "1", "a", "AGGREGATE"},
            {"-ERR syntax error\r\n", "ZUNIONSTORE", "d", "1", "a", "AGGREGATE", "AVG"},
            // 3 + numkeys wraps in kevy's release build: an empty key range, then the tail parse meets args[2]
            {"-ERR syntax error\r\n", "ZUNIONSTORE", "d", "18446744073709551615", "a"},
            {"-ERR syntax error\r\n", "ZUNIONSTORE", "d", "18446744073709551613", "a"},
        };
        for (String[] c : cases) {
            AlgebraStore.Outcome o = run(s, Arrays.copyOfRange(c, 1, c.length));
            assertEquals(c[0], o.reply().resp(), () -> String.join(" ", Arrays.copyOfRange(c, 1, c.length)));
            assertEquals(List.of(), o.frames());
        }
        assertEquals("$3\r\nold\r\n", s.execute(a("GET", "d"), 0).resp(), "a refused *STORE leaves dst alone");
        // numkeys takes Rust's usize grammar: a leading '+' and leading zeros are fine
        assertEquals(":3\r\n", run(s, "ZUNIONSTORE", "d", "+02", "a", "b").reply().resp());
    }

    @Test
    void aSourceOfTheWrongTypeAnswersWrongtypeAndWritesNothing() {
        Store s = ab();
        s.execute(a("SET", "str", "v"), 0);
        s.execute(a("SADD", "set", "x"), 0);
        s.execute(a("RPUSH", "d", "keep"), 0);
        AlgebraStore.Outcome o = run(s, "ZUNIONSTORE", "d", "2", "a", "str");
        assertEquals(WRONGTYPE, o.reply().resp());
        assertEquals(List.of(), o.frames());
        assertEquals("*1\r\n$4\r\nkeep\r\n", s.execute(a("LRANGE", "d", "0", "-1"), 0).resp());
        // the set forms read sets only: a zset source is the wrong type there
        assertEquals(WRONGTYPE, run(s, "SUNIONSTORE", "d", "set", "a").reply().resp());
        // a destination of any type is simply replaced
        assertEquals(":1\r\n", run(s, "SUNIONSTORE", "str", "set").reply().resp());
        assertEquals("+set\r\n", s.execute(a("TYPE", "str"), 0).resp());
    }

    @Test
    void setsEnterTheSortedFormsAtScoreOne() {
        Store s = ab();
        s.execute(a("SADD", "s", "x", "w"), 0);
        AlgebraStore.Outcome o = run(s, "ZUNIONSTORE", "d", "2", "a", "s");
        assertEquals(":3\r\n", o.reply().resp());
        assertEquals(List.of(a("DEL", "d"), a("ZADD", "d", "2", "x", "2", "y", "1", "w")), o.frames());
        // a missing source is empty
        assertEquals(List.of(a("DEL", "d"), a("ZADD", "d", "1", "x", "2", "y")),
                run(s, "ZUNIONSTORE", "d", "2", "a", "nope").frames());
        // the same key twice counts twice
        assertEquals(List.of(a("DEL", "d"), a("ZADD", "d", "2", "x", "4", "y")),
                run(s, "ZUNIONSTORE", "d", "2", "a", "a").frames());
        // the destination may be a source: it is read before it is replaced
        assertEquals(":2\r\n", run(s, "ZINTERSTORE", "a", "2", "a", "a").reply().resp());
        assertEquals("[\"x\", \"2\", \"y\", \"4\"]", s.execute(a("ZRANGE", "a", "0", "-1", "WITHSCORES"), 0).wire());
    }

    @Test
    void anEmptyResultDeletesTheDestinationAndLogsOnlyTheDel() {
        Store s = ab();
        s.execute(a("SET", "d", "old", "PX", "5000"), 0);
        AlgebraStore.Outcome o = run(s, "ZINTERSTORE", "d", "2", "a", "missing");
        assertEquals(":0\r\n", o.reply().resp());
        assertEquals(List.of(a("DEL", "d")), o.frames());
        assertEquals("$-1\r\n", s.execute(a("GET", "d"), 0).resp());
        AlgebraStore.Outcome e = run(s, "SINTERSTORE", "d", "nothing");
        assertEquals(":0\r\n", e.reply().resp());
        assertEquals(List.of(a("DEL", "d")), e.frames());
    }

    @Test
    void aStoredDestinationHasNoTtl() {
        Store s = ab();
        s.execute(a("ZADD", "d", "1", "old"), 0);
        s.execute(a("PEXPIREAT", "d", "9000"), 0);
        run(s, "ZUNIONSTORE", "d", "1", "a");
        assertEquals(":-1\r\n", s.execute(a("PTTL", "d"), 0).resp());
    }

    @Test
    void frameScoresAreRustDisplayTextWhileRepliesAreFmtScore() {
        Store s = new Store();
        s.execute(a("ZADD", "p", "1", "m", "-1", "n", "1e20", "o", "inf", "q"), 0);
        AlgebraStore.Outcome o = run(s, "ZUNIONSTORE", "d", "1", "p", "WEIGHTS", "0.1");
        assertEquals(List.of(a("DEL", "d"), a("ZADD", "d", "-0.1", "n", "0.1", "m", "10000000000000000000", "o", "inf", "q")),
                o.frames());
        o = run(s, "ZUNIONSTORE", "d", "1", "p", "WEIGHTS", "-0");
        assertEquals(List.of(a("DEL", "d"), a("ZADD", "d", "0", "n", "-0", "m", "-0", "o", "NaN", "q")), o.frames(),
                "-1 * -0 = 0, 1 * -0 = -0, inf * -0 = NaN; Rust writes NaN as NaN");
        o = run(s, "ZUNIONSTORE", "d", "1", "p", "WEIGHTS", "3");
        assertEquals(List.of(a("DEL", "d"), a("ZADD", "d", "-3", "n", "3", "m", "300000000000000000000", "o", "inf", "q")),
                o.frames());
        assertEquals("$1\r\n3\r\n", s.execute(a("ZSCORE", "d", "m"), 0).resp());
        assertEquals("$21\r\n300000000000000000000\r\n", s.execute(a("ZSCORE", "d", "o"), 0).resp(),
                "fmt_score writes integer text only below 1e17 (cmd.rs:293-308)");
    }

    @Test
    void infPlusMinusInfIsANanScoreAndMinMaxSkipNan() {
        Store s = new Store();
        s.execute(a("ZADD", "p", "inf", "m"), 0);
        s.execute(a("ZADD", "q", "-inf", "m"), 0);
        AlgebraStore.Outcome o = run(s, "ZUNIONSTORE", "d", "2", "p", "q");
        assertEquals(":1\r\n", o.reply().resp());
        assertEquals(List.of(a("DEL", "d"), a("ZADD", "d", "NaN", "m")), o.frames());
        assertEquals("$3\r\nNaN\r\n", s.execute(a("ZSCORE", "d", "m"), 0).resp());
        assertEquals(List.of(a("DEL", "d"), a("ZADD", "d", "-inf", "m")),
                run(s, "ZUNIONSTORE", "d", "2", "p", "q", "AGGREGATE", "MIN").frames());
        assertEquals(List.of(a("DEL", "d"), a("ZADD", "d", "inf", "m")),
                run(s, "ZUNIONSTORE", "d", "2", "p", "q", "AGGREGATE", "MAX").frames());
        // a nan weight is accepted (Rust's f64 parse); MAX then skips the NaN operand
        assertEquals(List.of(a("DEL", "d"), a("ZADD", "d", "-inf", "m")),
                run(s, "ZUNIONSTORE", "d", "2", "p", "q", "WEIGHTS", "nan", "1", "AGGREGATE", "MAX").frames());
        assertEquals(Double.NEGATIVE_INFINITY, AlgebraStore.agg(Double.NaN, Double.NEGATIVE_INFINITY, AlgebraStore.Aggregate.MIN));
        assertEquals(5.0, AlgebraStore.agg(5.0, Double.NaN, AlgebraStore.Aggregate.MAX));
        // the replayed ZADD frame does not parse: kevy's arg_f64 rejects NaN (cmd.rs:270-279)
        assertEquals("-ERR value is not a valid float\r\n", new Store().execute(o.frames().get(1), 0).resp());
    }

    @Test
    void setFormsListMembersInFirstAppearanceOrder() {
        Store s = new Store();
        s.execute(a("SADD", "s1", "a", "b", "c"), 0);
        s.execute(a("SADD", "s2", "c", "d", "a"), 0);
        AlgebraStore.Outcome u = run(s, "SUNIONSTORE", "d", "s1", "s2", "missing");
        assertEquals(":4\r\n", u.reply().resp());
        assertEquals(List.of(a("DEL", "d"), a("SADD", "d", "a", "b", "c", "d")), u.frames());
        assertEquals(List.of(a("DEL", "i"), a("SADD", "i", "a", "c")), run(s, "SINTERSTORE", "i", "s1", "s2").frames());
        assertEquals(":1\r\n", run(s, "SDIFFSTORE", "f", "s1", "s2").reply().resp());
        assertEquals("*1\r\n$1\r\nb\r\n", s.execute(a("SMEMBERS", "f"), 0).resp());
        // the set forms have no options: every argument after dst is a key
        assertEquals(List.of(a("DEL", "w"), a("SADD", "w", "a", "b", "c")),
                run(s, "SUNIONSTORE", "w", "s1", "WEIGHTS", "2").frames());
    }

    @Test
    void theDispatcherDoesNotKnowTheseVerbs() {
        // Short forms, ingest frames and log replay go through kevy's dispatcher, which has no *STORE handler
        // (crates/kevy/src/dispatch.rs:142-160).
        Store s = ab();
        assertEquals("-ERR unknown command 'ZUNIONSTORE'\r\n", s.execute(a("ZUNIONSTORE", "d", "1", "a"), 0).resp());
        assertEquals("-ERR unknown command 'sinterstore'\r\n", s.execute(a("sinterstore", "d"), 0).resp());
    }

    @Test
    void rustF64IsRustsGrammar() {
        for (String ok : List.of("1", "+1", "-1", "1.", ".5", "1e3", "1E+3", "1e-3", "inf", "-Infinity", "INF", "+inf")) {
            assertTrue(ScoreText.rustF64(ok) != null, ok);
        }
        assertTrue(Double.isNaN(ScoreText.rustF64("NaN")));
        assertTrue(Double.isNaN(ScoreText.rustF64("-nan")));
        for (String bad : List.of("", " 1", "1 ", ".", "e5", "1e", "0x10", "1f", "infin", "+", "1_0")) {
            assertNull(ScoreText.rustF64(bad), bad);
        }
    }
}
