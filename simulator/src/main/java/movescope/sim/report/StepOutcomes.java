package movescope.sim.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import movescope.sim.scenario.Commands;
import movescope.sim.scenario.ReplyExpectation;
import movescope.sim.scenario.Step;

/**
 * The replies that the scenario's scripted client and operator steps received, and their judgement
 * against each step's expected reply at the end of the run. Kept apart from the world so the rule "a
 * step is judged only if the run reached its end or the step was answered" lives in one place.
 */
public final class StepOutcomes {
    // Looked up by index only, never iterated: the order of a HashMap does not reach the output.
    private final HashMap<Integer, String> reply = new HashMap<>();
    private final HashMap<Integer, Long> repliedAt = new HashMap<>();

    /** Step {@code index} got its (final) reply {@code wire} at virtual time {@code at}. */
    public void replied(int index, String wire, long at) {
        reply.put(index, wire);
        repliedAt.put(index, at);
    }

    /**
     * Judges every client and operator step of {@code steps}; a step that missed its expectation adds
     * one line to {@code failures}. When the run stopped early, unanswered steps are reported unjudged.
     */
    public List<StepResult> judge(List<Step> steps, boolean stoppedEarly, List<String> failures) {
        List<StepResult> stepResults = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            Optional<ReplyExpectation> exp;
            String target;
            List<String> cmd;
            if (s instanceof Step.ClientStep cs) {
                exp = cs.expect();
                target = cs.client();
                cmd = cs.command();
            } else if (s instanceof Step.OperatorStep os) {
                exp = os.expect();
                target = os.node();
                cmd = os.command();
            } else {
                continue;
            }
            String got = reply.get(i);
            boolean judged = !stoppedEarly || got != null;
            long at = repliedAt.getOrDefault(i, -1L);
            boolean ok = exp.isEmpty() || !judged || exp.get().matches(got, at);
            stepResults.add(new StepResult(i, s.at(), s.doName(), target, Commands.render(cmd),
                    exp.map(ReplyExpectation::describe), Optional.ofNullable(got),
                    at, ok, judged));
            if (!ok) {
                failures.add("step " + i + " (at " + s.at() + " ms, " + s.doName() + " " + target + " "
                        + Commands.render(cmd) + "): expected " + exp.get().describe() + ", got "
                        + (got == null ? "no reply" : got)
                        + (got != null && exp.get() instanceof ReplyExpectation.Timed ? " at " + at + " ms" : ""));
            }
        }
        return stepResults;
    }
}
