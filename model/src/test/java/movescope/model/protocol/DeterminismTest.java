package movescope.model.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import movescope.gen.Rng;
import movescope.model.migration.MigrationState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves that KevyNode is deterministic — the same inputs give the same effects, byte for byte — and,
 * along the way, fuzzes it: a seeded random driver plays a two-node cluster (client commands, moves both
 * ways, connect results, deliveries, replies, peer errors, timers, heartbeats, crashes, restarts, config
 * pushes, snapshots) and checks after every step that the node's own bookkeeping holds: a prefix is never
 * in both MIGRATING and MIGRATED, MIGRATED only grows while the process lives, and a shard is busy exactly
 * while a move that runs on it is in flight (and, with {@code migratingDurable}, the durable MIGRATING
 * entries are exactly the moves in flight). Any internal IllegalStateException fails the run.
 * Reproduce: {@code mvn -B -o -pl model test -Dtest=DeterminismTest}; the failing seed is the case name.
 */
class DeterminismTest {

    private static final List<String> KEYS = List.of("app:1", "app:2", "app:x:1", "free", "app:x:2");
    private static final List<String> PREFIXES = List.of("app:", "app:x:", "free");

    /** Runs one seeded scenario; returns the transcript of every step's input and effects. */
    static List<String> run(long seed, Variant variant) {
        return run(seed, variant, false);
    }

    /** As {@link #run(long, Variant)}; with {@code twins}, every step is also taken on a fresh copy of the node. */
    static List<String> run(long seed, Variant variant, boolean twins) {
        Rng rng = Rng.of(seed);
        Map<String, KevyNode> nodes = new TreeMap<>();
        nodes.put("a", new KevyNode("a", Fixtures.cfg("a", "app:=a|b, free=a", 2), variant));
        nodes.put("b", new KevyNode("b", Fixtures.cfg("b", "app:=a|b, free=a", 2), variant));
        // What the world owes the nodes: pending network events and timers, as inputs addressed to a node.
        List<String> dest = new ArrayList<>();
        List<Input> owed = new ArrayList<>();
        List<String> transcript = new ArrayList<>();
        Map<String, TreeMap<String, MigrationState>> migratedSeen = new TreeMap<>();
        long now = 0;
        long req = 0;
        for (int step = 0; step < 400; step++) {
            now += rng.nextInt(700);
            String target;
            Input in;
            int kind = rng.nextInt(10);
            if (kind < 4 && !owed.isEmpty()) {
                int i = rng.nextInt(owed.size());
                target = dest.remove(i);
                in = retime(owed.remove(i), now);
            } else {
                target = rng.pick(List.of("a", "b"));
                String other = target.equals("a") ? "b" : "a";
                int k = rng.nextInt(12);
                if (k < 5) {
                    String key = rng.pick(KEYS);
                    in = new Input.ClientCommand(now, "cl", ++req, switch (rng.nextInt(4)) {
                        case 0 -> List.of("SET", key, "v" + step);
                        case 1 -> List.of("RPUSH", key, "e" + step);
                        case 2 -> List.of("MSET", key, "m" + step, rng.pick(KEYS), "n" + step);
                        default -> List.of("GET", key);
                    });
                } else if (k < 7) {
                    in = new Input.ClientCommand(now, "op", ++req,
                            List.of("MOVE-SCOPE", rng.pick(PREFIXES), "FROM", target, "TO", other));
                } else if (k < 8) {
                    in = new Input.HeartbeatFrom(now, other);
                } else if (k < 9) {
                    in = rng.chance(0.5) ? new Input.Crash() : new Input.Restart(now);
                } else if (k < 10) {
                    in = new Input.Snapshot(now);
                } else if (k < 11) {
                    in = new Input.PushConfig(Fixtures.cfg(target, rng.pick(List.of("app:=a|b, free=a",
                            "app:=b", "app:=a, app:=b", "")), 1 + rng.nextInt(3)));
                } else {
                    in = new Input.Restart(now);
                }
            }
            KevyNode n = nodes.get(target);
            KevyNode twin = twins ? n.copy() : null;
            List<Effect> fx = n.step(in);
            if (twin != null) {
                assertEquals(fx, twin.step(in), "a copy answers like the original");
                boolean wasUp = n.isUp();
                var pending = n.durable().pendingConfig();
                int logSize = n.durable().log().size();
                twin.step(new Input.Crash());
                twin.step(new Input.PushConfig(Fixtures.cfg(target, "copy-only=a", 3)));
                twin.step(new Input.Restart(now));
                twin.step(new Input.ClientCommand(now, "twin", 0, List.of("SET", "free", "twin")));
                assertEquals(wasUp, n.isUp(), "crashing the copy left the original alone");
                assertEquals(pending, n.durable().pendingConfig(), "pushing to the copy left the original alone");
                assertEquals(logSize, n.durable().log().size(), "writing to the copy left the original's log alone");
            }
            transcript.add(target + " <- " + in + " -> " + fx);
            for (Effect e : fx) {
                world(target, e, now, rng, dest, owed);
            }
            checkBookkeeping(n, migratedSeen, in);
        }
        return transcript;
    }

    /** Turns a node's effect into what the world will deliver later (possibly a failure instead). */
    private static void world(String from, Effect e, long now, Rng rng, List<String> dest, List<Input> owed) {
        if (e instanceof Effect.Connect c) {
            dest.add(from);
            owed.add(rng.chance(0.8) ? new Input.ConnectResult(now, c.moveId(), true, null)
                    : new Input.ConnectResult(now, c.moveId(), false, ShipFailure.CONNECTION_REFUSED));
        } else if (e instanceof Effect.SendIngest s) {
            // The ingest goes to the target; its reply comes back as a PeerReply (see below).
            dest.add(s.targetId());
            owed.add(new Input.ClientCommand(now, "ship|" + from + "|" + s.moveId(), 0, s.args()));
            dest.add(from);
            owed.add(rng.chance(0.9) ? new Input.SendComplete(now, s.moveId())
                    : new Input.PeerError(now, s.moveId(), ShipFailure.INTERRUPTED));
        } else if (e instanceof Effect.Reply r && r.conn().startsWith("ship|")) {
            String[] parts = r.conn().split("\\|");
            dest.add(parts[1]);
            owed.add(new Input.PeerReply(now, parts[2], r.wire()));
        } else if (e instanceof Effect.SetTimer t) {
            dest.add(from);
            owed.add(new Input.TimerFired(now + t.delayMs(), t.timerId()));
        }
        // CancelTimer: left owed on purpose — a cancelled timer that fires anyway must be ignored.
    }

    private static Input retime(Input in, long now) {
        if (in instanceof Input.ConnectResult c) {
            return new Input.ConnectResult(now, c.moveId(), c.ok(), c.error());
        } else if (in instanceof Input.ClientCommand c) {
            return new Input.ClientCommand(now, c.conn(), c.reqId(), c.args());
        } else if (in instanceof Input.SendComplete s) {
            return new Input.SendComplete(now, s.moveId());
        } else if (in instanceof Input.PeerError p) {
            return new Input.PeerError(now, p.moveId(), p.reason());
        } else if (in instanceof Input.PeerReply p) {
            return new Input.PeerReply(now, p.moveId(), p.reply());
        } else if (in instanceof Input.TimerFired t) {
            return new Input.TimerFired(Math.max(now, t.nowMs()), t.timerId());
        }
        return in;
    }

    private static void checkBookkeeping(KevyNode n, Map<String, TreeMap<String, MigrationState>> seen, Input in) {
        if (!n.isUp()) {
            seen.remove(n.name());
            return;
        }
        if (in instanceof Input.Restart) {
            seen.remove(n.name());
        }
        for (String p : n.migratingSnapshot().keySet()) {
            assertTrue(!n.migratedSnapshot().containsKey(p), "NotBothMaps: " + p + " on " + n.name());
        }
        TreeMap<String, MigrationState> before = seen.getOrDefault(n.name(), new TreeMap<>());
        for (Map.Entry<String, MigrationState> e : before.entrySet()) {
            if (n.variant().ownershipEpoch() && !n.migratedSnapshot().containsKey(e.getKey())) {
                // ownershipEpoch: only a newer INGEST of the prefix drops its MIGRATED entry.
                assertTrue(n.ownershipEpochs().get(e.getKey()).map(x -> x.owned()).orElse(false),
                        "MIGRATED " + e.getKey() + " dropped on " + n.name() + " without a newer ownership");
                continue;
            }
            assertEquals(e.getValue(), n.migratedSnapshot().get(e.getKey()), "MigratedOnlyGrows on " + n.name());
        }
        seen.put(n.name(), new TreeMap<>(n.migratedSnapshot()));
        TreeMap<Integer, String> expectBusy = new TreeMap<>();
        for (MoveView m : n.movesInFlight().values()) {
            if (!n.variant().shipReleasesShard()) { // with it, a move holds no shard between steps
                expectBusy.put(m.shard(), m.moveId());
            }
            if (!m.phase().equals("COMMITTING")) {
                assertEquals(m.to(), n.migratingSnapshot().get(m.prefix()).to(), "a move in flight is MIGRATING");
            }
        }
        assertEquals(expectBusy, n.busyShards(), "busy shards = shards of moves in flight");
        if (n.variant().migratingDurable()) {
            // The durable MIGRATING entries are exactly the moves a boot would resume.
            java.util.TreeSet<String> live = new java.util.TreeSet<>();
            for (MoveView m : n.movesInFlight().values()) {
                if (!m.phase().equals("COMMITTING")) {
                    live.add(m.moveId());
                }
            }
            java.util.TreeSet<String> persisted = new java.util.TreeSet<>();
            n.durable().migrating().values().forEach(e -> persisted.add(e.moveId()));
            assertEquals(live, persisted, "durable MIGRATING = moves in flight on " + n.name());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 8812734, -7})
    void sameSeedSameEffectsKevy(long seed) {
        List<String> first = run(seed, Variant.KEVY_54);
        assertEquals(first, run(seed, Variant.KEVY_54));
        assertNotEquals(first, run(seed + 1000, Variant.KEVY_54), "different seeds should differ");
        assertTrue(first.stream().anyMatch(s -> s.contains("action=Start,")), "the driver never started a move");
    }

    /** Reachability: the driver is only worth something if it reaches the interesting states. */
    @org.junit.jupiter.api.Test
    void theDriverReachesCommitsAbortsIngestsAndRestarts() {
        List<String> all = new ArrayList<>();
        for (long seed = 1; seed <= 4; seed++) {
            all.addAll(run(seed, Variant.KEVY_54));
        }
        for (String action : List.of("CommitRemove", "CommitInsert", "Abort", "Ingest", "Restart", "StartRefused")) {
            assertTrue(all.stream().anyMatch(s -> s.contains("action=" + action + ",")), "never reached " + action);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11})
    void aCopyBehavesLikeTheOriginalAndIsIndependent(long seed) {
        assertEquals(run(seed, Variant.KEVY_54), run(seed, Variant.KEVY_54, true));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 77})
    void sameSeedSameEffectsFixed(long seed) {
        assertEquals(run(seed, Variant.FIXED), run(seed, Variant.FIXED));
    }

    /** The fixed variant's own bookkeeping (resumed moves, remembered outcomes) survives copying too. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {12})
    void aFixedCopyBehavesLikeTheOriginalAndIsIndependent(long seed) {
        assertEquals(run(seed, Variant.FIXED), run(seed, Variant.FIXED, true));
    }

    /** Reachability for the fixed variant: retries, resumed moves and remembered INGEST outcomes occur. */
    @org.junit.jupiter.api.Test
    void theFixedDriverReachesRetriesResumesAndRememberedOutcomes() {
        List<String> all = new ArrayList<>();
        // Twelve seeds, not four: this driver crashes often and makes the two nodes move prefixes to each
        // other, and a fixed move ends only by a commit or a refusal (see KevyNode, "crossing moves"), so
        // commits are rare here; the scripted tests (RetryShipTest, MigratingDurableTest) cover them.
        for (long seed = 1; seed <= 12; seed++) {
            all.addAll(run(seed, Variant.FIXED));
        }
        for (String needle : List.of("action=ShipRetry,", "action=Commit,", "remembered=true",
                "resumed=true", "migratingRestored=1")) {
            assertTrue(all.stream().anyMatch(s -> s.contains(needle)), "never reached " + needle);
        }
    }
}
