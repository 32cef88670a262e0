package movescope.model.routing;

import java.util.List;
import movescope.model.migration.MigrationMatch;
import movescope.model.scope.RouteVerdict;

/**
 * kevy 5.4's write path (kevy-move-scope.md §3), step for step. The order is the point: the ingest
 * guard comes before everything, MIGRATING before MIGRATED, both before the "no scopes / no node_id"
 * accept, and the static route last. MIGRATING and MIGRATED are read through
 * {@link movescope.model.migration.MigrationTable#routeMatch}: two separate calls on the seed layout, as kevy
 * does, so a router there can fall into the commit window between them.
 */
public final class WriteRouter {
    private WriteRouter() {}

    public static WriteVerdict route(RoutingContext ctx, List<String> args) {
        if (!Commands.isCheckedWrite(args)) {
            return new WriteVerdict.Accept(AcceptReason.NOT_CHECKED);
        }
        String key = args.get(1);
        // 1. the prefix being ingested on this shard
        if (ctx.ingestingPrefix().isPresent() && key.startsWith(ctx.ingestingPrefix().get())) {
            return new WriteVerdict.Accept(AcceptReason.INGEST);
        }
        // 2.–3. a migration in flight (QUIESCED), else a committed one (MISDIRECTED). routeMatch is two
        // locked calls on the seed layout, as in kevy, and one atomic read on the atomic layout.
        MigrationMatch match = ctx.migrations().routeMatch(key);
        if (match instanceof MigrationMatch.Migrating m) {
            String to = m.state().to();
            return new WriteVerdict.Quiesced(to, ctx.peers().addr(to));
        }
        if (match instanceof MigrationMatch.Migrated m) {
            String to = m.state().to();
            return new WriteVerdict.Misdirected(to, ctx.peers().addr(to));
        }
        // 4. scopes are opt-in
        if (ctx.table().isEmpty()) {
            return new WriteVerdict.Accept(AcceptReason.NO_SCOPES);
        }
        if (ctx.nodeId().isEmpty()) {
            return new WriteVerdict.Accept(AcceptReason.NO_NODE_ID);
        }
        // 5. the static ownership route
        String self = ctx.nodeId().get();
        RouteVerdict v = ctx.fallbackViewEnabled()
                ? ctx.table().routeWithFallbackState(key, self, ctx.isDown())
                : ctx.table().route(key, self);
        // Java 17 has no pattern switch; the sealed RouteVerdict has exactly these three cases.
        if (v instanceof RouteVerdict.Misdirected m) {
            return new WriteVerdict.Misdirected(m.writer(), ctx.peers().addr(m.writer()));
        }
        return new WriteVerdict.Accept(
                v instanceof RouteVerdict.Owned ? AcceptReason.OWNED : AcceptReason.UNKNOWN);
    }
}
