package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run says: one verdict word per line (PASS, FOUND &lt;invariant&gt; (expected), FAIL), the found /
 * invariants headline in words, the invariant's claim, reproduce lines that paste (./movescope from the
 * checkout), golden diffs as unified diffs, folders that hold no scenario, and --json.
 * Reproduce: {@code mvn -o -q -pl cli -am test -Dtest=VerdictWordsTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class VerdictWordsTest {
    private static final List<String> WORDS = List.of("PASS", "FOUND", "FAIL");

    @TempDir
    Path dir;

    private Path copyStory(String name) throws Exception {
        Path from = RepoPaths.scenarios().resolve("stories/" + name + ".json");
        Path to = dir.resolve("scenarios/stories/" + name + ".json");
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
        Files.copy(from.resolveSibling(name + ".golden.txt"), to.resolveSibling(name + ".golden.txt"));
        return to;
    }

    @Test
    void anExpectedViolationIsAFindingNotAPass() throws Exception {
        copyStory("source-restart-forgets-migrated");
        CliRun r = CliRun.of(dir, "run", "scenarios/stories/source-restart-forgets-migrated.json");
        assertEquals(0, r.exit(), r::transcript);
        List<String> lines = r.outLines();
        assertTrue(lines.get(1).startsWith("FOUND SingleWriter (expected) scenarios/stories/source-restart-forgets-migrated.json: at 2600 ms: "),
                r::transcript);
        assertTrue(r.out().contains("claim: at any moment, at most one live node accepts checked writes for a given scoped key"),
                r::transcript);
        assertTrue(r.out().contains("found: 0 acknowledged writes lost, 1 window with two writers, 0 stranded writes, 0 moves that never ended"),
                r::transcript);
        assertTrue(r.out().contains("invariants checked: SingleWriter, NoLostWrite, NoStrandedWrite, QuiescedOnlyInFlight; "
                + "skipped: NoAcceptAfterShip, RedirectsConverge, NoPhantomWrite"), r::transcript);
        assertOneVerdictWordPerLine(r);
    }

    @Test
    void aStrandedWriteIsCountedInTheHeadline() throws Exception {
        copyStory("target-restart-loses-ingested-slice");
        CliRun r = CliRun.of(dir, "run", "scenarios/stories/target-restart-loses-ingested-slice.json");
        assertEquals(0, r.exit(), r::transcript);
        assertTrue(r.out().contains("FOUND NoStrandedWrite (expected)"), r::transcript);
        assertTrue(r.out().contains("0 acknowledged writes lost, 0 windows with two writers, 1 stranded write,"), r::transcript);
        // The golden file says the same word as the console, not PASS.
        String golden = Files.readString(dir.resolve("scenarios/stories/target-restart-loses-ingested-slice.golden.txt"));
        assertTrue(golden.contains("\nverdict: FOUND NoStrandedWrite (expected)\n"), golden);
        assertFalse(golden.contains("verdict: PASS"), golden);
    }

    @Test
    void aGoldenDifferenceFailsWithAUnifiedDiffAndNoSecondVerdictWord() throws Exception {
        Path s = copyStory("committed-move");
        Path golden = s.resolveSibling("committed-move.golden.txt");
        Files.writeString(golden, Files.readString(golden).replace("verdict: PASS", "verdict: PAST"));
        CliRun r = CliRun.of(dir, "run", "scenarios/stories/committed-move.json");
        assertEquals(1, r.exit(), r::transcript);
        assertTrue(r.out().contains("FAIL scenarios/stories/committed-move.json: golden output differs (the run met its expectations)"),
                r::transcript);
        assertTrue(r.out().contains("--- committed-move.golden.txt"), r::transcript);
        assertTrue(r.out().contains("+++ this run"), r::transcript);
        assertTrue(r.out().lines().anyMatch(l -> l.strip().matches("@@ -\\d+,\\d+ \\+\\d+,\\d+ @@")), r::transcript);
        assertTrue(r.out().contains("-verdict: PAST"), r::transcript);
        assertTrue(r.out().contains("+verdict: PASS"), r::transcript);
        assertOneVerdictWordPerLine(r);
    }

    @Test
    void reproduceLinesNameTheCheckoutLauncher() throws Exception {
        Scenarios.write(dir, "scenarios/wrong.json", Scenarios.simple("wrong", "\"+OK\"", ""));
        Files.writeString(dir.resolve("movescope"), "#!/bin/sh\n");
        CliRun fromCheckout = CliRun.of(dir, Map.of("MOVESCOPE_HOME", dir.toString()), "run", "-q", "scenarios/wrong.json");
        assertEquals(1, fromCheckout.exit(), fromCheckout::transcript);
        assertTrue(fromCheckout.out().contains("reproduce: ./movescope run --seed "), fromCheckout::transcript);
        Path below = Files.createDirectories(dir.resolve("scenarios/x"));
        CliRun fromBelow = CliRun.of(below, Map.of("MOVESCOPE_HOME", dir.toString()), "run", "-q", "../wrong.json");
        assertTrue(fromBelow.out().contains("reproduce: ../../movescope run --seed "), fromBelow::transcript);
        CliRun noLauncher = CliRun.of(dir, "run", "-q", "scenarios/wrong.json");
        assertTrue(noLauncher.out().contains("reproduce: movescope run --seed "), noLauncher::transcript);
    }

    @Test
    void aFolderWithoutScenariosIsBadInput() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        CliRun r = CliRun.of(dir, "run", "empty");
        assertEquals(2, r.exit(), r::transcript);
        assertTrue(r.err().contains("movescope: no scenario files in empty"), r::transcript);
        assertEquals("", r.out(), r::transcript);
    }

    @Test
    void aFolderRunSkipsReportsAndOtherJson() throws Exception {
        Scenarios.writeWithGolden(dir, "mixed/ok.json", Scenarios.simple("ok", "\"+OK\"", ExitCodeTest.HOLD4));
        CliRun first = CliRun.of(dir, "run", "--reports", "mixed/reports", "mixed");
        assertEquals(0, first.exit(), first::transcript);
        Scenarios.write(dir, "mixed/manifest.json", "{ \"runs\": [] }");
        assertTrue(Files.isRegularFile(dir.resolve("mixed/reports/ok.report.json")));
        CliRun again = CliRun.of(dir, "run", "--reports", "mixed/reports", "mixed");
        assertEquals(0, again.exit(), again::transcript);
        assertTrue(again.out().strip().endsWith("1 passed, 0 failed"), again::transcript);
        assertTrue(again.err().contains("skipped 2 JSON files that are not a scenario"), again::transcript);
        Files.writeString(dir.resolve("mixed/broken.json"), "{ \"name\": ");
        CliRun broken = CliRun.of(dir, "run", "--reports", "mixed/reports", "mixed");
        assertEquals(2, broken.exit(), "a malformed file in a folder is reported, not skipped: " + broken.transcript());
        assertTrue(broken.err().contains("mixed/broken.json:"), broken::transcript);
    }

    @Test
    void jsonIsOneDocumentWithTheOutcomeAndHeadline() throws Exception {
        copyStory("source-restart-forgets-migrated");
        CliRun r = CliRun.of(dir, "run", "--json", "scenarios/stories/source-restart-forgets-migrated.json");
        assertEquals(0, r.exit(), r::transcript);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("run", doc.path("command").asText());
        JsonNode s = doc.path("scenarios").get(0);
        assertEquals("FOUND", s.path("outcome").asText());
        assertEquals("SingleWriter", s.path("invariant").asText());
        assertEquals(1, s.path("headline").path("twoWriterWindows").asInt());
        assertEquals(4, s.path("headline").path("checked").size());
        JsonNode report = new ObjectMapper().readTree(dir.resolve(s.path("report").asText()).toFile());
        assertEquals("FOUND", report.path("outcome").asText());
        assertTrue(report.path("claim").asText().startsWith("at any moment"), report.toString());
    }

    private static void assertOneVerdictWordPerLine(CliRun r) {
        for (String line : r.outLines()) {
            long words = java.util.Arrays.stream(line.split("[\\s:;,()]+")).filter(WORDS::contains).count();
            assertFalse(words > 1, "two verdict words on one line: " + line);
        }
    }
}
