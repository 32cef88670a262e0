package movescope.model.routing;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * kevy's command classification as the write path sees it (kevy-move-scope.md §3). Only write commands
 * are checked, on {@code args[1]} as the key. Multi-key and whole-keyspace writes never reach the check:
 * MSET, DEL/UNLINK with more than one key, FLUSHALL/FLUSHDB, RENAME/RENAMENX, RPOPLPUSH/LMOVE.
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
        if (!WRITES.contains(n) || NEVER_CHECKED.contains(n) || args.size() < 2) {
            return false;
        }
        return !(MULTI_KEY_UNCHECKED.contains(n) && args.size() > 2);
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
