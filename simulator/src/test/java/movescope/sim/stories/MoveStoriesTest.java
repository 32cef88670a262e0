package movescope.sim.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import movescope.model.protocol.Sharding;
import movescope.sim.engine.Verdict;
import movescope.sim.report.RunResult;
import org.junit.jupiter.api.Test;

/**
 * Proves the simulator tells MOVE-SCOPE's stories end to end on the model: a committed move with writes
 * before, during and after it; kevy 5.4's violations found (redirect loop after commit, writes stranded
 * or lost by the config-push procedure and by {@code sliceShards=prefix-shard} with 2 shards, a ship that
 * never ends without a write timeout, a fallback split brain); the fixed variant passing the same stories.
 * On failure the test prints the run's trace; reproduce with
 * {@code mvn -o -q -pl simulator test -Dtest=MoveStoriesTest#<method>}.
 */
class MoveStoriesTest {
    /**
     * a moves app:billing: to b, then the operator pushes the new writer to b, a and c (restarting each).
     * c2 learned "app:billing:list is on a" from its first redirect; its cache is never refreshed, so its
     * last RPUSH goes straight to a and a's MISDIRECTED is returned unfollowed (kevy-cluster-rw, §7).
     */
    static String committedMove(String variant, String hold) {
        // kevy 5.4: after the commit a redirects to b, b (static config) back to a: the client returns the
        // second MISDIRECTED. The fixed variant's ownershipOnIngest makes b the writer once it has ingested.
        String during = variant.contains("fixed") ? "+OK" : "-MISDIRECTED writer is 10.0.0.1:6004";
        return committedMove(variant, hold, during);
    }

    static String committedMove(String variant, String hold, String duringReply) {
        return """
            {
              "name": "committed-move",
              "description": "a moves app:billing: to b; writes before, during and after; config pushed afterwards",
              "variant": %s,
              "cluster": {
                "nodes": [ { "id": "a" }, { "id": "b" }, { "id": "c" } ],
                "scopes": [ { "prefix": "app:billing:", "writer": "a" } ]
              },
              "clients": [ { "id": "c1", "primary": "a" }, { "id": "c2", "primary": "c" } ],
              "data": [ { "node": "a", "prefix": "app:billing:bulk:", "keys": 2000 } ],
              "steps": [
                { "at": 100, "do": "client", "client": "c1", "command": "SET app:billing:1 v1", "expect": "+OK" },
                { "at": 110, "do": "client", "client": "c2", "command": "RPUSH app:billing:list e1", "expect": ":1" },
                { "at": 200, "do": "operator", "node": "a", "command": "MOVE-SCOPE app:billing: FROM a TO b",
                  "expect": { "regex": "\\\\+OK \\\\d+" } },
                { "at": 210, "do": "client", "client": "c1", "command": "SET app:billing:2 during",
                  "expect": "%s" },
                { "at": 1000, "do": "pushConfig", "node": "b", "scopes": "app:billing:=b" },
                { "at": 1100, "do": "pushConfig", "node": "a", "scopes": "app:billing:=b" },
                { "at": 1200, "do": "pushConfig", "node": "c", "scopes": "app:billing:=b" },
                { "at": 2000, "do": "client", "client": "c1", "command": "SET app:billing:1 v3", "expect": "+OK" },
                { "at": 2000, "do": "client", "client": "c2", "command": "RPUSH app:billing:list e2",
                  "expect": "-MISDIRECTED writer is 10.0.0.2:6004" }
              ],
              "endMs": 3000,
              "expect": { "hold": %s, "baits": [ "BaitCommitted" ],
                "values": [ { "key": "app:billing:1", "node": "b", "expect": "\\"v3\\"" },
                            { "key": "app:billing:list", "command": "LRANGE app:billing:list 0 -1", "expect": "[\\"e1\\"]" } ] }
            }
            """.formatted(variant, duringReply, hold);
    }

    static final String SAFETY = "[\"SingleWriter\", \"NoLostWrite\", \"NoStrandedWrite\", \"QuiescedOnlyInFlight\"]";

    @Test
    void fixedVariantCommitsAndKeepsEveryWrite() {
        RunResult r = Story.run(committedMove("\"fixed\"", SAFETY), 1);
        assertEquals(Verdict.PASS, r.verdict(), () -> Story.dump(r));
        assertEquals(1L, r.baits().get("BaitCommitted"));
        assertEquals("+OK 2002", r.steps().get(2).reply().orElseThrow(), "2000 preloaded keys + 2 written");
        // The move serializes 2002 frames at 68 µs: the source's connect waits ~137 ms, then the reply.
        assertTrue(r.steps().get(2).repliedAtMs() >= 200 + 137, () -> Story.dump(r));
    }

    @Test
    void kevy54StrandsTheSliceWhenTheTargetRestartsWithItsNewConfig() {
        // The ingested slice is not logged (ingestLogged=false) and b has no snapshot: b's restart into its
        // new config loses app:billing:1 = v1, and replays the MISDIRECTED-but-logged write instead.
        RunResult r = Story.run(committedMove("\"kevy-5.4\"", SAFETY), 1);
        assertEquals(Verdict.SAFETY_VIOLATION, r.verdict(), () -> Story.dump(r));
        assertEquals("NoStrandedWrite", r.violation().orElseThrow().invariant(), () -> Story.dump(r));
        assertEquals(1000, r.violation().orElseThrow().t(), "detected at b's restart");
        assertTrue(r.violation().orElseThrow().message().startsWith("node b accepts writes for app:billing:"),
                r.violation().orElseThrow().message());
        assertTrue(r.violation().orElseThrow().excerpt().size() > 3);
    }

    @Test
    void kevy54TargetRedirectsBackToTheSourceAfterCommit() {
        RunResult r = Story.run(committedMove("\"kevy-5.4\"",
                "[\"RedirectsConverge\"], \"violation\": \"RedirectsConverge\""), 1);
        assertEquals(Verdict.PASS, r.verdict(), () -> Story.dump(r));
        var v = r.violation().orElseThrow();
        assertEquals("RedirectsConverge", v.invariant());
        assertTrue(v.message().contains("(cycle)"), v.message());
        assertTrue(r.trace().stream().anyMatch(l -> l.contains("\"action\":\"CommitInsert\"") && l.contains("\"t\":" + v.t())),
                () -> "detected at the commit: " + Story.dump(r));
    }

    /** Two keys written before the move, one on each of the source's 2 shards. */
    static String twoShards(String variant) {
        String prefix = "app:";
        int prefixShard = Sharding.shardOf(prefix, 2);
        String same = null;
        String other = null;
        for (int i = 0; same == null || other == null; i++) {
            String k = prefix + "k" + i;
            if (Sharding.shardOf(k, 2) == prefixShard && same == null) {
                same = k;
            } else if (Sharding.shardOf(k, 2) != prefixShard && other == null) {
                other = k;
            }
        }
        return """
            {
              "name": "two-shards",
              "description": "a has 2 shards; the move must ship the keys of both",
              "variant": %s,
              "cluster": { "nodes": [ { "id": "a" }, { "id": "b" } ], "scopes": "app:=a", "shards": 2 },
              "clients": [ { "id": "c1", "primary": "a" } ],
              "steps": [
                { "at": 10, "do": "client", "client": "c1", "command": "SET %s x", "expect": "+OK" },
                { "at": 20, "do": "client", "client": "c1", "command": "SET %s y", "expect": "+OK" },
                { "at": 100, "do": "operator", "node": "a", "command": "MOVE-SCOPE app: FROM a TO b" },
                { "at": 500, "do": "pushConfig", "node": "b", "scopes": "app:=b" },
                { "at": 600, "do": "pushConfig", "node": "a", "scopes": "app:=b" }
              ],
              "endMs": 1000,
              "expect": { "hold": ["SingleWriter", "NoLostWrite", "NoStrandedWrite"],
                "values": [ { "key": "%s", "node": "b", "expect": "\\"x\\"" }, { "key": "%s", "node": "b", "expect": "\\"y\\"" } ] }
            }
            """.formatted(variant, same, other, same, other);
    }

    @Test
    void sliceShardsPrefixShardLeavesTheOtherShardBehind() {
        RunResult r = Story.run(twoShards("{ \"base\": \"fixed\", \"sliceShards\": \"prefix-shard\" }"), 3);
        assertEquals(Verdict.SAFETY_VIOLATION, r.verdict(), () -> Story.dump(r));
        assertTrue(r.violation().orElseThrow().invariant().equals("NoStrandedWrite")
                || r.violation().orElseThrow().invariant().equals("NoLostWrite"), () -> Story.dump(r));
        assertTrue(r.trace().stream().anyMatch(l -> l.contains("\"action\":\"Start\"") && l.contains("\"frames\":1")),
                () -> "only the prefix shard's key was serialized: " + Story.dump(r));
    }

    @Test
    void sliceShardsWithoutConfigPushIsCaughtByTheEndOfRunHistory() {
        // Without the invariant, the end-of-run history check names the write as lost or stranded.
        RunResult r = Story.run(twoShards("{ \"base\": \"fixed\", \"sliceShards\": \"prefix-shard\" }")
                .replace("\"hold\": [\"SingleWriter\", \"NoLostWrite\", \"NoStrandedWrite\"]", "\"hold\": []"), 3);
        assertEquals(Verdict.EXPECTATION_FAILED, r.verdict(), () -> Story.dump(r));
        assertTrue(r.history().stream().anyMatch(h -> h.kind().equals("stranded") || h.kind().equals("lost")),
                () -> Story.dump(r));
    }

    @Test
    void fixedShipsEveryShard() {
        RunResult r = Story.run(twoShards("\"fixed\""), 3);
        assertEquals(Verdict.PASS, r.verdict(), () -> Story.dump(r));
    }
}
