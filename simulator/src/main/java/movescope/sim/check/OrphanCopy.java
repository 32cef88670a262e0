package movescope.sim.check;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import movescope.model.protocol.KevyNode;
import movescope.model.protocol.MigratingEntry;
import movescope.model.protocol.MoveView;
import movescope.model.routing.WriteVerdict;
import movescope.model.scope.Scope;
import movescope.model.store.Value;

/**
 * {@code OrphanCopy} (docs/vocabulary.md): once a move of a prefix has ended (Commit or Abort), no live
 * node that was the source or the target of an ended move of a prefix of a key holds that key in its
 * store unless it owns the key: it accepts writes for it now, it is the fallback of the key's scope in its
 * own table, it is the target of the last committed move of a prefix of the key (the owner the operator
 * is about to configure: kevy 5.4 has no gossip), or it takes part, as source or target, in a move of a
 * prefix of the key that is still in flight (the copy that is legitimately being shipped; a down source
 * whose MIGRATING entry is durable resumes its move at boot, so that move is still in flight). What is
 * left is a stale copy that nobody writes to any more and that a later config push, restart, snapshot
 * boot or move back can bring back to life.
 *
 * <p>In the default list of {@code fixed} scenarios only ({@code Expectations.defaultHold}); opt-in elsewhere
 * ({@code expect.hold} or {@code expect.violation}): without {@code sliceHandover} the source keeps the shipped
 * slice at commit, so it is violated by every committed move of a non-empty slice in {@code kevy-5.4}. Only
 * probe keys and only live stores are looked at (a down node is checked again when it boots, when its copy
 * is back in memory).
 */
public final class OrphanCopy implements Invariant {
    @Override
    public String name() {
        return "OrphanCopy";
    }

    @Override
    public boolean watches(Aspect aspect) {
        return true;
    }

    @Override
    public Optional<String> checkKey(WorldView w, String key) {
        MoveEnds ends = w.moveEnds();
        if (ends.isEmpty()) {
            return Optional.empty();
        }
        List<MoveEnds.Ended> ended = ends.covering(key);
        if (ended.isEmpty()) {
            return Optional.empty();
        }
        String designated = ends.lastCommit(key).map(MoveEnds.Ended::to).orElse(null);
        long now = w.now();
        for (String id : ends.parties(key)) {
            KevyNode n = w.node(id);
            if (n == null || !n.isUp() || id.equals(designated)) {
                continue;
            }
            Optional<Value> held = n.read(key, now);
            if (held.isEmpty()) {
                continue;
            }
            WriteVerdict v = n.routeWrite(key, now);
            if (v.accepted() || isFallback(n, key) || inFlight(w, id, key)) {
                continue;
            }
            MoveEnds.Ended last = ended.get(ended.size() - 1);
            return Optional.of("node " + id + " holds " + key + " (a " + held.get().typeName() + ") but does not own it"
                    + " (it answers " + v.wireReply().orElse("?") + "; owner by the moves: "
                    + (designated == null ? "none" : designated) + ") after " + last.describe());
        }
        return Optional.empty();
    }

    /** Whether {@code n}'s own table names it the fallback of {@code key}'s scope. */
    private static boolean isFallback(KevyNode n, String key) {
        Optional<Scope> s = n.volatileState().orElseThrow().table().lookup(key);
        return s.isPresent() && s.get().fallback().map(n.name()::equals).orElse(false);
    }

    /** Whether {@code id} is the source or the target of a move of a prefix of {@code key} still in flight. */
    private static boolean inFlight(WorldView w, String id, String key) {
        for (KevyNode s : w.nodes()) {
            if (s.isUp()) {
                for (MoveView m : s.movesInFlight().values()) {
                    if (key.startsWith(m.prefix()) && (m.from().equals(id) || m.to().equals(id))) {
                        return true;
                    }
                }
            } else {
                for (Map.Entry<String, MigratingEntry> e : s.durable().migrating().entrySet()) {
                    if (key.startsWith(e.getKey()) && (e.getValue().from().equals(id) || e.getValue().to().equals(id))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
