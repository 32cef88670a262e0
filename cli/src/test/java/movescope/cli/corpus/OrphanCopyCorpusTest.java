package movescope.cli.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import movescope.cli.RepoPaths;
import movescope.cli.Seeds;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.check.Violation;
import movescope.sim.engine.Verdict;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Expectations;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * The opt-in {@code OrphanCopy} oracle over the passing corpus (issue 8 item 7: no false alarms). Every
 * corpus scenario that passes without an expected violation runs again, with its own seed, with
 * {@code OrphanCopy} added to its {@code hold}:
 * <ul>
 * <li>where it stays silent, the run is the same run (same verdict, same trace hash): an opt-in oracle
 *     observes, it does not change behaviour;</li>
 * <li>where it fires, the trace before the violation has a Commit, CommitInsert or Abort of a prefix of the
 *     key with the reported node as its source or target — it never fires on a copy no ended move left;</li>
 * <li>on the {@code fixed} variant it fires only on the source of a committed move, with the move's target as
 *     the owner: the one hole the remedies leave (no switch drops the shipped slice at commit), which
 *     {@code stories/move-back-resurrects-deleted-key.json} turns into an undone DEL. Its only silent passing
 *     scenario today is the one without a move.</li>
 * </ul>
 * That it fires on scenarios built to break it ({@code stories/orphan-copy-left-on-source.json} and
 * {@code stories/orphan-copy-resurrected.json}, {@code expect.violation: OrphanCopy}, run by {@link CorpusTest})
 * is asserted here too, with what the default invariants say about the same runs. Reproduce:
 * {@code mvn -B -o -q -pl cli -am test -Dtest=OrphanCopyCorpusTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class OrphanCopyCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NODE = Pattern.compile("^node (\\S+) holds ");
    private static final Pattern FIXED_SHAPE = Pattern.compile(
            "^node (\\S+) holds .* owner by the moves: (\\S+)\\) after move \\S+ of \\S+ (\\S+) -> (\\S+) committed at \\d+ ms$");

    private static Scenario withOrphanCopy(Scenario s) {
        Expectations e = s.expect();
        List<String> hold = new ArrayList<>(e.hold());
        hold.add("OrphanCopy");
        return s.withExpect(new Expectations(hold, e.violation(), e.baits(), e.migrationsEndBy(), e.history(), e.values()));
    }

    private static long seedOf(Scenario s, Path file) {
        return s.seed().orElse(Seeds.fromFileName(file));
    }

    @Test
    void silentOrExplainedOnEveryPassingCorpusScenario() throws Exception {
        Path root = RepoPaths.root();
        int passing = 0;
        List<String> fired = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        List<String> fixedSilent = new ArrayList<>();
        int fixedFired = 0;
        for (Path file : RepoPaths.corpus()) {
            Scenario s = ScenarioLoader.load(file);
            if (s.expect().violation().isPresent()) {
                continue;
            }
            String name = root.relativize(file).toString();
            long seed = seedOf(s, file);
            RunResult plain = Simulation.run(s, seed, Options.DEFAULT);
            if (plain.verdict() != Verdict.PASS) {
                continue; // not part of the passing corpus (CorpusTest says why)
            }
            passing++;
            RunResult r = Simulation.run(withOrphanCopy(s), seed, Options.DEFAULT.withKeepTrace(true));
            boolean fixed = s.variant().name().equals("fixed");
            if (r.violation().isEmpty()) {
                assertEquals(Verdict.PASS, r.verdict(), name + ": " + r.summary());
                assertEquals(plain.traceSha256(), r.traceSha256(), name + ": the opt-in oracle changed the run");
                silent.add(name);
                if (fixed) {
                    fixedSilent.add(name);
                }
                continue;
            }
            Violation v = r.violation().get();
            assertEquals("OrphanCopy", v.invariant(), name + ": " + r.summary());
            Matcher m = NODE.matcher(v.message());
            assertTrue(m.find(), name + ": " + v.message());
            assertTrue(endedMoveBefore(r.trace(), v.key(), m.group(1)),
                    name + ": no ended move of a prefix of " + v.key() + " with " + m.group(1) + " as a party: " + v.message());
            if (fixed) {
                fixedFired++;
                Matcher f = FIXED_SHAPE.matcher(v.message());
                assertTrue(f.matches(), name + ": fixed leaves only a committed source's copy, got: " + v.message());
                assertEquals(f.group(3), f.group(1), name + ": the orphan is the commit's source");
                assertEquals(f.group(4), f.group(2), name + ": the owner by the moves is the commit's target");
            }
            fired.add(name + " (" + v.key() + ")");
        }
        System.out.println("OrphanCopy over " + passing + " passing corpus scenarios: fires on " + fired.size()
                + " (" + fixedFired + " of them fixed), silent on " + silent.size() + " (fixed: " + fixedSilent + ")");
        fired.forEach(f -> System.out.println("  fires: " + f));
        silent.forEach(f -> System.out.println("  silent: " + f));
        assertTrue(passing > 30, "the passing corpus is there: " + passing);
        assertTrue(fixedFired > 0 && !fixedSilent.isEmpty(), "both outcomes occur in fixed");
    }

    /** Whether {@code trace} has a Commit, CommitInsert or Abort of a prefix of {@code key} with {@code node} as a party. */
    private static boolean endedMoveBefore(List<String> trace, String key, String node) throws Exception {
        for (String line : trace) {
            JsonNode e = JSON.readTree(line);
            String a = e.path("action").asText();
            if ((a.equals("Commit") || a.equals("CommitInsert") || a.equals("Abort"))
                    && key.startsWith(e.path("prefix").asText("\u0000"))
                    && (e.path("from").asText().equals(node) || e.path("to").asText().equals(node))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void firesOnTheScenariosBuiltToBreakIt() throws Exception {
        RunResult left = run("stories/orphan-copy-left-on-source.json", false);
        assertEquals("OrphanCopy", left.violation().orElseThrow().invariant());
        assertEquals("app:gone", left.violation().get().key());
        // The same start without the oracle: the copy goes unnoticed until a move back undoes a DEL.
        RunResult harm = run("stories/move-back-resurrects-deleted-key.json", false);
        assertEquals("NoStrandedWrite", harm.violation().orElseThrow().invariant());
        RunResult early = run("stories/move-back-resurrects-deleted-key.json", true);
        assertEquals("OrphanCopy", early.violation().orElseThrow().invariant(), "held, the oracle reports it first");
        assertTrue(early.violation().get().t() < harm.violation().get().t(), "at the commit, before the harm");
        // A deleted key restored on the source by its snapshot boot: only OrphanCopy sees it.
        RunResult back = run("stories/orphan-copy-resurrected.json", false);
        assertEquals("OrphanCopy", back.violation().orElseThrow().invariant());
        assertEquals("app:k", back.violation().get().key());
        RunResult blind = run("stories/orphan-copy-resurrected.json", null);
        assertEquals(Verdict.PASS, blind.verdict(), blind.summary());
        assertTrue(blind.violation().isEmpty(), "the other invariants are silent: " + blind.summary());
    }

    /**
     * Runs a corpus scenario with its own seed: as written ({@code orphan} false), with OrphanCopy added to
     * its hold (true), or (null) with OrphanCopy taken out of hold and of the expected violation.
     */
    private static RunResult run(String relative, Boolean orphan) throws Exception {
        Path file = RepoPaths.scenarios().resolve(relative);
        Scenario s = ScenarioLoader.load(file);
        if (Boolean.TRUE.equals(orphan)) {
            s = withOrphanCopy(s);
        } else if (orphan == null) {
            Expectations e = s.expect();
            List<String> hold = new ArrayList<>(e.hold());
            hold.remove("OrphanCopy");
            s = s.withExpect(new Expectations(hold, java.util.Optional.empty(), e.baits(), e.migrationsEndBy(),
                    e.history(), e.values()));
        }
        return Simulation.run(s, seedOf(s, file), Options.DEFAULT);
    }
}
