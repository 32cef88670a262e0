package movescope.cli.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import movescope.cli.report.TraceEvents;
import org.junit.jupiter.api.Test;

/**
 * The page's layout without a browser (so the fast tier covers it too): lanes per node and client, move spans,
 * lost messages, and the bounds that keep long runs usable — lanes folded past {@link Timeline#MAX_LANES},
 * routine events aggregated past {@link Timeline#MAX_MARKS} except near the violation.
 */
class TimelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TraceEvents.Line line(int n, String json) throws Exception {
        return new TraceEvents.Line(n, json, JSON.readTree(json));
    }

    @Test
    void lanesSpansAndLostMessages() throws Exception {
        List<TraceEvents.Line> t = List.of(
                line(1, "{\"action\":\"ClientWrite\",\"conn\":\"c1@a\",\"key\":\"p:k\",\"node\":\"a\",\"reply\":\"+OK\",\"t\":1,\"verdict\":\"accepted\"}"),
                line(2, "{\"action\":\"Start\",\"from\":\"a\",\"moveId\":\"a/m1\",\"node\":\"a\",\"prefix\":\"p:\",\"t\":10,\"to\":\"b\"}"),
                line(3, "{\"action\":\"Drop\",\"from\":\"a\",\"to\":\"b\",\"messages\":\"ingest\",\"t\":11}"),
                line(4, "{\"action\":\"Abort\",\"from\":\"a\",\"moveId\":\"a/m1\",\"node\":\"a\",\"prefix\":\"p:\",\"t\":20,\"to\":\"b\"}"),
                line(5, "{\"action\":\"Crash\",\"node\":\"b\",\"t\":30}"));
        Timeline tl = Timeline.of(t, Optional.empty(), Optional.empty());
        assertEquals(List.of("a", "b", "c1"), tl.lanes().stream().map(Timeline.Lane::id).toList());
        assertFalse(tl.aggregated());
        Timeline.Mark write = tl.marks().get(0);
        assertEquals("c1", write.lane());
        assertEquals(Optional.of("a"), write.to());
        assertTrue(write.css().contains("v-accepted"));
        assertTrue(tl.marks().stream().anyMatch(m -> m.action().equals("Drop") && m.lost() && m.to().equals(Optional.of("b"))));
        assertTrue(tl.spans().stream().anyMatch(s -> s.kind().equals("move") && s.from() == 10 && s.to() == 20
                && s.label().endsWith("(aborted)")));
        assertTrue(tl.spans().stream().anyMatch(s -> s.kind().equals("down") && s.lane().equals("b") && s.open()));
    }

    @Test
    void longRunsFoldQuietLanesAndAggregateFarOutRoutineEvents() throws Exception {
        List<TraceEvents.Line> t = new ArrayList<>();
        int n = 0;
        t.add(line(++n, "{\"action\":\"Start\",\"from\":\"n000\",\"moveId\":\"n000/m1\",\"node\":\"n000\",\"prefix\":\"n000:s0:\",\"t\":5000,\"to\":\"n001\"}"));
        for (int i = 0; i < 20_000; i++) {
            String node = String.format("n%03d", i % 500);
            t.add(line(++n, "{\"action\":\"ClientWrite\",\"conn\":\"w" + (i % 500) + "@" + node + "\",\"key\":\"" + node
                    + ":s0:k\",\"node\":\"" + node + "\",\"reply\":\"+OK\",\"t\":" + (i / 2) + ",\"verdict\":\"accepted\"}"));
        }
        Timeline tl = Timeline.of(t, Optional.of(9000L), Optional.of("n250"));
        assertTrue(tl.lanes().size() <= Timeline.MAX_LANES + 2, "lanes: " + tl.lanes().size());
        assertTrue(tl.foldedNodes() > 0 && tl.foldedClients() > 0);
        List<String> ids = tl.lanes().stream().map(Timeline.Lane::id).toList();
        assertTrue(ids.contains("n000") && ids.contains("n001") && ids.contains("n250"), "move nodes and the violation's node kept");
        assertTrue(tl.aggregated());
        assertTrue(tl.marks().size() < 20_000 / 2, "marks: " + tl.marks().size());
        assertTrue(tl.marks().stream().anyMatch(m -> m.action().equals("Start")), "protocol events never aggregated");
        assertTrue(tl.marks().stream().anyMatch(m -> m.action().equals("aggregate") && m.count() > 1));
        int aggregated = tl.marks().stream().mapToInt(Timeline.Mark::count).sum();
        assertEquals(t.size(), aggregated, "every trace event is drawn or counted exactly once");
        assertTrue(tl.marks().stream().anyMatch(m -> m.action().equals("ClientWrite") && Math.abs(m.t() - 9000) < 300),
                "routine events near the violation stay single");
    }
}
