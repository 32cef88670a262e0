package movescope.live.drive;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import movescope.model.scope.Scope;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.Step;

/**
 * Which node the operator believes writes a key at the end, judged from the outside only: the cluster's
 * scopes, then, in time order, every MOVE-SCOPE that answered {@code +OK} (its TO node) and every pushed
 * {@code scopes} (its writers). This is what {@code expect.values} without a node and NoStrandedWrite read
 * against in live mode; a key under no scope, or whose writer is no node, has no believed owner.
 */
final class OwnerBelief {
    private OwnerBelief() {
    }

    static TreeMap<String, String> atEnd(Scenario sc, List<LiveDriver.StepRun> runs) {
        record Event(long at, String prefix, String writer) {}
        List<Event> events = new ArrayList<>();
        for (LiveDriver.StepRun r : runs) {
            if (r.step() instanceof Step.OperatorStep os && os.command().size() == 6
                    && os.command().get(0).equalsIgnoreCase("MOVE-SCOPE") && r.reply().orElse("").startsWith("+OK")) {
                events.add(new Event(r.replyMs(), os.command().get(1), os.command().get(5)));
            } else if (r.step() instanceof Step.PushConfigStep p && p.scopes().isPresent() && r.outcome().equals("done")) {
                for (Scope s : p.scopes().get()) {
                    events.add(new Event(r.sentMs(), s.prefix(), s.writer()));
                }
            }
        }
        events.sort((a, b) -> Long.compare(a.at, b.at));
        TreeMap<String, String> owner = new TreeMap<>();
        for (Scope s : sc.cluster().scopes()) {
            owner.put(s.prefix(), s.writer());
        }
        for (Event e : events) {
            owner.put(e.prefix, e.writer);
        }
        return owner;
    }

    /** The believed writer of {@code key} (longest prefix), if it is a node of the scenario. */
    static Optional<String> of(TreeMap<String, String> owner, Scenario sc, String key) {
        String best = null;
        for (String p : owner.keySet()) {
            if (key.startsWith(p) && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String w = owner.get(best);
        return sc.cluster().node(w).isPresent() ? Optional.of(w) : Optional.empty();
    }

    static boolean scoped(TreeMap<String, String> owner, String key) {
        return owner.keySet().stream().anyMatch(key::startsWith);
    }
}
