package movescope.sim.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import movescope.gen.Rng;
import movescope.model.protocol.Input;
import movescope.model.protocol.KevyNode;
import movescope.model.protocol.NodeConfig;
import movescope.model.protocol.Variant;
import movescope.model.routing.Peer;
import movescope.model.scope.Scope;
import org.junit.jupiter.api.Test;

/**
 * The incremental {@link Topology} against the computation it replaced: seeded sequences of crashes,
 * restarts and config pushes (shared and private scopes lists, so groups split, merge, move in the order
 * and vanish; nodes with and without {@code node_id}; keys scoped in some lists only) and new move targets,
 * with every answer audited against the candidates computed from scratch (an audit difference throws).
 * Reproduce with {@code mvn -o -q -pl simulator test -Dtest=TopologyTest}.
 */
class TopologyTest {
    static final List<String> IDS = List.of("a", "b", "c", "d", "e", "f");
    static final List<String> KEYS = List.of("app:1", "app:2", "tmp:1", "user:1", "user:2", "zzz:1");

    static List<Peer> peers() {
        List<Peer> out = new ArrayList<>();
        for (int i = 0; i < IDS.size(); i++) {
            out.add(new Peer(IDS.get(i), "10.0.0." + (i + 1), 16100, 6004));
        }
        return out;
    }

    @Test
    void incrementalAnswersEqualTheFromScratchOnesThroughCrashesRestartsAndPushes() throws Exception {
        List<Peer> peers = peers();
        List<List<Scope>> lists = List.of(
                NodeConfig.parseScopes("app:=a|b, user:=b|c, tmp:=c"),
                NodeConfig.parseScopes("app:=b|a, user:=c, tmp:=c|d"),
                NodeConfig.parseScopes("app:=d|e, user:=e|f"),
                NodeConfig.parseScopes("tmp:=f"),
                List.of());
        long audited = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Rng rng = Rng.of(seed);
            List<KevyNode> nodes = new ArrayList<>();
            // The same list object for several nodes: one group, as nodes sharing their config's list.
            List<Scope> shared = lists.get(rng.nextInt(lists.size()));
            for (String id : IDS) {
                List<Scope> l = rng.chance(0.7) ? shared : lists.get(rng.nextInt(lists.size()));
                nodes.add(new KevyNode(id, new NodeConfig(rng.chance(0.8) ? Optional.of(id) : Optional.empty(), peers, l),
                        Variant.KEVY_54));
            }
            Topology t = new Topology(nodes, true, true);
            long now = 0;
            for (int step = 0; step < 300; step++) {
                now += 10;
                int i = rng.nextInt(nodes.size());
                KevyNode n = nodes.get(i);
                switch (rng.nextInt(5)) {
                    case 0 -> n.step(new Input.Crash());
                    case 1 -> n.step(new Input.Restart(now));
                    case 2, 3 -> {
                        // A push: often a list another node already runs (joining its group), else a copy.
                        List<Scope> l = rng.chance(0.5) ? nodes.get(rng.nextInt(nodes.size())).config().scopes()
                                : List.copyOf(lists.get(rng.nextInt(lists.size())));
                        n.step(new Input.PushConfig(new NodeConfig(
                                rng.chance(0.8) ? Optional.of(n.name()) : Optional.empty(), peers, l)));
                        n.step(new Input.Restart(now));
                    }
                    default -> t.addMoveTarget(rng.pick(List.of("app:", "tmp:", "user:1", "")), rng.pick(IDS));
                }
                t.nodeChanged(n.name());
                if (rng.chance(0.5)) {
                    t.nodeChanged(n.name()); // a restart of a live node is a Crash and a Restart: two calls
                }
                // Ask about some keys only, so cached answers of the others must survive (or be dropped) correctly.
                for (String k : KEYS) {
                    if (rng.chance(0.6)) {
                        t.scoped(k);
                        t.candidates(k);
                        audited++;
                    }
                }
            }
        }
        assertTrue(audited > 10_000, "audited " + audited);
    }

    @Test
    void theAuditCatchesAChangeTheTopologyWasNotToldAbout() throws Exception {
        List<Peer> peers = peers();
        List<Scope> l = NodeConfig.parseScopes("app:=a|b");
        List<KevyNode> nodes = new ArrayList<>();
        for (String id : List.of("a", "b")) {
            nodes.add(new KevyNode(id, new NodeConfig(Optional.of(id), peers, l), Variant.KEVY_54));
        }
        Topology t = new Topology(nodes, true, true);
        assertEquals(List.of("a", "b"), t.candidates("app:1"));
        nodes.get(0).step(new Input.Crash()); // not reported to the topology
        assertThrows(IllegalStateException.class, () -> t.candidates("app:1"));
    }
}
