package movescope.model.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One shard's keyspace, as kevy's {@code kevy-store} keeps it: a {@link KevyMap} from key to value, so that
 * KEYS and a MOVE-SCOPE slice list keys in kevy's slot order, which depends on this store's whole insert /
 * remove / grow history ({@code crates/kevy-store/src/lib.rs:193-194}; kevy-source-facts.md §4). A live key
 * that a write updates keeps its slot (kevy's {@code get_mut} / overwrite-in-place paths); a new key, or one
 * whose deadline passed, goes through {@code KevyMap::insert}; a removed or expired key leaves a tombstone.
 *
 * <p>TTLs are absolute deadlines in ms; time enters only as {@code nowMs}. A key is expired when
 * {@code deadline <= nowMs} ({@code crates/kevy-store/src/entry.rs:98-103}); expiry is lazy: a command that
 * touches an expired key removes it ({@code accounting.rs:166-175}); KEYS and the slice skip expired keys
 * without removing them ({@code keyspace.rs:416-434}) and DBSIZE counts them ({@code keyspace.rs:248-250}).
 * kevy's background reaper is not modelled (docs/model-api.md).
 *
 * <p>Replies and their kevy sources are listed in docs/kevy-replies.md. Containers that become empty are
 * deleted, so a slice never carries an empty list/hash/set/zset.
 */
public final class Store {
    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    static final String SYNTAX = "ERR syntax error";
    static final String NOT_FLOAT = "ERR value is not a valid float";
    static final String BAD_STREAM_ID = "ERR Invalid stream ID specified as stream command argument";

    private final KevyMap<Value> data;
    private final TreeMap<String, Long> deadlines;

    public Store() {
        this(new KevyMap<>(), new TreeMap<>());
    }

    private Store(KevyMap<Value> data, TreeMap<String, Long> deadlines) {
        this.data = data;
        this.deadlines = deadlines;
    }

    /** An independent copy with the same slot layout (values are immutable, so copying the tables is enough). */
    public Store copy() {
        return new Store(data.copy(), new TreeMap<>(deadlines));
    }

    /** Every stored key with its value, including keys whose deadline passed but were not yet purged; sorted. */
    public SortedMap<String, Value> entries() {
        TreeMap<String, Value> out = new TreeMap<>();
        data.forEach(out::put);
        return Collections.unmodifiableSortedMap(out);
    }

    /** The keys that are live at {@code nowMs}, with their values; sorted. */
    public SortedMap<String, Value> entries(long nowMs) {
        TreeMap<String, Value> live = new TreeMap<>();
        data.forEach((k, v) -> {
            if (!expired(k, nowMs)) {
                live.put(k, v);
            }
        });
        return Collections.unmodifiableSortedMap(live);
    }

    /** Every stored key (expired-but-unreaped ones included) in kevy's slot order. */
    public List<String> keysInSlotOrder() {
        return Collections.unmodifiableList(data.keys());
    }

    /** The absolute deadlines (ms) of keys that have one. */
    public SortedMap<String, Long> deadlines() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(deadlines));
    }

    /** The value of {@code key} if it is live at {@code nowMs}. */
    public Optional<Value> get(String key, long nowMs) {
        return expired(key, nowMs) ? Optional.empty() : Optional.ofNullable(data.get(key));
    }

    /** The deadline of {@code key}, if it has one. */
    public Optional<Long> deadline(String key) {
        return Optional.ofNullable(deadlines.get(key));
    }

    /** Live keys starting with {@code prefix}, sorted. */
    public SortedSet<String> keysWithPrefix(String prefix, long nowMs) {
        TreeSet<String> out = new TreeSet<>();
        data.forEach((k, v) -> {
            if (k.startsWith(prefix) && !expired(k, nowMs)) {
                out.add(k);
            }
        });
        return Collections.unmodifiableSortedSet(out);
    }

    /**
     * kevy's {@code collect_keys(pattern)} ({@code keyspace.rs:416-434}): the live keys matching the glob
     * {@code pattern} (null = all), in slot order; expired keys are skipped, not removed.
     */
    public List<String> collectKeys(String pattern, long nowMs) {
        List<String> out = new ArrayList<>();
        data.forEach((k, v) -> {
            if (!expired(k, nowMs) && (pattern == null || Glob.matches(pattern, k))) {
                out.add(k);
            }
        });
        return out;
    }

    /** DBSIZE of this shard: {@code map.len()}, expired-but-unreaped keys included ({@code keyspace.rs:248-250}). */
    public int dbsize() {
        return data.size();
    }

    /**
     * MOVE-SCOPE's slice ({@code crates/kevy/src/ops/scope_move_emit.rs:18-48}): for each live key under
     * {@code prefix}, in slot order, its rebuild frame(s) — {@code SET k v}, {@code HSET k f v…},
     * {@code RPUSH k e…}, {@code SADD k m…}, {@code ZADD k s m…} (all elements in one frame), for a stream
     * the frames of {@link StreamFrames} — then {@code PEXPIREAT k <nowMs + pttl>} when {@code pttl > 0}.
     */
    public List<List<String>> serializeSlice(String prefix, long nowMs) {
        List<List<String>> frames = new ArrayList<>();
        for (String k : collectKeys(null, nowMs)) {
            if (k.startsWith(prefix)) {
                frames.addAll(framesOfKey(k, nowMs));
            }
        }
        return List.copyOf(frames);
    }

    /**
     * The rebuild frames of one live key (the forms of {@link #serializeSlice}), empty when it is absent. kevy's
     * cross-shard RENAME logs its destination this way ({@code log_value_placed}, exec_mutated.rs:65-85, through
     * the AOF rewriter's {@code value_as_v1_frames}, which may split a big collection into several frames: the
     * model writes one).
     */
    public List<List<String>> framesOfKey(String k, long nowMs) {
        List<List<String>> frames = new ArrayList<>();
        {
            Value v = live(k, nowMs);
            if (v == null) {
                return List.of();
            }
            List<String> f = new ArrayList<>();
            if (v instanceof Value.Str s) {
                f.addAll(List.of("SET", k, s.value()));
            } else if (v instanceof Value.ListVal l) {
                f.add("RPUSH");
                f.add(k);
                f.addAll(l.elements());
            } else if (v instanceof Value.HashVal h) {
                f.add("HSET");
                f.add(k);
                for (Map.Entry<String, String> e : h.fields()) {
                    f.add(e.getKey());
                    f.add(e.getValue());
                }
            } else if (v instanceof Value.SetVal s) {
                f.add("SADD");
                f.add(k);
                f.addAll(s.members());
            } else if (v instanceof Value.ZSetVal z) {
                f.add("ZADD");
                f.add(k);
                for (Map.Entry<String, Double> e : z.ranked()) {
                    f.add(ScoreText.display(e.getValue()));
                    f.add(e.getKey());
                }
            } else if (v instanceof Value.StreamVal st) {
                frames.addAll(StreamFrames.rebuild(k, st));
            } else {
                throw new IllegalStateException("unhandled value type " + v);
            }
            if (f.size() > 2) { // an empty collection ships nothing (emit_* return early)
                frames.add(List.copyOf(f));
            }
            Long d = deadlines.get(k);
            if (d != null && d - nowMs > 0) {
                frames.add(List.of("PEXPIREAT", k, Long.toString(nowMs + (d - nowMs))));
            }
        }
        return List.copyOf(frames);
    }

    // ---- list moves and renames (the runtime ops of exec_listmove.rs / exec_rename.rs) ----

    /** The element a pop took ({@code null}: none), or a wrong type at the key. */
    public record Popped(String element, boolean wrongType) {}

    /** LPOP/RPOP of one element; an emptied list is removed. */
    public Popped pop(String key, boolean left, long nowMs) {
        Value v = live(key, nowMs);
        if (v == null) {
            return new Popped(null, false);
        }
        if (!(v instanceof Value.ListVal l)) {
            return new Popped(null, true);
        }
        List<String> list = new ArrayList<>(l.elements());
        String e = left ? list.remove(0) : list.remove(list.size() - 1);
        if (list.isEmpty()) {
            remove(key);
        } else {
            put(key, new Value.ListVal(list));
        }
        return new Popped(e, false);
    }

    /** Whether {@code key} can take a pushed element (absent, or a list). */
    public boolean acceptsPush(String key, long nowMs) {
        Value v = live(key, nowMs);
        return v == null || v instanceof Value.ListVal;
    }

    /** Pushes one element on the left or right end of the list at {@code key} (which {@link #acceptsPush}). */
    public void pushOne(String key, String element, boolean left, long nowMs) {
        Value v = live(key, nowMs);
        List<String> list = v == null ? new ArrayList<>() : new ArrayList<>(((Value.ListVal) v).elements());
        if (left) {
            list.add(0, element);
        } else {
            list.add(element);
        }
        put(key, new Value.ListVal(list));
    }

    /** A value taken out of the store with its deadline (RENAME's take). */
    public record Taken(Value value, Long deadline) {}

    /** Removes {@code key} and returns what it held, or null when it is absent. */
    public Taken take(String key, long nowMs) {
        Value v = live(key, nowMs);
        if (v == null) {
            return null;
        }
        Taken t = new Taken(v, deadlines.get(key));
        remove(key);
        return t;
    }

    /** Places a taken value at {@code key}, replacing what was there (RENAME's put). */
    public void place(String key, Taken t) {
        remove(key);
        put(key, t.value());
        if (t.deadline() != null) {
            deadlines.put(key, t.deadline());
        }
    }

    /** Whether {@code key} is live. */
    public boolean exists(String key, long nowMs) {
        return live(key, nowMs) != null;
    }

    // ---- the *STORE family's gathers and writes (the runtime ops of exec_zalgebra.rs, see AlgebraStore) ----

    /**
     * One source key of a Z*STORE, as {@code Op::Gather(Scored)} reads it
     * ({@code crates/kevy-rt/src/exec_op.rs:132-135} → {@code zset_or_set_members},
     * {@code crates/kevy-store/src/zset_algebra.rs:152-174}): a zset's (member, score) pairs, a set's members at score 1.0, an absent key none; null (WRONGTYPE) for any other type. A zset is
     * listed in rank order and a set in kevy's set order; kevy lists a zset of more than two members in the slot
     * order of its {@code by_member} KevyMap, which the model does not keep (docs/kevy-replies.md).
     */
    public List<Map.Entry<String, Double>> scoredMembers(String key, long nowMs) {
        Value v = live(key, nowMs);
        if (v == null) {
            return List.of();
        }
        if (v instanceof Value.ZSetVal z) {
            return z.ranked();
        }
        if (v instanceof Value.SetVal st) {
            List<Map.Entry<String, Double>> out = new ArrayList<>();
            for (String m : st.members()) {
                out.add(Map.entry(m, 1.0));
            }
            return out;
        }
        return null;
    }

    /**
     * One source key of an S*STORE, as {@code Op::Gather(Set)} reads it ({@code exec_op.rs:128-131} →
     * {@code set_snapshot} = {@code smembers}, {@code crates/kevy-store/src/set_read.rs:154-156}): a set's members in
     * kevy's order, an absent key none; null (WRONGTYPE) for any other type, a zset included.
     */
    public List<String> setMembers(String key, long nowMs) {
        Value v = live(key, nowMs);
        if (v == null) {
            return List.of();
        }
        return v instanceof Value.SetVal st ? st.members() : null;
    }

    /**
     * {@code Op::ZStoreResult} on the destination's shard ({@code exec_op.rs:141-142} → {@code zstore_result},
     * {@code zset_algebra.rs:181-189}): {@code dst} is deleted whatever it held, then, when there are pairs, written
     * as a zset. Returns the stored cardinality. A NaN score is stored as kevy stores it (its zadd does not
     * check).
     */
    public long storeZsetResult(String dst, List<Map.Entry<String, Double>> pairs, long nowMs) {
        live(dst, nowMs);
        remove(dst);
        if (pairs.isEmpty()) {
            return 0;
        }
        TreeMap<String, Double> z = new TreeMap<>();
        for (Map.Entry<String, Double> e : pairs) {
            z.put(e.getKey(), e.getValue());
        }
        put(dst, new Value.ZSetVal(z));
        return pairs.size();
    }

    /**
     * {@code Op::SetStoreResult} on the destination's shard ({@code exec_op.rs:163-170}): {@code dst} is deleted,
     * then, when there are members, {@code sadd(dst, members)} in the given order; returns what that SADD added.
     */
    public long storeSetResult(String dst, List<String> members, long nowMs) {
        live(dst, nowMs);
        remove(dst);
        if (members.isEmpty()) {
            return 0;
        }
        List<String> sadd = new ArrayList<>(members.size() + 2);
        sadd.add("SADD");
        sadd.add(dst);
        sadd.addAll(members);
        return ((Reply.IntegerReply) sadd(sadd, nowMs)).value();
    }

    /** LMOVE/RPOPLPUSH within this shard: one atomic op (exec_op.rs:283-298). */
    private Reply listMove(String src, String dst, boolean fromLeft, boolean toLeft, long nowMs) {
        Value sv = live(src, nowMs);
        if (sv != null && !(sv instanceof Value.ListVal)) {
            return wrongType();
        }
        if (sv == null) {
            return new Reply.NullBulk();
        }
        if (!acceptsPush(dst, nowMs)) {
            return wrongType();
        }
        String e = pop(src, fromLeft, nowMs).element();
        pushOne(dst, e, toLeft, nowMs);
        return new Reply.Bulk(e);
    }

    /** RENAME/RENAMENX within this shard (exec_op.rs:245-271): {@code -ERR no such key}, {@code :0}, {@code :1}/{@code +OK}. */
    private Reply rename(String src, String dst, boolean nx, long nowMs) {
        if (!exists(src, nowMs)) {
            return Reply.error("ERR no such key");
        }
        if (nx && exists(dst, nowMs)) {
            return Reply.integer(0);
        }
        if (!src.equals(dst)) {
            place(dst, take(src, nowMs));
        }
        return nx ? Reply.integer(1) : Reply.ok();
    }

    /** LEFT (true) / RIGHT (false) of LMOVE, case-insensitive, or null for anything else. */
    public static Boolean side(String word) {
        String w = word.toUpperCase(Locale.ROOT);
        return w.equals("LEFT") ? Boolean.TRUE : w.equals("RIGHT") ? Boolean.FALSE : null;
    }

    /** Runs one command at virtual time {@code nowMs} against this shard alone. */
    public Reply execute(List<String> args, long nowMs) {
        if (args.isEmpty()) {
            return Reply.error("ERR unknown command ''");
        }
        String given = args.get(0);
        String name = given.toUpperCase(Locale.ROOT);
        int n = args.size();
        switch (name) {
            case "PING":
                return n == 1 ? new Reply.SimpleString("PONG") : n == 2 ? new Reply.Bulk(args.get(1)) : arity(name);
            case "DBSIZE":
                return Reply.integer(dbsize());
            case "KEYS":
                return n != 2 ? arity(name) : keysReply(collectKeys(args.get(1), nowMs));
            case "GET":
                return n != 2 ? arity(name) : cmdGet(args.get(1), nowMs);
            case "SET":
                return n < 3 ? arity(name) : set(args, nowMs);
            case "DEL":
            case "UNLINK":
                return n < 2 ? arity(name) : del(args, nowMs);
            case "EXISTS":
                return n < 2 ? arity(name) : exists(args, nowMs);
            case "RPUSH":
            case "LPUSH":
                return n < 3 ? arity(name) : push(args, name.equals("LPUSH"), nowMs);
            case "LPOP":
            case "RPOP": {
                if (n != 2) {
                    return arity(name);
                }
                Popped p = pop(args.get(1), name.equals("LPOP"), nowMs);
                return p.wrongType() ? wrongType() : p.element() == null ? new Reply.NullBulk() : new Reply.Bulk(p.element());
            }
            case "RPOPLPUSH":
                return n != 3 ? arity(name) : listMove(args.get(1), args.get(2), false, true, nowMs);
            case "LMOVE": {
                if (n != 5) {
                    return arity(name);
                }
                Boolean from = side(args.get(3));
                Boolean to = side(args.get(4));
                return from == null || to == null ? Reply.error(SYNTAX) : listMove(args.get(1), args.get(2), from, to, nowMs);
            }
            case "RENAME":
            case "RENAMENX":
                return n != 3 ? arity(name) : rename(args.get(1), args.get(2), name.equals("RENAMENX"), nowMs);
            case "LRANGE":
                return n != 4 ? arity(name) : lrange(args, nowMs);
            case "LLEN":
                return n != 2 ? arity(name) : llen(args.get(1), nowMs);
            case "MSET":
                return n < 3 || n % 2 == 0 ? arity(name) : mset(args, nowMs);
            case "MGET":
                return n < 2 ? arity(name) : mget(args, nowMs);
            case "PEXPIREAT":
                return n != 3 ? arity(name) : pexpireat(args, nowMs);
            case "PTTL":
                return n != 2 ? arity(name) : Reply.integer(pttlMs(args.get(1), nowMs));
            case "TTL":
                return n != 2 ? arity(name) : Reply.integer(ttlSeconds(pttlMs(args.get(1), nowMs)));
            case "PERSIST":
                return n != 2 ? arity(name) : persist(args.get(1), nowMs);
            case "HSET":
                return n < 4 || n % 2 != 0 ? arity(name) : hset(args, nowMs);
            case "HGET":
                return n != 3 ? arity(name) : hget(args.get(1), args.get(2), nowMs);
            case "HGETALL":
                return n != 2 ? arity(name) : hgetall(args.get(1), nowMs);
            case "SADD":
                return n < 3 ? arity(name) : sadd(args, nowMs);
            case "SMEMBERS":
                return n != 2 ? arity(name) : smembers(args.get(1), nowMs);
            case "ZADD":
                return zadd(args, nowMs);
            case "ZSCORE":
                return n != 3 ? arity(name) : zscore(args.get(1), args.get(2), nowMs);
            case "ZCARD":
                return n != 2 ? arity(name) : zcard(args.get(1), nowMs);
            case "ZRANGE":
                return n < 4 || n > 5 ? arity(name) : zrange(args, nowMs);
            case "ZREM":
                return n < 3 ? arity(name) : zrem(args, nowMs);
            case "XADD":
                return n < 5 ? arity(name) : StreamCommands.xadd(this, args, nowMs);
            case "XLEN":
                return n != 2 ? arity(name) : StreamCommands.xlen(this, args.get(1), nowMs);
            case "XRANGE":
                return n < 4 || n > 6 ? arity(name) : StreamCommands.xrange(this, args, nowMs);
            case "XSETID":
                return n != 3 && n != 5 && n != 7 ? arity(name) : StreamCommands.xsetid(this, args, nowMs);
            case "INCR":
                return n != 2 ? arity(name) : incr(args.get(1), nowMs);
            case "APPEND":
                return n != 3 ? arity(name) : append(args.get(1), args.get(2), nowMs);
            case "TYPE":
                return n != 2 ? arity(name) : type(args.get(1), nowMs);
            case "FLUSHALL":
            case "FLUSHDB":
                return flush(args);
            default:
                return Reply.error("ERR unknown command '" + given + "'");
        }
    }

    /** {@code -ERR wrong number of arguments for '<verb>' command} ({@code crates/kevy/src/cmd.rs:24-29}). */
    static Reply arity(String upperName) {
        return Reply.error("ERR wrong number of arguments for '" + upperName.toLowerCase(Locale.ROOT) + "' command");
    }

    static Reply wrongType() {
        return Reply.error(WRONGTYPE);
    }

    private static Reply keysReply(List<String> keys) {
        List<Reply> out = new ArrayList<>(keys.size());
        for (String k : keys) {
            out.add(new Reply.Bulk(k));
        }
        return new Reply.ArrayReply(out);
    }

    /** TTL's rounding of a PTTL value: {@code (ms + 500) / 1000} for {@code ms >= 0} ({@code cmd_data.rs:393-398}). */
    public static long ttlSeconds(long pttlMs) {
        return pttlMs >= 0 ? (pttlMs + 500) / 1000 : pttlMs;
    }

    /** kevy's expiry test: the deadline is reached ({@code deadline <= now}). */
    private boolean expired(String key, long nowMs) {
        Long d = deadlines.get(key);
        return d != null && d <= nowMs;
    }

    /** The live value of {@code key}, removing it first (a tombstone) when it has expired. */
    Value live(String key, long nowMs) {
        if (expired(key, nowMs)) {
            remove(key);
            return null;
        }
        return data.get(key);
    }

    /**
     * Stores {@code v} at {@code key} the way kevy does for the commands here: a key that is in the table
     * is updated in its slot; a missing key goes through {@code KevyMap::insert}. Callers call
     * {@link #live} first, so an expired key has already been removed.
     */
    void put(String key, Value v) {
        long hash = KevyHash.hash(key); // once for both probes
        if (!data.replace(key, v, hash)) {
            data.insert(key, v, hash);
        }
    }

    void remove(String key) {
        data.remove(key);
        deadlines.remove(key);
    }

    private Reply cmdGet(String key, long nowMs) {
        Value v = live(key, nowMs);
        if (v == null) {
            return new Reply.NullBulk();
        }
        return v instanceof Value.Str s ? new Reply.Bulk(s.value()) : wrongType();
    }

    private Reply set(List<String> args, long nowMs) {
        String key = args.get(1);
        Long deadline = null;
        boolean nx = false;
        boolean xx = false;
        for (int i = 3; i < args.size(); i++) {
            String opt = args.get(i).toUpperCase(Locale.ROOT);
            switch (opt) {
                case "NX" -> nx = true;
                case "XX" -> xx = true;
                case "EX", "PX" -> {
                    if (deadline != null || i + 1 >= args.size()) {
                        return Reply.error(SYNTAX);
                    }
                    Long amount = parseLong(args.get(++i));
                    if (amount == null) {
                        return Reply.error(NOT_INTEGER);
                    }
                    if (amount <= 0 || (opt.equals("EX") && amount > Long.MAX_VALUE / 1000 - nowMs / 1000)) {
                        return Reply.error("ERR invalid expire time in 'set' command");
                    }
                    long ms = opt.equals("EX") ? amount * 1000 : amount;
                    if (ms > Long.MAX_VALUE - nowMs) {
                        return Reply.error("ERR invalid expire time in 'set' command");
                    }
                    deadline = nowMs + ms;
                }
                default -> {
                    return Reply.error(SYNTAX);
                }
            }
        }
        if (nx && xx) {
            return Reply.error(SYNTAX);
        }
        boolean exists = live(key, nowMs) != null;
        if ((nx && exists) || (xx && !exists)) {
            return new Reply.NullBulk();
        }
        put(key, new Value.Str(args.get(2)));
        // A plain SET discards any previous TTL, as Redis does.
        if (deadline == null) {
            deadlines.remove(key);
        } else {
            deadlines.put(key, deadline);
        }
        return Reply.ok();
    }

    private Reply del(List<String> args, long nowMs) {
        long removed = 0;
        for (int i = 1; i < args.size(); i++) {
            String k = args.get(i);
            if (live(k, nowMs) != null) {
                remove(k);
                removed++;
            }
        }
        return Reply.integer(removed);
    }

    private Reply exists(List<String> args, long nowMs) {
        long count = 0;
        for (int i = 1; i < args.size(); i++) {
            if (live(args.get(i), nowMs) != null) {
                count++; // a key counts once per mention
            }
        }
        return Reply.integer(count);
    }

    private Reply push(List<String> args, boolean left, long nowMs) {
        String key = args.get(1);
        Value v = live(key, nowMs);
        if (v != null && !(v instanceof Value.ListVal)) {
            return wrongType();
        }
        List<String> list = v == null ? new ArrayList<>() : new ArrayList<>(((Value.ListVal) v).elements());
        for (int i = 2; i < args.size(); i++) {
            if (left) {
                list.add(0, args.get(i));
            } else {
                list.add(args.get(i));
            }
        }
        put(key, new Value.ListVal(list));
        return Reply.integer(list.size());
    }

    private Reply lrange(List<String> args, long nowMs) {
        Long start = parseLong(args.get(2));
        Long stop = parseLong(args.get(3));
        if (start == null || stop == null) {
            return Reply.error(NOT_INTEGER);
        }
        Value v = live(args.get(1), nowMs);
        if (v == null) {
            return new Reply.ArrayReply(List.of());
        }
        if (!(v instanceof Value.ListVal l)) {
            return wrongType();
        }
        List<Reply> out = new ArrayList<>();
        for (String e : rankRange(l.elements(), start, stop)) {
            out.add(new Reply.Bulk(e));
        }
        return new Reply.ArrayReply(out);
    }

    /** Redis/kevy rank slicing: negative ranks count from the end, the range is clamped. */
    static <T> List<T> rankRange(List<T> all, long start, long stop) {
        long size = all.size();
        long s = start < 0 ? Math.max(0, size + start) : start;
        long e = stop < 0 ? size + stop : Math.min(stop, size - 1);
        List<T> out = new ArrayList<>();
        for (long i = s; i <= e && i < size; i++) {
            out.add(all.get((int) i));
        }
        return out;
    }

    private Reply llen(String key, long nowMs) {
        Value v = live(key, nowMs);
        if (v == null) {
            return Reply.integer(0);
        }
        return v instanceof Value.ListVal l ? Reply.integer(l.elements().size()) : wrongType();
    }

    private Reply mset(List<String> args, long nowMs) {
        for (int i = 1; i + 1 < args.size(); i += 2) {
            live(args.get(i), nowMs);
            put(args.get(i), new Value.Str(args.get(i + 1)));
            deadlines.remove(args.get(i));
        }
        return Reply.ok();
    }

    private Reply mget(List<String> args, long nowMs) {
        List<Reply> out = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            Value v = live(args.get(i), nowMs);
            // MGET never fails: a non-string is reported as nil.
            out.add(v instanceof Value.Str s ? new Reply.Bulk(s.value()) : new Reply.NullBulk());
        }
        return new Reply.ArrayReply(out);
    }

    private Reply pexpireat(List<String> args, long nowMs) {
        Long at = parseLong(args.get(2));
        if (at == null) {
            return Reply.error(NOT_INTEGER);
        }
        String key = args.get(1);
        if (live(key, nowMs) == null) {
            return Reply.integer(0);
        }
        // A deadline not in the future deletes the key at once (keyspace.rs expire_at_unix_ms).
        if (at <= nowMs) {
            remove(key);
        } else {
            deadlines.put(key, at);
        }
        return Reply.integer(1);
    }

    /** PTTL's value: -2 missing, -1 no TTL, else the whole ms left ({@code keyspace.rs:229-238}). */
    private long pttlMs(String key, long nowMs) {
        if (live(key, nowMs) == null) {
            return -2;
        }
        Long d = deadlines.get(key);
        return d == null ? -1 : d - nowMs;
    }

    private Reply persist(String key, long nowMs) {
        if (live(key, nowMs) == null) {
            return Reply.integer(0);
        }
        return Reply.integer(deadlines.remove(key) == null ? 0 : 1);
    }

    private Reply hset(List<String> args, long nowMs) {
        String key = args.get(1);
        Value v = live(key, nowMs);
        if (v != null && !(v instanceof Value.HashVal)) {
            return wrongType();
        }
        KevyCollection before = v == null ? null : ((Value.HashVal) v).table();
        // hset_create for the first pair of a new key, then every pair in order (hash.rs:181-210, 339-402)
        KevyCollection t = before == null ? KevyCollection.newHash(args.get(2), args.get(3)) : before;
        List<String> fields = new ArrayList<>();
        List<String> vals = new ArrayList<>();
        for (int i = before == null ? 4 : 2; i + 1 < args.size(); i += 2) {
            fields.add(args.get(i));
            vals.add(args.get(i + 1));
        }
        t = t.withAll(fields, vals);
        long added = t.size() - (before == null ? 0 : before.size());
        put(key, new Value.HashVal(t));
        return Reply.integer(added);
    }

    private Reply hget(String key, String field, long nowMs) {
        Value v = live(key, nowMs);
        if (v == null) {
            return new Reply.NullBulk();
        }
        if (!(v instanceof Value.HashVal h)) {
            return wrongType();
        }
        String val = h.table().get(field);
        return val == null ? new Reply.NullBulk() : new Reply.Bulk(val);
    }

    private Reply hgetall(String key, long nowMs) {
        Value v = live(key, nowMs);
        if (v == null) {
            return new Reply.ArrayReply(List.of());
        }
        if (!(v instanceof Value.HashVal h)) {
            return wrongType();
        }
        List<Reply> out = new ArrayList<>();
        for (Map.Entry<String, String> e : h.fields()) {
            out.add(new Reply.Bulk(e.getKey()));
            out.add(new Reply.Bulk(e.getValue()));
        }
        return new Reply.ArrayReply(out);
    }

    private Reply sadd(List<String> args, long nowMs) {
        String key = args.get(1);
        Value v = live(key, nowMs);
        if (v != null && !(v instanceof Value.SetVal)) {
            return wrongType();
        }
        KevyCollection before = v == null ? null : ((Value.SetVal) v).table();
        KevyCollection t = before == null ? KevyCollection.newSet(args.get(2)) : before;
        List<String> members = args.subList(before == null ? 3 : 2, args.size());
        t = t.withAll(members, null);
        long added = t.size() - (before == null ? 0 : before.size());
        put(key, new Value.SetVal(t));
        return Reply.integer(added);
    }

    private Reply smembers(String key, long nowMs) {
        Value v = live(key, nowMs);
        if (v == null) {
            return new Reply.ArrayReply(List.of());
        }
        if (!(v instanceof Value.SetVal s)) {
            return wrongType();
        }
        List<Reply> out = new ArrayList<>();
        for (String m : s.members()) {
            out.add(new Reply.Bulk(m));
        }
        return new Reply.ArrayReply(out);
    }

    /**
     * {@code ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member …} ({@code crates/kevy/src/cmd_zadd.rs:11-83},
     * {@code crates/kevy-store/src/zset_flags.rs}).
     */
    private Reply zadd(List<String> args, long nowMs) {
        int n = args.size();
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        boolean ch = false;
        boolean incr = false;
        int i = 2;
        for (; i < n; i++) {
            String a = args.get(i).toUpperCase(Locale.ROOT);
            if (a.equals("NX")) {
                nx = true;
            } else if (a.equals("XX")) {
                xx = true;
            } else if (a.equals("GT")) {
                gt = true;
            } else if (a.equals("LT")) {
                lt = true;
            } else if (a.equals("CH")) {
                ch = true;
            } else if (a.equals("INCR")) {
                incr = true;
            } else {
                break;
            }
        }
        if ((nx && (xx || gt || lt)) || (gt && lt)) {
            return Reply.error("ERR GT, LT, and/or NX options at the same time are not compatible");
        }
        if (n < i + 2 || (n - i) % 2 != 0) {
            return arity("ZADD");
        }
        List<Double> scores = new ArrayList<>();
        List<String> members = new ArrayList<>();
        for (int j = i; j < n; j += 2) {
            Double sc = ScoreText.parse(args.get(j));
            if (sc == null) {
                return Reply.error(NOT_FLOAT);
            }
            scores.add(sc);
            members.add(args.get(j + 1));
        }
        if (incr && scores.size() != 1) {
            return Reply.error("ERR INCR option supports a single increment-element pair");
        }
        String key = args.get(1);
        Value v = live(key, nowMs);
        if (v != null && !(v instanceof Value.ZSetVal)) {
            return wrongType();
        }
        TreeMap<String, Double> z = v == null ? new TreeMap<>() : new TreeMap<>(((Value.ZSetVal) v).scores());
        if (incr) {
            Double old = z.get(members.get(0));
            double delta = scores.get(0);
            double next = old == null ? delta : old + delta;
            if ((old != null && nx) || (old == null && xx)) {
                return new Reply.NullBulk();
            }
            if (!Double.isFinite(next)) {
                return Reply.error(NOT_FLOAT);
            }
            if (old != null && ((gt && next <= old) || (lt && next >= old))) {
                return new Reply.NullBulk();
            }
            z.put(members.get(0), next);
            put(key, new Value.ZSetVal(z));
            return new Reply.Bulk(ScoreText.reply(next));
        }
        long added = 0;
        long changed = 0;
        for (int j = 0; j < scores.size(); j++) {
            String m = members.get(j);
            double sc = scores.get(j);
            Double old = z.get(m);
            if (old != null) {
                if (nx || (gt && sc <= old) || (lt && sc >= old)) {
                    continue;
                }
                if (sc != old) {
                    z.put(m, sc);
                    changed++;
                }
            } else {
                if (xx) {
                    continue;
                }
                z.put(m, sc);
                added++;
                changed++;
            }
        }
        if (!z.isEmpty()) {
            put(key, new Value.ZSetVal(z));
        }
        return Reply.integer(ch ? changed : added);
    }

    private Reply zscore(String key, String member, long nowMs) {
        Value v = live(key, nowMs);
        if (v == null) {
            return new Reply.NullBulk();
        }
        if (!(v instanceof Value.ZSetVal z)) {
            return wrongType();
        }
        Double sc = z.scores().get(member);
        return sc == null ? new Reply.NullBulk() : new Reply.Bulk(ScoreText.reply(sc));
    }

    private Reply zcard(String key, long nowMs) {
        Value v = live(key, nowMs);
        if (v == null) {
            return Reply.integer(0);
        }
        return v instanceof Value.ZSetVal z ? Reply.integer(z.scores().size()) : wrongType();
    }

    /** {@code ZRANGE key start stop [WITHSCORES]} by rank, RESP2 reply shape ({@code cmd.rs:113-131, 233-265}). */
    private Reply zrange(List<String> args, long nowMs) {
        boolean withScores = args.size() == 5;
        if (withScores && !args.get(4).equalsIgnoreCase("WITHSCORES")) {
            return Reply.error(SYNTAX);
        }
        Long start = parseLong(args.get(2));
        Long stop = parseLong(args.get(3));
        if (start == null || stop == null) {
            return Reply.error(NOT_INTEGER);
        }
        Value v = live(args.get(1), nowMs);
        if (v == null) {
            return new Reply.ArrayReply(List.of());
        }
        if (!(v instanceof Value.ZSetVal z)) {
            return wrongType();
        }
        List<Reply> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : rankRange(z.ranked(), start, stop)) {
            out.add(new Reply.Bulk(e.getKey()));
            if (withScores) {
                out.add(new Reply.Bulk(ScoreText.reply(e.getValue())));
            }
        }
        return new Reply.ArrayReply(out);
    }

    private Reply zrem(List<String> args, long nowMs) {
        String key = args.get(1);
        Value v = live(key, nowMs);
        if (v == null) {
            return Reply.integer(0);
        }
        if (!(v instanceof Value.ZSetVal zv)) {
            return wrongType();
        }
        TreeMap<String, Double> z = new TreeMap<>(zv.scores());
        long removed = 0;
        for (int i = 2; i < args.size(); i++) {
            if (z.remove(args.get(i)) != null) {
                removed++;
            }
        }
        if (z.isEmpty()) {
            remove(key);
        } else {
            put(key, new Value.ZSetVal(z));
        }
        return Reply.integer(removed);
    }

    private Reply incr(String key, long nowMs) {
        Value v = live(key, nowMs);
        long current = 0;
        if (v != null) {
            if (!(v instanceof Value.Str s)) {
                return wrongType();
            }
            Long parsed = parseLong(s.value());
            if (parsed == null) {
                return Reply.error(NOT_INTEGER);
            }
            current = parsed;
        }
        if (current == Long.MAX_VALUE) {
            return Reply.error("ERR increment or decrement would overflow");
        }
        put(key, new Value.Str(Long.toString(current + 1)));
        return Reply.integer(current + 1);
    }

    private Reply append(String key, String suffix, long nowMs) {
        Value v = live(key, nowMs);
        if (v != null && !(v instanceof Value.Str)) {
            return wrongType();
        }
        String next = (v == null ? "" : ((Value.Str) v).value()) + suffix;
        put(key, new Value.Str(next));
        return Reply.integer(next.length());
    }

    private Reply type(String key, long nowMs) {
        Value v = live(key, nowMs);
        return new Reply.SimpleString(v == null ? "none" : v.typeName());
    }

    private Reply flush(List<String> args) {
        if (args.size() > 2) {
            return Reply.error(SYNTAX);
        }
        if (args.size() == 2) {
            String mode = args.get(1).toUpperCase(Locale.ROOT);
            if (!mode.equals("ASYNC") && !mode.equals("SYNC")) {
                return Reply.error(SYNTAX);
            }
        }
        data.clear(); // KevyMap::clear keeps the capacity (map.rs:237-259)
        deadlines.clear();
        return Reply.ok();
    }

    /** Strict integer parse: optional '-', digits, no spaces, no '+', within long range. */
    static Long parseLong(String s) {
        if (s.isEmpty() || s.length() > 20 || s.charAt(0) == '+') {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Number of keys stored (live or not yet purged). */
    public int size() {
        return data.size();
    }

    @Override
    public String toString() {
        return "Store{data=" + entries() + ", deadlines=" + deadlines + "}";
    }
}
