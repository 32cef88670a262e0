package movescope.checker.trace;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a simulator trace (NDJSON, one event per line) and keeps the events that touch a node's migration
 * table or are decided by it. Every action must be known: one that touches the table goes to the spec, one
 * of {@link #NOT_TABLE} is skipped, anything else is an error — a new simulator action must be classified
 * here, not silently ignored, or the trace check would stop checking what it claims to.
 */
public final class TraceProjection {
    /** Actions that change or consult a node's migration table. */
    public static final Set<String> TABLE = Set.of("Start", "StartRefused", "Commit", "CommitRemove", "CommitInsert",
            "Abort", "Crash", "Restart", "ClientWrite");

    /**
     * Actions that neither change nor read a table: the ship and ingest (the target's table is untouched;
     * the source's entry changes only at Commit/Abort), retries (the entry stays MIGRATING), reads, config,
     * snapshots (MIGRATED's durability is a variant switch, not a snapshot), heartbeats and network faults,
     * the election plane (its elector and write gate never touch the migration table), and scripted peers
     * (fakes that are not kevy nodes: they have no table).
     */
    public static final Set<String> NOT_TABLE = Set.of("Ship", "ShipRetry", "Ingest", "IngestRefused", "ClientRead",
            "PushConfig", "Snapshot", "Heartbeat", "Partition", "Heal", "Drop", "Duplicate", "Delay", "Elect",
            "GateChange", "ScriptedPeer", "RunEnd");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TraceProjection() {
    }

    /**
     * @param lines        every line of the file
     * @param tableEvents  the projected events, in trace order
     * @param unchecked    unchecked writes (MSET, FLUSHALL, …): no table involved, skipped
     */
    public record Projected(int lines, List<TraceEvent> tableEvents, int unchecked) {
        public Projected {
            tableEvents = List.copyOf(tableEvents);
        }
    }

    /** Projects the lines of one trace; a blank last line (the file's final newline) is allowed. */
    public static Projected project(List<String> lines) throws TraceFormatException {
        List<TraceEvent> events = new ArrayList<>();
        Sequence sequence = new Sequence();
        int unchecked = 0;
        int count = lines.size();
        while (count > 0 && lines.get(count - 1).isEmpty()) {
            count--;
        }
        for (int n = 1; n <= count; n++) {
            String text = lines.get(n - 1);
            JsonNode o;
            try {
                o = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new TraceFormatException(n, "not a JSON object: " + e.getOriginalMessage());
            }
            if (o == null || !o.isObject()) {
                throw new TraceFormatException(n, "not a JSON object");
            }
            String action = text(o, "action", n);
            if (!TABLE.contains(action) && !NOT_TABLE.contains(action)) {
                throw new TraceFormatException(n, "unknown action \"" + action
                        + "\": the trace check does not know whether it touches the migration table");
            }
            sequence.check(o, n);
            if (action.equals("Ingest") && o.has("epoch") && o.path("owned").asBoolean(false)
                    && !o.path("remembered").asBoolean(false)) {
                // ownershipEpoch: a first successful INGEST at a newer epoch supersedes the node's own
                // MIGRATED entry for the prefix (KevyNode.recordOwned): a table step.
                events.add(new TraceEvent(n, text, "Supersede", text(o, "node", n), text(o, "prefix", n), "-", "-",
                        "-", "-", "-", "-", true, -1, -1));
                continue;
            }
            if (NOT_TABLE.contains(action)) {
                continue;
            }
            if (!TABLE.contains(action)) {
                throw new TraceFormatException(n, "unknown action \"" + action
                        + "\": the trace check does not know whether it touches the migration table");
            }
            String node = text(o, "node", n);
            TraceEvent e = switch (action) {
                case "Start", "Commit", "CommitRemove", "CommitInsert", "Abort" -> new TraceEvent(n, text, action,
                        node, text(o, "prefix", n), text(o, "from", n), text(o, "to", n), "-", "-", "-", "-", true,
                        -1, -1);
                case "StartRefused" -> new TraceEvent(n, text, action, node, text(o, "prefix", n), text(o, "from", n),
                        text(o, "to", n), text(o, "error", n), "-", "-", "-", true, -1, -1);
                case "Crash" -> new TraceEvent(n, text, action, node, "-", "-", "-", "-", "-", "-", "-", true, -1, -1);
                case "Restart" -> {
                    boolean ok = bool(o, "ok", n);
                    yield new TraceEvent(n, text, action, node, "-", "-", "-", "-", "-", "-", "-", ok,
                            ok ? count(o, "migratedRestored", n, true) : -1,
                            ok ? count(o, "migratingRestored", n, false) : -1);
                }
                case "ClientWrite" -> {
                    if (!bool(o, "checked", n) || "GATE".equals(o.path("reason").asText())) {
                        // no routing decision: unchecked, or refused by the replication gate ahead of the
                        // scope check (READONLY / NOREPLICAS): the table is not consulted
                        yield null;
                    }
                    yield new TraceEvent(n, text, action, node, "-", "-", "-", "-", text(o, "key", n),
                            text(o, "verdict", n), text(o, "reason", n), true, -1, -1);
                }
                default -> throw new IllegalStateException("unhandled table action " + action);
            };
            if (e == null) {
                unchecked++;
            } else {
                events.add(e);
                if (o.path("superseded").asBoolean(false)) {
                    // ownershipEpoch: the prefix came back during the move; the commit leaves no MIGRATED.
                    events.add(new TraceEvent(n, text, "Supersede", node, e.prefix(), "-", "-", "-", "-", "-", "-",
                            true, -1, -1));
                }
            }
        }
        if (count > 0) {
            sequence.end(count);
        }
        openWindows(lines, count);
        return new Projected(count, events, unchecked);
    }

    /**
     * The seed layout's commit window closes in time (the simulator's {@code RunEnd} line gives its length,
     * {@code commitWindowMs}): after a node's {@code CommitRemove} of a prefix at time t, its {@code CommitInsert}
     * comes by t + window, unless the node crashes first. A numbered trace in which a line past that time — or
     * the {@code RunEnd} of a run that went on to its end — finds the window still open lost a line; it is
     * rejected at the first such line. (The table spec alone accepts a trace that stops inside the window; a
     * run stopped by a violation may stop there.)
     */
    private static void openWindows(List<String> lines, int count) throws TraceFormatException {
        if (count == 0) {
            return;
        }
        JsonNode last;
        try {
            last = JSON.readTree(lines.get(count - 1));
        } catch (JsonProcessingException e) {
            return;
        }
        if (!"RunEnd".equals(last.path("action").asText()) || !last.path("commitWindowMs").canConvertToLong()) {
            return; // not a simulator trace with its end line: nothing to measure the window by
        }
        long window = last.path("commitWindowMs").asLong();
        boolean ranToEnd = !"violation".equals(last.path("reason").asText());
        java.util.LinkedHashMap<String, Long> open = new java.util.LinkedHashMap<>();
        for (int n = 1; n <= count; n++) {
            JsonNode o;
            try {
                o = JSON.readTree(lines.get(n - 1));
            } catch (JsonProcessingException e) {
                continue;
            }
            String action = o.path("action").asText();
            String node = o.path("node").asText();
            long t = o.path("t").asLong();
            boolean end = n == count;
            for (var e : open.entrySet()) {
                if (t > e.getValue() + window || (end && ranToEnd)) {
                    throw new TraceFormatException(n, "the commit window opened by " + e.getKey().replace('\u0000', ' ')
                            + "'s CommitRemove at " + e.getValue() + " ms is still open here (its CommitInsert was due by "
                            + (e.getValue() + window) + " ms): a line is missing", true);
                }
            }
            if (action.equals("CommitRemove")) {
                open.put(node + '\u0000' + o.path("prefix").asText(), t);
            } else if (action.equals("CommitInsert")) {
                open.remove(node + '\u0000' + o.path("prefix").asText());
            } else if (action.equals("Crash")) {
                open.keySet().removeIf(k -> k.startsWith(node + '\u0000'));
            }
        }
    }

    private static String text(JsonNode o, String field, int line) throws TraceFormatException {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new TraceFormatException(line, "field \"" + field + "\" missing or not a string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode o, String field, int line) throws TraceFormatException {
        JsonNode v = o.get(field);
        if (v == null || !v.isBoolean()) {
            throw new TraceFormatException(line, "field \"" + field + "\" missing or not a boolean");
        }
        return v.asBoolean();
    }

    /**
     * The simulator numbers its trace lines {@code seq} = 1, 2, 3, … in the order it wrote them, at
     * non-decreasing virtual times {@code t}. A trace whose first line has a {@code seq} must keep both on
     * every line: a removed line (a CommitInsert included, which the table spec alone cannot miss at the
     * end of a trace), a duplicated or a moved one is rejected at the first line out of sequence. Traces
     * without {@code seq} (hand-written ones) are projected as before.
     */
    private static final class Sequence {
        private boolean runEnded;
        private boolean numbered;
        private long prevSeq;
        private long prevT = Long.MIN_VALUE;

        void check(JsonNode o, int line) throws TraceFormatException {
            JsonNode seq = o.get("seq");
            if (line == 1) {
                numbered = seq != null;
            }
            if (!numbered) {
                return;
            }
            if (seq == null || !seq.isIntegralNumber()) {
                throw new TraceFormatException(line, "field \"seq\" missing or not a number (every line of a"
                        + " numbered trace has one)", true);
            }
            long expected = prevSeq + 1;
            if (seq.asLong() != expected) {
                throw new TraceFormatException(line, "seq " + seq.asLong() + " where " + expected + " was due: a line"
                        + " is missing, duplicated or out of order here", true);
            }
            JsonNode t = o.get("t");
            if (t == null || !t.isIntegralNumber()) {
                throw new TraceFormatException(line, "field \"t\" missing or not a number", true);
            }
            if (t.asLong() < prevT) {
                throw new TraceFormatException(line, "virtual time " + t.asLong() + " before the previous line's "
                        + prevT + ": lines out of order", true);
            }
            if (runEnded) {
                throw new TraceFormatException(line, "a line after RunEnd, which ends a run's trace", true);
            }
            runEnded = "RunEnd".equals(o.path("action").asText());
            prevSeq = seq.asLong();
            prevT = t.asLong();
        }

        /**
         * A numbered trace ends with the simulator's {@code RunEnd} (a line after it is rejected above): one whose
         * lines stop without it lost its last lines, and is rejected at the line after its last.
         */
        void end(int count) throws TraceFormatException {
            if (numbered && !runEnded) {
                throw new TraceFormatException(count + 1, "the trace stops without its RunEnd line: its last lines"
                        + " are missing", true);
            }
        }
    }

    /** A non-negative count; {@code -1} when absent and not required. */
    private static int count(JsonNode o, String field, int line, boolean required) throws TraceFormatException {
        JsonNode v = o.get(field);
        if (v == null && !required) {
            return -1;
        }
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
            throw new TraceFormatException(line, "field \"" + field + "\" missing or not a count");
        }
        return v.asInt();
    }
}
