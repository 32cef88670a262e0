package movescope.sim.check;

import java.util.Optional;
import movescope.model.protocol.KevyNode;

/**
 * {@code NoLostWrite}: every acknowledged write (the latest one of each probe key) is still held by some
 * node's store — live, or the durable image a crashed node would rebuild. Known holders are tried first;
 * every node is scanned before a loss is claimed.
 */
public final class NoLostWrite implements Invariant {
    @Override
    public String name() {
        return "NoLostWrite";
    }

    @Override
    public boolean watches(Aspect aspect) {
        return aspect == Aspect.STORE;
    }

    @Override
    public Optional<String> checkKey(WorldView w, String key) {
        Optional<WriteRecord> last = w.history().lastAcked(key);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        WriteRecord rec = last.get();
        for (String h : w.history().holders(key)) {
            if (History.holds(rec, w.valueOn(h, key))) {
                return Optional.empty();
            }
        }
        for (KevyNode n : w.nodes()) {
            if (History.holds(rec, w.valueOn(n.name(), key))) {
                w.history().addHolder(key, n.name());
                return Optional.empty();
            }
        }
        return Optional.of("acknowledged write is held by no node: " + rec.describe());
    }
}
