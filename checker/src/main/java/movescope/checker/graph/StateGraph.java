package movescope.checker.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import movescope.checker.tla.TlaValue;

/**
 * The reachable state graph TLC dumped with {@code -dump dot,actionlabels}.
 *
 * @param states every state by TLC's fingerprint id, in the order TLC wrote them (BFS discovery order)
 * @param edges  every transition TLC generated, self-loops and edges to known states included
 */
public record StateGraph(Map<String, State> states, List<Edge> edges) {
    public StateGraph {
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
        edges = List.copyOf(edges);
    }

    /**
     * One state.
     *
     * @param id        TLC's fingerprint (as printed)
     * @param variables variable name → value
     * @param initial   whether TLC marked it as an initial state ({@code style = filled})
     */
    public record State(String id, Map<String, TlaValue> variables, boolean initial) {
        public State {
            variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        }

        /** A variable's value; fails with the state id when the variable is missing. */
        public TlaValue get(String variable) {
            TlaValue v = variables.get(variable);
            if (v == null) {
                throw new IllegalArgumentException("state " + id + " has no variable " + variable + ": "
                        + variables.keySet());
            }
            return v;
        }
    }

    /**
     * One transition.
     *
     * @param from   source state id
     * @param to     successor state id
     * @param action the action label TLC wrote (the action's name)
     */
    public record Edge(String from, String to, String action) {
    }
}
