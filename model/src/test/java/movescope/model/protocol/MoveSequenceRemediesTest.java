package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.call;
import static movescope.model.protocol.Fixtures.cfg;
import static movescope.model.protocol.Fixtures.cmd;
import static movescope.model.protocol.Fixtures.completeMove;
import static movescope.model.protocol.Fixtures.connect;
import static movescope.model.protocol.Fixtures.deliver;
import static movescope.model.protocol.Fixtures.replies;
import static movescope.model.protocol.Fixtures.replyOn;
import static movescope.model.protocol.Fixtures.startMove;
import static movescope.model.protocol.Fixtures.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves the remedies for sequences of moves (specs/MoveScope/MoveChains.tla): {@code ownershipEpoch} (a
 * prefix moved back routes to its new owner; a stale INGEST applies nothing), {@code moveRequiresOwnership}
 * (a node that does not own the prefix cannot move it) and {@code shipReleasesShard} (an INGEST runs on a
 * node that is itself shipping). Each test also runs with the remedy off and asserts the hole, so it bites.
 * Reproduce: {@code mvn -B -o -pl model -am test -Dtest=MoveSequenceRemediesTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class MoveSequenceRemediesTest {

    private static KevyNode node(String self, String scopes, Variant v) {
        return new KevyNode(self, cfg(self, scopes, 1), v);
    }

    private static String move(KevyNode from, KevyNode to, long now, String prefix) {
        Effect.Connect c = startMove(from, now, "op" + now, 1, prefix, to.name());
        return replyOn(completeMove(from, to, now + 1, c), "op" + now);
    }

    @Test
    void aPrefixMovedBackRoutesToItsNewOwnerOnlyWithEpochs() {
        for (boolean epoch : new boolean[] {false, true}) {
            Variant v = Variant.FIXED.withOwnershipEpoch(epoch);
            KevyNode a = node("a", "app:=a", v);
            KevyNode b = node("b", "app:=a", v);
            call(a, 0, "SET", "app:k", "1");
            assertEquals("+OK 1", move(a, b, 10, "app:"));
            assertEquals("+OK", call(b, 20, "SET", "app:k", "2"));
            assertEquals("+OK 1", move(b, a, 30, "app:"));
            String atA = call(a, 40, "SET", "app:k", "3");
            String atB = call(b, 40, "SET", "app:k", "3");
            if (!epoch) {
                // a's MIGRATED entry (to b) comes before its ownership by ingest: a loop a -> b -> a.
                assertEquals("-MISDIRECTED writer is 10.0.0.2:6004", atA);
                assertEquals("-MISDIRECTED writer is 10.0.0.1:6004", atB);
                continue;
            }
            assertEquals("+OK", atA, "the newer owner wins over a's older MIGRATED entry");
            assertEquals("-MISDIRECTED writer is 10.0.0.1:6004", atB);
            assertTrue(a.migratedSnapshot().isEmpty(), "superseded MIGRATED entry dropped");
            assertEquals(2, a.ownershipEpochs().epoch("app:"));
            // ... and the prefix can move out again, at epoch 3.
            assertEquals("+OK 1", move(a, b, 50, "app:"));
            assertEquals(3, b.ownershipEpochs().epoch("app:"));
            assertEquals("+OK", call(b, 60, "SET", "app:k", "4"));
            assertEquals("-MISDIRECTED writer is 10.0.0.2:6004", call(a, 60, "SET", "app:k", "4"));
        }
    }

    @Test
    void aStaleIngestIsRefusedAndAppliesNothing() {
        KevyNode a = node("a", "app:=a", Variant.FIXED);
        KevyNode b = node("b", "app:=a", Variant.FIXED);
        call(a, 0, "SET", "app:k", "1");
        assertEquals("+OK 1", move(a, b, 10, "app:"));
        assertEquals("+OK", call(b, 20, "SET", "app:k", "2"));
        // A request of another move at an epoch b already has (1): refused before any frame runs.
        List<Effect> fx = b.step(cmd(30, "ship:x", 0, "MOVE-SCOPE-INGEST", "app:", "*0\r\n", "c/m9", "1"));
        assertEquals("-ERR MOVE-SCOPE-INGEST: stale epoch 1 for 'app:' (this node is at epoch 1)",
                replies(fx).get(0).wire());
        assertEquals("stale epoch", traces(fx, "IngestRefused").get(0).fields().get("reason"));
        assertEquals("\"2\"", call(b, 31, "GET", "app:k"));
        assertEquals("+OK", call(b, 32, "SET", "app:k", "3"), "b still owns the prefix");
    }

    @Test
    void onlyAnOwnerCanMoveAPrefix() {
        for (boolean remedy : new boolean[] {false, true}) {
            Variant v = Variant.FIXED.withMoveRequiresOwnership(remedy);
            KevyNode a = node("a", "app:=a", v);
            KevyNode b = node("b", "app:=a", v);
            KevyNode c = node("c", "app:=a", v);
            List<Effect> fx = c.step(cmd(10, "op", 1, "MOVE-SCOPE", "app:", "FROM", "c", "TO", "b"));
            if (!remedy) {
                Effect.Connect conn = Fixtures.one(fx, Effect.Connect.class);
                deliver(b, 12, connect(c, 11, conn.moveId()));
                assertEquals("+OK", call(a, 13, "SET", "app:k", "x"));
                assertEquals("+OK", call(b, 13, "SET", "app:k", "y"), "two writers: c handed away what it never had");
                continue;
            }
            assertEquals("-ERR MOVE-SCOPE: this node does not own 'app:'", replies(fx).get(0).wire());
            assertEquals("NotOwner", traces(fx, "StartRefused").get(0).fields().get("error"));
            assertTrue(c.movesInFlight().isEmpty());
            // A prefix with a nested prefix moved away cannot be moved either.
            assertEquals("+OK 0", move(a, c, 20, "app:x:"));
            List<Effect> nested = a.step(cmd(30, "op2", 1, "MOVE-SCOPE", "app:", "FROM", "a", "TO", "b"));
            assertEquals("-ERR MOVE-SCOPE: this node does not own 'app:x:' (nested in 'app:')",
                    replies(nested).get(0).wire());
        }
    }

    @Test
    void anIngestRunsOnANodeThatIsShippingOnlyWhenTheShardIsReleased() {
        for (boolean release : new boolean[] {false, true}) {
            Variant v = Variant.FIXED.withShipReleasesShard(release);
            KevyNode a = node("a", "p:=a, q:=b", v);
            KevyNode b = node("b", "p:=a, q:=b", v);
            call(a, 0, "SET", "p:k", "1");
            call(b, 0, "SET", "q:k", "1");
            Effect.Connect ca = startMove(a, 10, "opa", 1, "p:", "b");
            Effect.Connect cb = startMove(b, 10, "opb", 1, "q:", "a");
            Effect.SendIngest toB = connect(a, 11, ca.moveId());
            Effect.SendIngest toA = connect(b, 11, cb.moveId());
            List<Effect> atB = b.step(new Input.ClientCommand(12, "ship:a", 0, toB.args()));
            List<Effect> atA = a.step(new Input.ClientCommand(12, "ship:b", 0, toA.args()));
            if (!release) {
                assertTrue(replies(atB).isEmpty() && replies(atA).isEmpty(),
                        "each INGEST waits behind the other's busy shard");
                assertEquals(1, a.queuedCommands());
                continue;
            }
            assertEquals("+OK 1", replies(atB).get(0).wire());
            assertEquals("+OK 1", replies(atA).get(0).wire());
            a.step(new Input.SendComplete(13, ca.moveId()));
            b.step(new Input.SendComplete(13, cb.moveId()));
            List<Effect> endA = new ArrayList<>(a.step(new Input.PeerReply(14, ca.moveId(), "+OK 1")));
            List<Effect> endB = new ArrayList<>(b.step(new Input.PeerReply(14, cb.moveId(), "+OK 1")));
            assertEquals("+OK 1", replyOn(endA, "opa"));
            assertEquals("+OK 1", replyOn(endB, "opb"));
            assertEquals("+OK", call(b, 20, "SET", "p:k", "2"));
            assertEquals("+OK", call(a, 20, "SET", "q:k", "2"));
        }
    }
}
