package movescope.sim.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import movescope.model.protocol.Sharding;
import movescope.sim.engine.Verdict;
import movescope.sim.report.RunResult;
import org.junit.jupiter.api.Test;

/**
 * Proves the rules of when and what the simulator checks (docs/scenario-format.md "Probe keys and
 * invariants", "Verdicts"), each on the smallest story that once got it wrong: invariants hold on the
 * initial state too; a config push with restart re-evaluates RedirectsConverge; an acknowledged write
 * superseded by a write that was applied after its client gave up is not lost; unmet step expectations
 * fail a run even when the expected violation occurs; the seed layout's commit window, widened with
 * {@code commitWindowMs}, is hit by construction and reported as {@code NoAcceptAfterShip}, while kevy's
 * instant window and the atomic layout accept nothing after the ship. Reproduce with
 * {@code mvn -o -q -pl simulator test -Dtest=CheckingRulesTest#<method>}.
 */
class CheckingRulesTest {
    @Test
    void aConfigThatIsBrokenFromTheStartIsReportedAtZero() {
        // Before: invariants ran only after an event marked the key, so the broken initial state was
        // reported only when some later event happened to touch it (here 26 ms in; in
        // scenarios/stories/redirect-to-unknown-writer.json only at a config push).
        RunResult r = Story.run("""
            { "name": "unknown-writer", "description": "writer z is no node from the start",
              "variant": "kevy-5.4",
              "cluster": { "nodes": [ { "id": "a" }, { "id": "b" } ], "scopes": "app:=z" },
              "expect": { "values": [ { "key": "app:1", "node": "a", "expect": "(nil)" } ] },
              "endMs": 1000
            }""", 1);
        assertEquals(Verdict.SAFETY_VIOLATION, r.verdict(), () -> Story.dump(r));
        assertEquals("RedirectsConverge", r.violation().orElseThrow().invariant());
        assertEquals(0, r.violation().orElseThrow().t());
        assertEquals(0, r.eventsProcessed(), "reported before the first event");
    }

    @Test
    void aPushedConfigTakingEffectReEvaluatesRedirects() {
        // No move and no client command: only the restart that applies b's pushed config changes routing.
        RunResult r = Story.run("""
            { "name": "pushed-cycle", "description": "b is told a is the writer while a says b",
              "variant": "kevy-5.4",
              "cluster": { "nodes": [ { "id": "a", "scopes": "app:=b" }, { "id": "b", "scopes": "app:=b" } ] },
              "steps": [ { "at": 300, "do": "pushConfig", "node": "b", "scopes": "app:=a" } ],
              "expect": { "values": [ { "key": "app:1", "node": "a", "expect": "(nil)" } ] },
              "endMs": 1000
            }""", 1);
        assertEquals(Verdict.SAFETY_VIOLATION, r.verdict(), () -> Story.dump(r));
        assertEquals("RedirectsConverge", r.violation().orElseThrow().invariant());
        assertEquals(300, r.violation().orElseThrow().t());
        assertTrue(r.violation().orElseThrow().message().contains("(cycle)"), r.violation().get().message());
    }

    @Test
    void aWriteAppliedAfterItsClientTimedOutSupersedesTheAcknowledgedOne() {
        // The second SET's request is delayed past its client's 50 ms timeout; a applies it at ~151 ms.
        // Before: that late application was not recorded, so v1 (acknowledged, overwritten) looked lost.
        RunResult r = Story.run("""
            { "name": "late-write", "description": "a timed-out write is applied later and overwrites v1",
              "variant": "kevy-5.4",
              "cluster": { "nodes": [ { "id": "a" }, { "id": "b" } ], "scopes": "app:=a" },
              "clients": [ { "id": "c1", "primary": "a", "timeoutMs": 50 } ],
              "steps": [
                { "at": 10, "do": "client", "client": "c1", "command": "SET app:1 v1", "expect": "+OK" },
                { "at": 40, "do": "delay", "from": "c1", "to": "a", "messages": "request", "delayMs": 100, "count": 1 },
                { "at": 50, "do": "client", "client": "c1", "command": "SET app:1 v2",
                  "expect": "-ERR movescope: client timed out after 50 ms" },
                { "at": 300, "do": "client", "client": "c1", "command": "GET app:1", "expect": "\\"v2\\"" }
              ],
              "endMs": 500,
              "expect": { "values": [ { "key": "app:1", "node": "a", "expect": "\\"v2\\"" } ] }
            }""", 1);
        assertEquals(Verdict.PASS, r.verdict(), () -> Story.dump(r));
        assertEquals(2L, r.counts().get("writesApplied"), "the late write is in the history");
        assertEquals(1L, r.counts().get("writesAcked"));
    }

    @Test
    void aLostAcknowledgedWriteIsStillReportedWhenNothingSupersededIt() {
        // The counterpart: v1 acknowledged and no later write applied anywhere; a restarts under a config
        // that gives app: to b, and its replay drops the key it no longer owns (as in
        // scenarios/stories/pushed-config-drops-source-copy.json), so no store holds v1: lost.
        RunResult r = Story.run("""
            { "name": "lost", "description": "a's replay under a config that gives app: to b drops v1",
              "variant": "kevy-5.4",
              "cluster": { "nodes": [ { "id": "a" }, { "id": "b" } ], "scopes": "app:=a" },
              "clients": [ { "id": "c1", "primary": "a" } ],
              "steps": [
                { "at": 10, "do": "client", "client": "c1", "command": "SET app:1 v1", "expect": "+OK" },
                { "at": 100, "do": "pushConfig", "node": "a", "scopes": "app:=b" }
              ],
              "endMs": 500,
              "expect": { "hold": ["NoLostWrite"] }
            }""", 1);
        assertEquals(Verdict.SAFETY_VIOLATION, r.verdict(), () -> Story.dump(r));
        assertEquals("NoLostWrite", r.violation().orElseThrow().invariant());
    }

    @Test
    void aFailedStepBeforeTheExpectedViolationFailsTheRun() {
        // Before: PASS (the expected violation occurred) with the step failure only in failures().
        RunResult r = Story.run("""
            { "name": "both", "description": "a wrong expectation, then the expected redirect cycle",
              "variant": "kevy-5.4",
              "cluster": { "nodes": [ { "id": "a", "scopes": "app:=b" }, { "id": "b", "scopes": "app:=b" } ] },
              "clients": [ { "id": "c1", "primary": "a" } ],
              "steps": [
                { "at": 10, "do": "client", "client": "c1", "command": "GET app:1", "expect": "\\"nope\\"" },
                { "at": 300, "do": "pushConfig", "node": "b", "scopes": "app:=a" }
              ],
              "endMs": 1000,
              "expect": { "violation": "RedirectsConverge" }
            }""", 1);
        assertEquals(Verdict.EXPECTATION_FAILED, r.verdict(), () -> Story.dump(r));
        assertEquals("RedirectsConverge", r.violation().orElseThrow().invariant());
        assertTrue(r.summary().startsWith("EXPECTATION_FAILED: step 0"), r.summary());
        assertTrue(r.summary().contains("expected violation RedirectsConverge occurred at 300 ms"), r.summary());
        assertEquals(1, r.failures().size(), r.failures()::toString);
    }

    /** A key of a's other shard (not busy with the move of {@code app:billing:}). */
    private static String otherShardKey() {
        int prefixShard = Sharding.shardOf("app:billing:", 2);
        for (int i = 0; ; i++) {
            if (Sharding.shardOf("app:billing:k" + i, 2) != prefixShard) {
                return "app:billing:k" + i;
            }
        }
    }

    /** The client's connection is pinned to the shard that does not run the move, as the write's key is. */
    private static String commitWindow(String layout, long windowMs, String writeExpect) {
        return """
            { "name": "window", "description": "a write to a's other shard at 1200 ms, after the ship",
              "variant": { "base": "kevy-5.4", "sliceShards": "all-shards", "ingestShard": "key-shard",
                           "logMisdirected": false, "tableLayout": "%s" },
              "cluster": { "nodes": [ { "id": "a" }, { "id": "b" } ], "scopes": "app:billing:=a", "shards": 2,
                           "commitWindowMs": %d, "connShards": { "c1": %d } },
              "clients": [ { "id": "c1", "primary": "a" } ],
              "data": [ { "node": "a", "prefix": "app:billing:bulk:", "keys": 2000 } ],
              "steps": [
                { "at": 1000, "do": "operator", "node": "a", "command": "MOVE-SCOPE app:billing: FROM a TO b",
                  "expect": "+OK 2000" },
                { "at": 1200, "do": "client", "client": "c1", "command": "SET %s w", "expect": "%s" }
              ],
              "endMs": 2000,
              "expect": { "hold": ["NoAcceptAfterShip", "SingleWriter", "NoLostWrite", "QuiescedOnlyInFlight"] }
            }""".formatted(layout, windowMs, 1 - Sharding.shardOf("app:billing:", 2), otherShardKey(), writeExpect);
    }

    @Test
    void aWideCommitWindowIsHitByConstructionAndReportedAsNoAcceptAfterShip() {
        RunResult r = Story.run(commitWindow("seed", 200, "+OK"), 1);
        assertEquals(Verdict.SAFETY_VIOLATION, r.verdict(), () -> Story.dump(r));
        assertEquals("NoAcceptAfterShip", r.violation().orElseThrow().invariant());
        assertEquals("a", r.violation().orElseThrow().node());
        // Any seed: the window is [commit, commit + 200 ms), nothing left to chance.
        for (long seed = 2; seed <= 4; seed++) {
            RunResult again = Story.run(commitWindow("seed", 200, "+OK"), seed);
            assertEquals("NoAcceptAfterShip", again.violation().orElseThrow().invariant(), () -> Story.dump(again));
        }
    }

    @Test
    void kevysInstantWindowAndTheAtomicTableAcceptNothingAfterTheShip() {
        // The commit lands at ~1142 ms; at 1200 ms a redirects to b, b (static config) back to a.
        String redirected = "-MISDIRECTED writer is 10.0.0.1:6004";
        RunResult instant = Story.run(commitWindow("seed", 0, redirected), 1);
        assertEquals(Verdict.PASS, instant.verdict(), () -> Story.dump(instant));
        RunResult atomic = Story.run(commitWindow("atomic", 200, redirected), 1);
        assertEquals(Verdict.PASS, atomic.verdict(), () -> Story.dump(atomic));
    }
}
