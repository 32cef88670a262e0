package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.call;
import static movescope.model.protocol.Fixtures.cfg;
import static movescope.model.protocol.Fixtures.cmd;
import static movescope.model.protocol.Fixtures.completeMove;
import static movescope.model.protocol.Fixtures.replies;
import static movescope.model.protocol.Fixtures.replyOn;
import static movescope.model.protocol.Fixtures.startMove;
import static movescope.model.protocol.Fixtures.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code sliceHandover} remedy (docs/vocabulary.md): a move hands the slice over instead of copying it.
 * The source drops its copy at Commit, durably (a snapshot boot under the new config does not bring it
 * back); a move back does not merge the new owner's slice over the old copy (an acknowledged DEL stays
 * done); a refused INGEST leaves nothing on the target, and the aborted source keeps its data. Each test
 * also runs with the remedy off ({@code fixed} otherwise) and asserts the hole, so it bites.
 * Reproduce: {@code mvn -B -o -pl model -am test -Dtest=SliceHandoverTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SliceHandoverTest {

    private static KevyNode node(String self, Variant v) {
        return new KevyNode(self, cfg(self, "app:=a", 1), v);
    }

    /** Nodes a and b of {@code fixed} with sliceHandover as given; a owns app: and holds app:k and app:gone. */
    private static KevyNode[] twoKeysOnA(boolean handover) {
        Variant v = Variant.FIXED.withSliceHandover(handover);
        KevyNode a = node("a", v);
        KevyNode b = node("b", v);
        call(a, 0, "SET", "app:k", "v1");
        call(a, 1, "SET", "app:gone", "x");
        return new KevyNode[] {a, b};
    }

    private static String move(KevyNode from, KevyNode to, long now) {
        Effect.Connect c = startMove(from, now, "op" + now, 1, "app:", to.name());
        return replyOn(completeMove(from, to, now + 1, c), "op" + now);
    }

    @Test
    void theSourceDropsItsCopyAtCommitAndARestartDoesNotBringItBack() {
        for (boolean handover : new boolean[] {false, true}) {
            KevyNode[] ab = twoKeysOnA(handover);
            KevyNode a = ab[0];
            KevyNode b = ab[1];
            a.step(new Input.Snapshot(2));
            call(a, 3, "DEL", "app:gone"); // logged after the snapshot
            Effect.Connect c = startMove(a, 10, "op", 1, "app:", "b");
            List<Effect> fx = completeMove(a, b, 11, c);
            assertEquals("+OK 1", replyOn(fx, "op"));
            // The operator configures b as the writer everywhere: a's boot replays its DEL of app:gone as
            // MISDIRECTED (dropped) over the snapshot that still has it.
            NodeConfig pushed = cfg("a", "app:=b", 1);
            a.step(new Input.PushConfig(pushed));
            a.step(new Input.Crash());
            a.step(new Input.Restart(20));
            if (!handover) {
                assertEquals("\"v1\"", call(a, 21, "GET", "app:k"), "the shipped copy stays on the source");
                assertEquals("\"x\"", call(a, 21, "GET", "app:gone"), "the snapshot boot undoes the DEL");
                continue;
            }
            assertEquals(1, traces(fx, "Commit").get(0).fields().get("dropped"));
            assertEquals("(nil)", call(a, 21, "GET", "app:k"));
            assertEquals("(nil)", call(a, 21, "GET", "app:gone"), "the drop covers the snapshot too");
            assertEquals("\"v1\"", call(b, 21, "GET", "app:k"), "the target has the slice");
        }
    }

    @Test
    void aMoveBackDoesNotUndoAnAcknowledgedDel() {
        for (boolean handover : new boolean[] {false, true}) {
            KevyNode[] ab = twoKeysOnA(handover);
            KevyNode a = ab[0];
            KevyNode b = ab[1];
            assertEquals("+OK 2", move(a, b, 10));
            assertEquals(":1", call(b, 20, "DEL", "app:gone"));
            assertEquals("+OK 1", move(b, a, 30));
            assertEquals("+OK", call(a, 40, "SET", "app:k", "v2"), "a owns the prefix again");
            assertEquals(handover ? "(nil)" : "\"x\"", call(a, 41, "GET", "app:gone"));
            // b's copy of app:k (given back) is dropped at its commit only with the remedy.
            assertEquals(handover ? "(nil)" : "\"v1\"", call(b, 41, "GET", "app:k"));
        }
    }

    @Test
    void aRefusedIngestLeavesNothingAndTheAbortedSourceKeepsItsData() {
        for (boolean handover : new boolean[] {false, true}) {
            Variant v = Variant.FIXED.withSliceHandover(handover);
            KevyNode a = node("a", v);
            KevyNode b = node("b", v);
            call(a, 0, "SET", "app:k", "v1");
            // An INGEST whose second command is malformed: the first is applied before the refusal.
            String bulk = "*3\r\n$3\r\nSET\r\n$7\r\napp:new\r\n$1\r\n1\r\n*x\r\n";
            List<Effect> fx = b.step(cmd(10, "ship:x", 0, "MOVE-SCOPE-INGEST", "app:", bulk, "a/m1", "1"));
            assertTrue(replies(fx).get(0).wire().startsWith("-"), replies(fx).get(0).wire());
            assertEquals(handover ? "(nil)" : "\"1\"", call(b, 11, "GET", "app:new"));
            if (handover) {
                assertEquals(1, traces(fx, "IngestRefused").get(0).fields().get("rolledBack"));
            }
            // An explicit refusal aborts the move: the source still owns the prefix and keeps its copy.
            Effect.Connect c = startMove(a, 20, "op", 1, "app:", "b");
            Fixtures.connect(a, 21, c.moveId());
            a.step(new Input.SendComplete(22, c.moveId()));
            List<Effect> end = a.step(new Input.PeerReply(23, c.moveId(), "-ERR MOVE-SCOPE-INGEST: refused"));
            assertEquals(1, traces(end, "Abort").size());
            assertEquals("\"v1\"", call(a, 24, "GET", "app:k"));
            assertEquals("+OK", call(a, 25, "SET", "app:k", "v2"));
        }
    }
}
