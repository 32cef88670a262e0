package movescope.sim.swarm;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import movescope.sim.scenario.Expectations;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.Step;

/**
 * Moves steps in time for the shrinker: every step at or after {@code from} happens {@code by} ms earlier,
 * and so do the times that refer to them (a network rule's {@code untilMs}, {@code expect.migrationsEndBy},
 * {@code endMs}), so the candidate is the same story told faster. Steps keep their order.
 */
final class Retime {
    private Retime() {}

    static Scenario earlier(Scenario s, long from, long by) {
        List<Step> out = new ArrayList<>(s.steps().size());
        for (Step st : s.steps()) {
            out.add(st.at() >= from ? at(st, st.at() - by, from, by) : st);
        }
        Expectations ex = s.expect();
        OptionalLong endBy = ex.migrationsEndBy();
        if (endBy.isPresent() && endBy.getAsLong() >= from) {
            endBy = OptionalLong.of(Math.max(0, endBy.getAsLong() - by));
        }
        Expectations ex2 = ex.withMigrationsEndBy(endBy);
        long end = s.endMs() >= from ? Math.max(1, s.endMs() - by) : s.endMs();
        if (s.chaos().isPresent()) {
            end = Math.max(end, s.chaos().get().untilMs() + s.chaos().get().healBoundMs()); // the phase must fit
        }
        return s.withSteps(out).withExpect(ex2).withEnd(end, s.maxEvents());
    }

    private static Step at(Step st, long t, long from, long by) {
        if (st instanceof Step.ClientStep c) {
            return new Step.ClientStep(t, c.client(), c.command(), c.expect());
        }
        if (st instanceof Step.OperatorStep o) {
            return new Step.OperatorStep(t, o.node(), o.command(), o.expect());
        }
        if (st instanceof Step.CrashStep c) {
            return new Step.CrashStep(t, c.node());
        }
        if (st instanceof Step.RestartStep r) {
            return new Step.RestartStep(t, r.node());
        }
        if (st instanceof Step.SnapshotStep sn) {
            return new Step.SnapshotStep(t, sn.node());
        }
        if (st instanceof Step.PushConfigStep p) {
            return new Step.PushConfigStep(t, p.node(), p.nodeId(), p.peers(), p.scopes(),
                    p.shards(), p.restart());
        }
        if (st instanceof Step.PartitionStep p) {
            return new Step.PartitionStep(t, p.from(), p.to(), p.oneWay());
        }
        if (st instanceof Step.HealStep h) {
            return new Step.HealStep(t);
        }
        if (st instanceof Step.NetRuleStep r) {
            return new Step.NetRuleStep(t, r.kind(), r.from(), r.to(), r.messages(), r.count(),
                    r.untilMs().isPresent() && r.untilMs().getAsLong() >= from
                    ? OptionalLong.of(Math.max(t, r.untilMs().getAsLong() - by)) : r.untilMs(),
                    r.probability(), r.delayMs());
        }
        if (st instanceof Step.EintrStep e) {
            return new Step.EintrStep(t, e.node(), e.count());
        }
        throw new IllegalArgumentException("unknown step " + st);
    }
}
