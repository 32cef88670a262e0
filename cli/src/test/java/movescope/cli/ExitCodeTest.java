package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Proves the exit code contract: 0 pass; 1 for an unexpected violation, a failed expectation and a golden
 * mismatch (with a readable diff); 2 for usage mistakes (no stack trace); 3 for an internal error (with the
 * stack trace). Each case runs the real CLI in-process on a small scenario written to a temporary checkout.
 * Reproduce: {@code mvn -o -q -pl cli test -Dtest=ExitCodeTest}.
 */
class ExitCodeTest {
    static final String HOLD4 = "\"expect\": { \"hold\": [ \"SingleWriter\", \"NoLostWrite\", \"NoStrandedWrite\", "
            + "\"QuiescedOnlyInFlight\" ], \"baits\": [ \"BaitCommitted\" ] },";

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.of(dir, args);
    }

    @Test
    void passIsZero() {
        Scenarios.writeWithGolden(dir, "scenarios/ok.json", Scenarios.simple("ok", "\"+OK\"", HOLD4));
        CliRun r = run("run", "--reports", "out", "scenarios/ok.json");
        assertEquals(0, r.exit(), r::transcript);
        assertTrue(r.out().contains("PASS scenarios/ok.json"), r::transcript);
        assertTrue(r.out().strip().endsWith("1 passed, 0 failed"), r::transcript);
    }

    @Test
    void aMissingGoldenFailsTheRunAndAnotherSeedIsNotComparable() {
        Scenarios.write(dir, "scenarios/ok.json", Scenarios.simple("ok", "\"+OK\"", HOLD4));
        CliRun missing = run("run", "--reports", "out", "scenarios/ok.json");
        assertEquals(1, missing.exit(), missing::transcript);
        assertTrue(missing.out().contains("FAIL scenarios/ok.json: golden output missing") && missing.out().contains("golden MISSING"),
                missing::transcript);
        CliRun rewrite = run("run", "--rewrite", "--reports", "out", "scenarios/ok.json");
        assertEquals(0, rewrite.exit(), rewrite::transcript);
        CliRun other = run("run", "--seed", "5", "--reports", "out", "scenarios/ok.json");
        assertTrue(other.out().contains("golden NOT COMPARABLE (recorded with seed "), other::transcript);
    }

    @Test
    void folderArgumentRunsEveryScenarioBelowItAndQuietKeepsItShort() {
        Scenarios.writeWithGolden(dir, "scenarios/x/ok.json", Scenarios.simple("ok", "\"+OK\"", HOLD4));
        Scenarios.write(dir, "scenarios/x/y/wrong.json", Scenarios.simple("wrong", "\"-ERR no\"", HOLD4));
        CliRun r = run("run", "--quiet", "--reports", "out", "scenarios");
        assertEquals(1, r.exit(), r::transcript);
        assertEquals(java.util.List.of("seed", "PASS", "seed", "FAIL", "reproduce:", "1"),
                r.outLines().stream().map(l -> l.split(" ")[0]).toList(), r::transcript);
        assertTrue(r.out().contains("PASS scenarios/x/ok.json"), r::transcript);
        assertTrue(r.out().contains("reproduce: movescope run --seed " + Seeds.fromFileName(Path.of("wrong.json"))
                + " scenarios/x/y/wrong.json"), r::transcript);
    }

    @Test
    void failedStepBeforeAnExpectedViolationStillFails() {
        String extra = "\"expect\": { \"violation\": \"RedirectsConverge\" },";
        Scenarios.write(dir, "scenarios/both.json", Scenarios.simple("both", "\"-ERR not what happens\"", extra));
        CliRun r = run("run", "--reports", "out", "scenarios/both.json");
        assertEquals(1, r.exit(), r::transcript);
        assertTrue(r.out().contains("FAIL scenarios/both.json: EXPECTATION_FAILED: step 0"), r::transcript);
    }

    @Test
    void unexpectedViolationIsOne() {
        Scenarios.write(dir, "scenarios/cycle.json", Scenarios.simple("cycle", "\"+OK\"", ""));
        CliRun r = run("run", "--reports", "out", "scenarios/cycle.json");
        assertEquals(1, r.exit(), r::transcript);
        assertTrue(r.out().contains("FAIL scenarios/cycle.json: SAFETY_VIOLATION RedirectsConverge"), r::transcript);
        assertTrue(r.out().contains("last trace lines before RedirectsConverge"), r::transcript);
        assertTrue(r.out().strip().endsWith("0 passed, 1 failed"), r::transcript);
    }

    @Test
    void failedExpectationIsOne() {
        Scenarios.write(dir, "scenarios/wrong.json", Scenarios.simple("wrong", "\"-ERR not what happens\"", HOLD4));
        CliRun r = run("run", "--reports", "out", "scenarios/wrong.json");
        assertEquals(1, r.exit(), r::transcript);
        assertTrue(r.out().contains("EXPECTATION_FAILED"), r::transcript);
        assertTrue(r.out().contains("expected -ERR not what happens, got +OK"), r::transcript);
    }

    @Test
    void goldenMismatchIsOneWithAReadableDiff() throws Exception {
        Path file = Scenarios.write(dir, "scenarios/g.json", Scenarios.simple("g", "\"+OK\"", HOLD4));
        assertEquals(0, run("run", "--rewrite", "--reports", "out", "scenarios/g.json").exit());
        Path golden = dir.resolve("scenarios/g.golden.txt");
        String text = Files.readString(golden);
        Files.writeString(golden, text.replace("commits=1", "commits=2"));
        CliRun r = run("run", "--reports", "out", "scenarios/g.json");
        assertEquals(1, r.exit(), r::transcript);
        assertTrue(r.out().contains("golden differs from scenarios/g.golden.txt"), r::transcript);
        assertTrue(r.out().contains("-counts: ") && r.out().contains("commits=2"), r::transcript);
        assertTrue(r.out().contains("+counts: ") && r.out().contains("commits=1"), r::transcript);
        assertTrue(r.out().contains("reproduce: movescope run --seed "), r::transcript);
        assertTrue(Files.exists(file));
    }

    @Test
    void usageMistakesAreTwoWithoutStackTrace() {
        for (String[] args : new String[][] {
            {"run"}, {"run", "--sed", "3", "x.json"}, {"frobnicate"}, {}, {"run", "--seed", "notanumber", "x.json"},
            {"replay", "x.json"}, {"swarm", "--runs", "0"}, {"swarm", "--variant", "kevy-9"}}) {
            CliRun r = run(args);
            assertEquals(2, r.exit(), () -> String.join(" ", args) + "\n" + r.transcript());
            assertFalse(r.err().contains("\tat "), r::transcript);
            assertFalse(r.err().isBlank(), "a usage mistake must say what is wrong");
        }
    }

    @Test
    void reportsFolderThatIsAFileIsBadInput() throws Exception {
        Scenarios.write(dir, "scenarios/ok.json", Scenarios.simple("ok", "\"+OK\"", HOLD4));
        Files.writeString(dir.resolve("blocked"), "not a folder");
        CliRun r = run("run", "--reports", "blocked/sub", "scenarios/ok.json");
        assertEquals(2, r.exit(), r::transcript);
        assertTrue(r.err().contains("cannot create the reports folder"), r::transcript);
    }

    @Test
    void rewriteWithAnotherSeedIsRefusedAndWritesNothing() {
        Scenarios.write(dir, "scenarios/ok.json", Scenarios.simple("ok", "\"+OK\"", HOLD4));
        CliRun r = run("run", "--rewrite", "--seed", "5", "--reports", "out", "scenarios/ok.json");
        assertEquals(2, r.exit(), r::transcript);
        assertTrue(r.err().contains("--rewrite records golden output with the scenario's own seed"), r::transcript);
        assertFalse(Files.exists(dir.resolve("scenarios/ok.golden.txt")));
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Command(name = "explode")
    static final class Explode implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("boom from a bug");
        }
    }

    @Test
    void internalErrorIsThreeWithStackTrace() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Console console = new Console(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), dir);
        CommandLine cli = Main.commandLine(console);
        cli.addSubcommand("explode", new Explode());
        int exit = cli.execute("explode");
        assertEquals(3, exit);
        assertTrue(err.toString().contains("internal error"), err::toString);
        assertTrue(err.toString().contains("boom from a bug") && err.toString().contains("\tat "), err::toString);
    }

    @Test
    void exitCodesAreDistinctAndOrdered() {
        assertEquals(0, ExitCode.PASS.code());
        assertEquals(1, ExitCode.FAIL.code());
        assertEquals(2, ExitCode.BAD_INPUT.code());
        assertEquals(3, ExitCode.INTERNAL.code());
        assertEquals(ExitCode.INTERNAL, ExitCode.FAIL.worst(ExitCode.INTERNAL));
        assertEquals(ExitCode.FAIL, ExitCode.FAIL.worst(ExitCode.PASS));
    }
}
