package movescope.sim.check;

import java.util.Optional;
import movescope.model.protocol.KevyNode;

/**
 * {@code NoLostWrite}: an acknowledged write may disappear only by being superseded. Precisely, for each
 * probe key k let w be the latest write of k that any node applied (the sequential simulator orders all
 * applications exactly). If w was acknowledged, some node's store — live, or the durable image a crashed
 * node would rebuild — must hold it. If w was not acknowledged (its client timed out or got an error
 * while the node still executed it, or the network duplicated the request and it ran again), nothing is
 * claimed for k until a later applied write is acknowledged: every earlier acknowledged write was
 * legitimately overwritten by w, whatever becomes of w. So an acknowledged write is lost only if no node
 * holds it <em>and</em> no node applied a later write of the same key. This needs every application in
 * the history, including those that happen after the client stopped waiting (World ties each execution
 * to its request per arrival, not per reply); without them an acknowledged {@code SET k v1} overwritten
 * by a timed-out {@code SET k v2} looked lost.
 *
 * <p>The node that applied the write is tried first, then the known holders; every node is scanned
 * before a loss is claimed.
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
        // The node that applied it is a holder and usually still holds it: asked first, the answer is the
        // same (some holder holds it) without reading the holders before it in name order.
        if (History.holds(rec, w.valueOn(rec.node(), key), w.now())) {
            return Optional.empty();
        }
        for (String h : w.history().holders(key)) {
            if (History.holds(rec, w.valueOn(h, key), w.now())) {
                return Optional.empty();
            }
        }
        for (KevyNode n : w.nodes()) {
            if (History.holds(rec, w.valueOn(n.name(), key), w.now())) {
                w.history().addHolder(key, n.name());
                return Optional.empty();
            }
        }
        return Optional.of("acknowledged write is held by no node: " + rec.describe());
    }
}
