package movescope.model.routing;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * kevy's command classification as the write path sees it (kevy-move-scope.md §3). Only write commands
 * are checked, on {@code args[1]} as the key. Multi-key and whole-keyspace writes never reach the check:
 * MSET, DEL/UNLINK with more than one key, FLUSHALL/FLUSHDB, RENAME/RENAMENX, RPOPLPUSH/LMOVE, and the
 * {@code *STORE} family in its runtime form (ZINTERSTORE/ZUNIONSTORE/ZDIFFSTORE with at least 4 args,
 * SINTERSTORE/SUNIONSTORE/SDIFFSTORE with at least 3: {@code crates/kevy/src/cmd_resolve.rs:167-172}); a
 * shorter {@code *STORE} falls through to {@code Route::Single(1)} (:279-285) and is checked on its args[1].
 * Names are case-insensitive. Sets are TreeSets so that anything printed from them is stable.
 */
public final class Commands {
    private Commands() {}

    private static final Set<String> WRITES = sorted(
            "SET", "SETNX", "SETEX", "PSETEX", "GETSET", "GETDEL", "GETEX", "APPEND", "SETRANGE",
            "INCR", "INCRBY", "INCRBYFLOAT", "DECR", "DECRBY",
            "DEL", "UNLINK", "EXPIRE", "PEXPIRE", "PEXPIREAT", "EXPIREAT", "PERSIST",
            "RPUSH", "LPUSH", "RPUSHX", "LPUSHX", "LPOP", "RPOP", "LSET", "LREM", "LTRIM", "LINSERT",
            "HSET", "HSETNX", "HMSET", "HDEL", "HINCRBY", "HINCRBYFLOAT",
            "SADD", "SREM", "SPOP", "SMOVE",
            "ZADD", "ZREM", "ZINCRBY", "ZPOPMIN", "ZPOPMAX",
            "XADD", "XDEL", "XTRIM", "XSETID",
            // the *STORE family (crates/kevy/src/cmd_class.rs:68-73); kevy 5.4 has no ZRANGESTORE
            "ZINTERSTORE", "ZUNIONSTORE", "ZDIFFSTORE", "SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE",
            "MSET", "MSETNX", "FLUSHALL", "FLUSHDB", "RENAME", "RENAMENX", "RPOPLPUSH", "LMOVE");

    private static final Set<String> READS = sorted(
            "GET", "MGET", "STRLEN", "GETRANGE", "EXISTS", "TYPE", "TTL", "PTTL", "KEYS", "SCAN", "DBSIZE",
            "LRANGE", "LLEN", "LINDEX", "HGET", "HMGET", "HGETALL", "HKEYS", "HVALS", "HLEN", "HEXISTS",
            "SMEMBERS", "SISMEMBER", "SCARD", "ZRANGE", "ZSCORE", "ZCARD", "ZRANK", "XRANGE", "XLEN");

    /** Writes that never pass the ownership check, whatever their arity. */
    private static final Set<String> NEVER_CHECKED = sorted(
            "MSET", "MSETNX", "FLUSHALL", "FLUSHDB", "RENAME", "RENAMENX", "RPOPLPUSH", "LMOVE");

    /** Writes that are unchecked only in their multi-key form. */
    private static final Set<String> MULTI_KEY_UNCHECKED = sorted("DEL", "UNLINK");

    /** The sorted-set forms of the *STORE family ({@code VERB dst numkeys key…}): runtime ops from 4 args. */
    private static final Set<String> ZSET_STORES = sorted("ZINTERSTORE", "ZUNIONSTORE", "ZDIFFSTORE");

    /** The set forms ({@code VERB dst key…}): runtime ops from 3 args. */
    private static final Set<String> SET_STORES = sorted("SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE");

    /**
     * The verbs kevy-cluster-rw does not count as writes although the server does: {@code request} sends them
     * as reads ({@code crates/kevy-cluster-rw/src/lib.rs:201-210}), without following a MISDIRECTED or consulting
     * its key cache; its {@code is_write_verb} (:220-253) lists SINTERSTORE/SUNIONSTORE/SDIFFSTORE but none of
     * the sorted-set *STORE verbs.
     */
    private static final Set<String> NOT_CLIENT_WRITES = ZSET_STORES;

    private static Set<String> sorted(String... names) {
        return java.util.Collections.unmodifiableSet(new TreeSet<>(List.of(names)));
    }

    /** The upper-cased command name, or "" for an empty command. */
    public static String name(List<String> args) {
        return args.isEmpty() ? "" : args.get(0).toUpperCase(Locale.ROOT);
    }

    public static boolean isWrite(List<String> args) {
        return WRITES.contains(name(args));
    }

    public static boolean isRead(List<String> args) {
        return READS.contains(name(args));
    }

    /**
     * True when the write path checks this command: a write command with a key ({@code args[1]})
     * that is not one of the unchecked multi-key / whole-keyspace forms. A write without a key is not
     * checked; it goes on to fail with the store's arity error.
     */
    public static boolean isCheckedWrite(List<String> args) {
        String n = name(args);
        if (!WRITES.contains(n) || NEVER_CHECKED.contains(n) || args.size() < 2 || isRuntimeStore(args)) {
            return false;
        }
        return !(MULTI_KEY_UNCHECKED.contains(n) && args.size() > 2);
    }

    /**
     * True for a {@code *STORE} that kevy runs as its cross-shard runtime op ({@code Route::ZAlgebraStore},
     * cmd_resolve.rs:167-172): a sorted-set form with at least 4 args, a set form with at least 3. It is not
     * scope-checked, and it logs its effect ({@code DEL dst}, then {@code ZADD}/{@code SADD dst …}), not itself.
     */
    public static boolean isRuntimeStore(List<String> args) {
        String n = name(args);
        return (ZSET_STORES.contains(n) && args.size() >= 4) || (SET_STORES.contains(n) && args.size() >= 3);
    }

    /** Whether the simulator's kevy-cluster-rw client treats the command as a write (see NOT_CLIENT_WRITES). */
    public static boolean isClientLibraryWrite(List<String> args) {
        return isWrite(args) && !NOT_CLIENT_WRITES.contains(name(args));
    }

    /** The key the write path checks: {@code args[1]} of a checked write. */
    public static String checkedKey(List<String> args) {
        if (!isCheckedWrite(args)) {
            throw new IllegalArgumentException("not a checked write: " + args);
        }
        return args.get(1);
    }

    /** All write command names, sorted. */
    public static Set<String> writeNames() {
        return WRITES;
    }

    /** All read command names, sorted. */
    public static Set<String> readNames() {
        return READS;
    }
}
