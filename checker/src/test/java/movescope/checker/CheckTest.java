package movescope.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import movescope.checker.manifest.Expectation;
import movescope.checker.tlc.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the manifest runner compares honestly: the Counter fixture's manifest (one entry per outcome) all
 * MATCH with exit 0; the WrongExpect fixture's manifest, whose every entry expects the wrong thing (a pass
 * expected to violate, a {@code _bug} config expected to pass, the wrong invariant name, a wrong measured
 * state count, a deadlock expected to pass), must come out MISMATCH with exit 1; bad input gives exit 2;
 * a bare .cfg finds its module and is expected to pass. To reproduce: {@code movescope check
 * checker/src/test/resources/tlc-fixtures/WrongExpect} (after {@code mvn -pl cli package}).
 */
class CheckTest {
    /** Counter_bug.cfg checked once; three tests read it. */
    private static CheckReport bug;

    @BeforeAll
    static void checkBugOnce() {
        bug = Check.run(List.of(Path.of("Counter/Counter_bug.cfg")), options(), c -> { });
    }

    private static CheckOptions options() {
        return new CheckOptions(Fixtures.options(), Fixtures.dir("Counter").getParent());
    }

    private static Map<String, CheckResult> byName(CheckReport r) {
        return r.results().stream().collect(Collectors.toMap(CheckResult::name, c -> c));
    }

    @Test
    void correctManifestMatchesEveryEntry() {
        List<CheckResult> streamed = new ArrayList<>();
        CheckReport r = Check.run(List.of(Path.of("Counter")), options(), streamed::add);
        assertEquals(5, r.results().size(), r.toString());
        assertEquals(r.results(), streamed, "every result is streamed as soon as it exists");
        for (CheckResult c : r.results()) {
            assertEquals(Verdict.MATCH, c.verdict(), String.join("\n", TextReport.format(c)));
        }
        assertEquals(0, r.exitCode());
        assertEquals(4, byName(r).get("Counter").result().distinctStates());
        assertTrue(byName(r).get("Counter_live").fromManifest());
    }

    @Test
    void wrongExpectationsAreAllMismatches() {
        CheckReport r = Check.run(List.of(Path.of("WrongExpect/manifest.json")), options(), c -> { });
        Map<String, CheckResult> m = byName(r);
        assertEquals(5, m.size());
        for (CheckResult c : r.results()) {
            assertEquals(Verdict.MISMATCH, c.verdict(), c.name() + " must be a mismatch");
        }
        assertEquals(List.of("expected violation of Small, got PASS"), m.get("pass_expected_violation").reasons());
        assertEquals(List.of("expected pass, got VIOLATION of Small"), m.get("bug_expected_pass").reasons());
        assertEquals(List.of("expected TypeOK to be violated, TLC reported Small"), m.get("wrong_invariant").reasons());
        assertEquals(List.of("distinct states 4 differ from measured 5"), m.get("wrong_count").reasons());
        assertEquals(List.of("expected pass, got DEADLOCK"), m.get("deadlock_expected_pass").reasons());
        assertEquals(CheckReport.EXIT_MISMATCH, r.exitCode());
        assertTrue(TextReport.summary(r).contains("0 as expected, 5 mismatched"), TextReport.summary(r));
    }

    @Test
    void bareConfigFindsItsModuleAndMustPass() {
        CheckReport r = Check.run(List.of(Path.of("Bare/MCCounter_small.cfg"), Path.of("Bare/Counter_bug.cfg")),
                options(), c -> { });
        assertEquals(List.of(), r.problems());
        Map<String, CheckResult> m = byName(r);
        assertEquals("MCCounter.tla", m.get("MCCounter_small").module());
        assertEquals(Verdict.MATCH, m.get("MCCounter_small").verdict());
        assertFalse(m.get("MCCounter_small").fromManifest());
        // Counter_bug.cfg -> Counter_bug.tla, MCCounter_bug.tla, Counter.tla, MCCounter.tla: the last exists.
        assertEquals("MCCounter.tla", m.get("Counter_bug").module());
        assertEquals(Outcome.VIOLATION, m.get("Counter_bug").result().outcome());
        assertEquals(Verdict.MISMATCH, m.get("Counter_bug").verdict());
        assertEquals(CheckReport.EXIT_MISMATCH, r.exitCode());
    }

    @Test
    void configInAManifestFolderTakesTheManifestsExpectation() {
        CheckReport r = bug;
        CheckResult c = r.results().get(0);
        assertTrue(c.fromManifest());
        assertEquals(Expectation.VIOLATION, c.expect());
        assertEquals("Small", c.expectedName());
        assertEquals(Verdict.MATCH, c.verdict());
        assertEquals(0, r.exitCode());
    }

    @Test
    void badInputIsExitTwo() {
        CheckReport parse = Check.run(List.of(Path.of("Broken/Broken.cfg")), options(), c -> { });
        assertEquals(CheckReport.EXIT_BAD_INPUT, parse.exitCode());
        assertTrue(parse.results().get(0).result().message().contains("line 6, column 20"));

        CheckReport missing = Check.run(List.of(Path.of("Nope/x.cfg")), options(), c -> { });
        assertEquals(CheckReport.EXIT_BAD_INPUT, missing.exitCode());
        assertEquals("no such file or folder", missing.problems().get(0).message());

        CheckReport orphan = Check.run(List.of(Path.of("Bare/Orphan_x.cfg")), options(), c -> { });
        assertEquals(CheckReport.EXIT_BAD_INPUT, orphan.exitCode());
        assertTrue(orphan.problems().get(0).message().startsWith("no module for this config; tried Orphan_x.tla"),
                orphan.problems().toString());

        CheckReport notSpec = Check.run(List.of(Path.of("Forever")), options(), c -> { });
        assertEquals(CheckReport.EXIT_BAD_INPUT, notSpec.exitCode());
        assertTrue(notSpec.problems().get(0).message().startsWith("no manifest.json here"));
    }

    @Test
    void jsonReportCarriesVerdictsAndCounterexample() throws Exception {
        CheckReport r = bug;
        JsonNode json = new ObjectMapper().readTree(JsonReport.format(r));
        assertEquals(0, json.get("exitCode").asInt());
        JsonNode first = json.get("results").get(0);
        assertEquals("MATCH", first.get("verdict").asText());
        assertEquals("violation", first.get("expect").asText());
        assertEquals("VIOLATION", first.get("result").get("outcome").asText());
        assertEquals("Small", first.get("result").get("violated").asText());
        assertEquals("2", first.get("result").get("counterexample").get(2).get("variables").get("x").asText());
        assertFalse(first.get("result").has("errorKind"), "null fields are left out");
    }

    @Test
    void textReportShowsOnlyChangedVariablesAfterTheFirstState() {
        CheckReport r = bug;
        List<String> lines = TextReport.format(r.results().get(0));
        assertTrue(lines.get(0).startsWith("Counter/Counter_bug  VIOLATION of Small  expected violation of Small  MATCH"),
                lines.get(0));
        // Variables in TLC's printing order (not alphabetical: TLC's internal name order).
        assertTrue(lines.contains("    step 1 <Initial predicate>: x=0, log=<<>>"), lines.toString());
        assertTrue(lines.contains("    step 2 <Inc>: x=1, log=[last |-> \"inc\", seen |-> 0]"), lines.toString());
        assertTrue(lines.contains("    step 3 <Inc>: x=2, log=[last |-> \"inc\", seen |-> 1]"), lines.toString());
    }
}
