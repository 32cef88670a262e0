package movescope.checker.graph;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import movescope.checker.tla.TlaValue;
import movescope.checker.tla.TlaValueException;
import movescope.checker.tla.TlaValueParser;
import movescope.checker.tlc.TlcOutputInterpreter;

/**
 * Reads the dot file of TLC 2.18's {@code -dump dot,actionlabels F}, whose format (checked by running it)
 * is, one item per line:
 * <pre>
 * strict digraph DiskGraph {
 * 2025838217055841647 [label="/\\ last = [...]\n/\\ migrated = << >>",style = filled]   (initial state)
 * 2025838217055841647 -> 826159678613179244 [label="Start",color="black",fontcolor="black"];
 * 826159678613179244 [label="/\\ x = 1"];                                             (other state)
 * {rank = same; ...}
 * </pre>
 * Labels escape backslash, quote and newline ({@code \\}, {@code \"}, {@code \n}); a spec with one variable
 * prints {@code x = 0} without the conjunction bullet. Every generated transition is an edge, including
 * self-loops and edges to already-known states.
 */
public final class DotGraphParser {
    private static final Pattern NODE = Pattern.compile("^(-?\\d+) \\[label=\"((?:[^\"\\\\]|\\\\.)*)\"(.*)\\];?$");
    private static final Pattern EDGE =
            Pattern.compile("^(-?\\d+) -> (-?\\d+)(?: \\[label=\"((?:[^\"\\\\]|\\\\.)*)\".*\\])?;?$");

    private DotGraphParser() {
    }

    public static StateGraph parse(Path dotFile) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(dotFile, StandardCharsets.UTF_8)) {
            return parse(r.lines().toList(), dotFile.toString());
        }
    }

    /** Parses the lines of a dot dump; {@code source} names it in error messages. */
    public static StateGraph parse(List<String> lines, String source) {
        Map<String, StateGraph.State> states = new LinkedHashMap<>();
        List<StateGraph.Edge> edges = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            Matcher e = EDGE.matcher(line);
            if (e.matches()) {
                edges.add(new StateGraph.Edge(e.group(1), e.group(2), e.group(3) == null ? "" : unescape(e.group(3))));
                continue;
            }
            Matcher n = NODE.matcher(line);
            if (n.matches()) {
                String id = n.group(1);
                Map<String, TlaValue> vars = new LinkedHashMap<>();
                String label = unescape(n.group(2));
                try {
                    for (Map.Entry<String, String> a : TlcOutputInterpreter.parseAssignments(label.lines().toList())
                            .entrySet()) {
                        vars.put(a.getKey(), TlaValueParser.parse(a.getValue()));
                    }
                } catch (TlaValueException ex) {
                    throw new IllegalArgumentException(source + ":" + lineNo + ": state " + id + ": " + ex.getMessage(),
                            ex);
                }
                boolean initial = n.group(3).contains("style = filled");
                StateGraph.State previous = states.put(id, new StateGraph.State(id, vars, initial));
                if (previous != null && !previous.variables().equals(vars)) {
                    throw new IllegalArgumentException(source + ":" + lineNo + ": state " + id
                            + " printed twice with different values");
                }
            }
        }
        for (StateGraph.Edge edge : edges) {
            if (!states.containsKey(edge.from()) || !states.containsKey(edge.to())) {
                throw new IllegalArgumentException(source + ": edge " + edge + " names a state the dump never printed");
            }
        }
        return new StateGraph(states, edges);
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                sb.append(e == 'n' ? '\n' : e);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
