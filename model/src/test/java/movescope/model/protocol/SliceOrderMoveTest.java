package movescope.model.protocol;

import static movescope.model.protocol.Fixtures.call;
import static movescope.model.protocol.Fixtures.cfg;
import static movescope.model.protocol.Fixtures.completeMove;
import static movescope.model.protocol.Fixtures.replyOn;
import static movescope.model.protocol.Fixtures.startMove;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import movescope.model.store.FrameCodec;
import movescope.model.store.KevyMap;
import org.junit.jupiter.api.Test;

/**
 * End to end through KevyNode: the slice goes out in the source shard's slot order, the operator's
 * {@code +OK <n>} counts frames (PEXPIREAT included), and a refusal at frame k leaves exactly the k-1
 * frames before it applied on the target (kevy-source-facts.md §4, §5). Reproduce:
 * {@code mvn -B -o -pl model test -Dtest=SliceOrderMoveTest}.
 */
class SliceOrderMoveTest {

    @Test
    void refusalAtFrameKLeavesTheFramesBeforeItInSlotOrder() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        KevyNode b = new KevyNode("b", cfg("b", "app:=a"), Variant.KEVY_54);
        KevyMap<Integer> expectedOrder = new KevyMap<>();
        for (int i = 0; i < 12; i++) {
            String k = "app:k" + i;
            if (i == 5) {
                assertEquals(":1", call(a, 100, "RPUSH", k, "e"));
            } else {
                assertEquals("+OK", call(a, 100, "SET", k, "v" + i));
            }
            expectedOrder.insert(k, i);
        }
        List<String> order = expectedOrder.keys();
        // b already holds app:k5 as a string (from an earlier ingest): the RPUSH frame gets WRONGTYPE there
        String pre = FrameCodec.encode(List.of(List.of("SET", "app:k5", "old")));
        assertEquals("+OK 1", call(b, 200, "MOVE-SCOPE-INGEST", "app:", pre));
        List<Effect> fx = completeMove(a, b, 1_001, startMove(a, 1_000, "op", 1, "app:", "b"));
        assertTrue(replyOn(fx, "op").contains("WRONGTYPE"), replyOn(fx, "op"));
        int k = order.indexOf("app:k5");
        assertTrue(k > 0 && k < order.size() - 1, "the refused key sits inside the slice: " + order);
        for (int i = 0; i < order.size(); i++) {
            String key = order.get(i);
            if (i < k) {
                assertTrue(b.read(key, 2_000).isPresent(), key + " (frame " + (i + 1) + ") was applied");
            } else if (i > k) {
                assertTrue(b.read(key, 2_000).isEmpty(), key + " (frame " + (i + 1) + ") was never applied");
            }
        }
        assertEquals("\"old\"", call(b, 2_000, "GET", "app:k5"));
    }

    @Test
    void okCountsFramesInSlotOrderWithPexpireat() {
        KevyNode a = new KevyNode("a", cfg("a", "app:=a"), Variant.KEVY_54);
        KevyNode b = new KevyNode("b", cfg("b", "app:=a"), Variant.KEVY_54);
        assertEquals("+OK", call(a, 100, "SET", "app:t", "v", "PX", "100000"));
        assertEquals(":1", call(a, 100, "ZADD", "app:z", "1.25", "m"));
        assertEquals("\"1-1\"", call(a, 100, "XADD", "app:x", "1-1", "f", "v"));
        assertEquals(":1", call(a, 100, "SADD", "app:s", "m"));
        List<Effect> fx = completeMove(a, b, 1_001, startMove(a, 1_000, "op", 1, "app:", "b"));
        assertEquals("+OK 5", replyOn(fx, "op"), "4 keys + 1 PEXPIREAT");
        List<String> keys = new ArrayList<>();
        for (String key : b.volatileState().orElseThrow().stores().get(0).keysInSlotOrder()) {
            keys.add(key);
        }
        assertEquals(4, keys.size());
        assertEquals("\"1.25\"", call(b, 2_000, "ZSCORE", "app:z", "m"));
        assertEquals(":98", call(b, 2_000, "TTL", "app:t")); // deadline 100,100: 98,100 ms left rounds to 98
    }
}
