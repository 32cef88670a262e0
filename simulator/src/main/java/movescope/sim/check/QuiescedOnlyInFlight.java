package movescope.sim.check;

import java.util.Map;
import java.util.Optional;
import movescope.model.protocol.KevyNode;
import movescope.model.protocol.MoveView;

/**
 * {@code QuiescedOnlyInFlight}: a node answers QUIESCED for a key only while a MOVE-SCOPE of a prefix of
 * that key is in flight on it (its command is still running) — otherwise writers would be held off by a
 * migration that no longer exists. Checked at each QUIESCED answer.
 */
public final class QuiescedOnlyInFlight implements Invariant {
    @Override
    public String name() {
        return "QuiescedOnlyInFlight";
    }

    @Override
    public boolean watches(Aspect aspect) {
        return false;
    }

    @Override
    public Optional<String> onQuiesced(WorldView w, String node, String key) {
        KevyNode n = w.node(node);
        for (Map.Entry<String, MoveView> m : n.movesInFlight().entrySet()) {
            if (key.startsWith(m.getKey())) {
                return Optional.empty();
            }
        }
        return Optional.of("node " + node + " answered QUIESCED for " + key + " with no MOVE-SCOPE of a prefix of it"
                + " in flight (in flight: " + n.movesInFlight().keySet() + ", MIGRATING: "
                + n.migratingSnapshot().keySet() + ")");
    }
}
