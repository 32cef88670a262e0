package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that every run prints its seed before anything else and says where the seed came from (--seed,
 * the scenario's own, derived from the file name); that a failure prints one reproduce line; and that
 * running that exact line (and its {@code replay} form) reproduces the run: same verdict, same trace hash,
 * same trace bytes. Reproduce: {@code mvn -o -q -pl cli test -Dtest=SeedAndReproduceTest}.
 */
class SeedAndReproduceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEED_LINE = Pattern.compile("seed (\\d+) \\((.+)\\) (.+)");

    @TempDir
    Path dir;

    @Test
    void seedIsPrintedFirstWithItsOrigin() {
        Scenarios.write(dir, "scenarios/derived.json", Scenarios.simple("derived", "\"+OK\"", ExitCodeTest.HOLD4));
        Scenarios.write(dir, "scenarios/own.json",
                Scenarios.simple("own", "\"+OK\"", ExitCodeTest.HOLD4 + " \"seed\": 8812734,"));

        CliRun derived = CliRun.of(dir, "run", "--reports", "out", "scenarios/derived.json");
        Matcher m = SEED_LINE.matcher(derived.outLines().get(0));
        assertTrue(m.matches(), derived::transcript);
        assertEquals(Seeds.fromFileName(Path.of("derived.json")), Long.parseLong(m.group(1)));
        assertEquals("derived from the file name", m.group(2));

        CliRun own = CliRun.of(dir, "run", "--reports", "out", "scenarios/own.json");
        assertEquals("seed 8812734 (scenario's seed) scenarios/own.json", own.outLines().get(0), own::transcript);

        CliRun option = CliRun.of(dir, "run", "--seed", "42", "--reports", "out", "scenarios/own.json");
        assertEquals("seed 42 (--seed) scenarios/own.json", option.outLines().get(0), option::transcript);
        assertTrue(option.out().contains("golden NOT COMPARABLE (recorded with seed 8812734"), option::transcript);
    }

    @Test
    void theReproduceLineReproducesTheRun() throws Exception {
        // A workload on a jittery network makes the run depend on the seed; the unheld redirect cycle fails it.
        String scenario = """
                {
                  "name": "repro",
                  "description": "a random workload during a committed move; fails on the redirect cycle",
                  "variant": "kevy-5.4",
                  "cluster": { "nodes": [ { "id": "a" }, { "id": "b" }, { "id": "c" } ], "scopes": "app:billing:=a" },
                  "network": { "latency": { "dist": "uniform", "minMs": 1, "maxMs": 30 } },
                  "workload": { "clients": 3, "keysPerScope": 4, "opsPerSec": 40, "mix": { "SET": 3, "GET": 1 } },
                  "steps": [ { "at": 700, "do": "operator", "node": "a", "command": "MOVE-SCOPE app:billing: FROM a TO b" } ],
                  "endMs": 3000
                }
                """;
        Scenarios.write(dir, "scenarios/repro.json", scenario);
        CliRun first = CliRun.of(dir, "run", "--seed", "8812734", "--reports", "one", "scenarios/repro.json");
        assertEquals(1, first.exit(), first::transcript);
        List<String> repro = first.outLines().stream().filter(l -> l.startsWith("reproduce: ")).toList();
        assertEquals(1, repro.size(), first::transcript);
        assertEquals("reproduce: movescope run --seed 8812734 scenarios/repro.json", repro.get(0));

        String[] words = repro.get(0).substring("reproduce: ".length()).split(" ");
        assertEquals("movescope", words[0]);
        String[] args = Arrays.copyOfRange(words, 1, words.length + 2);
        args[args.length - 2] = "--reports";
        args[args.length - 1] = "two";
        CliRun again = CliRun.of(dir, args);
        CliRun replay = CliRun.of(dir, "replay", "--seed", "8812734", "--reports", "three", "scenarios/repro.json");

        assertEquals(first.exit(), again.exit(), again::transcript);
        assertEquals(first.exit(), replay.exit(), replay::transcript);
        String sha = traceSha(dir.resolve("one"));
        assertEquals(sha, traceSha(dir.resolve("two")));
        assertEquals(sha, traceSha(dir.resolve("three")));
        assertEquals(Files.readString(dir.resolve("one/repro.trace.ndjson")),
                Files.readString(dir.resolve("two/repro.trace.ndjson")));
        assertEquals(verdictLine(first), verdictLine(again));

        CliRun other = CliRun.of(dir, "run", "--seed", "8812735", "--reports", "four", "scenarios/repro.json");
        assertNotEquals(sha, traceSha(dir.resolve("four")), "the seed must matter in this scenario: " + other.transcript());
    }

    private static String traceSha(Path reports) throws Exception {
        JsonNode report = JSON.readTree(reports.resolve("repro.report.json").toFile());
        return report.get("trace").get("sha256").asText();
    }

    private static String verdictLine(CliRun run) {
        return run.outLines().stream().filter(l -> l.startsWith("FAIL ") || l.startsWith("PASS ")).findFirst().orElse("");
    }
}
