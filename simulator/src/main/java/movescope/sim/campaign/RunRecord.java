package movescope.sim.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a campaign keeps of one finished run: enough to build the report (verdict counts, kinds, baits,
 * coverage) without running it again. One JSON line per run in a campaign's {@code runs.ndjson} journal,
 * which is what {@code --resume} and {@code campaign merge} read back.
 *
 * @param signature the failure signature's {@link Signature#id()}, "" for a passing run
 */
public record RunRecord(int index, long seed, String verdict, String invariant, String signature, String summary,
        String traceSha256, long events, SortedMap<String, Long> baits, SortedMap<String, Long> actions,
        SortedSet<String> switchPaths) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RunRecord {
        baits = new TreeMap<>(baits);
        actions = new TreeMap<>(actions);
        switchPaths = new TreeSet<>(switchPaths);
    }

    public boolean failed() {
        return !verdict.equals("PASS");
    }

    /** One line of the journal (fields in a fixed order). */
    public String toJsonLine() {
        ObjectNode o = JSON.createObjectNode();
        o.put("index", index);
        o.put("seed", seed);
        o.put("verdict", verdict);
        o.put("invariant", invariant);
        o.put("signature", signature);
        o.put("summary", summary);
        o.put("traceSha256", traceSha256);
        o.put("events", events);
        ObjectNode b = o.putObject("baits");
        baits.forEach(b::put);
        ObjectNode a = o.putObject("actions");
        actions.forEach(a::put);
        switchPaths.forEach(o.putArray("switchPaths")::add);
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses one journal line.
     *
     * @throws IllegalArgumentException saying what is wrong (the caller adds file and line)
     */
    public static RunRecord parse(String line) {
        JsonNode o;
        try {
            o = JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (String f : List.of("index", "seed", "verdict", "invariant", "signature", "summary", "traceSha256",
                "events", "baits", "actions", "switchPaths")) {
            if (!o.has(f)) {
                throw new IllegalArgumentException("missing field \"" + f + "\"");
            }
        }
        List<String> paths = new ArrayList<>();
        o.get("switchPaths").forEach(x -> paths.add(x.asText()));
        return new RunRecord(o.get("index").asInt(), o.get("seed").asLong(), o.get("verdict").asText(),
                o.get("invariant").asText(), o.get("signature").asText(), o.get("summary").asText(),
                o.get("traceSha256").asText(), o.get("events").asLong(), longs(o.get("baits")), longs(o.get("actions")),
                new TreeSet<>(paths));
    }

    private static SortedMap<String, Long> longs(JsonNode o) {
        TreeMap<String, Long> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asLong());
        }
        return m;
    }
}
