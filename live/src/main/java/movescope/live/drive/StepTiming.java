package movescope.live.drive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The steps a scenario marks {@code "timing": "loose"} (their reply depends on real timing, so a difference
 * from the simulator is reported, not failed). The loader validates the field; the scenario record does not
 * carry it (the simulation has no use for it), so live mode reads it from the file itself.
 */
public final class StepTiming {
    private StepTiming() {
    }

    public static Set<Integer> loose(Path scenarioFile) throws IOException {
        JsonNode root = new ObjectMapper().readTree(scenarioFile.toFile());
        return loose(root);
    }

    public static Set<Integer> looseInJson(String json) throws IOException {
        return loose(new ObjectMapper().readTree(json));
    }

    private static Set<Integer> loose(JsonNode root) {
        Set<Integer> out = new TreeSet<>();
        JsonNode steps = root.path("steps");
        for (int i = 0; i < steps.size(); i++) {
            if ("loose".equals(steps.get(i).path("timing").asText(null))) {
                out.add(i);
            }
        }
        return out;
    }
}
