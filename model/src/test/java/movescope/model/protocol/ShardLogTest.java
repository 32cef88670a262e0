package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.call;
import static movescope.model.protocol.Fixtures.cfg;
import static movescope.model.protocol.Fixtures.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import movescope.model.store.FrameCodec;
import movescope.model.store.Value;
import org.junit.jupiter.api.Test;

/**
 * Proves kevy's per-shard logs (kevy-source-facts §6): each shard appends to its own {@code aof-<i>.aof} the
 * frames it executed (a multi-shard MSET leaves each shard its own pairs), a boot replays shard {@code i}'s
 * log into shard {@code i}'s store only — never re-routed (crates/kevy-rt/src/shard_run.rs:36-43, 67-125) —
 * and a boot under another shard count or routing scheme re-shards first (crates/kevy-rt/src/reshard.rs,
 * crates/kevy-persist/src/reshard.rs): every old shard's snapshot then log, shard 0 first, merged into one
 * store through the scope check, re-homed, committed as new snapshots with empty logs. Reproduce:
 * {@code mvn -B -o -pl model test -Dtest=ShardLogTest}.
 */
class ShardLogTest {

    /** The first key {@code base<n>} that lives on {@code shard} of {@code shards}. */
    private static String keyOn(String base, int shard, int shards) {
        for (int i = 0; ; i++) {
            if (Sharding.shardOf(base + i, shards) == shard) {
                return base + i;
            }
        }
    }

    private static List<List<String>> frames(KevyNode n, int shard) {
        return n.durable().aof(shard).stream().map(LogEntry::args).toList();
    }

    @Test
    void anMsetAcrossShardsIsLoggedPerShardAsItsPart() {
        KevyNode a = new KevyNode("a", cfg("a", "", 2), Variant.KEVY_54);
        String k0 = keyOn("k", 0, 2);
        String k1 = keyOn("k", 1, 2);
        assertEquals("+OK", call(a, 1, "MSET", k0, "x", k1, "y"));
        assertEquals(List.of(List.of("MSET", k0, "x")), frames(a, 0));
        assertEquals(List.of(List.of("MSET", k1, "y")), frames(a, 1));
        assertEquals(List.of(), frames(a, 2), "a shard the node does not have has no log");
    }

    @Test
    void aMisdirectedWriteIsLoggedOnItsKeysShardWithTheLocalDeadline() {
        // The key is here by an ingest (not logged in kevy 5.4), with a deadline; b is the writer.
        KevyNode a = new KevyNode("a", cfg("a", "app:=b", 2), Variant.KEVY_54);
        int shard = Sharding.shardOf("app:", 2);
        String k = keyOn("app:", shard, 2);
        assertEquals("+OK 2", call(a, 0, "MOVE-SCOPE-INGEST", "app:",
                FrameCodec.encode(List.of(List.of("SET", k, "old"), List.of("PEXPIREAT", k, "5000")))));
        assertEquals(List.of(), frames(a, shard), "ingest frames are not logged");
        assertTrue(call(a, 20, "SET", k, "new", "EX", "100").startsWith("-MISDIRECTED"));
        assertEquals(List.of(List.of("SET", k, "new", "EX", "100"), List.of("PEXPIREAT", k, "5000")),
                frames(a, shard), "verbatim, then the key's existing local deadline");
        String absent = keyOn("app:x", shard, 2);
        assertTrue(call(a, 21, "SET", absent, "new", "EX", "100").startsWith("-MISDIRECTED"));
        assertEquals(List.of("SET", absent, "new", "EX", "100"), frames(a, shard).get(2));
        assertEquals(3, frames(a, shard).size(), "no follow-up for a key that is absent here");
        assertEquals(List.of(), frames(a, 1 - shard));
    }

    @Test
    void aKeylessWriteVerbIsLoggedOnShardZeroForAnUnpinnedConnection() {
        KevyNode a = new KevyNode("a", cfg("a", "", 2), Variant.KEVY_54);
        assertTrue(call(a, 1, "SET").startsWith("-ERR"));
        assertEquals(List.of(List.of("SET")), frames(a, 0));
        assertEquals(List.of(), frames(a, 1));
    }

    @Test
    void aFrameIsReplayedIntoTheShardThatLoggedItNeverReRouted() {
        // kevy 5.4 with ingestLogged: the ingest applies every frame to the prefix's shard (ingestShard
        // prefix-shard), and logs it there; a key that hashes to the other shard is unreachable live, and the
        // replay puts it back into the same store, so it stays unreachable.
        Variant v = Variant.KEVY_54.withIngestLogged(true);
        KevyNode b = new KevyNode("b", cfg("b", "", 2), v);
        int prefixShard = Sharding.shardOf("app:", 2);
        String k = keyOn("app:", 1 - prefixShard, 2);
        assertEquals("+OK 1", call(b, 1, "MOVE-SCOPE-INGEST", "app:",
                FrameCodec.encode(List.of(List.of("SET", k, "v")))));
        assertEquals(List.of(List.of("SET", k, "v")), frames(b, prefixShard));
        assertEquals(Optional.empty(), b.read(k, 2), "unreachable live: it sits on the prefix's shard");
        b.step(new Input.Restart(10));
        assertEquals(Optional.empty(), b.read(k, 11), "still unreachable after the replay");
        assertTrue(b.volatileState().orElseThrow().stores().get(prefixShard).get(k, 11).isPresent(),
                "the replay put it back into the prefix's shard");
    }

    @Test
    void theSameLayoutKeepsTheLogsAndAChangedOneFoldsThemIntoTheSnapshot() {
        KevyNode a = new KevyNode("a", cfg("a", "", 2), Variant.KEVY_54);
        String k0 = keyOn("k", 0, 2);
        call(a, 1, "SET", k0, "v");
        List<Effect> same = a.step(new Input.Restart(10));
        assertFalse(traces(same, "Restart").get(0).fields().containsKey("resharded"));
        assertEquals(List.of(List.of("SET", k0, "v")), frames(a, 0), "a boot leaves the log as it was");
        a.step(new Input.PushConfig(cfg("a", "", 4)));
        List<Effect> fx = a.step(new Input.Restart(20));
        assertEquals("2->4", traces(fx, "Restart").get(0).fields().get("resharded"));
        for (int i = 0; i < 4; i++) {
            assertEquals(List.of(), frames(a, i), "a fresh empty log on shard " + i);
        }
        assertTrue(a.durable().snapshot().isPresent(), "the re-homed keys are the new snapshots");
        assertEquals(Optional.of(new Value.Str("v")), a.read(k0, 21));
        assertEquals(new DurableState.Layout(4, false), a.durable().layout().orElseThrow());
    }

    @Test
    void aReshardDropsForGoodWhatItsScopeCheckRejects() {
        // Plain boots replay a MISDIRECTED-logged write each time, so a later config that owns the key brings
        // it back (CrashRestartTest); a re-shard replays it once, drops it, and keeps only the result.
        KevyNode a = new KevyNode("a", cfg("a", "app:=b", 1), Variant.KEVY_54);
        assertTrue(call(a, 1, "SET", "app:1", "v").startsWith("-MISDIRECTED"));
        a.step(new Input.PushConfig(cfg("a", "app:=b", 2)));
        List<Effect> fx = a.step(new Input.Restart(10));
        assertEquals(1, traces(fx, "Restart").get(0).fields().get("dropped"));
        a.step(new Input.PushConfig(cfg("a", "app:=a", 2)));
        a.step(new Input.Restart(20));
        assertEquals(Optional.empty(), a.read("app:1", 21), "the frame left with the old log");

        KevyNode same = new KevyNode("a", cfg("a", "app:=b", 2), Variant.KEVY_54);
        call(same, 1, "SET", "app:1", "v");
        same.step(new Input.Restart(10));
        same.step(new Input.PushConfig(cfg("a", "app:=a", 2)));
        same.step(new Input.Restart(20));
        assertEquals(Optional.of(new Value.Str("v")), same.read("app:1", 21), "without a re-shard it comes back");
    }

    @Test
    void atAReshardTheLastShardsFlushallWipesTheOtherShardsLaterWrites() {
        KevyNode a = new KevyNode("a", cfg("a", "", 2), Variant.KEVY_54);
        String k0 = keyOn("k", 0, 2);
        String k1 = keyOn("k", 1, 2);
        call(a, 1, "FLUSHALL");
        call(a, 2, "SET", k0, "x");
        call(a, 3, "SET", k1, "y");
        assertEquals(List.of(List.of("FLUSHALL"), List.of("SET", k0, "x")), frames(a, 0));
        assertEquals(List.of(List.of("FLUSHALL"), List.of("SET", k1, "y")), frames(a, 1));

        KevyNode kept = a.copy();
        kept.step(new Input.Restart(10));
        assertEquals(Optional.of(new Value.Str("x")), kept.read(k0, 11), "per shard, each FLUSHALL flushes its own");

        a.step(new Input.PushConfig(cfg("a", "", 1)));
        a.step(new Input.Restart(10));
        // merge: aof-0 (FLUSHALL, SET k0), then aof-1 (FLUSHALL wipes k0 too, SET k1)
        assertEquals(Optional.empty(), a.read(k0, 11), "shard 0's write after the FLUSHALL is lost");
        assertEquals(Optional.of(new Value.Str("y")), a.read(k1, 11));
    }

    @Test
    void turningClusterSlotsOnReShardsAtTheSameCount() {
        NodeConfig hash = cfg("a", "", 4);
        NodeConfig slots = new NodeConfig(hash.nodeId(), hash.peers(), hash.scopes(), 4, true);
        KevyNode a = new KevyNode("a", hash, Variant.KEVY_54);
        for (int i = 0; i < 16; i++) {
            call(a, 1, "SET", "k" + i, "v" + i);
        }
        a.step(new Input.Snapshot(2));
        a.step(new Input.PushConfig(slots));
        List<Effect> fx = a.step(new Input.Restart(10));
        assertEquals("4->4/slots", traces(fx, "Restart").get(0).fields().get("resharded"));
        for (int i = 0; i < 16; i++) {
            assertEquals(Optional.of(new Value.Str("v" + i)), a.read("k" + i, 11), "k" + i + " on its slot's shard");
        }
    }
}
