package movescope.model.routing;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import movescope.model.migration.MigrationTable;
import movescope.model.scope.OwnershipTable;

/**
 * Everything kevy's write path reads on one shard of one node: its config ({@code nodeId}, {@code peers},
 * the ownership {@code table}), the node's migration table, the prefix this shard is ingesting (if any),
 * and the node's local DOWN view. {@code isDown} is the caller's: the routing code only asks it about
 * a scope's writer, and only when {@link #fallbackViewEnabled()}.
 */
public record RoutingContext(
        Optional<String> nodeId,
        Peers peers,
        OwnershipTable table,
        MigrationTable migrations,
        Optional<String> ingestingPrefix,
        Predicate<String> isDown) {
    public RoutingContext {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(peers, "peers");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(migrations, "migrations");
        Objects.requireNonNull(ingestingPrefix, "ingestingPrefix");
        Objects.requireNonNull(isDown, "isDown");
    }

    /** Whether step 5 uses the DOWN-aware route (node_id and peers both configured). */
    public boolean fallbackViewEnabled() {
        return peers.fallbackViewEnabled(nodeId);
    }
}
