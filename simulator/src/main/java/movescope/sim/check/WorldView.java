package movescope.sim.check;

import java.util.List;
import java.util.Optional;
import movescope.model.protocol.KevyNode;
import movescope.model.store.Store;
import movescope.model.store.Value;

/** What invariants may look at: the nodes (read-only accessors only), the history, and the topology. */
public interface WorldView {
    long now();

    /** Every node, in cluster order. */
    List<KevyNode> nodes();

    KevyNode node(String id);

    /** The node whose client address is {@code addr}, if any. */
    Optional<String> nodeOfAddr(String addr);

    History history();

    /** The slices each live source has shipped and not taken back (for {@link NoAcceptAfterShip}). */
    Shipments shipments();

    /** The moves that ended by a Commit or an Abort, per prefix (for {@link OrphanCopy}). */
    MoveEnds moveEnds();

    /** Nodes that may accept a checked write of {@code key} (see {@link Topology}), in cluster order. */
    List<String> candidates(String key);

    /** Whether some live node's table has a scope for {@code key}. */
    boolean scoped(String key);

    /**
     * The incremental per-key route cache ({@link RouteCache}), if this world keeps one; empty makes the
     * checks route every node from scratch (the reference path).
     */
    default Optional<RouteCache> routes() {
        return Optional.empty();
    }

    /**
     * A number that changes (grows) whenever node {@code id} processes an input, so its store may have
     * changed; between two equal answers the store lost at most expired keys. -1: not known (every read
     * of the store is then done afresh).
     */
    default long storeVersion(String id) {
        return -1;
    }

    /**
     * Options.Checks.AUDITED: answers computed incrementally are compared with ones computed from scratch
     * (an IllegalStateException on a difference).
     */
    default boolean audited() {
        return false;
    }

    /** What node {@code id} holds for {@code key}: its live store if up, else what a restart would rebuild. */
    Optional<Value> valueOn(String id, String key);

    /**
     * The one definition of {@link #valueOn} for a node, shared by the real world (which caches the
     * recoverable stores) and test worlds, so that a test world cannot answer differently for a down node:
     * up, the live store; down, what its restart would rebuild from snapshot and log.
     */
    static Optional<Value> held(KevyNode n, String key, long now, Optional<List<Store>> recoverable) {
        if (n.isUp()) {
            return n.read(key, now);
        }
        if (recoverable.isEmpty()) {
            return Optional.empty();
        }
        List<Store> s = recoverable.get();
        return s.get(n.shardOf(key)).get(key, now);
    }
}
