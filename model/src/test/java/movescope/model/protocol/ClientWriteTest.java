package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.call;
import static movescope.model.protocol.Fixtures.cfg;
import static movescope.model.protocol.Fixtures.cmd;
import static movescope.model.protocol.Fixtures.one;
import static movescope.model.protocol.Fixtures.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import movescope.model.routing.AcceptReason;
import movescope.model.routing.WriteVerdict;
import movescope.model.store.Value;
import org.junit.jupiter.api.Test;

/**
 * Proves how a node answers clients (kevy-move-scope.md §3, §6): checked writes go through the write
 * path (accepted → stored and logged; QUIESCED → neither; MISDIRECTED → not stored, logged when
 * {@code logMisdirected}); unchecked writes run and are logged; reads are served from the local copy of
 * the key's own shard whoever owns it; multi-key commands are split across shards; every answer is
 * traced with its verdict; the read-only accessors change nothing.
 * Reproduce: {@code mvn -B -o -pl model test -Dtest=ClientWriteTest}.
 */
class ClientWriteTest {

    private static Effect.Trace writeTrace(KevyNode n, long now, String... args) {
        List<Effect> fx = n.step(cmd(now, "c", 1, args));
        return traces(fx, "ClientWrite").get(0);
    }

    @Test
    void acceptedWritesAreStoredLoggedAndTraced() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        Effect.Trace t = writeTrace(a, 5, "set", "app:1", "v");
        assertEquals("accepted", t.fields().get("verdict"));
        assertEquals("OWNED", t.fields().get("reason"));
        assertEquals("+OK", t.fields().get("reply"));
        assertEquals(true, t.fields().get("logged"));
        assertEquals("a", t.fields().get("node"));
        assertEquals(List.of(new LogEntry(0, 5, List.of("set", "app:1", "v"), Optional.empty(), "accepted")),
                a.durable().log());
        assertEquals("UNKNOWN", writeTrace(a, 6, "SET", "free", "v").fields().get("reason"));
    }

    @Test
    void acceptReasonsForNodesWithoutScopesOrNodeId() {
        assertEquals(AcceptReason.NO_SCOPES.name(),
                writeTrace(new KevyNode("a", cfg("a", ""), Variant.KEVY_54), 0, "SET", "k", "v").fields().get("reason"));
        assertEquals(AcceptReason.NO_NODE_ID.name(),
                writeTrace(new KevyNode("a", cfg(null, "k=b"), Variant.KEVY_54), 0, "SET", "k", "v").fields().get("reason"));
    }

    @Test
    void misdirectedWritesAreNotStoredButKevyLogsThem() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=b"), Variant.KEVY_54);
        Effect.Trace t = writeTrace(a, 0, "SET", "app:1", "v");
        assertEquals("MISDIRECTED", t.fields().get("verdict"));
        assertEquals("b", t.fields().get("reason"));
        assertEquals("-MISDIRECTED writer is 10.0.0.2:6004", t.fields().get("reply"));
        assertEquals(Optional.empty(), a.read("app:1", 1));
        assertEquals(1, a.durable().log().size());

        KevyNode fixed = new KevyNode("a", cfg("a", "app:=b"), Variant.FIXED);
        assertEquals(false, writeTrace(fixed, 0, "SET", "app:1", "v").fields().get("logged"));
        assertTrue(fixed.durable().log().isEmpty());
    }

    @Test
    void quiescedWritesAreNotStoredButLoggedAsKevyDoes() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a", 4), Variant.KEVY_54);
        String onOther = Fixtures.keyNotOnShardOf("app:", "app:", 4);
        Fixtures.startMove(a, 0, "op", 1, "app:", "b");
        Effect.Trace t = writeTrace(a, 1, "SET", onOther, "v");
        assertEquals("QUIESCED", t.fields().get("verdict"));
        assertEquals("-QUIESCED migrating to 10.0.0.2:6004", t.fields().get("reply"));
        // exec_dispatch.rs:242-244: post-write housekeeping logs every write verb whatever it replied.
        assertEquals(true, t.fields().get("logged"));
        assertEquals(List.of(List.of("SET", onOther, "v")), logged(a));
        assertEquals(Optional.empty(), a.read(onOther, 1));
    }

    @Test
    void theFixedVariantLogsOnlyWritesThatApplied() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a", 4), Variant.FIXED);
        String onOther = Fixtures.keyNotOnShardOf("app:", "app:", 4);
        Fixtures.startMove(a, 0, "op", 1, "app:", "b");
        assertEquals(false, writeTrace(a, 1, "SET", onOther, "v").fields().get("logged"));
        assertTrue(a.durable().log().isEmpty());
    }

    @Test
    void storeErrorsAreAnsweredAndLoggedAsKevyDoes() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        call(a, 0, "SET", "app:s", "x");
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value",
                call(a, 1, "RPUSH", "app:s", "e"));
        assertEquals(List.of(List.of("SET", "app:s", "x"), List.of("RPUSH", "app:s", "e")), logged(a));
    }

    @Test
    void relativeTtlWritesAreFollowedByTheirDeadline() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        call(a, 1000, "SET", "app:t", "x", "px", "500");
        call(a, 1100, "EXPIRE", "app:t", "10");
        call(a, 1200, "SET", "app:u", "y");
        call(a, 1300, "EXPIRE", "app:missing", "10");
        assertEquals(List.of(List.of("SET", "app:t", "x", "px", "500"), List.of("PEXPIREAT", "app:t", "1500"),
                // The model's store has no EXPIRE (an error reply): logged anyway, with the key's existing deadline.
                List.of("EXPIRE", "app:t", "10"), List.of("PEXPIREAT", "app:t", "1500"),
                List.of("SET", "app:u", "y"), List.of("EXPIRE", "app:missing", "10")), logged(a));
    }

    @Test
    void aRefusedRelativeTtlWriteCarriesTheKeysExistingDeadline() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=b"), Variant.KEVY_54);
        call(a, 0, "SET", "app:none", "v", "EX", "10"); // MISDIRECTED, key absent: no follow-up
        call(a, 1, "MSET", "app:k", "v"); // unchecked: the key exists on a
        call(a, 2, "PEXPIREAT", "app:k", "9000"); // MISDIRECTED: logged, but no TTL set
        call(a, 3, "SET", "app:k", "w", "PX", "100"); // MISDIRECTED, key without TTL: no follow-up
        assertEquals(List.of(List.of("SET", "app:none", "v", "EX", "10"), List.of("MSET", "app:k", "v"),
                List.of("PEXPIREAT", "app:k", "9000"), List.of("SET", "app:k", "w", "PX", "100")), logged(a));
    }

    @Test
    void multiKeyWritesLogEffectFramesPerShard() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a", 2), Variant.KEVY_54);
        String k0 = Fixtures.keyOnShard("k", 0, 2);
        String k1 = Fixtures.keyOnShard("k", 1, 2);
        call(a, 0, "MSET", k1, "1", k0, "2");
        call(a, 1, "DEL", k0, "nope-" + k0);
        call(a, 2, "DEL", "x", "y");
        List<List<String>> log = logged(a);
        assertTrue(log.containsAll(List.of(List.of("MSET", k0, "2"), List.of("MSET", k1, "1"))), log.toString());
        assertTrue(log.stream().anyMatch(f -> f.get(0).equals("DEL") && f.contains(k0)), log.toString());
        assertTrue(log.stream().noneMatch(f -> f.contains("x")), "a DEL that removed nothing logs nothing");
    }

    private static List<List<String>> logged(KevyNode n) {
        return n.durable().log().stream().map(LogEntry::args).toList();
    }

    @Test
    void uncheckedWritesRunAndAreLoggedWhoeverOwnsTheKeys() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=b"), Variant.KEVY_54);
        Effect.Trace t = writeTrace(a, 0, "MSET", "app:1", "x", "app:2", "y");
        assertEquals(false, t.fields().get("checked"));
        assertEquals("accepted", t.fields().get("verdict"));
        assertEquals(Optional.of(new Value.Str("x")), a.read("app:1", 1));
        assertEquals(":2", call(a, 1, "DEL", "app:1", "app:2"));
        assertEquals("-MISDIRECTED writer is 10.0.0.2:6004", call(a, 1, "DEL", "app:1"), "single-key DEL is checked");
        assertEquals("+OK", call(a, 1, "FLUSHALL"));
        assertEquals(List.of("MSET", "DEL", "DEL", "FLUSHALL"),
                a.durable().log().stream().map(e -> e.args().get(0)).toList());
    }

    @Test
    void readsAreServedFromTheLocalCopyWhoeverOwnsTheKey() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=b"), Variant.KEVY_54);
        call(a, 0, "MSET", "app:1", "local");
        List<Effect> fx = a.step(cmd(1, "r", 4, "GET", "app:1"));
        assertEquals(new Effect.Reply("r", 4, "\"local\""), one(fx, Effect.Reply.class));
        Effect.Trace t = traces(fx, "ClientRead").get(0);
        assertEquals("app:1", t.fields().get("key"));
        assertEquals("\"local\"", t.fields().get("reply"));
    }

    @Test
    void multiKeyCommandsAreSplitAcrossShards() {
        KevyNode a = new KevyNode("a", cfg("a", "", 4), Variant.KEVY_54);
        String k0 = Fixtures.keyOnShard("k", 0, 4);
        String k1 = Fixtures.keyOnShard("k", 1, 4);
        String k3 = Fixtures.keyOnShard("k", 3, 4);
        assertEquals("+OK", call(a, 0, "MSET", k0, "a", k1, "b", k3, "c"));
        assertEquals(Optional.of(new Value.Str("b")), a.read(k1, 0));
        assertTrue(a.storeEntries(1, 0).containsKey(k1));
        assertEquals("[\"c\", (nil), \"a\", \"b\"]", call(a, 0, "MGET", k3, "missing", k0, k1));
        assertEquals(":3", call(a, 0, "EXISTS", k0, k1, k3));
        assertEquals(":2", call(a, 0, "DEL", k0, k3));
        assertEquals("+OK", call(a, 0, "FLUSHALL"));
        assertEquals(":0", call(a, 0, "EXISTS", k1));
        assertEquals("-ERR wrong number of arguments for 'mset' command", call(a, 0, "MSET", k0));
    }

    @Test
    void otherCommandsGetTheStoresAnswerAndNoTrace() {
        KevyNode a = new KevyNode("a", cfg("a", ""), Variant.KEVY_54);
        List<Effect> fx = a.step(cmd(0, "c", 1, "NOSUCH", "x"));
        assertEquals(List.of(new Effect.Reply("c", 1, "-ERR unknown command 'NOSUCH'")), fx);
    }

    @Test
    void theAccessorsChangeNothing() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=b|a", 2), Variant.KEVY_54);
        call(a, 0, "SET", "app:1", "v");
        int logSize = a.durable().log().size();
        WriteVerdict v = a.routeWrite("app:1", 1);
        assertEquals(new WriteVerdict.Accept(AcceptReason.OWNED), v);
        assertTrue(a.acceptsWrite("app:2", 1));
        assertEquals(Optional.of(new Value.Str("v")), a.read("app:1", 1));
        a.migratingSnapshot();
        a.migratedSnapshot();
        a.movesInFlight();
        assertEquals(logSize, a.durable().log().size());
        assertEquals(Optional.of(new Value.Str("v")), a.read("app:1", 1));
        assertEquals("a", a.nodeId().orElseThrow());
        assertEquals(2, a.config().shards());
    }
}
