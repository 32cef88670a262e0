package movescope.checker.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import movescope.checker.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the trace check bites: real simulator traces, each tampered in one place the way a wrong
 * simulator would produce it, must be rejected by TLC at exactly the tampered line (or the first line
 * whose verdict the tampering makes wrong), with the untampered trace accepted in the same TLC batch.
 * All cases go into one {@link TraceCheck#runAll} call (one TLC run per rejection).
 *
 * <p>A failure prints the result (status, line, reason). Reproduce by writing the tampered trace to a
 * file and running {@code movescope trace-check --variant ... FILE}.
 */
class TamperedTracesRejectedTest {
    private static TraceCheck.Input committed;   // kevy-5.4: seed layout, CommitRemove/CommitInsert
    private static TraceCheck.Input atomic;      // atomic layout, one Commit
    private static TraceCheck.Input refusals;    // StartRefused lines
    private static TraceCheck.Input durable;     // fixed: MIGRATED restored at a restart

    @BeforeAll
    static void traces() throws Exception {
        committed = SimulatorTraces.trace("stories/committed-move.json");
        atomic = SimulatorTraces.trace("stories/atomic-table-closes-commit-window.json");
        refusals = SimulatorTraces.trace("stories/move-scope-errors.json");
        durable = SimulatorTraces.trace("variants/source-restart-forgets-migrated-fixed.json");
    }

    private static int first(List<String> lines, Predicate<String> p) {
        for (int i = 0; i < lines.size(); i++) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such line in the trace");
    }

    private static Predicate<String> action(String a) {
        return l -> l.contains("\"action\":\"" + a + "\"");
    }

    private record Case(TraceCheck.Input input, int expectedLine, String why) {}

    /**
     * Rewrites every line's {@code seq} to 1, 2, 3, … and lifts a virtual time {@code t} that went back to
     * the previous line's: a tampering that keeps the sequence consistent, so the spec has to catch it.
     */
    private static void renumber(List<String> l) {
        long prevT = 0;
        java.util.regex.Pattern tField = java.util.regex.Pattern.compile("\"t\":([0-9]+)");
        for (int i = 0; i < l.size(); i++) {
            String line = l.get(i).replaceFirst("\"seq\":[0-9]+", "\"seq\":" + (i + 1));
            java.util.regex.Matcher m = tField.matcher(line);
            if (m.find()) {
                long t = Math.max(prevT, Long.parseLong(m.group(1)));
                line = line.substring(0, m.start()) + "\"t\":" + t + line.substring(m.end());
                prevT = t;
            }
            l.set(i, line);
        }
    }

    /**
     * Any line removed or two neighbours swapped — the CommitInsert line included, which the table spec
     * cannot tell from a run that stopped inside the commit window — is rejected at the first line out of
     * the simulator's sequence, before TLC runs; a removed last line (the RunEnd) at the line after the trace's
     * end.
     */
    @Test
    void everyRemovedOrSwappedLineIsRejectedAtItsLine() {
        List<String> lines = committed.lines();
        List<TraceCheck.Input> inputs = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            List<String> removed = new ArrayList<>(lines);
            removed.remove(i);
            inputs.add(new TraceCheck.Input("removed-" + (i + 1), removed, committed.variant()));
            expected.add(i + 1);
            List<String> swapped = new ArrayList<>(lines);
            swapped.set(i, lines.get(i + 1));
            swapped.set(i + 1, lines.get(i));
            inputs.add(new TraceCheck.Input("swapped-" + (i + 1), swapped, committed.variant()));
            expected.add(i + 1);
        }
        int commitInsert = first(lines, action("CommitInsert"));
        assertTrue(commitInsert + 1 < lines.size(), "the CommitInsert is not the trace's last line");
        TraceCheck.Report report = TraceCheck.runAll(inputs, SimulatorTraces.specDir(), Fixtures.runner());
        assertEquals(0, report.tlcRuns(), "the sequence check decides without TLC");
        for (int x = 0; x < inputs.size(); x++) {
            TraceResult r = report.results().get(x);
            assertEquals(TraceResult.Status.REJECTED, r.status(), inputs.get(x).name() + ": " + r);
            assertEquals((int) expected.get(x), r.failingLine(), inputs.get(x).name() + ": " + r);
            assertEquals(inputs.get(x).lines().get(expected.get(x) - 1), r.failingText());
        }
        assertTrue(report.results().get(2 * commitInsert).reason().contains("missing, duplicated or out of order"),
                report.results().get(2 * commitInsert).toString());
        // The last line, the RunEnd, removed: rejected at the line after the trace's end.
        List<String> noEnd = new ArrayList<>(lines.subList(0, lines.size() - 1));
        TraceFormatException e = org.junit.jupiter.api.Assertions.assertThrows(TraceFormatException.class,
                () -> TraceProjection.project(noEnd));
        assertEquals(lines.size(), e.line(), e.getMessage());
        assertTrue(e.tampered() && e.getMessage().contains("RunEnd"), e.getMessage());
    }

    @Test
    void everyTamperingIsRejectedAtItsLine() {
        List<Case> cases = new ArrayList<>();

        // 1. The Commit is dropped: the prefix stays MIGRATING, so the next write on the source must be
        //    QUIESCED — the trace's MISDIRECTED there is no longer a verdict the table allows.
        {
            List<String> l = new ArrayList<>(atomic.lines());
            int c = first(l, action("Commit"));
            l.remove(c);
            renumber(l); // a simulator that never wrote it: the sequence check alone would catch a plain removal
            int next = c + first(l.subList(c, l.size()),
                    s -> s.contains("\"action\":\"ClientWrite\"") && s.contains("\"node\":\"a\"") && s.contains("\"checked\":true"));
            cases.add(new Case(new TraceCheck.Input("commit-dropped", l, atomic.variant()), next + 1,
                    "write after a dropped Commit"));
        }
        // 2. The Start is repeated after the commit, reported ok: the spec answers AlreadyMigrated.
        {
            List<String> l = new ArrayList<>(committed.lines());
            String start = l.get(first(l, action("Start")));
            int ins = first(l, action("CommitInsert")) + 1;
            l.add(ins, start);
            renumber(l);
            cases.add(new Case(new TraceCheck.Input("start-after-commit", l, committed.variant()), ins + 1,
                    "Start ok of a migrated prefix"));
        }
        // 3. A QUIESCED verdict with no migration in flight (the first write, before any Start).
        {
            List<String> l = new ArrayList<>(committed.lines());
            int w = first(l, s -> s.contains("\"verdict\":\"accepted\"") && s.contains("\"checked\":true"));
            l.set(w, l.get(w).replace("\"verdict\":\"accepted\"", "\"verdict\":\"QUIESCED\""));
            cases.add(new Case(new TraceCheck.Input("quiesced-without-move", l, committed.variant()), w + 1,
                    "QUIESCED with an empty MIGRATING"));
        }
        // 4. A refusal with the wrong reason.
        {
            List<String> l = new ArrayList<>(refusals.lines());
            int r = first(l, action("StartRefused"));
            String line = l.get(r);
            String swapped = line.contains("ALREADY_MIGRATED") ? line.replace("ALREADY_MIGRATED", "ALREADY_MIGRATING")
                    : line.replace("ALREADY_MIGRATING", "ALREADY_MIGRATED");
            l.set(r, swapped);
            cases.add(new Case(new TraceCheck.Input("refusal-reason-swapped", l, refusals.variant()), r + 1,
                    "StartRefused with the other reason"));
        }
        // 5. The right trace under the wrong variant: a seed-layout trace claimed to be atomic.
        {
            List<String> l = committed.lines();
            cases.add(new Case(new TraceCheck.Input("seed-trace-as-atomic", l, new TableVariant("atomic", false, false)),
                    first(l, action("CommitRemove")) + 1, "CommitRemove in the atomic layout"));
        }
        // 6. A restart that restores a different number of MIGRATED entries than the table held.
        {
            List<String> l = new ArrayList<>(durable.lines());
            int r = first(l, s -> s.contains("\"action\":\"Restart\"") && s.matches(".*\"migratedRestored\":[1-9].*"));
            l.set(r, l.get(r).replaceFirst("\"migratedRestored\":[0-9]+", "\"migratedRestored\":7"));
            cases.add(new Case(new TraceCheck.Input("restart-count-wrong", l, durable.variant()), r + 1,
                    "migratedRestored that is not the size of durable MIGRATED"));
        }
        // 7. The same restart under a variant whose MIGRATED is volatile: the count no longer fits.
        {
            List<String> l = durable.lines();
            int r = first(l, s -> s.contains("\"action\":\"Restart\"") && s.matches(".*\"migratedRestored\":[1-9].*"));
            TableVariant v = new TableVariant(durable.variant().layout(), false, durable.variant().migratingDurable());
            cases.add(new Case(new TraceCheck.Input("durable-trace-as-volatile", l, v), r + 1,
                    "MIGRATED restored by a variant that does not keep it"));
        }

        List<TraceCheck.Input> inputs = new ArrayList<>();
        inputs.add(committed); // the untouched originals must still pass alongside
        inputs.add(atomic);
        for (Case c : cases) {
            inputs.add(c.input());
        }
        TraceCheck.Report report = TraceCheck.runAll(inputs, SimulatorTraces.specDir(), Fixtures.runner());

        assertTrue(report.results().get(0).accepted(), report.results().get(0).toString());
        assertTrue(report.results().get(1).accepted(), report.results().get(1).toString());
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            TraceResult r = report.results().get(i + 2);
            assertEquals(TraceResult.Status.REJECTED, r.status(), c.why() + ": " + r);
            assertEquals(c.expectedLine(), r.failingLine(), c.why() + ": " + r);
            assertEquals(c.input().lines().get(c.expectedLine() - 1), r.failingText(), c.why());
            assertTrue(r.eventsChecked() < r.tableEvents(), c.why() + ": " + r);
        }
        assertEquals(cases.size() + 1, report.tlcRuns(), "one run per rejection plus the final passing one");
    }

    @Test
    void anUnknownActionIsBadInputAtItsLine() {
        List<String> l = new ArrayList<>(committed.lines());
        l.add(3, "{\"action\":\"TableWipe\",\"node\":\"a\",\"seq\":0,\"t\":0}");
        TraceCheck.Report report = TraceCheck.runAll(List.of(new TraceCheck.Input("unknown", l, committed.variant())),
                SimulatorTraces.specDir(), Fixtures.runner());
        TraceResult r = report.results().get(0);
        assertEquals(TraceResult.Status.BAD_INPUT, r.status(), r.toString());
        assertEquals(4, r.failingLine());
        assertTrue(r.reason().contains("unknown action \"TableWipe\""), r.reason());
        assertEquals(0, report.tlcRuns(), "nothing to run TLC on");
    }

    @Test
    void aMissingFieldIsBadInput() {
        List<String> l = new ArrayList<>(committed.lines());
        int s = first(l, action("Start"));
        l.set(s, l.get(s).replace("\"prefix\":", "\"prefixx\":"));
        TraceFormatException e = org.junit.jupiter.api.Assertions.assertThrows(TraceFormatException.class,
                () -> TraceProjection.project(l));
        assertEquals(s + 1, e.line());
    }

    /**
     * The CommitInsert removed and every later line renumbered, so the sequence check cannot see the gap: the
     * commit window (0 ms in this run, as the trace's RunEnd says) is still open at the next line of a later
     * millisecond, which is rejected. With a RunEnd that says the run stopped at a violation, an open window at
     * the end is a run cut short, and passes this check.
     */
    @Test
    void aCommitInsertRemovedFromARenumberedTraceIsRejectedWhereTheWindowShouldHaveClosed() throws Exception {
        List<String> l = new ArrayList<>(committed.lines());
        int remove = first(l, action("CommitRemove"));
        int insert = first(l, action("CommitInsert"));
        l.remove(insert);
        renumber(l);
        java.util.regex.Pattern tField = java.util.regex.Pattern.compile("\"t\":([0-9]+)");
        java.util.regex.Matcher rm = tField.matcher(l.get(remove));
        assertTrue(rm.find());
        long tRemove = Long.parseLong(rm.group(1));
        int expected = -1;
        for (int i = remove + 1; i < l.size(); i++) {
            java.util.regex.Matcher m = tField.matcher(l.get(i));
            if (m.find() && Long.parseLong(m.group(1)) > tRemove) {
                expected = i + 1;
                break;
            }
        }
        TraceFormatException e = org.junit.jupiter.api.Assertions.assertThrows(TraceFormatException.class,
                () -> TraceProjection.project(l));
        assertEquals(expected, e.line(), e.getMessage());
        assertTrue(e.tampered() && e.getMessage().contains("commit window"), e.getMessage());
        // Cut the trace right after the CommitRemove and end it as a run stopped by a violation: accepted here.
        List<String> cut = new ArrayList<>(l.subList(0, remove + 1));
        cut.add("{\"action\":\"RunEnd\",\"commitWindowMs\":0,\"reason\":\"violation\",\"seq\":" + (remove + 2)
                + ",\"t\":" + tRemove + "}");
        TraceProjection.project(cut);
    }
}
