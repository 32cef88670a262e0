package movescope.sim.check;

import java.util.Optional;

/**
 * {@code NoAcceptAfterShip}: a router on the source never accepts a write for a prefix whose slice has
 * been shipped (specs/MigrationTable {@code NoAcceptAfterShip}; {@code MCMigrationTableImpl_bug.cfg}
 * finds it in the seed layout's commit window). Such a write exists only on the source, which is giving
 * the prefix away: the target's copy never gets it. Checked at each checked write a node accepts
 * (unchecked writes such as MSET never reach the router), against the slices that node's live process
 * has shipped and not taken back ({@link Shipments}: an abort, a crash or ingesting the prefix back ends
 * the mark).
 */
public final class NoAcceptAfterShip implements Invariant {
    @Override
    public String name() {
        return "NoAcceptAfterShip";
    }

    @Override
    public boolean watches(Aspect aspect) {
        return false;
    }

    @Override
    public Optional<String> onAccepted(WorldView w, String node, String key, String write) {
        return w.shipments().covering(node, key).map(s -> "node " + node + " accepted " + write + " at " + w.now()
                + " ms after the " + s.describe());
    }
}
