package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.call;
import static movescope.model.protocol.Fixtures.cfg;
import static movescope.model.protocol.Fixtures.one;
import static movescope.model.protocol.Fixtures.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import movescope.model.store.FrameCodec;
import movescope.model.store.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves MOVE-SCOPE-INGEST on the target (kevy-move-scope.md §5): the arity text, malformed and
 * truncated bulks, {@code +OK <applied>}, the first refused frame stopping the ingest with kevy's text
 * (frames before it stay), the ingest rule accepting writes the target's own routing would refuse,
 * merge semantics, which shard stores the frames ({@code ingestShard}) and whether they are logged
 * ({@code ingestLogged}). Reproduce: {@code mvn -B -o -pl model test -Dtest=IngestTest}.
 */
class IngestTest {

    static final String ARITY = "-ERR wrong number of arguments — MOVE-SCOPE-INGEST <prefix> <bulk>";

    private static KevyNode target(String scopes, Variant v) {
        return new KevyNode("b", cfg("b", scopes), v);
    }

    private static String ingest(KevyNode n, long now, String prefix, List<List<String>> frames) {
        return call(n, now, "MOVE-SCOPE-INGEST", prefix, FrameCodec.encode(frames));
    }

    static Stream<Arguments> arity() {
        return Stream.of(
                Arguments.of(List.of("MOVE-SCOPE-INGEST")),
                Arguments.of(List.of("MOVE-SCOPE-INGEST", "app:")),
                Arguments.of(List.of("MOVE-SCOPE-INGEST", "app:", "", "extra")),
                Arguments.of(List.of("move-scope-ingest", "app:")));
    }

    @ParameterizedTest
    @MethodSource("arity")
    void wrongArity(List<String> args) {
        KevyNode b = target("app:=a", Variant.KEVY_54);
        List<Effect> fx = b.step(new Input.ClientCommand(0, "s", 1, args));
        assertEquals(List.of(new Effect.Reply("s", 1, ARITY)), fx);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("count not a number", "*x\r\n"),
                Arguments.of("bulk header missing", "*1\r\nX"),
                Arguments.of("length not a number", "*1\r\n$x\r\n"),
                Arguments.of("no CRLF after the argument", "*1\r\n$1\r\nabc\r\n"));
    }

    @Test
    void garbageWithoutCrlfIsNothingAndWithCrlfAnUnknownCommand() {
        KevyNode b = target("app:=a", Variant.KEVY_54);
        List<Effect> fx = b.step(new Input.ClientCommand(0, "s", 1, List.of("MOVE-SCOPE-INGEST", "app:", "garbage")));
        assertEquals("+OK 0", one(fx, Effect.Reply.class).wire(), "scope_move_ingest.rs:98, inline needs a CRLF");
        fx = b.step(new Input.ClientCommand(0, "s", 2, List.of("MOVE-SCOPE-INGEST", "app:", "garbage\r\n")));
        assertEquals("-ERR MOVE-SCOPE-INGEST: a frame was refused by this node: ERR unknown command 'garbage'",
                one(fx, Effect.Reply.class).wire());
        fx = b.step(new Input.ClientCommand(0, "s", 3, List.of("MOVE-SCOPE-INGEST", "app:",
                "SET app:1 x\r\nGET app:1\r\n\r\n*0\r\nSET app:2 y\r\n*2\r\n$3\r\nGET")));
        assertEquals("+OK 3", one(fx, Effect.Reply.class).wire(), "GET counts; empty commands and the cut frame do not");
        fx = b.step(new Input.ClientCommand(0, "s", 4, List.of("MOVE-SCOPE-INGEST", "app:",
                "SET app:3 z\r\n*1\r\nGET\r\n")));
        assertEquals("-ERR MOVE-SCOPE-INGEST: malformed bulk", one(fx, Effect.Reply.class).wire());
        assertEquals("z", ((movescope.model.store.Value.Str) b.read("app:3", 1).orElseThrow()).value(),
                "the frame before the malformed one stays applied");
        assertTrue(b.durable().log().isEmpty(), "ingest frames are never logged (kevy)");
    }

    @Test
    void aRefusedKeyIsNamedAsLossyUtf8() {
        KevyNode b = target("app:=a", Variant.KEVY_54);
        // app:\xff is outside the ingested prefix app:x: but in a's scope app: — MISDIRECTED on b.
        List<Effect> fx = b.step(new Input.ClientCommand(0, "s", 1, List.of("MOVE-SCOPE-INGEST", "app:x:",
                "*3\r\n$3\r\nSET\r\n$5\r\napp:\u00ff\r\n$1\r\nx\r\n")));
        String w = one(fx, Effect.Reply.class).wire();
        assertEquals("-ERR MOVE-SCOPE-INGEST: key 'app:\ufffd' refused by this node: MISDIRECTED writer is 10.0.0.1:6004", w);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedBulk(String row, String bulk) {
        KevyNode b = target("app:=a", Variant.KEVY_54);
        List<Effect> fx = b.step(new Input.ClientCommand(0, "s", 1, List.of("MOVE-SCOPE-INGEST", "app:", bulk)));
        assertEquals("-ERR MOVE-SCOPE-INGEST: malformed bulk", one(fx, Effect.Reply.class).wire());
        assertEquals("malformed bulk", traces(fx, "IngestRefused").get(0).fields().get("reason"));
    }

    @Test
    void appliesEveryFrameAndCountsThem() {
        KevyNode b = target("app:=a", Variant.KEVY_54);
        List<Effect> fx = b.step(new Input.ClientCommand(0, "s", 1, List.of("MOVE-SCOPE-INGEST", "app:",
                FrameCodec.encode(List.of(List.of("SET", "app:1", "x"), List.of("RPUSH", "app:2", "p", "q"),
                        List.of("PEXPIREAT", "app:1", "90000"))))));
        assertEquals("+OK 3", one(fx, Effect.Reply.class).wire());
        Effect.Trace t = traces(fx, "Ingest").get(0);
        assertEquals(3, t.fields().get("applied"));
        assertEquals("app:", t.fields().get("prefix"));
        assertEquals("\"x\"", call(b, 1, "GET", "app:1"));
        assertEquals(":89999", call(b, 1, "PTTL", "app:1"));
        assertEquals("[\"p\", \"q\"]", call(b, 1, "LRANGE", "app:2", "0", "-1"));
    }

    @Test
    void emptyBulkAppliesNothing() {
        assertEquals("+OK 0", ingest(target("app:=a", Variant.KEVY_54), 0, "app:", List.of()));
    }

    @Test
    void truncatedLastFrameIsIgnored() {
        KevyNode b = target("app:=a", Variant.KEVY_54);
        String bulk = FrameCodec.encode(List.of(List.of("SET", "app:1", "x"), List.of("SET", "app:2", "yyyy")));
        assertEquals("+OK 1", call(b, 0, "MOVE-SCOPE-INGEST", "app:", bulk.substring(0, bulk.length() - 4)));
        assertEquals("(nil)", call(b, 1, "GET", "app:2"));
    }

    @Test
    void theIngestRuleAcceptsWhatTheTargetsRoutingWouldRefuse() {
        // b's static config still says a writes app:, so a client write there is MISDIRECTED …
        KevyNode b = target("app:=a", Variant.KEVY_54);
        assertEquals("-MISDIRECTED writer is 10.0.0.1:6004", call(b, 0, "SET", "app:1", "client"));
        // … but the same key arriving in an ingest of app: is accepted (§3 rule 1) …
        assertEquals("+OK 1", ingest(b, 1, "app:", List.of(List.of("SET", "app:1", "shipped"))));
        assertEquals("\"shipped\"", call(b, 2, "GET", "app:1"));
        // … and only while the ingest runs: afterwards the static config rules again.
        assertEquals("-MISDIRECTED writer is 10.0.0.1:6004", call(b, 3, "SET", "app:1", "client"));
    }

    @Test
    void firstRefusedFrameStopsTheIngestAndEarlierFramesStay() {
        // other: is written by c; a frame for it is outside the ingested prefix, so b's routing refuses it.
        KevyNode b = target("app:=a, other:=c", Variant.KEVY_54);
        List<List<String>> frames = List.of(List.of("SET", "app:1", "x"), List.of("SET", "other:1", "w"),
                List.of("SET", "app:2", "y"));
        List<Effect> fx = b.step(new Input.ClientCommand(0, "s", 1,
                List.of("MOVE-SCOPE-INGEST", "app:", FrameCodec.encode(frames))));
        assertEquals("-ERR MOVE-SCOPE-INGEST: key 'other:1' refused by this node: MISDIRECTED writer is 10.0.0.3:6004",
                one(fx, Effect.Reply.class).wire());
        Effect.Trace t = traces(fx, "IngestRefused").get(0);
        assertEquals("other:1", t.fields().get("key"));
        assertEquals(1, t.fields().get("applied"));
        assertEquals("\"x\"", call(b, 1, "GET", "app:1"), "applied before the refusal: stays");
        assertEquals("(nil)", call(b, 1, "GET", "app:2"), "after the refusal: never applied");
        assertEquals("(nil)", call(b, 1, "GET", "other:1"));
    }

    @Test
    void aStoreErrorRefusesTheFrameWithTheErrorText() {
        KevyNode b = target("app:=b", Variant.KEVY_54);
        assertEquals("+OK", call(b, 0, "SET", "app:l", "a string"));
        assertEquals("-ERR MOVE-SCOPE-INGEST: key 'app:l' refused by this node: "
                        + "WRONGTYPE Operation against a key holding the wrong kind of value",
                ingest(b, 1, "app:", List.of(List.of("RPUSH", "app:l", "e"))));
    }

    @Test
    void applyingIsAMergeSetOverwritesRpushAppends() {
        KevyNode b = target("app:=b", Variant.KEVY_54);
        assertEquals("+OK", call(b, 0, "SET", "app:s", "target's"));
        assertEquals(":1", call(b, 0, "RPUSH", "app:l", "t1"));
        assertEquals("+OK", call(b, 0, "SET", "app:only-here", "kept"));
        assertEquals("+OK 2", ingest(b, 1, "app:", List.of(List.of("SET", "app:s", "source's"),
                List.of("RPUSH", "app:l", "s1", "s2"))));
        assertEquals("\"source's\"", call(b, 2, "GET", "app:s"));
        assertEquals("[\"t1\", \"s1\", \"s2\"]", call(b, 2, "LRANGE", "app:l", "0", "-1"));
        assertEquals("\"kept\"", call(b, 2, "GET", "app:only-here"));
    }

    @Test
    void kevyDoesNotLogIngestedFrames() {
        KevyNode b = target("app:=a", Variant.KEVY_54);
        assertEquals("+OK 1", ingest(b, 0, "app:", List.of(List.of("SET", "app:1", "x"))));
        assertTrue(b.durable().log().isEmpty());
        b.step(new Input.Restart(10));
        assertEquals(Optional.empty(), b.read("app:1", 11), "no snapshot, not logged: the slice is gone");
    }

    @Test
    void ingestLoggedKeepsFramesAcrossRestartEvenWhereTheTargetIsNotTheStaticOwner() {
        KevyNode b = target("app:=a", Variant.KEVY_54.withIngestLogged(true));
        assertEquals("+OK 1", ingest(b, 0, "app:", List.of(List.of("SET", "app:1", "x"))));
        assertEquals(1, b.durable().log().size());
        assertEquals(Optional.of("app:"), b.durable().log().get(0).ingestPrefix());
        b.step(new Input.Restart(10));
        assertEquals(Optional.of(new Value.Str("x")), b.read("app:1", 11));
    }

    @Test
    void prefixShardIngestHidesKeysFromReadsOnTheirOwnShard() {
        int shards = 4;
        String prefix = "app:";
        String hidden = Fixtures.keyNotOnShardOf(prefix, prefix, shards);
        String visible = Fixtures.keyOnShard(prefix, Sharding.shardOf(prefix, shards), shards);
        List<List<String>> frames = List.of(List.of("SET", hidden, "h"), List.of("SET", visible, "v"));

        KevyNode kevy = new KevyNode("b", cfg("b", "app:=a", shards), Variant.KEVY_54);
        assertEquals("+OK 2", ingest(kevy, 0, prefix, frames));
        assertEquals(Optional.empty(), kevy.read(hidden, 1), "stored on the prefix's shard, read on its own");
        assertEquals("(nil)", call(kevy, 1, "GET", hidden));
        assertEquals(Optional.of(new Value.Str("v")), kevy.read(visible, 1));
        assertTrue(kevy.storeEntries(Sharding.shardOf(prefix, shards), 1).containsKey(hidden));

        KevyNode fixed = new KevyNode("b", cfg("b", "app:=a", shards), Variant.KEVY_54.withIngestShard(
                Variant.IngestShard.KEY_SHARD));
        assertEquals("+OK 2", ingest(fixed, 0, prefix, frames));
        assertEquals(Optional.of(new Value.Str("h")), fixed.read(hidden, 1));
        assertFalse(fixed.storeEntries(Sharding.shardOf(prefix, shards), 1).containsKey(hidden));
    }
}
