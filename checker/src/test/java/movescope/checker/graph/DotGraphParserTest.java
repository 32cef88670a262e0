package movescope.checker.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import movescope.checker.tla.TlaValue;
import org.junit.jupiter.api.Test;

/**
 * Proves the dot-dump reader on lines copied from a real TLC 2.18 {@code -dump dot,actionlabels} file:
 * initial states ({@code style = filled}), other states (trailing {@code ;}), escaped labels with newlines,
 * multi-line pretty-printed records, self-loops, and the one-variable label form; and that an edge to a
 * state never printed is an error. Pure, no TLC.
 */
class DotGraphParserTest {
    private static final List<String> DOT = List.of(
            "strict digraph DiskGraph {",
            "nodesep=0.35;",
            "subgraph cluster_graph {",
            "color=\"white\";",
            "2025838217055841647 [label=\"/\\\\ last = [from |-> \\\"-\\\", to |-> \\\"-\\\", op |-> \\\"Init\\\", prefix |-> \\\"-\\\", result |-> \\\"-\\\"]\\n/\\\\ migrated = << >>\\n/\\\\ migrating = << >>\",style = filled]",
            "2025838217055841647 -> 1384527144918332951 [label=\"Start\",color=\"black\",fontcolor=\"black\"];",
            "1384527144918332951 [label=\"/\\\\ last = [ from |-> \\\"a\\\",\\n  to |-> \\\"a\\\",\\n  op |-> \\\"Start\\\",\\n  prefix |-> \\\"app:billing:\\\",\\n  result |-> \\\"ok\\\" ]\\n/\\\\ migrated = << >>\\n/\\\\ migrating = (\\\"app:billing:\\\" :> [from |-> \\\"a\\\", to |-> \\\"a\\\"])\"];",
            "1384527144918332951 -> 1384527144918332951 [label=\"Stay\",color=\"black\",fontcolor=\"black\"];",
            "{rank = same; 2025838217055841647;}",
            "}",
            "}");

    @Test
    void statesEdgesAndValuesAreRead() {
        StateGraph g = DotGraphParser.parse(DOT, "test");
        assertEquals(2, g.states().size());
        assertEquals(List.of(new StateGraph.Edge("2025838217055841647", "1384527144918332951", "Start"),
                new StateGraph.Edge("1384527144918332951", "1384527144918332951", "Stay")), g.edges());
        StateGraph.State init = g.states().get("2025838217055841647");
        assertTrue(init.initial());
        StateGraph.State s = g.states().get("1384527144918332951");
        assertFalse(s.initial());
        TlaValue.Fcn last = (TlaValue.Fcn) s.get("last");
        assertEquals("app:billing:", last.field("prefix").asText());
        assertEquals(1, s.get("migrating").asFunction().size());
        assertEquals(List.of("last", "migrated", "migrating"), List.copyOf(s.variables().keySet()));
    }

    @Test
    void oneVariableLabelsAndDanglingEdges() {
        StateGraph g = DotGraphParser.parse(List.of("1 [label=\"x = 0\",style = filled]", "2 [label=\"x = 1\"];",
                "1 -> 2 [label=\"Flip\",color=\"black\",fontcolor=\"black\"];"), "t");
        assertEquals(new TlaValue.Int(1), g.states().get("2").get("x"));
        assertThrows(IllegalArgumentException.class, () -> DotGraphParser.parse(List.of("1 [label=\"x = 0\"];",
                "1 -> 3 [label=\"Flip\"];"), "t"));
    }
}
