package movescope.sim.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import movescope.model.protocol.KevyNode;

/** {@code SingleWriter}: at any moment, at most one live node accepts checked writes for a given scoped key. */
public final class SingleWriter implements Invariant {
    @Override
    public String name() {
        return "SingleWriter";
    }

    @Override
    public boolean watches(Aspect aspect) {
        return aspect == Aspect.ROUTING;
    }

    @Override
    public Optional<String> checkKey(WorldView w, String key) {
        if (!w.scoped(key)) {
            return Optional.empty(); // no scope anywhere: every node accepts by design (scopes are opt-in)
        }
        List<String> accepting = new ArrayList<>(2);
        // With the route cache a candidate's acceptance is routed again only if the node changed since (a
        // crash elsewhere re-checks every key, and this asks its few candidates' cached entries).
        Optional<RouteCache> cache = w.routes();
        RouteCache rc = cache.isPresent() && cache.get().covers(key) ? cache.get() : null;
        for (String id : w.candidates(key)) {
            boolean accepts;
            if (rc != null) {
                accepts = rc.accepts(key, id, w.now());
            } else {
                KevyNode n = w.node(id);
                accepts = n.isUp() && n.acceptsWrite(key, w.now());
            }
            if (accepts) {
                accepting.add(id);
            }
        }
        if (accepting.size() > 1) {
            return Optional.of("nodes " + String.join(" and ", accepting) + " both accept writes for " + key);
        }
        return Optional.empty();
    }
}
