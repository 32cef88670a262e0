package movescope.cli.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import movescope.cli.report.TraceEvents;

/**
 * A run's trace laid out for the page: lanes (one per node, then one per client, then the operator), marks
 * (one trace event on one lane, an arrow when it is a message between two lanes) and spans (moves from Start to
 * Commit/Abort, nodes down from Crash to Restart, partitions until Heal). Pure data, no HTML: tested on its own.
 *
 * <p>Long runs stay readable: at most {@link #MAX_LANES} lanes are drawn (nodes and clients with nothing but
 * routine traffic fold into one "other nodes" / "other clients" lane), and when there are more than
 * {@link #MAX_MARKS} routine events (client reads and writes, heartbeats, snapshots) those far from the
 * violation are aggregated into one mark per lane and time bucket that counts them. Protocol events (the
 * move phases, crashes, restarts, partitions, config pushes, drops) are never aggregated on a drawn lane.
 */
public record Timeline(List<Lane> lanes, List<Mark> marks, List<Span> spans, long endMs, int events,
        boolean aggregated, int foldedNodes, int foldedClients) {

    public static final int MAX_LANES = 60;
    public static final int MAX_MARKS = 4000;
    static final int BUCKETS = 240;
    static final String OTHER_NODES = "other nodes";
    static final String OTHER_CLIENTS = "other clients";

    /** A lane: its id (node id, client id, "operator"), its kind (node, client, operator, folded). */
    public record Lane(String id, String kind, String label) {
    }

    /**
     * One mark. {@code to} is the lane an arrow points at (empty for a point event). {@code count} is 1 for a
     * single trace event, more for an aggregate; {@code line}/{@code text} are the trace line it shows on hover.
     */
    public record Mark(String lane, long t, String action, String css, String label, Optional<String> to,
            boolean lost, int count, int line, String text, String key, String prefix) {
    }

    /** A span on a lane from {@code from} to {@code to} ms: a move (with its prefix), a node down, a partition. */
    public record Span(String lane, long from, long to, String kind, String label, boolean open) {
    }

    static final Set<String> ROUTINE = Set.of("ClientWrite", "ClientRead", "Heartbeat", "Snapshot", "Discard");

    public static Timeline of(List<TraceEvents.Line> trace, Optional<Long> violationAt, Optional<String> violationNode) {
        long end = 0;
        Map<String, Integer> importance = new LinkedHashMap<>();
        Set<String> nodes = new LinkedHashSet<>();
        Set<String> clients = new LinkedHashSet<>();
        Map<String, String> clientNode = new LinkedHashMap<>();
        for (TraceEvents.Line l : trace) {
            JsonNode e = l.event();
            end = Math.max(end, e.path("t").asLong());
            String action = e.path("action").asText();
            for (String n : nodesOf(e)) {
                nodes.add(n);
                if (!ROUTINE.contains(action)) {
                    importance.merge(n, isMovePhase(action) ? 1000 : 1, Integer::sum);
                }
            }
            clientOf(e).ifPresent(c -> {
                clients.add(c);
                clientNode.putIfAbsent(c, e.path("node").asText(""));
            });
        }
        violationNode.ifPresent(n -> importance.merge(n, 1_000_000, Integer::sum));

        List<String> nodeList = new ArrayList<>(nodes);
        nodeList.sort(Comparator.naturalOrder());
        List<String> clientList = new ArrayList<>(clients);
        clientList.sort(Comparator.comparing((String c) -> c.equals("operator") ? 1 : 0).thenComparing(c -> c));

        Set<String> keptNodes = new LinkedHashSet<>(nodeList);
        Set<String> keptClients = new LinkedHashSet<>(clientList);
        if (nodeList.size() + clientList.size() > MAX_LANES) {
            int nodeBudget = Math.min(nodeList.size(), MAX_LANES * 2 / 3);
            keptNodes = top(nodeList, importance, nodeBudget);
            int clientBudget = MAX_LANES - keptNodes.size() - 2;
            keptClients = new LinkedHashSet<>();
            if (clients.contains("operator")) {
                keptClients.add("operator");
            }
            for (String c : clientList) {
                if (keptClients.size() >= clientBudget) {
                    break;
                }
                if (keptNodes.contains(clientNode.get(c))) {
                    keptClients.add(c);
                }
            }
        }
        List<Lane> lanes = new ArrayList<>();
        for (String n : nodeList) {
            if (keptNodes.contains(n)) {
                lanes.add(new Lane(n, "node", "node " + n));
            }
        }
        int foldedNodes = nodeList.size() - keptNodes.size();
        if (foldedNodes > 0) {
            lanes.add(new Lane(OTHER_NODES, "folded", foldedNodes + " other nodes"));
        }
        for (String c : clientList) {
            if (keptClients.contains(c)) {
                lanes.add(new Lane(c, c.equals("operator") ? "operator" : "client",
                        c.equals("operator") ? "operator" : "client " + c));
            }
        }
        int foldedClients = clientList.size() - keptClients.size();
        if (foldedClients > 0) {
            lanes.add(new Lane(OTHER_CLIENTS, "folded", foldedClients + " other clients"));
        }

        long duration = Math.max(1, end);
        long routine = trace.stream().filter(l -> ROUTINE.contains(l.event().path("action").asText())).count();
        boolean aggregate = routine > MAX_MARKS || foldedNodes + foldedClients > 0;
        long near = duration / 40; // detail kept within 2.5% of the run's length around the violation
        Set<String> finalNodes = keptNodes;
        Set<String> finalClients = keptClients;
        java.util.function.Function<String, String> nodeLane = n -> finalNodes.contains(n) ? n : OTHER_NODES;
        java.util.function.Function<String, String> clientLane = c -> finalClients.contains(c) ? c : OTHER_CLIENTS;

        List<Mark> marks = new ArrayList<>();
        Map<String, Bucket> buckets = new TreeMap<>();
        List<Span> spans = new ArrayList<>();
        Map<String, Open> moves = new LinkedHashMap<>();
        Map<String, Long> down = new LinkedHashMap<>();
        Map<String, Open> partitions = new LinkedHashMap<>();
        for (TraceEvents.Line l : trace) {
            JsonNode e = l.event();
            String action = e.path("action").asText();
            long t = e.path("t").asLong();
            String node = e.path("node").asText("");
            String key = e.path("key").asText("");
            String prefix = e.path("prefix").asText("");
            boolean isRoutine = ROUTINE.contains(action);
            boolean far = violationAt.map(v -> Math.abs(v - t) > near).orElse(true);
            Optional<String> client = clientOf(e);
            String lane;
            Optional<String> to = Optional.empty();
            if (client.isPresent() && !node.isEmpty()) {
                lane = clientLane.apply(client.get());
                to = Optional.of(nodeLane.apply(node));
            } else if (action.equals("Ship") || action.equals("Drop") || action.equals("Duplicate")
                    || action.equals("Delay")) {
                String from = e.path("from").asText(node);
                lane = nodeLane.apply(from.isEmpty() ? node : from);
                String target = e.path("to").asText("");
                to = target.isEmpty() ? Optional.empty() : Optional.of(nodeLane.apply(target));
            } else if (!node.isEmpty()) {
                lane = nodeLane.apply(node);
            } else if (action.equals("Partition") && e.path("from").isArray() && e.path("from").size() > 0) {
                lane = nodeLane.apply(e.path("from").get(0).asText());
            } else {
                lane = lanes.isEmpty() ? OTHER_NODES : lanes.get(0).id();
            }
            boolean folded = lane.equals(OTHER_NODES) || lane.equals(OTHER_CLIENTS);
            if (aggregate && (folded || (isRoutine && far))) {
                long bucket = Math.min(BUCKETS - 1, t * BUCKETS / (duration + 1));
                buckets.computeIfAbsent(lane + "\u0000" + String.format("%06d", bucket), k -> new Bucket(lane,
                        bucket * (duration + 1) / BUCKETS)).add(action, l);
            } else {
                marks.add(new Mark(lane, t, action, css(e, action), label(e, action), to,
                        action.equals("Drop"), 1, l.number(), l.text(), key, prefix));
            }
            spans(e, action, t, nodeLane, moves, down, partitions, spans);
        }
        for (Open o : moves.values()) {
            spans.add(new Span(o.lane, o.from, end, "move", o.label + " (never ended)", true));
        }
        for (Map.Entry<String, Long> d : down.entrySet()) {
            spans.add(new Span(d.getKey(), d.getValue(), end, "down", "down", true));
        }
        for (Open o : partitions.values()) {
            spans.add(new Span(o.lane, o.from, end, "partition", o.label, true));
        }
        for (Bucket b : buckets.values()) {
            marks.add(b.mark());
        }
        marks.sort(Comparator.comparingLong(Mark::t).thenComparingInt(Mark::line));
        return new Timeline(lanes, marks, spans, end, trace.size(), aggregate, foldedNodes, foldedClients);
    }

    private record Open(String lane, long from, String label) {
    }

    private static void spans(JsonNode e, String action, long t, java.util.function.Function<String, String> nodeLane,
            Map<String, Open> moves, Map<String, Long> down, Map<String, Open> partitions, List<Span> spans) {
        String node = e.path("node").asText("");
        switch (action) {
            case "Start" -> moves.put(moveKey(e), new Open(nodeLane.apply(node), t,
                    "move " + e.path("prefix").asText() + " " + e.path("from").asText() + "\u2192" + e.path("to").asText()));
            case "Commit", "CommitInsert", "Abort" -> {
                Open o = moves.remove(moveKey(e));
                if (o != null) {
                    spans.add(new Span(o.lane, o.from, t, "move", o.label + (action.equals("Abort") ? " (aborted)"
                            : " (committed)"), false));
                }
            }
            case "Crash" -> down.putIfAbsent(nodeLane.apply(node), t);
            case "Restart" -> {
                Long from = down.remove(nodeLane.apply(node));
                if (from != null) {
                    spans.add(new Span(nodeLane.apply(node), from, t, "down", "down", false));
                }
            }
            case "Partition" -> {
                String id = e.path("partition").asText("");
                String lane = e.path("from").isArray() && e.path("from").size() > 0
                        ? nodeLane.apply(e.path("from").get(0).asText()) : nodeLane.apply(node);
                partitions.put(id, new Open(lane, t, "partition " + id + ": " + join(e.path("from")) + " | "
                        + join(e.path("to")) + (e.path("oneWay").asBoolean() ? " (one-way)" : "")));
            }
            case "Heal" -> {
                String id = e.path("partition").asText("");
                List<String> ids = id.isEmpty() ? new ArrayList<>(partitions.keySet()) : List.of(id);
                for (String p : ids) {
                    Open o = partitions.remove(p);
                    if (o != null) {
                        spans.add(new Span(o.lane, o.from, t, "partition", o.label, false));
                    }
                }
            }
            default -> { }
        }
    }

    private static String join(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return String.join(",", out);
    }

    static String moveKey(JsonNode e) {
        String id = e.path("moveId").asText("");
        return id.isEmpty() ? e.path("node").asText() + "/" + e.path("prefix").asText() : id;
    }

    private static boolean isMovePhase(String action) {
        return switch (action) {
            case "Start", "Ship", "Ingest", "IngestRefused", "Commit", "CommitRemove", "CommitInsert", "Abort",
                    "ShipRetry" -> true;
            default -> false;
        };
    }

    /** The nodes an event concerns: its node, and for moves and messages the source and target. */
    static List<String> nodesOf(JsonNode e) {
        List<String> out = new ArrayList<>();
        for (String f : List.of("node", "from", "to")) {
            JsonNode v = e.path(f);
            if (v.isTextual() && !v.asText().isEmpty()) {
                out.add(v.asText());
            } else if (v.isArray()) {
                v.forEach(x -> out.add(x.asText()));
            }
        }
        return out;
    }

    /** A client event's client: {@code c1} of {@code conn: "c1@a"}; operator commands ({@code operator#3}). */
    static Optional<String> clientOf(JsonNode e) {
        String conn = e.path("conn").asText("");
        if (conn.isEmpty()) {
            return Optional.empty();
        }
        if (conn.startsWith("operator")) {
            return Optional.of("operator");
        }
        int at = conn.indexOf('@');
        return Optional.of(at > 0 ? conn.substring(0, at) : conn);
    }

    private static Set<String> top(List<String> nodes, Map<String, Integer> importance, int n) {
        List<String> ranked = new ArrayList<>(nodes);
        ranked.sort(Comparator.comparing((String x) -> -importance.getOrDefault(x, 0)).thenComparing(x -> x));
        Set<String> kept = new LinkedHashSet<>(ranked.subList(0, n));
        Set<String> ordered = new LinkedHashSet<>();
        for (String x : nodes) {
            if (kept.contains(x)) {
                ordered.add(x);
            }
        }
        return ordered;
    }

    /** The CSS classes of a mark: its action, and a reply's verdict. */
    static String css(JsonNode e, String action) {
        String verdict = e.path("verdict").asText("");
        if (action.equals("ClientRead")) {
            verdict = e.path("reply").asText("").startsWith("-") ? "error" : "read";
        } else if (verdict.isEmpty() && e.path("reply").asText("").startsWith("-")) {
            verdict = "error";
        }
        return "a-" + action + (verdict.isEmpty() ? "" : " v-" + verdict);
    }

    static String label(JsonNode e, String action) {
        return switch (action) {
            case "ClientWrite", "ClientRead" -> e.path("cmd").asText() + " " + e.path("key").asText() + " \u2192 "
                    + e.path("reply").asText();
            case "Start", "Ship", "Commit", "CommitRemove", "CommitInsert", "Abort", "Ingest", "IngestRefused" ->
                    action + " " + e.path("prefix").asText();
            case "Drop" -> "Drop " + e.path("messages").asText() + " " + e.path("from").asText() + "\u2192"
                    + e.path("to").asText() + " (lost)";
            default -> action;
        };
    }

    /** Routine events of one lane in one time bucket, drawn as one mark that counts them. */
    private static final class Bucket {
        final String lane;
        final long t;
        final Map<String, Integer> actions = new TreeMap<>();
        final List<TraceEvents.Line> sample = new ArrayList<>();
        int count;
        int firstLine = Integer.MAX_VALUE;

        Bucket(String lane, long t) {
            this.lane = lane;
            this.t = t;
        }

        void add(String action, TraceEvents.Line l) {
            actions.merge(action, 1, Integer::sum);
            count++;
            firstLine = Math.min(firstLine, l.number());
            if (sample.size() < 3) {
                sample.add(l);
            }
        }

        Mark mark() {
            StringBuilder label = new StringBuilder(count + " events:");
            actions.forEach((a, n) -> label.append(' ').append(a).append(" \u00d7").append(n));
            StringBuilder text = new StringBuilder();
            for (TraceEvents.Line l : sample) {
                text.append(l.number()).append(": ").append(l.text()).append('\n');
            }
            if (count > sample.size()) {
                text.append("\u2026 and ").append(count - sample.size()).append(" more");
            }
            return new Mark(lane, t, "aggregate", "a-aggregate", label.toString(), Optional.empty(), false, count,
                    firstLine, text.toString(), "", "");
        }
    }
}
