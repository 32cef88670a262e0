package movescope.model.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The routing class of a command is kevy's {@code route_for_verb} ({@code crates/kevy/src/cmd_resolve.rs:112-285}).
 * The first cases port kevy's {@code routing_and_write_classification} and {@code route_keyspace_verbs}
 * tests ({@code crates/kevy/src/tests.rs:104-118, 199-206}). Reproduce:
 * {@code mvn -B -o -pl model test -Dtest=CommandRouteTest}.
 */
class CommandRouteTest {

    private static CommandRoute r(String line) {
        return CommandRoute.of(line.isEmpty() ? List.of() : Arrays.asList(line.split(" ")));
    }

    @Test
    void kevysOwnRoutingTests() {
        assertEquals(new CommandRoute(CommandRoute.Kind.KEY_SHARD, 1), r("GET k"));
        assertEquals(CommandRoute.CONNECTION, r("PING"));
        assertEquals(CommandRoute.ALL, r("DBSIZE"));
        assertEquals(CommandRoute.ALL, r("FLUSHALL"));
        assertEquals(CommandRoute.ALL, r("FLUSHDB"));
        assertEquals(new CommandRoute(CommandRoute.Kind.KEY_SHARD, 1), r("DEL a"));
        assertEquals(CommandRoute.EACH_KEY, r("DEL a b"));
        assertEquals(CommandRoute.CONNECTION, r(""));
    }

    @Test
    void inspectionCommands() {
        assertEquals(CommandRoute.CONNECTION, r("PING hello")); // PING x: still the connection's shard
        assertEquals(CommandRoute.CONNECTION, r("ROLE"));
        assertEquals(CommandRoute.CONNECTION, r("role x"));
        assertEquals(CommandRoute.ALL, r("DBSIZE x y"));
        assertEquals(CommandRoute.ALL, r("KEYS app:*"));
        // KEYS of another arity is the default arm: Single(1) with 2+ args, Local with none
        assertEquals(new CommandRoute(CommandRoute.Kind.KEY_SHARD, 1), r("KEYS a b"));
        assertEquals(CommandRoute.CONNECTION, r("KEYS"));
        for (String c : List.of("TTL k", "PTTL k", "HGET k f", "SMEMBERS k", "ZRANGE k 0 -1", "XRANGE k - +",
                "MOVE-SCOPE app: FROM a TO b", "MOVE-SCOPE-INGEST app: bulk")) {
            assertEquals(new CommandRoute(CommandRoute.Kind.KEY_SHARD, 1), r(c), c);
        }
    }

    @Test
    void multiKeyForms() {
        assertEquals(CommandRoute.EACH_KEY, r("MSET a 1 b 2"));
        assertEquals(new CommandRoute(CommandRoute.Kind.KEY_SHARD, 1), r("MSET a 1 b")); // even argc: default arm
        assertEquals(CommandRoute.EACH_KEY, r("MGET a"));
        assertEquals(CommandRoute.EACH_KEY, r("EXISTS a b"));
        assertEquals(new CommandRoute(CommandRoute.Kind.KEY_SHARD, 1), r("EXISTS a"));
        assertEquals(CommandRoute.EACH_KEY, r("RPOPLPUSH a b"));
        assertEquals(new CommandRoute(CommandRoute.Kind.KEY_SHARD, 1), r("RPOPLPUSH a"));
        assertEquals(CommandRoute.EACH_KEY, r("LMOVE a b LEFT RIGHT"));
        assertEquals(CommandRoute.EACH_KEY, r("ZUNIONSTORE d 1 a"));
        assertEquals(new CommandRoute(CommandRoute.Kind.KEY_SHARD, 1), r("ZUNIONSTORE d 1"));
        assertEquals(CommandRoute.EACH_KEY, r("sinterstore d a"));
        assertEquals(new CommandRoute(CommandRoute.Kind.KEY_SHARD, 1), r("SINTERSTORE d"));
        assertEquals(CommandRoute.CONNECTION, r("ZDIFFSTORE"));
        assertThrows(IllegalArgumentException.class, () -> new CommandRoute(CommandRoute.Kind.KEY_SHARD, 0));
    }
}
