package movescope.model.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rebuild frames of one stream in a slice ({@code crates/kevy/src/ops/scope_move_stream.rs:18-23} →
 * {@code crates/kevy-persist/src/rewrite_stream_fmt.rs:18-88}): one {@code XADD k <id> f v …} per entry in id
 * order; for an empty stream whose id clock advanced, {@code XADD k MAXLEN 0 <last_id> x x}; then
 * {@code XSETID k <last_id> ENTRIESADDED <n> MAXDELETEDID <id>} when replaying the frames so far would not
 * reproduce {@code (last_id, entries_added, max_deleted_id)}. The consumer-group frames are never needed:
 * the model's streams have no groups.
 */
final class StreamFrames {
    private StreamFrames() {}

    static List<List<String>> rebuild(String key, Value.StreamVal s) {
        List<List<String>> frames = new ArrayList<>();
        for (Map.Entry<StreamId, List<String>> e : s.entries().entrySet()) {
            List<String> f = new ArrayList<>();
            f.add("XADD");
            f.add(key);
            f.add(e.getKey().encode());
            f.addAll(e.getValue());
            frames.add(List.copyOf(f));
        }
        int len = s.entries().size();
        StreamId last = s.lastId();
        if (len == 0 && !last.equals(StreamId.MIN)) {
            frames.add(List.of("XADD", key, "MAXLEN", "0", last.encode(), "x", "x"));
        }
        StreamId naturalLast;
        long naturalAdded;
        StreamId naturalMaxDeleted;
        if (len > 0) {
            naturalLast = s.entries().lastKey();
            naturalAdded = len;
            naturalMaxDeleted = StreamId.MIN;
        } else {
            naturalLast = last;
            naturalAdded = last.equals(StreamId.MIN) ? 0 : 1;
            naturalMaxDeleted = last;
        }
        if (!naturalLast.equals(last) || naturalAdded != s.entriesAdded() || !naturalMaxDeleted.equals(s.maxDeletedId())) {
            frames.add(List.of("XSETID", key, last.encode(), "ENTRIESADDED", Long.toUnsignedString(s.entriesAdded()),
                    "MAXDELETEDID", s.maxDeletedId().encode()));
        }
        return frames;
    }
}
