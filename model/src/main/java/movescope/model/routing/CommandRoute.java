package movescope.model.routing;

import java.util.List;
import java.util.Locale;

/**
 * Where a command runs on a thread-per-core kevy node — kevy's {@code route_for_verb}
 * ({@code crates/kevy/src/cmd_resolve.rs:112-285}) reduced to the commands the model knows:
 * <ul>
 *   <li>{@link Kind#CONNECTION_SHARD}: on the shard the connection lives on — {@code PING}, {@code ROLE}
 *       ({@code :123-130}), and any command of one word (the default arm's {@code Route::Local});</li>
 *   <li>{@link Kind#KEY_SHARD}: on {@code shard_of(args[keyIndex])}, forwarded there when that is another
 *       shard ({@code Route::Single}; {@code exec.rs:150-151}) — every single-key command, the default arm
 *       ({@code :277-283}), MOVE-SCOPE and MOVE-SCOPE-INGEST included (their {@code args[1]} is the prefix),
 *       {@code DEL}/{@code UNLINK}/{@code EXISTS} with one key, and {@code KEYS} with other than one pattern
 *       (it then fails with kevy's arity error on that shard);</li>
 *   <li>{@link Kind#ALL_SHARDS}: fanned out to every shard and folded — {@code DBSIZE} (any arity,
 *       {@code :138}), {@code KEYS pattern} ({@code :157}), {@code FLUSHALL}/{@code FLUSHDB} ({@code :139});</li>
 *   <li>{@link Kind#EACH_KEY_SHARD}: a multi-key operation over each key's shard — {@code MSET} with an odd
 *       argument count ≥ 3, {@code MGET} ≥ 2, {@code DEL}/{@code UNLINK}/{@code EXISTS} with several keys,
 *       {@code RENAME}/{@code RENAMENX}, {@code RPOPLPUSH} with 3 arguments, {@code LMOVE} with 5, and the
 *       {@code *STORE} family in its runtime form ({@code :167-172}: Z*STORE ≥ 4 arguments, S*STORE ≥ 3; the
 *       sources' shards, then the destination's — {@link Commands#isRuntimeStore}).</li>
 * </ul>
 */
public record CommandRoute(Kind kind, int keyIndex) {
    public enum Kind { CONNECTION_SHARD, KEY_SHARD, ALL_SHARDS, EACH_KEY_SHARD }

    public static final CommandRoute CONNECTION = new CommandRoute(Kind.CONNECTION_SHARD, -1);
    public static final CommandRoute ALL = new CommandRoute(Kind.ALL_SHARDS, -1);
    public static final CommandRoute EACH_KEY = new CommandRoute(Kind.EACH_KEY_SHARD, -1);

    public CommandRoute {
        if ((kind == Kind.KEY_SHARD) != (keyIndex >= 1)) {
            throw new IllegalArgumentException("keyIndex " + keyIndex + " with " + kind);
        }
    }

    static CommandRoute key(int index) {
        return new CommandRoute(Kind.KEY_SHARD, index);
    }

    /** The route of {@code args} (names case-insensitive). */
    public static CommandRoute of(List<String> args) {
        String n = args.isEmpty() ? "" : args.get(0).toUpperCase(Locale.ROOT);
        int argc = args.size();
        switch (n) {
            case "PING", "ROLE", "ECHO", "QUIT", "COMMAND", "CONFIG", "INFO", "CLUSTER", "SELECT", "REPLICAOF",
                    "SLAVEOF" -> {
                return CONNECTION;
            }
            case "DBSIZE", "FLUSHALL", "FLUSHDB" -> {
                return ALL;
            }
            case "KEYS" -> {
                if (argc == 2) {
                    return ALL;
                }
            }
            case "MSET" -> {
                if (argc >= 3 && argc % 2 == 1) {
                    return EACH_KEY;
                }
            }
            case "MGET" -> {
                if (argc >= 2) {
                    return EACH_KEY;
                }
            }
            case "DEL", "UNLINK", "EXISTS" -> {
                if (argc > 2) {
                    return EACH_KEY;
                }
            }
            case "RENAME", "RENAMENX" -> {
                return EACH_KEY;
            }
            case "RPOPLPUSH" -> {
                if (argc == 3) {
                    return EACH_KEY;
                }
            }
            case "LMOVE" -> {
                if (argc == 5) {
                    return EACH_KEY;
                }
            }
            case "ZINTERSTORE", "ZUNIONSTORE", "ZDIFFSTORE", "SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE" -> {
                if (Commands.isRuntimeStore(args)) {
                    return EACH_KEY;
                }
            }
            default -> {
                // the default arm below
            }
        }
        return argc >= 2 ? key(1) : CONNECTION;
    }

    /** True when the command runs on the connection's own shard. */
    public boolean local() {
        return kind == Kind.CONNECTION_SHARD;
    }
}
