package movescope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Optional;
import movescope.sim.swarm.Swarm;

/** {@code movescope swarm --json}: the swarm's runs and its first failure's shrunk scenario (docs/json.md "swarm"). */
final class SwarmJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SwarmJson() {
    }

    static String render(long seed, String template, Swarm.Result result, String headline, Optional<String> shrunk,
            Optional<String> reproduce, String again) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("command", "swarm");
        doc.put("version", BuildInfo.load().line());
        doc.put("seed", seed);
        doc.put("template", template);
        doc.put("passed", result.runs().size() - result.failures().size());
        doc.put("failed", result.failures().size());
        doc.put("headline", headline);
        ArrayNode runs = doc.putArray("runs");
        for (Swarm.Run r : result.runs()) {
            ObjectNode o = runs.addObject();
            o.put("index", r.index());
            o.put("seed", r.seed());
            o.put("verdict", r.verdict().name());
            if (r.verdict() == movescope.sim.engine.Verdict.PASS) {
                o.putNull("kind");
            } else {
                o.put("kind", SwarmCommand.kind(r));
            }
            o.put("summary", r.summary());
            o.put("events", r.events());
            o.put("traceSha256", r.traceSha256());
        }
        if (shrunk.isPresent()) {
            doc.put("shrunkScenario", shrunk.get());
            doc.put("reproduce", reproduce.orElseThrow());
        } else {
            doc.putNull("shrunkScenario");
            doc.putNull("reproduce");
        }
        doc.put("reproduceSwarm", again);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
