package movescope.model.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import movescope.model.routing.Commands;
import movescope.model.store.AlgebraStore;
import movescope.model.store.Reply;
import movescope.model.store.Store;

/**
 * The live stores of one node, one {@link Store} per shard, and how a command reaches them. A key lives
 * on {@link Sharding#shardOf} its shard; single-key commands run on that shard. The multi-key commands
 * the store knows are split by shard and their replies merged, as a shard-per-core server does:
 * {@code MSET} (per-shard MSET, {@code +OK}), {@code MGET} (per-shard MGET, elements back in request
 * order), {@code DEL}/{@code UNLINK}/{@code EXISTS} (per-shard, counts summed), {@code FLUSHALL}/
 * {@code FLUSHDB} (every shard), and the {@code *STORE} family ({@link #storeFamily}: sources read on their
 * shards, the result written on the destination's). A command without a key runs on shard 0. With one shard
 * all of this is exactly {@code store.execute(args)}, except the {@code *STORE} family, which kevy's
 * dispatcher (the store) does not know and which runs as the runtime op on one shard too. {@code DBSIZE}
 * sums every shard's count and {@code KEYS} concatenates every shard's keys, the connection's shard first
 * ({@link #keys}).
 */
final class ShardedStores {
    private final List<Store> stores;
    private final boolean clusterSlots;

    ShardedStores(List<Store> stores, boolean clusterSlots) {
        if (stores.isEmpty()) {
            throw new IllegalArgumentException("a node has at least one shard");
        }
        this.stores = new ArrayList<>(stores);
        this.clusterSlots = clusterSlots;
    }

    ShardedStores(List<Store> stores) {
        this(stores, false);
    }

    static ShardedStores empty(int shards, boolean clusterSlots) {
        List<Store> s = new ArrayList<>(shards);
        for (int i = 0; i < shards; i++) {
            s.add(new Store());
        }
        return new ShardedStores(s, clusterSlots);
    }

    static ShardedStores empty(int shards) {
        return empty(shards, false);
    }

    /**
     * {@code KEYS pattern} fanned out ({@code crates/kevy/src/exec_build.rs:330-339}, {@code reduce.rs:145-152}):
     * the connection's shard's keys first (it runs inline, {@code exec.rs:250-254}), then the other shards'.
     * kevy appends those in reply-arrival order, which depends on thread timing; the model takes them in
     * ascending shard order (docs/model-api.md). Within a shard: slot order, expired keys skipped.
     */
    Reply keys(String pattern, int connShard, long nowMs) {
        List<Reply> out = new ArrayList<>();
        for (int k = 0; k < stores.size(); k++) {
            int i = k == 0 ? connShard : (k <= connShard ? k - 1 : k);
            for (String key : stores.get(i).collectKeys(pattern, nowMs)) {
                out.add(new Reply.Bulk(key));
            }
        }
        return new Reply.ArrayReply(out);
    }

    /** {@code DBSIZE}: the sum of every shard's {@code map.len()} ({@code exec_build.rs:60-63}). */
    Reply dbsize() {
        long sum = 0;
        for (Store s : stores) {
            sum += s.dbsize();
        }
        return Reply.integer(sum);
    }

    /** Independent copies of every shard's store. */
    ShardedStores copy() {
        List<Store> c = new ArrayList<>(stores.size());
        for (Store s : stores) {
            c.add(s.copy());
        }
        return new ShardedStores(c, clusterSlots);
    }

    int shards() {
        return stores.size();
    }

    Store shard(int i) {
        return stores.get(i);
    }

    List<Store> all() {
        return Collections.unmodifiableList(stores);
    }

    int shardOf(String key) {
        return Sharding.shardOf(key, stores.size(), clusterSlots);
    }

    /** The shards a command touches: what must be free for it to run (see KevyNode's busy queueing). */
    /**
     * A RENAME whose keys live on two shards (exec_rename.rs): take from the source's shard, put on the
     * destination's (RENAMENX refused when the destination exists: the value goes back).
     */
    private Reply renameAcross(String src, String dst, boolean nx, long nowMs) {
        Store from = stores.get(shardOf(src));
        Store to = stores.get(shardOf(dst));
        if (!from.exists(src, nowMs)) {
            return new Reply.ErrorReply("ERR no such key");
        }
        if (nx && to.exists(dst, nowMs)) {
            return new Reply.IntegerReply(0);
        }
        to.place(dst, from.take(src, nowMs));
        return nx ? new Reply.IntegerReply(1) : new Reply.SimpleString("OK");
    }

    /**
     * RPOPLPUSH/LMOVE across two shards (exec_listmove.rs:80-110, 322-383): pop on the source's shard; an
     * empty source answers nil; a destination that is not a list refuses the element, which goes back to the
     * end it came from, and the answer is WRONGTYPE.
     */
    private Reply listMoveAcross(List<String> args, long nowMs) {
        boolean fromLeft;
        boolean toLeft;
        if (args.size() == 3) {
            fromLeft = false;
            toLeft = true;
        } else {
            Boolean f = Store.side(args.get(3));
            Boolean t = Store.side(args.get(4));
            if (f == null || t == null) {
                return new Reply.ErrorReply("ERR syntax error");
            }
            fromLeft = f;
            toLeft = t;
        }
        Store from = stores.get(shardOf(args.get(1)));
        Store to = stores.get(shardOf(args.get(2)));
        Store.Popped p = from.pop(args.get(1), fromLeft, nowMs);
        if (p.wrongType()) {
            return new Reply.ErrorReply(Store.WRONGTYPE);
        }
        if (p.element() == null) {
            return new Reply.NullBulk();
        }
        if (!to.acceptsPush(args.get(2), nowMs)) {
            from.pushOne(args.get(1), p.element(), fromLeft, nowMs);
            return new Reply.ErrorReply(Store.WRONGTYPE);
        }
        to.pushOne(args.get(2), p.element(), toLeft, nowMs);
        return new Reply.Bulk(p.element());
    }

    /**
     * A {@code *STORE} in its runtime form ({@link Commands#isRuntimeStore}), on one shard or across several
     * ({@code crates/kevy-rt/src/exec_zalgebra.rs}): the reply, and the effect frames the destination's shard logs.
     */
    AlgebraStore.Outcome storeFamily(List<String> args, long nowMs) {
        return AlgebraStore.run(args, k -> stores.get(shardOf(k)), nowMs);
    }

    SortedSet<Integer> shardsTouched(List<String> args) {
        TreeSet<Integer> out = new TreeSet<>();
        String name = Commands.name(args);
        switch (name) {
            case "FLUSHALL", "FLUSHDB", "DBSIZE" -> {
                for (int i = 0; i < stores.size(); i++) {
                    out.add(i);
                }
            }
            case "KEYS" -> {
                if (args.size() == 2) {
                    for (int i = 0; i < stores.size(); i++) {
                        out.add(i);
                    }
                }
            }
            case "MSET" -> {
                for (int i = 1; i < args.size(); i += 2) {
                    out.add(shardOf(args.get(i)));
                }
            }
            case "RENAME", "RENAMENX", "RPOPLPUSH", "LMOVE" -> {
                for (int i = 1; i < Math.min(args.size(), 3); i++) {
                    out.add(shardOf(args.get(i)));
                }
            }
            case "ZINTERSTORE", "ZUNIONSTORE", "ZDIFFSTORE", "SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE" -> {
                if (Commands.isRuntimeStore(args)) {
                    for (String k : AlgebraStore.keysTouched(args)) {
                        out.add(shardOf(k));
                    }
                }
            }
            case "MGET", "DEL", "UNLINK", "EXISTS" -> {
                for (int i = 1; i < args.size(); i++) {
                    out.add(shardOf(args.get(i)));
                }
            }
            default -> {
                // MOVE-SCOPE and MOVE-SCOPE-INGEST land here too: args[1] is the prefix, and kevy runs
                // them on the shard that owns the hash of the prefix string.
            }
        }
        if (out.isEmpty()) {
            out.add(args.size() >= 2 ? shardOf(args.get(1)) : 0);
        }
        return out;
    }

    /** Runs {@code args} against the shard(s) its keys live on; a KEYS lists shard 0's keys first. */
    Reply execute(List<String> args, long nowMs) {
        return execute(args, nowMs, 0);
    }

    /** As {@link #execute(List, long)}, for a connection on shard {@code connShard} (KEYS lists its keys first). */
    Reply execute(List<String> args, long nowMs, int connShard) {
        String name = Commands.name(args);
        int n = args.size();
        if (Commands.isRuntimeStore(args)) {
            return storeFamily(args, nowMs).reply();
        }
        if (stores.size() == 1) {
            return stores.get(0).execute(args, nowMs);
        }
        switch (name) {
            case "DBSIZE" -> {
                return dbsize();
            }
            case "RENAME", "RENAMENX" -> {
                if (n == 3 && shardOf(args.get(1)) != shardOf(args.get(2))) {
                    return renameAcross(args.get(1), args.get(2), name.equals("RENAMENX"), nowMs);
                }
                return stores.get(shardOf(n >= 2 ? args.get(1) : "")).execute(args, nowMs);
            }
            case "RPOPLPUSH", "LMOVE" -> {
                if ((n == 3 || n == 5) && shardOf(args.get(1)) != shardOf(args.get(2))) {
                    return listMoveAcross(args, nowMs);
                }
                return stores.get(shardOf(n >= 2 ? args.get(1) : "")).execute(args, nowMs);
            }
            case "KEYS" -> {
                return n != 2 ? stores.get(0).execute(args, nowMs) : keys(args.get(1), connShard, nowMs);
            }
            case "FLUSHALL", "FLUSHDB" -> {
                Reply last = null;
                for (Store s : stores) {
                    last = s.execute(args, nowMs);
                }
                return last;
            }
            case "MSET" -> {
                if (n < 3 || n % 2 == 0) {
                    return stores.get(0).execute(args, nowMs); // the store's own arity error
                }
                TreeMap<Integer, List<String>> per = new TreeMap<>();
                for (int i = 1; i < n; i += 2) {
                    per.computeIfAbsent(shardOf(args.get(i)), k -> new ArrayList<>(List.of(args.get(0))))
                            .addAll(List.of(args.get(i), args.get(i + 1)));
                }
                Reply r = Reply.ok();
                for (Map.Entry<Integer, List<String>> e : per.entrySet()) {
                    Reply one = stores.get(e.getKey()).execute(e.getValue(), nowMs);
                    if (one.isError()) {
                        r = one;
                    }
                }
                return r;
            }
            case "DEL", "UNLINK", "EXISTS" -> {
                if (n < 2) {
                    return stores.get(0).execute(args, nowMs);
                }
                TreeMap<Integer, List<String>> per = perShardKeys(args);
                long sum = 0;
                for (Map.Entry<Integer, List<String>> e : per.entrySet()) {
                    Reply one = stores.get(e.getKey()).execute(e.getValue(), nowMs);
                    if (!(one instanceof Reply.IntegerReply i)) {
                        return one;
                    }
                    sum += i.value();
                }
                return Reply.integer(sum);
            }
            case "MGET" -> {
                if (n < 2) {
                    return stores.get(0).execute(args, nowMs);
                }
                List<Reply> out = new ArrayList<>(Collections.nCopies(n - 1, (Reply) new Reply.NullBulk()));
                TreeMap<Integer, List<Integer>> positions = new TreeMap<>();
                for (int i = 1; i < n; i++) {
                    positions.computeIfAbsent(shardOf(args.get(i)), k -> new ArrayList<>()).add(i);
                }
                for (Map.Entry<Integer, List<Integer>> e : positions.entrySet()) {
                    List<String> sub = new ArrayList<>();
                    sub.add(args.get(0));
                    for (int pos : e.getValue()) {
                        sub.add(args.get(pos));
                    }
                    Reply one = stores.get(e.getKey()).execute(sub, nowMs);
                    if (!(one instanceof Reply.ArrayReply arr)) {
                        return one;
                    }
                    for (int j = 0; j < e.getValue().size(); j++) {
                        out.set(e.getValue().get(j) - 1, arr.elements().get(j));
                    }
                }
                return new Reply.ArrayReply(out);
            }
            default -> {
                return stores.get(n >= 2 ? shardOf(args.get(1)) : 0).execute(args, nowMs);
            }
        }
    }

    private TreeMap<Integer, List<String>> perShardKeys(List<String> args) {
        TreeMap<Integer, List<String>> per = new TreeMap<>();
        for (int i = 1; i < args.size(); i++) {
            per.computeIfAbsent(shardOf(args.get(i)), k -> new ArrayList<>(List.of(args.get(0)))).add(args.get(i));
        }
        return per;
    }
}
