package movescope.sim.check;

import java.util.Optional;
import movescope.model.protocol.KevyNode;

/**
 * {@code NoStrandedWrite}: the latest acknowledged write of a scoped probe key is held by every live node
 * that currently accepts writes for that key — a node that accepts a key must not start from a store that
 * lacks what clients were told is written. Only keys under a scope of some live node's table are
 * checked (like {@link SingleWriter}): a key outside every scope is accepted by every node by design, so
 * "the node that accepts it" is not one node and a write on one of them is not stranded on the others.
 */
public final class NoStrandedWrite implements Invariant {
    @Override
    public String name() {
        return "NoStrandedWrite";
    }

    @Override
    public boolean watches(Aspect aspect) {
        return true;
    }

    @Override
    public Optional<String> checkKey(WorldView w, String key) {
        if (!w.scoped(key)) {
            // No live node's table has a scope for the key: every node accepts it by design (scopes are
            // opt-in), so a write held by one node only is where the client put it, not stranded.
            return Optional.empty();
        }
        Optional<WriteRecord> last = w.history().lastAcked(key);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        // With the route cache a candidate's acceptance is its cached entry (routed again only if it changed).
        Optional<RouteCache> cache = w.routes();
        RouteCache rc = cache.isPresent() && cache.get().covers(key) ? cache.get() : null;
        for (String id : w.candidates(key)) {
            KevyNode n = w.node(id);
            boolean accepts = rc != null ? rc.accepts(key, id, w.now()) : n.isUp() && n.acceptsWrite(key, w.now());
            if (accepts && !History.holds(last.get(), n.read(key, w.now()), w.now())) {
                return Optional.of("node " + id + " accepts writes for " + key + " but does not hold "
                        + last.get().describe());
            }
        }
        return Optional.empty();
    }
}
