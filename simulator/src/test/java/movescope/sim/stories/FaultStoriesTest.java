package movescope.sim.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import movescope.model.protocol.Sharding;
import movescope.sim.engine.Verdict;
import movescope.sim.report.RunResult;
import org.junit.jupiter.api.Test;

/**
 * Proves the fault vocabulary reaches the model as kevy would experience it: the spurious EINTR aborts a
 * move with kevy's text; a write on another shard of a moving source is QUIESCED and retried with
 * kevy-cluster-rw's back-off; a blocked INGEST send without a write timeout never ends
 * ({@code MigrationEnds}) while the fixed variant's timeout ends it; a one-way partition hiding the writer
 * from its fallback makes two writers ({@code SingleWriter}); crashes are seen by clients and sources.
 * Reproduce with {@code mvn -o -q -pl simulator test -Dtest=FaultStoriesTest#<method>}.
 */
class FaultStoriesTest {
    static final String TWO_NODES = """
            "cluster": { "nodes": [ { "id": "a" }, { "id": "b" } ], "scopes": "app:=a", "shards": %d %s },
            """;

    @Test
    void eintrAbortsTheMoveWithKevysText() {
        RunResult r = Story.run("""
            { "name": "eintr", "description": "the one read of the target's reply is interrupted",
              "variant": "kevy-5.4",
              """ + TWO_NODES.formatted(1, "") + """
              "steps": [
                { "at": 5, "do": "eintr", "node": "a" },
                { "at": 10, "do": "operator", "node": "a", "command": "MOVE-SCOPE app: FROM a TO b",
                  "expect": "-ERR MOVE-SCOPE ship failed: read: Interrupted system call (os error 4)" },
                { "at": 100, "do": "operator", "node": "a", "command": "MOVE-SCOPE app: FROM a TO b", "expect": "+OK 0" }
              ],
              "endMs": 500,
              "expect": { "baits": ["BaitAborted", "BaitCommitted"], "hold": ["SingleWriter", "NoLostWrite", "NoStrandedWrite", "QuiescedOnlyInFlight"] }
            }""", 1);
        assertEquals(Verdict.PASS, r.verdict(), () -> Story.dump(r));
        assertEquals(1L, r.counts().get("eintr"));
    }

    @Test
    void writesOnAnotherShardAreQuiescedAndRetriedWithBackoff() {
        // After the commit, a retry is redirected to b, which (fixed: ownershipOnIngest) accepts it.
        int prefixShard = Sharding.shardOf("app:", 2);
        String key = null;
        for (int i = 0; key == null; i++) {
            if (Sharding.shardOf("app:q" + i, 2) != prefixShard) {
                key = "app:q" + i;
            }
        }
        // 2000 preloaded keys: serialization keeps the move in flight for ~136 ms, shorter than the
        // client's whole back-off (5+10+20+40+80+80+80 = 315 ms), so a retry sees the commit.
        RunResult r = Story.run("""
            { "name": "quiesced", "description": "a write during the move is QUIESCED, retried, then redirected",
              "variant": "fixed",
              """ + TWO_NODES.formatted(2, "") + """
              "clients": [ { "id": "c1", "primary": "a" } ],
              "data": [ { "node": "a", "prefix": "app:bulk:", "keys": 2000 } ],
              "steps": [
                { "at": 10, "do": "operator", "node": "a", "command": "MOVE-SCOPE app: FROM a TO b" },
                { "at": 20, "do": "client", "client": "c1", "command": "SET %s v", "expect": "+OK" }
              ],
              "endMs": 1000,
              "expect": { "baits": ["BaitQuiesced", "BaitCommitted"], "hold": ["SingleWriter", "NoLostWrite", "NoStrandedWrite", "QuiescedOnlyInFlight"] }
            }""".formatted(key), 1);
        assertEquals(Verdict.PASS, r.verdict(), () -> Story.dump(r));
        long quiesced = r.trace().stream().filter(l -> l.contains("\"verdict\":\"QUIESCED\"")).count();
        assertTrue(quiesced >= 3, () -> "several QUIESCED tries: " + Story.dump(r));
        // The tries are spaced by the back-off: 5, 10, 20, ... ms after each reply (+1 ms each way).
        java.util.List<Long> times = r.trace().stream().filter(l -> l.contains("\"verdict\":\"QUIESCED\""))
                .map(l -> Long.parseLong(l.replaceAll(".*\"t\":(\\d+).*", "$1"))).toList();
        assertEquals(5 + 2, times.get(1) - times.get(0), times::toString);
        assertEquals(10 + 2, times.get(2) - times.get(1), times::toString);
    }

    static String stalledShip(String variant) {
        // The INGEST request (bigger than the 10-byte send buffer) is lost to a one-way partition: the
        // send never completes. Serializing 1,000 frames at 68 µs (pinned) ships at 78 ms, before the cut at 81. kevy has no write timeout, so the move never ends.
        return """
            { "name": "stalled-ship", "description": "the INGEST send blocks forever without a write timeout",
              "variant": %s,
              """.formatted(variant) + TWO_NODES.formatted(1, ", \"sendBufferBytes\": 10, \"serializeFrameCostUs\": 68, \"ingestFrameCostUs\": 0") + """
              "data": [ { "node": "a", "prefix": "app:bulk:", "keys": 1000 } ],
              "steps": [
                { "at": 10, "do": "operator", "node": "a", "command": "MOVE-SCOPE app: FROM a TO b" },
                { "at": 81, "do": "partition", "from": ["a"], "to": ["b"], "oneWay": true },
                { "at": 5000, "do": "heal" }
              ],
              "endMs": 100000,
              "expect": { "migrationsEndBy": 90000, "hold": ["SingleWriter"] }
            }""";
    }

    @Test
    void kevy54ShipWithoutWriteTimeoutNeverEnds() {
        RunResult r = Story.run(stalledShip("\"kevy-5.4\""), 1);
        assertEquals(Verdict.LIVENESS_VIOLATION, r.verdict(), () -> Story.dump(r));
        assertEquals("MigrationEnds", r.violation().orElseThrow().invariant());
        assertTrue(r.violation().orElseThrow().message().contains("phase SENDING"), r.summary());
        assertTrue(r.trace().stream().anyMatch(l -> l.contains("\"action\":\"Drop\"") && l.contains("\"reason\":\"partition\"")),
                () -> Story.dump(r));
    }

    @Test
    void fixedWriteTimeoutEndsTheStalledShip() {
        // The write timeout fires after 60 s; with retryAmbiguousShip the source ships again (the partition
        // healed at 5 s) and commits, well before the liveness deadline.
        RunResult r = Story.run(stalledShip("\"fixed\""), 1);
        assertEquals(Verdict.PASS, r.verdict(), () -> Story.dump(r));
        assertEquals(1L, r.baits().get("BaitCommitted"), () -> Story.dump(r));
        assertTrue(r.trace().stream().anyMatch(l -> l.contains("write timed out")), () -> Story.dump(r));
    }

    @Test
    void fallbackThatStopsHearingTheWriterMakesTwoWriters() {
        RunResult r = Story.run("""
            { "name": "split-brain", "description": "b stops hearing a (one-way), takes over while a still writes",
              "variant": "kevy-5.4",
              "cluster": { "nodes": [ { "id": "a" }, { "id": "b" } ], "scopes": "app:=a|b" },
              "clients": [ { "id": "c1", "primary": "a" } ],
              "steps": [
                { "at": 10, "do": "client", "client": "c1", "command": "SET app:x 1", "expect": "+OK" },
                { "at": 100, "do": "partition", "from": ["a"], "to": ["b"], "oneWay": true }
              ],
              "endMs": 10000,
              "expect": { "violation": "SingleWriter" }
            }""", 1);
        assertEquals(Verdict.PASS, r.verdict(), () -> Story.dump(r));
        long t = r.violation().orElseThrow().t();
        assertTrue(t > 5000 && t < 5500, "b's view of a turns DOWN 5 s after the last heartbeat: " + t);
        assertEquals("nodes a and b both accept writes for app:x", r.violation().orElseThrow().message());
    }

    @Test
    void crashedNodeRefusesAndClosesConnections() {
        RunResult r = Story.run("""
            { "name": "crash", "description": "clients see refused connections; the source sees its target die",
              "variant": "kevy-5.4",
              """ + TWO_NODES.formatted(1, "") + """
              "clients": [ { "id": "c1", "primary": "b" } ],
              "steps": [
                { "at": 10, "do": "crash", "node": "b" },
                { "at": 20, "do": "client", "client": "c1", "command": "GET app:x",
                  "expect": "io error: Connection refused (os error 111)" },
                { "at": 30, "do": "operator", "node": "a", "command": "MOVE-SCOPE app: FROM a TO b",
                  "expect": "-ERR MOVE-SCOPE ship failed: connect \\"10.0.0.2:6004\\": Connection refused (os error 111)" },
                { "at": 40, "do": "restart", "node": "b" },
                { "at": 50, "do": "client", "client": "c1", "command": "GET app:x", "expect": "(nil)" }
              ],
              "endMs": 1000,
              "expect": { "baits": ["BaitAborted"] }
            }""", 1);
        assertEquals(Verdict.PASS, r.verdict(), () -> Story.dump(r));
    }
}
