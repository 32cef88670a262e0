package movescope.sim.report;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import movescope.sim.check.Violation;
import movescope.sim.engine.Verdict;
import movescope.sim.scenario.Step;

/**
 * Everything one run produced. {@code summary} is one human line; {@code failures} lists every unmet
 * expectation; {@code trace} is filled only when the options ask to keep it; {@code materializedSteps} are
 * the steps the run actually took — scripted ones plus every random workload command and chaos fault, in
 * time order — which the shrinker turns into a standalone scenario; {@code tallies} are the closed-loop raw
 * clients' replies, client → wire text → count (empty without raw clients).
 */
public record RunResult(
        String scenario,
        long seed,
        String variant,
        Verdict verdict,
        String summary,
        Optional<Violation> violation,
        List<StepResult> steps,
        List<String> failures,
        List<HistoryFinding> history,
        SortedMap<String, Long> baits,
        SortedMap<String, Long> counts,
        long eventsProcessed,
        long virtualTimeMs,
        long traceLines,
        String traceSha256,
        List<String> trace,
        List<Step> materializedSteps,
        SortedMap<String, SortedMap<String, Long>> tallies) {

    public RunResult {
        steps = List.copyOf(steps);
        failures = List.copyOf(failures);
        history = List.copyOf(history);
        trace = List.copyOf(trace);
        materializedSteps = List.copyOf(materializedSteps);
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
