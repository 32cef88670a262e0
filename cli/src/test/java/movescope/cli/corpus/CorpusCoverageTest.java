package movescope.cli.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import movescope.cli.RepoPaths;
import movescope.cli.golden.GoldenFile;
import org.junit.jupiter.api.Test;

/**
 * Proves the corpus covers what it claims to: every reply kevy-move-scope.md documents is seen by some
 * scenario (read from the golden files, i.e. from what runs actually produced, not from what files
 * expect), every step kind and fault knob is used, every invariant is reported by some scenario and held
 * by others, both variants run, and every scenario's name is its file name so reports and specs can cite
 * it. Reproduce: {@code mvn -o -q -pl cli test -Dtest=CorpusCoverageTest}.
 */
class CorpusCoverageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Replies of kevy-move-scope.md sections 3 to 5, as regexes over the replies in golden files. */
    private static final List<String> REPLIES = List.of(
            "-> \\+OK \\d+ at",
            "-> -ERR wrong number of arguments — MOVE-SCOPE <prefix> FROM <from-id> TO <to-id> at",
            "-> -ERR MOVE-SCOPE syntax: MOVE-SCOPE <prefix> FROM <from-id> TO <to-id> at",
            "-> -ERR MOVE-SCOPE: \\[cluster\\] node_id is not configured on this node at",
            "-> -ERR MOVE-SCOPE: from-id \"\\w+\" is not this node \\(\"\\w+\"\\) at",
            "-> -ERR MOVE-SCOPE: target node \"\\w+\" not in \\[cluster\\] peers at",
            "-> -ERR MOVE-SCOPE: no \\[cluster\\] scopes declared on this node — writes would not quiesce during the move at",
            "-> -ERR MOVE-SCOPE: prefix has already been migrated at",
            "-> -QUIESCED migrating to \\d+\\.\\d+\\.\\d+\\.\\d+:\\d+ at",
            "-> -MISDIRECTED writer is \\d+\\.\\d+\\.\\d+\\.\\d+:\\d+ at",
            "-> -MISDIRECTED writer is [a-z]\\w* at",
            "-> -ERR wrong number of arguments — MOVE-SCOPE-INGEST <prefix> <bulk> at",
            "-> -ERR MOVE-SCOPE-INGEST: malformed bulk at",
            "-> -ERR MOVE-SCOPE-INGEST: key '[^']+' refused by this node: WRONGTYPE .* at",
            "-> -ERR MOVE-SCOPE ship failed: target replied non-OK: \"-ERR MOVE-SCOPE-INGEST: key '[^']+' refused by this node: .*\" at",
            "-> -ERR MOVE-SCOPE ship failed: connect \"[^\"]+\": Connection refused \\(os error 111\\) at",
            "-> -ERR MOVE-SCOPE ship failed: connect \"[^\"]+\": connection timed out at",
            "-> -ERR MOVE-SCOPE ship failed: read: Resource temporarily unavailable \\(os error 11\\) at",
            "-> -ERR MOVE-SCOPE ship failed: target replied non-OK: \"\" at",
            "-> -ERR MOVE-SCOPE ship failed: read: Interrupted system call \\(os error 4\\) at",
            "-> -ERR MOVE-SCOPE ship failed: write timed out at",
            // the election plane (kevy-move-scope.md section 8)
            "-> -READONLY You can't write against a read only replica\\. at",
            "-> -NOREPLICAS primary lost quorum; writes fenced at",
            "-> \\[\"master\", :0, \\[\\]\\] at",
            "-> \\[\"slave\", \"\", :0, \"connect\", :0\\] at",
            "-> \\[\"slave\", \"\\d+\\.\\d+\\.\\d+\\.\\d+\", :\\d+, \"connect\", :0\\] at",
            "-> -ERR wrong number of arguments for 'role' command at");

    private static final Set<String> STEP_KINDS = Set.of("client", "operator", "crash", "restart", "snapshot",
            "pushConfig", "partition", "heal", "drop", "duplicate", "delay", "eintr");

    private static final Set<String> INVARIANTS = Set.of("NoAcceptAfterShip", "SingleWriter", "NoLostWrite",
            "NoStrandedWrite", "RedirectsConverge", "NoPhantomWrite", "OrphanCopy", "MigrationEnds");

    private static String goldens() {
        StringBuilder all = new StringBuilder();
        for (Path file : RepoPaths.corpus()) {
            try {
                all.append(Files.readString(GoldenFile.besides(file))).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("missing golden for " + file, e);
            }
        }
        return all.toString();
    }

    private static List<JsonNode> scenarios() {
        List<JsonNode> out = new ArrayList<>();
        for (Path file : RepoPaths.corpus()) {
            try {
                out.add(JSON.readTree(file.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    @Test
    void everyDocumentedReplyIsProducedBySomeScenario() {
        String goldens = goldens();
        List<String> missing = REPLIES.stream().filter(r -> !Pattern.compile(r).matcher(goldens).find()).toList();
        assertEquals(List.of(), missing, "replies no scenario produces");
    }

    @Test
    void everyStepKindAndFaultKnobIsUsed() {
        Set<String> kinds = new TreeSet<>();
        boolean oneWay = false;
        boolean symmetric = false;
        boolean eintrRate = false;
        boolean jitter = false;
        boolean chaos = false;
        boolean workload = false;
        for (JsonNode s : scenarios()) {
            for (JsonNode step : s.path("steps")) {
                kinds.add(step.get("do").asText());
                if (step.get("do").asText().equals("partition")) {
                    if (step.path("oneWay").asBoolean(false)) {
                        oneWay = true;
                    } else {
                        symmetric = true;
                    }
                }
            }
            eintrRate |= s.path("faults").path("eintr").asDouble(0) > 0;
            jitter |= s.path("network").path("latency").path("dist").asText("constant").equals("uniform");
            chaos |= s.has("chaos");
            workload |= s.has("workload");
        }
        assertEquals(STEP_KINDS, kinds);
        assertTrue(oneWay && symmetric, "both one-way and symmetric partitions");
        assertTrue(eintrRate, "faults.eintr");
        assertTrue(jitter, "a latency distribution that reorders messages");
        assertTrue(chaos && workload, "a chaos phase and a workload");
    }

    @Test
    void everyInvariantIsReportedSomewhereAndBothVariantsRun() {
        Set<String> reported = new TreeSet<>();
        Set<String> variants = new TreeSet<>();
        for (JsonNode s : scenarios()) {
            if (s.path("expect").has("violation")) {
                reported.add(s.path("expect").get("violation").asText());
            }
            JsonNode v = s.get("variant");
            variants.add(v.isTextual() ? v.asText() : v.get("base").asText() + "+switches");
        }
        assertEquals(INVARIANTS, reported, "expected violations across the corpus");
        assertTrue(variants.containsAll(Set.of("kevy-5.4", "fixed", "kevy-5.4+switches")), variants.toString());
    }

    @Test
    void everyScenarioIsNamedAfterItsFileAndDescribed() {
        for (Path file : RepoPaths.corpus()) {
            JsonNode s;
            try {
                s = JSON.readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String base = file.getFileName().toString().replaceFirst("\\.json$", "");
            assertEquals(base, s.get("name").asText(), file + ": name must be the file name");
            String description = s.get("description").asText();
            assertTrue(description.length() > 80, file + ": say what the story is and what it expects");
            String violation = s.path("expect").path("violation").asText("");
            assertTrue(violation.isEmpty() || description.contains(violation),
                    file + ": the description must say that " + violation + " is expected");
        }
    }
}
