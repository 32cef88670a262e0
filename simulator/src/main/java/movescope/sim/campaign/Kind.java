package movescope.sim.campaign;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One failure kind of a campaign: the runs with one {@link Signature}, and what the campaign learnt from
 * shrinking the first of them.
 *
 * @param name       {@code kind-<rank>-<signature slug>}: the shrunk scenario's name and file name
 * @param runIndexes the runs of this kind, in index order
 * @param shrunk     empty when shrinking was skipped (no budget, or the campaign was interrupted)
 */
public record Kind(int rank, String name, Signature signature, List<Integer> runIndexes, long firstSeed,
        String firstSummary, Optional<Shrunk> shrunk) {
    public Kind {
        runIndexes = List.copyOf(runIndexes);
    }

    public int count() {
        return runIndexes.size();
    }

    public int firstRun() {
        return runIndexes.get(0);
    }

    /**
     * The shrunk reproduction of a kind.
     *
     * @param scenarioJson the regression scenario (expect.violation and the steps' replies filled in)
     * @param regression   whether that scenario passes {@code movescope run} (checked by running it)
     * @param fixpoint     whether the shrinker stopped because no pass removed anything (not the budget)
     * @param remedies     every {@code fixed} remedy switch, turned on alone: the verdict of the shrunk run
     * @param removedBy    the switches whose remedy alone makes the shrunk run pass
     */
    public record Shrunk(String scenarioJson, int steps, int nodes, int clients, int keys, long endMs, int shrinkRuns,
            boolean fixpoint, boolean regression, String summary, String explanation,
            SortedMap<String, String> remedies, List<String> removedBy) {
        public Shrunk {
            removedBy = List.copyOf(removedBy);
        }
    }
}
