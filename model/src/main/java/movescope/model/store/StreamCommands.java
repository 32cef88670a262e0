package movescope.model.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The stream commands a slice needs on both ends: XADD, XLEN, XRANGE and XSETID, with kevy's replies
 * ({@code crates/kevy/src/dispatch_stream/mod.rs:65-243}, {@code setid.rs}; store side
 * {@code crates/kevy-store/src/stream/}). Consumer groups (XGROUP, XREADGROUP, XCLAIM …) are not modelled:
 * a stream here never has groups, so its slice never carries the group frames (docs/model-api.md).
 */
final class StreamCommands {
    private StreamCommands() {}

    static final String XADD_TOO_SMALL = "ERR The ID specified in XADD is equal or smaller than the target stream top item";

    /** {@code XADD key [NOMKSTREAM] [MAXLEN [=|~] N] <id|*|ms-*> field value …}. */
    static Reply xadd(Store store, List<String> args, long nowMs) {
        int i = 2;
        boolean nomkstream = false;
        Long maxLen = null;
        while (i < args.size()) {
            String tok = args.get(i).toUpperCase(Locale.ROOT);
            if (tok.equals("NOMKSTREAM")) {
                nomkstream = true;
                i++;
            } else if (tok.equals("MAXLEN")) {
                int at = i + 1;
                if (at < args.size() && (args.get(at).equals("=") || args.get(at).equals("~"))) {
                    at++;
                }
                if (at >= args.size()) {
                    return Reply.error(Store.SYNTAX);
                }
                Long v = StreamId.parseU64(args.get(at));
                if (v == null) {
                    return Reply.error(Store.NOT_INTEGER);
                }
                maxLen = v;
                i = at + 1;
            } else {
                break;
            }
        }
        if (i + 2 >= args.size()) {
            return Store.arity("XADD");
        }
        String idText = args.get(i++);
        int rest = args.size() - i;
        // parse_xadd_id runs before the field count check (mod.rs:128-141)
        IdSpec spec = IdSpec.parse(idText);
        if (spec == null) {
            return Reply.error(Store.BAD_STREAM_ID);
        }
        if (rest % 2 != 0 || rest == 0) {
            return Store.arity("XADD");
        }
        String key = args.get(1);
        Value v = store.live(key, nowMs);
        if (v == null && nomkstream) {
            return new Reply.NullBulk();
        }
        if (v != null && !(v instanceof Value.StreamVal)) {
            return Store.wrongType();
        }
        Value.StreamVal s;
        if (v == null) {
            // stream_mut(key, create = true) inserts the empty stream before the id is checked, so a
            // refused XADD on a missing key leaves an empty stream behind (stream/store.rs:23-41, 79-80).
            s = Value.StreamVal.empty();
            store.put(key, s);
        } else {
            s = (Value.StreamVal) v;
        }
        StreamId id = spec.resolve(s.lastId(), nowMs);
        if (id == null) {
            return Reply.error(XADD_TOO_SMALL);
        }
        TreeMap<StreamId, List<String>> entries = new TreeMap<>(s.entries());
        entries.put(id, List.copyOf(args.subList(i, args.size())));
        StreamId maxDeleted = s.maxDeletedId();
        if (maxLen != null && Long.compareUnsigned(entries.size(), maxLen) > 0) {
            // trim_maxlen (stream/mod.rs:344-360): drop the oldest, raising max_deleted_id
            long drop = entries.size() - maxLen;
            for (long d = 0; d < drop; d++) {
                StreamId gone = entries.pollFirstEntry().getKey();
                if (gone.compareTo(maxDeleted) > 0) {
                    maxDeleted = gone;
                }
            }
        }
        store.put(key, new Value.StreamVal(entries, id, s.entriesAdded() + 1, maxDeleted));
        return new Reply.Bulk(id.encode());
    }

    static Reply xlen(Store store, String key, long nowMs) {
        Value v = store.live(key, nowMs);
        if (v == null) {
            return Reply.integer(0);
        }
        return v instanceof Value.StreamVal s ? Reply.integer(s.entries().size()) : Store.wrongType();
    }

    /** {@code XRANGE key start end [COUNT n]}: {@code *N} of {@code [id, [f, v, …]]} (mod.rs:203-243, 471-482). */
    static Reply xrange(Store store, List<String> args, long nowMs) {
        StreamId start = args.get(2).equals("-") ? StreamId.MIN : StreamId.parseExplicit(args.get(2), false);
        if (start == null) {
            return Reply.error(Store.BAD_STREAM_ID);
        }
        StreamId end = args.get(3).equals("+") ? StreamId.MAX : StreamId.parseExplicit(args.get(3), true);
        if (end == null) {
            return Reply.error(Store.BAD_STREAM_ID);
        }
        Long count = null;
        if (args.size() > 4) {
            if (!args.get(4).equalsIgnoreCase("COUNT") || args.size() < 6) {
                return Reply.error(Store.SYNTAX);
            }
            count = StreamId.parseU64(args.get(5));
            if (count == null) {
                return Reply.error(Store.NOT_INTEGER);
            }
        }
        Value v = store.live(args.get(1), nowMs);
        if (v != null && !(v instanceof Value.StreamVal)) {
            return Store.wrongType();
        }
        List<Reply> out = new ArrayList<>();
        if (v != null && start.compareTo(end) <= 0) {
            for (var e : new TreeMap<>(((Value.StreamVal) v).entries()).subMap(start, true, end, true).entrySet()) {
                if (count != null && Long.compareUnsigned(out.size(), count) >= 0) {
                    break;
                }
                List<Reply> fv = new ArrayList<>();
                for (String x : e.getValue()) {
                    fv.add(new Reply.Bulk(x));
                }
                out.add(new Reply.ArrayReply(List.of(new Reply.Bulk(e.getKey().encode()), new Reply.ArrayReply(fv))));
            }
        }
        return new Reply.ArrayReply(out);
    }

    /** {@code XSETID key last-id [ENTRIESADDED n] [MAXDELETEDID id]} (setid.rs; stream/load.rs:120-139). */
    static Reply xsetid(Store store, List<String> args, long nowMs) {
        StreamId last = StreamId.parseExplicit(args.get(2), false);
        if (last == null) {
            return Reply.error(Store.BAD_STREAM_ID);
        }
        Long added = null;
        StreamId maxDeleted = null;
        for (int i = 3; i < args.size(); i += 2) {
            String tok = args.get(i).toUpperCase(Locale.ROOT);
            if (tok.equals("ENTRIESADDED")) {
                added = StreamId.parseU64(args.get(i + 1));
                if (added == null) {
                    return Reply.error(Store.NOT_INTEGER);
                }
            } else if (tok.equals("MAXDELETEDID")) {
                maxDeleted = StreamId.parseExplicit(args.get(i + 1), false);
                if (maxDeleted == null) {
                    return Reply.error(Store.BAD_STREAM_ID);
                }
            } else {
                return Reply.error(Store.SYNTAX);
            }
        }
        String key = args.get(1);
        Value v = store.live(key, nowMs);
        if (v == null) {
            return Reply.error("ERR The XSETID command requires the key to exist.");
        }
        if (!(v instanceof Value.StreamVal s)) {
            return Store.wrongType();
        }
        if (!s.entries().isEmpty() && last.compareTo(s.entries().lastKey()) < 0) {
            return Reply.error("ERR The ID specified in XSETID is smaller than the target stream top item");
        }
        store.put(key, new Value.StreamVal(s.entries(), last, added != null ? added : s.entriesAdded(),
                maxDeleted != null ? maxDeleted : s.maxDeletedId()));
        return Reply.ok();
    }

    /** An XADD id argument ({@code parse_xadd_id}) and its resolution against the stream's last id. */
    private record IdSpec(boolean autoAll, Long autoSeqMs, StreamId explicit) {
        static IdSpec parse(String s) {
            if (s.equals("*")) {
                return new IdSpec(true, null, null);
            }
            int dash = s.indexOf('-');
            if (dash < 0) {
                Long ms = StreamId.parseU64(s);
                return ms == null ? null : new IdSpec(false, null, new StreamId(ms, 0));
            }
            Long ms = StreamId.parseU64(s.substring(0, dash));
            if (ms == null) {
                return null;
            }
            String seq = s.substring(dash + 1);
            if (seq.equals("*")) {
                return new IdSpec(false, ms, null);
            }
            Long sq = StreamId.parseU64(seq);
            return sq == null ? null : new IdSpec(false, null, new StreamId(ms, sq));
        }

        /** {@code resolve_xadd_id} (stream/mod.rs:250-285); null = OutOfRange. */
        StreamId resolve(StreamId last, long nowMs) {
            if (autoAll || autoSeqMs != null) {
                long ms = autoAll ? (Long.compareUnsigned(nowMs, last.ms()) > 0 ? nowMs : last.ms()) : autoSeqMs;
                if (!autoAll && Long.compareUnsigned(ms, last.ms()) < 0) {
                    return null;
                }
                return ms == last.ms() ? new StreamId(ms, last.seq() + 1) : new StreamId(ms, 0);
            }
            if (explicit.compareTo(last) <= 0 || explicit.equals(StreamId.MIN)) {
                return null;
            }
            return explicit;
        }
    }
}
