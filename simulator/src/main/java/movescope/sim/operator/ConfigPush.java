package movescope.sim.operator;

import java.util.ArrayList;
import java.util.List;
import movescope.model.protocol.NodeConfig;
import movescope.model.routing.Peer;
import movescope.model.scope.Scope;
import movescope.sim.scenario.ClusterSpec;
import movescope.sim.scenario.Step;

/**
 * What an operator's config push writes: the node's config for its next boot with the fields the step
 * names replaced, and the rewrite of one scope's writer that chaos rolls out after a MOVE-SCOPE. Pure
 * functions of the current config and the step.
 */
public final class ConfigPush {
    private ConfigPush() {
    }

    /** {@code cur} with the fields {@code p} sets replaced; peers are resolved through {@code cluster}. */
    public static NodeConfig apply(NodeConfig cur, Step.PushConfigStep p, ClusterSpec cluster) {
        NodeConfig cfg = cur;
        if (p.nodeId().isPresent()) {
            cfg = cfg.withNodeId(p.nodeId().get() ? p.node() : null);
        }
        if (p.peers().isPresent()) {
            List<Peer> peers = new ArrayList<>();
            for (String id : p.peers().get()) {
                peers.add(cluster.peerOf(cluster.node(id).orElseThrow()));
            }
            cfg = cfg.withPeers(peers);
        }
        if (p.scopes().isPresent()) {
            cfg = cfg.withScopes(p.scopes().get());
        }
        if (p.shards().isPresent()) {
            cfg = cfg.withShards(p.shards().getAsInt());
        }
        return cfg;
    }

    /** {@code cur}'s scopes with {@code prefix} now written by {@code writer} (who stops being its fallback). */
    public static List<Scope> withWriter(NodeConfig cur, String prefix, String writer) {
        List<Scope> scopes = new ArrayList<>();
        for (Scope s : cur.scopes()) {
            scopes.add(s.prefix().equals(prefix) ? new Scope(s.prefix(), writer,
                    s.fallback().filter(f -> !f.equals(writer))) : s);
        }
        return List.copyOf(scopes);
    }
}
