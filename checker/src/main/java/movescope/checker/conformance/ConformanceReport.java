package movescope.checker.conformance;

import java.util.List;

/**
 * The result of replaying a spec's reachable state graph against the Java model.
 *
 * @param spec             which spec/config was replayed
 * @param states           distinct states in the graph
 * @param edges            transitions in the graph
 * @param statesAgreed     states the Java model could be put in and whose queries agreed with the spec
 * @param edgesAgreed      transitions whose Java result and successor state agreed with the spec
 * @param queriesCompared  individual query comparisons made (e.g. match_* per probe key per state)
 * @param callsCovered     (state, call) pairs of the Java API found as spec transitions (completeness)
 * @param failureCount     every disagreement found
 * @param failures         the first disagreements, each naming its state or edge
 * @param tlcSeconds       time TLC took to produce the graph
 */
public record ConformanceReport(String spec, long states, long edges, long statesAgreed, long edgesAgreed,
        long queriesCompared, long callsCovered, long failureCount, List<String> failures, double tlcSeconds) {
    public ConformanceReport {
        failures = List.copyOf(failures);
    }

    /** Every state and edge covered and agreed, and there was a graph at all. */
    public boolean ok() {
        return failureCount == 0 && states > 0 && statesAgreed == states && edgesAgreed == edges;
    }

    public String summary() {
        return spec + ": " + (ok() ? "AGREES" : "DISAGREES") + " — states " + statesAgreed + "/" + states
                + ", edges " + edgesAgreed + "/" + edges + ", queries " + queriesCompared + ", calls covered "
                + callsCovered + ", failures " + failureCount
                + (failures.isEmpty() ? "" : "\n  " + String.join("\n  ", failures));
    }
}
