package movescope.checker.graph;

import java.util.List;
import movescope.checker.tla.TlaValue;
import movescope.checker.tlc.TlcResult;

/**
 * A spec's full reachable state graph plus what the spec printed about each state.
 *
 * @param graph   the dumped graph
 * @param printed every {@code PrintT} value, in print order (probes evaluated by TLC itself)
 * @param tlc     the TLC run that produced them (must be a PASS for the graph to be complete)
 */
public record GraphDump(StateGraph graph, List<TlaValue> printed, TlcResult tlc) {
    public GraphDump {
        printed = List.copyOf(printed);
    }
}
