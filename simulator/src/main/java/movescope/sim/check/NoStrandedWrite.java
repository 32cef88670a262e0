package movescope.sim.check;

import java.util.Optional;
import movescope.model.protocol.KevyNode;

/**
 * {@code NoStrandedWrite}: the latest acknowledged write of a probe key is held by every live node that
 * currently accepts writes for that key — a node that accepts a key must not start from a store that
 * lacks what clients were told is written.
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
        Optional<WriteRecord> last = w.history().lastAcked(key);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        for (String id : w.candidates(key)) {
            KevyNode n = w.node(id);
            if (n.isUp() && n.acceptsWrite(key, w.now()) && !History.holds(last.get(), n.read(key, w.now()))) {
                return Optional.of("node " + id + " accepts writes for " + key + " but does not hold "
                        + last.get().describe());
            }
        }
        return Optional.empty();
    }
}
