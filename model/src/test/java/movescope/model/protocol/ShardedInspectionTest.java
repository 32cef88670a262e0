package movescope.model.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import movescope.model.store.Reply;
import org.junit.jupiter.api.Test;

/**
 * DBSIZE and KEYS fan out over a node's shards (kevy-source-facts.md §8), and the shard scheme follows
 * {@code [cluster] enabled}. Reproduce: {@code mvn -B -o -pl model test -Dtest=ShardedInspectionTest}.
 */
class ShardedInspectionTest {

    @Test
    void keysListTheConnectionsShardFirstThenTheOthersAndDbsizeSums() {
        ShardedStores s = ShardedStores.empty(3, false);
        List<String> keys = List.of("a", "abc", "abcd", "hello-world", "");
        for (String k : keys) {
            s.execute(List.of("SET", k, "v"), 0);
        }
        // facts §2, n=3: "" → 2, a → 1, abc → 1, abcd → 2, hello-world → 0
        assertEquals(List.of("hello-world"), s.shard(0).collectKeys(null, 0));
        assertEquals(":5", s.dbsize().wire());
        assertEquals(":5", s.execute(List.of("DBSIZE"), 0).wire());
        List<String> fromShard2 = bulks(s.keys("*", 2, 0));
        assertEquals(5, fromShard2.size());
        List<String> want = new ArrayList<>(s.shard(2).collectKeys(null, 0));
        want.addAll(s.shard(0).collectKeys(null, 0));
        want.addAll(s.shard(1).collectKeys(null, 0));
        assertEquals(want, fromShard2);
        assertEquals(List.of("abc", "abcd"), bulks(s.keys("ab*", 0, 0)).stream().sorted().toList());
        assertEquals("-ERR wrong number of arguments for 'keys' command", s.execute(List.of("KEYS"), 0).wire());
    }

    @Test
    void clusterEnabledSwitchesToTheSlotScheme() {
        // facts §2: "abc" → default n=2 shard 1, slots n=2 shard 0; "a" → 0 and 1
        ShardedStores d = ShardedStores.empty(2, false);
        ShardedStores c = ShardedStores.empty(2, true);
        assertEquals(1, d.shardOf("abc"));
        assertEquals(0, c.shardOf("abc"));
        assertEquals(0, d.shardOf("a"));
        assertEquals(1, c.shardOf("a"));
        NodeConfig cfg = new NodeConfig(java.util.Optional.empty(), List.of(), List.of(), 2).withClusterEnabled(true);
        assertEquals(0, cfg.shardOf("abc"));
        assertEquals(true, cfg.withShards(4).clusterEnabled(), "with* keeps the flag");
        c.execute(List.of("SET", "abc", "v"), 0);
        assertEquals(1, c.shard(0).size());
    }

    private static List<String> bulks(Reply r) {
        List<String> out = new ArrayList<>();
        for (Reply e : ((Reply.ArrayReply) r).elements()) {
            out.add(((Reply.Bulk) e).value());
        }
        return out;
    }
}
