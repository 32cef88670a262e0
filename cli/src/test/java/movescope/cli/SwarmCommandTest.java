package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the swarm command's contract: the seed comes first; the same seed gives the same runs; a failure is
 * shrunk to a scenario file that loads and, run with its reproduce line, fails with the same invariant; a
 * fresh seed is drawn and printed when none is given. Reproduce:
 * {@code ./movescope swarm --seed 7 --runs 3 --shrink-budget 20}.
 */
class SwarmCommandTest {
    private static final Pattern REPRO = Pattern.compile("reproduce: movescope run --seed (\\d+) (\\S+)");

    @TempDir
    Path dir;

    @Test
    void failingRunIsShrunkToAScenarioThatFailsTheSameWay() throws Exception {
        CliRun swarm = CliRun.of(dir, "swarm", "--seed", "7", "--runs", "3", "--shrink-budget", "20",
                "--shrink-to", "shrunk.json");
        assertTrue(swarm.outLines().get(0).startsWith("seed 7 (--seed) swarm of 3 runs"), swarm::transcript);
        assertEquals(1, swarm.exit(), "seed 7 is known to fail within 3 runs of kevy-5.4\n" + swarm.transcript());
        assertTrue(Files.isRegularFile(dir.resolve("shrunk.json")), swarm::transcript);
        String failingRun = swarm.outLines().stream().filter(l -> l.matches("run \\d+ seed \\d+: SAFETY_VIOLATION .*"))
                .findFirst().orElseThrow();
        String invariant = failingRun.replaceFirst(".*SAFETY_VIOLATION (\\w+) .*", "$1");

        Matcher m = swarm.outLines().stream().map(REPRO::matcher).filter(Matcher::matches).findFirst().orElseThrow();
        assertEquals("shrunk.json", m.group(2));
        CliRun replay = CliRun.of(dir, "run", "--seed", m.group(1), "--reports", "out", m.group(2));
        assertEquals(1, replay.exit(), replay::transcript);
        assertTrue(replay.out().contains("SAFETY_VIOLATION " + invariant), () -> invariant + "\n" + replay.transcript());
    }

    @Test
    void sameSeedSameRuns() {
        CliRun a = CliRun.of(dir, "swarm", "--seed", "11", "--runs", "2", "--shrink-budget", "0", "--shrink-to", "a.json");
        CliRun b = CliRun.of(dir, "swarm", "--seed", "11", "--runs", "2", "--shrink-budget", "0", "--shrink-to", "b.json");
        List<String> runsA = a.outLines().stream().filter(l -> l.startsWith("run ")).toList();
        List<String> runsB = b.outLines().stream().filter(l -> l.startsWith("run ")).toList();
        assertEquals(runsA, runsB);
        assertEquals(2, runsA.stream().filter(l -> l.matches("run \\d+ seed \\d+: .*")).count(), a::transcript);
    }

    @Test
    void withoutSeedAFreshOneIsPrintedFirst() {
        CliRun r = CliRun.of(dir, "swarm", "--runs", "1", "--variant", "fixed", "--shrink-budget", "0",
                "--shrink-to", "x.json");
        assertTrue(r.outLines().get(0).matches("seed \\d+ \\(fresh random: pass --seed to repeat\\) swarm of 1 runs, .*"),
                r::transcript);
    }
}
