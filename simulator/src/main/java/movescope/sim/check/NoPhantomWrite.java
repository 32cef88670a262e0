package movescope.sim.check;

import java.util.Optional;

/**
 * {@code NoPhantomWrite}: every write held by a store was acknowledged — a write answered MISDIRECTED
 * or QUIESCED never shows up later (specs/MoveScope {@code NoPhantomWrite}). kevy 5.4 appends a write it
 * answers MISDIRECTED to its log and replays the log at boot under that boot's config, so a refused
 * write can take effect after a restart.
 *
 * <p>The spec names writes by id; the simulator's clients retry a refused write with the same value at
 * the node it was redirected to, so a value alone does not identify one attempt. An attempt is therefore
 * (refusing node, key, value): it is a phantom when the refusing node's live store shows the value while
 * that node never took it legitimately — by accepting a write of it or by ingesting it
 * ({@link History#refused}, {@link History#openRefusals}). A phantom write can only start on the node
 * that logged it (the replay is local), and every event that changes a store is followed by a check, so
 * looking at the refusing node is enough; other nodes could get the value only from it, later. Only
 * visible effects are caught: a replayed refused SET overwritten within the same replay, or a refused
 * DEL (an absence), leaves nothing to recognise. The open refusals are indexed by key and refusing node
 * ({@link History#firstShown}): a check reads each refusing node's store once, however many refusals it has.
 */
public final class NoPhantomWrite implements Invariant {
    @Override
    public String name() {
        return "NoPhantomWrite";
    }

    @Override
    public boolean watches(Aspect aspect) {
        return aspect == Aspect.STORE;
    }

    @Override
    public Optional<String> checkKey(WorldView w, String key) {
        // A down node's store is checked when it restarts (that boot's replay is the typical moment).
        return w.history().firstShown(key, w)
                .map(r -> "node " + r.node() + " holds a write it refused: " + r.describe());
    }
}
