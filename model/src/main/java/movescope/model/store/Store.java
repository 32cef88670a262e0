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
 * One shard's keyspace: strings, lists, hashes and sets, with TTLs kept as absolute deadlines in ms.
 * Time enters only as the {@code nowMs} argument. Expiry is lazy, as in Redis: a key whose deadline has
 * passed ({@code nowMs > deadline}) is purged when a command touches it, and is invisible to reads,
 * {@link #keysWithPrefix} and {@link #serializeSlice} from then on.
 *
 * <p>Replies follow Redis's texts, including {@code -ERR unknown command '<name>'},
 * {@code -ERR wrong number of arguments for '<name>' command} (name lower-cased, as Redis prints it)
 * and {@code -WRONGTYPE Operation against a key holding the wrong kind of value}. Containers that become
 * empty are deleted, as in Redis, so a slice never carries an empty list/hash/set.
 */
public final class Store {
    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    static final String SYNTAX = "ERR syntax error";

    private final TreeMap<String, Value> data;
    private final TreeMap<String, Long> deadlines;

    public Store() {
        this(new TreeMap<>(), new TreeMap<>());
    }

    private Store(TreeMap<String, Value> data, TreeMap<String, Long> deadlines) {
        this.data = data;
        this.deadlines = deadlines;
    }

    /** An independent copy (values are immutable, so copying the maps is enough). */
    public Store copy() {
        return new Store(new TreeMap<>(data), new TreeMap<>(deadlines));
    }

    /** Every stored key with its value, including keys whose deadline passed but were not yet purged. */
    public SortedMap<String, Value> entries() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(data));
    }

    /** The keys that are live at {@code nowMs}, with their values. */
    public SortedMap<String, Value> entries(long nowMs) {
        TreeMap<String, Value> live = new TreeMap<>();
        for (Map.Entry<String, Value> e : data.entrySet()) {
            if (!expired(e.getKey(), nowMs)) {
                live.put(e.getKey(), e.getValue());
            }
        }
        return Collections.unmodifiableSortedMap(live);
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
        for (String k : data.tailMap(prefix, true).keySet()) {
            if (!k.startsWith(prefix)) {
                break; // sorted: every key with the prefix is contiguous from tailMap's start
            }
            if (!expired(k, nowMs)) {
                out.add(k);
            }
        }
        return Collections.unmodifiableSortedSet(out);
    }

    /**
     * MOVE-SCOPE's slice: one rebuild frame per live key under {@code prefix}, in key order —
     * {@code SET k v}, {@code RPUSH k e…}, {@code HSET k f v…}, {@code SADD k m…} — each followed by
     * {@code PEXPIREAT k <abs ms>} when the key has a deadline.
     */
    public List<List<String>> serializeSlice(String prefix, long nowMs) {
        List<List<String>> frames = new ArrayList<>();
        for (String k : keysWithPrefix(prefix, nowMs)) {
            Value v = data.get(k);
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
                h.fields().forEach((field, val) -> {
                    f.add(field);
                    f.add(val);
                });
            } else if (v instanceof Value.SetVal s) {
                f.add("SADD");
                f.add(k);
                f.addAll(s.members());
            } else {
                throw new IllegalStateException("unhandled value type " + v);
            }
            frames.add(List.copyOf(f));
            Long d = deadlines.get(k);
            if (d != null) {
                frames.add(List.of("PEXPIREAT", k, Long.toString(d)));
            }
        }
        return List.copyOf(frames);
    }

    /** Runs one command at virtual time {@code nowMs}. */
    public Reply execute(List<String> args, long nowMs) {
        if (args.isEmpty()) {
            return Reply.error("ERR unknown command ''");
        }
        String given = args.get(0);
        String name = given.toUpperCase(Locale.ROOT);
        int n = args.size();
        switch (name) {
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
                return n != 2 ? arity(name) : pttl(args.get(1), nowMs);
            case "PERSIST":
                return n != 2 ? arity(name) : persist(args.get(1), nowMs);
            case "HSET":
                return n < 4 || n % 2 != 0 ? arity(name) : hset(args, nowMs);
            case "HGETALL":
                return n != 2 ? arity(name) : hgetall(args.get(1), nowMs);
            case "SADD":
                return n < 3 ? arity(name) : sadd(args, nowMs);
            case "SMEMBERS":
                return n != 2 ? arity(name) : smembers(args.get(1), nowMs);
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

    private static Reply arity(String upperName) {
        return Reply.error("ERR wrong number of arguments for '" + upperName.toLowerCase(Locale.ROOT) + "' command");
    }

    private static Reply wrongType() {
        return Reply.error(WRONGTYPE);
    }

    /** Lazy expiry: true when the key has a deadline that {@code nowMs} is past. */
    private boolean expired(String key, long nowMs) {
        Long d = deadlines.get(key);
        return d != null && nowMs > d;
    }

    /** The live value of {@code key}, purging it first when it has expired. */
    private Value live(String key, long nowMs) {
        if (expired(key, nowMs)) {
            data.remove(key);
            deadlines.remove(key);
            return null;
        }
        return data.get(key);
    }

    private void remove(String key) {
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
        data.put(key, new Value.Str(args.get(2)));
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
                count++; // Redis counts a key once per mention
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
        data.put(key, new Value.ListVal(list));
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
        long size = l.elements().size();
        long s = start < 0 ? Math.max(0, size + start) : start;
        long e = stop < 0 ? size + stop : Math.min(stop, size - 1);
        List<Reply> out = new ArrayList<>();
        for (long i = s; i <= e && i < size; i++) {
            out.add(new Reply.Bulk(l.elements().get((int) i)));
        }
        return new Reply.ArrayReply(out);
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
            data.put(args.get(i), new Value.Str(args.get(i + 1)));
            deadlines.remove(args.get(i));
        }
        return Reply.ok();
    }

    private Reply mget(List<String> args, long nowMs) {
        List<Reply> out = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            Value v = live(args.get(i), nowMs);
            // MGET never fails: a non-string is reported as nil, as Redis does.
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
        // A deadline not in the future deletes the key at once (Redis's checkAlreadyExpired).
        if (at <= nowMs) {
            remove(key);
        } else {
            deadlines.put(key, at);
        }
        return Reply.integer(1);
    }

    private Reply pttl(String key, long nowMs) {
        if (live(key, nowMs) == null) {
            return Reply.integer(-2);
        }
        Long d = deadlines.get(key);
        return Reply.integer(d == null ? -1 : Math.max(0, d - nowMs));
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
        TreeMap<String, String> fields = v == null ? new TreeMap<>() : new TreeMap<>(((Value.HashVal) v).fields());
        long added = 0;
        for (int i = 2; i + 1 < args.size(); i += 2) {
            if (fields.put(args.get(i), args.get(i + 1)) == null) {
                added++;
            }
        }
        data.put(key, new Value.HashVal(fields));
        return Reply.integer(added);
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
        h.fields().forEach((f, val) -> {
            out.add(new Reply.Bulk(f));
            out.add(new Reply.Bulk(val));
        });
        return new Reply.ArrayReply(out);
    }

    private Reply sadd(List<String> args, long nowMs) {
        String key = args.get(1);
        Value v = live(key, nowMs);
        if (v != null && !(v instanceof Value.SetVal)) {
            return wrongType();
        }
        TreeSet<String> members = v == null ? new TreeSet<>() : new TreeSet<>(((Value.SetVal) v).members());
        long added = 0;
        for (int i = 2; i < args.size(); i++) {
            if (members.add(args.get(i))) {
                added++;
            }
        }
        data.put(key, new Value.SetVal(members));
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
        data.put(key, new Value.Str(Long.toString(current + 1)));
        return Reply.integer(current + 1);
    }

    private Reply append(String key, String suffix, long nowMs) {
        Value v = live(key, nowMs);
        if (v != null && !(v instanceof Value.Str)) {
            return wrongType();
        }
        String next = (v == null ? "" : ((Value.Str) v).value()) + suffix;
        data.put(key, new Value.Str(next));
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
        data.clear();
        deadlines.clear();
        return Reply.ok();
    }

    /** Redis's strict integer parse: optional '-', digits, no spaces, no '+', within long range. */
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
        return "Store{data=" + data + ", deadlines=" + deadlines + "}";
    }
}
