package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.call;
import static movescope.model.protocol.Fixtures.cfg;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RENAME, RPOPLPUSH and LMOVE as kevy runs them: runtime ops that skip the scope gate, with kevy's replies on
 * one shard and across two, and the effect frames they leave in the log (kevy-source-facts §5, §8;
 * crates/kevy-rt/src/exec_op.rs:245-298, exec_listmove.rs, exec_rename.rs, exec_mutated.rs). The log is what a
 * restart replays, so the frames decide what survives a restart.
 */
class RuntimeMovesTest {

    private static List<List<String>> logOf(KevyNode n) {
        return n.durable().log().stream().map(LogEntry::args).toList();
    }

    private static KevyNode node(int shards) {
        return new KevyNode("a", cfg("a", "", shards), Variant.KEVY_54);
    }

    private static void restart(KevyNode n) {
        n.step(new Input.Crash());
        n.step(new Input.Restart(1000));
    }

    @Test
    void listMovesOnOneShardAnswerLikeRedis() {
        KevyNode a = node(1);
        call(a, 1, "RPUSH", "src", "x", "y");
        assertEquals("\"y\"", call(a, 2, "RPOPLPUSH", "src", "dst"));
        assertEquals("\"x\"", call(a, 3, "LMOVE", "src", "dst", "LEFT", "RIGHT"));
        assertEquals("(nil)", call(a, 4, "RPOPLPUSH", "src", "dst"), "an emptied source is gone");
        assertEquals("[\"y\", \"x\"]", call(a, 5, "LRANGE", "dst", "0", "-1"));
        call(a, 6, "SET", "s", "v");
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value", call(a, 7, "LMOVE", "dst", "s", "LEFT", "LEFT"));
        assertEquals("-ERR syntax error", call(a, 8, "LMOVE", "dst", "x", "UP", "LEFT"));
        assertEquals("[\"y\", \"x\"]", call(a, 9, "LRANGE", "dst", "0", "-1"), "a refused move changes nothing");
    }

    @Test
    void aListMoveOnOneShardLogsOnlyItsPopSoARestartLosesTheElement() {
        KevyNode a = node(1);
        call(a, 1, "RPUSH", "src", "x");
        assertEquals("\"x\"", call(a, 2, "RPOPLPUSH", "src", "dst"));
        assertEquals(List.of(List.of("RPUSH", "src", "x"), List.of("RPOP", "src")), logOf(a));
        restart(a);
        assertEquals("[]", call(a, 1001, "LRANGE", "dst", "0", "-1"), "the acknowledged move is gone after a restart");
        assertEquals("[]", call(a, 1002, "LRANGE", "src", "0", "-1"));
    }

    @Test
    void aListMoveAcrossShardsLogsBothHalvesAndSurvivesARestart() {
        KevyNode a = node(2);
        String src = Fixtures.keyOnShard("l", 0, 2);
        String dst = Fixtures.keyOnShard("l", 1, 2);
        call(a, 1, "RPUSH", src, "x", "y");
        assertEquals("\"x\"", call(a, 2, "LMOVE", src, dst, "LEFT", "LEFT"));
        assertEquals(List.of(List.of("RPUSH", src, "x", "y"), List.of("LPOP", src), List.of("LPUSH", dst, "x")), logOf(a));
        restart(a);
        assertEquals("[\"x\"]", call(a, 1001, "LRANGE", dst, "0", "-1"));
        assertEquals("[\"y\"]", call(a, 1002, "LRANGE", src, "0", "-1"));
    }

    @Test
    void aDestinationOfAnotherTypeAcrossShardsGetsTheElementPutBack() {
        KevyNode a = node(2);
        String src = Fixtures.keyOnShard("l", 0, 2);
        String dst = Fixtures.keyOnShard("l", 1, 2);
        call(a, 1, "RPUSH", src, "x", "y");
        call(a, 2, "SET", dst, "v");
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value", call(a, 3, "RPOPLPUSH", src, dst));
        assertEquals("[\"x\", \"y\"]", call(a, 4, "LRANGE", src, "0", "-1"));
        assertEquals(List.of(List.of("RPOP", src), List.of("RPUSH", src, "y")), logOf(a).subList(2, 4));
    }

    @Test
    void renameOnOneShardLogsTheVerbAndAcrossShardsTheValueThenTheDelete() {
        KevyNode one = node(1);
        call(one, 1, "SET", "k", "v", "PX", "5000");
        assertEquals("-ERR no such key", call(one, 2, "RENAME", "nope", "x"));
        assertEquals("+OK", call(one, 3, "RENAME", "k", "k2"));
        assertEquals(List.of("RENAME", "k", "k2"), logOf(one).get(logOf(one).size() - 1));
        call(one, 4, "SET", "k3", "w");
        assertEquals(":0", call(one, 5, "RENAMENX", "k2", "k3"));
        assertEquals(":1", call(one, 6, "RENAMENX", "k2", "k4"));
        assertEquals("(nil)", call(one, 7, "GET", "k2"));
        assertEquals(":4993", call(one, 8, "PTTL", "k4"), "the deadline moves with the value");

        KevyNode two = node(2);
        String src = Fixtures.keyOnShard("r", 0, 2);
        String dst = Fixtures.keyOnShard("r", 1, 2);
        call(two, 1, "SET", src, "v", "PX", "5000");
        int before = logOf(two).size();
        assertEquals("+OK", call(two, 10, "RENAME", src, dst));
        assertEquals(List.of(List.of("SET", dst, "v"), List.of("PEXPIREAT", dst, "5001"), List.of("DEL", src)),
                logOf(two).subList(before, logOf(two).size()));
        restart(two);
        assertEquals("\"v\"", call(two, 1001, "GET", dst));
        assertEquals("(nil)", call(two, 1002, "GET", src));
    }
}
