package movescope.sim.report;

import java.util.Optional;

/**
 * A client or operator step's outcome: what it sent, what came back (empty = no reply by the end), what
 * was expected, and whether it matched. {@code judged} is false when the run stopped (at an expected
 * violation) before the step could be judged fairly.
 */
public record StepResult(int index, long at, String doName, String target, String command,
        Optional<String> expected, Optional<String> reply, long repliedAtMs, boolean ok, boolean judged) {}
