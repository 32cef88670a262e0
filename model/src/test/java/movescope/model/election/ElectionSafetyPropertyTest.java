package movescope.model.election;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import movescope.gen.Gen;
import movescope.gen.Property;
import org.junit.jupiter.api.Test;

/**
 * Invariant {@code OneWinnerPerEpoch} (docs/vocabulary.md): under any schedule of message loss, one-way
 * and two-way cuts, and crashes with restarts (which keep only {@code elect.meta}), no two nodes win an
 * election in the same epoch. kevy's one-vote-per-epoch rule, saved before the ACCEPT leaves, is what
 * makes it hold; the planted defect below (a voter that ignores "epoch not above mine" and "already voted")
 * shows the property finding and shrinking a double win. Reproduce a failure with
 * {@code -Dmovescope.seed=N} as the report says.
 */
class ElectionSafetyPropertyTest {

    /** One run: cluster size, network seed, loss, cuts and outages. */
    record Schedule(int nodes, long seed, double loss, List<ElectorCluster.Cut> cuts, List<ElectorCluster.Outage> outages) {
        List<String> ids() {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                ids.add(String.valueOf((char) ('a' + i)));
            }
            return ids;
        }
    }

    static final long RUN_MS = 60_000;

    private static Gen<ElectorCluster.Cut> cut(int nodes) {
        Gen<int[]> pair = Gen.zip(Gen.choose(0, nodes - 1), Gen.choose(0, nodes - 2),
                (f, t) -> new int[] {f, t >= f ? t + 1 : t});
        Gen<long[]> window = Gen.zip(Gen.longs(0, 50_000), Gen.longs(500, 20_000), (s, d) -> new long[] {s, s + d});
        return Gen.zip(pair, window, (p, w) -> new ElectorCluster.Cut(String.valueOf((char) ('a' + p[0])),
                String.valueOf((char) ('a' + p[1])), w[0], w[1]));
    }

    private static Gen<ElectorCluster.Outage> outage(int nodes) {
        return Gen.zip(Gen.choose(0, nodes - 1), Gen.zip(Gen.longs(0, 50_000), Gen.longs(100, 15_000), (a, d) -> new long[] {a, d}),
                (n, w) -> new ElectorCluster.Outage(String.valueOf((char) ('a' + n)), w[0], w[1]));
    }

    static Gen<Schedule> schedules() {
        return Gen.choose(3, 5).flatMap(n -> Gen.zip(
                Gen.zip(Gen.longs(0, Long.MAX_VALUE / 2), Gen.elements(0.0, 0.05, 0.2, 0.5), (s, l) -> new Object[] {s, l}),
                Gen.zip(Gen.listOf(cut(n), 0, 12), Gen.listOf(outage(n), 0, 4), (c, o) -> new Object[] {c, o}),
                (a, b) -> {
                    @SuppressWarnings("unchecked")
                    List<ElectorCluster.Cut> cuts = (List<ElectorCluster.Cut>) b[0];
                    @SuppressWarnings("unchecked")
                    List<ElectorCluster.Outage> outs = (List<ElectorCluster.Outage>) b[1];
                    return new Schedule(n, (Long) a[0], (Double) a[1], cuts, outs);
                }));
    }

    static ElectorCluster run(Schedule s, java.util.function.BiFunction<String, ElectMeta, Elector> factory) {
        ElectorCluster c = new ElectorCluster(s.ids(), s.seed(), s.loss(), 20, factory);
        s.cuts().forEach(c::cut);
        c.run(RUN_MS, s.outages());
        return c;
    }

    @Test
    void oneWinnerPerEpochUnderLossCutsAndCrashes() {
        Property.forAll(schedules()).trials(100).verify(s -> {
            List<String> ids = s.ids();
            ElectorCluster c = run(s, (id, m) -> new Elector(id, ids, id + ":6004", m));
            assertNull(c.doubleWin(), () -> c.log.toString());
        });
    }

    /** A voter that grants every offer its offset rules allow, however often: the double vote. */
    static final class DoubleVoter extends Elector {
        DoubleVoter(String id, List<String> peers, String addr, ElectMeta m) {
            super(id, peers, addr, m);
        }

        @Override
        protected boolean grantsVote(long newEpoch, String candidateId, long replOffset) {
            return !Elector.bytewiseLess(nodeId(), candidateId);
        }

        @Override
        protected Elector newInstance(String id, List<String> peers, String addr, ElectMeta restored) {
            return new DoubleVoter(id, peers, addr, restored);
        }
    }

    @Test
    void thePropertyCatchesAPlantedDoubleVote() {
        Property.Outcome<Schedule> o = Property.forAll(schedules()).trials(300).seed(7).run(s -> {
            List<String> ids = s.ids();
            ElectorCluster c = run(s, (id, m) -> new DoubleVoter(id, ids, id + ":6004", m));
            assertNull(c.doubleWin(), () -> c.log.toString());
        });
        assertTrue(o instanceof Property.Outcome.Failed, "a double vote must produce two winners in some schedule");
        Schedule shrunk = ((Property.Outcome.Failed<Schedule>) o).shrunk();
        assertTrue(shrunk.cuts().size() >= 1, "two candidates in one epoch need a cut between them: " + shrunk);
    }
}
