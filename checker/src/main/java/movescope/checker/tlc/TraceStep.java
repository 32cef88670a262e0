package movescope.checker.tlc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a TLC counterexample.
 *
 * @param number    TLC's state number (1 = initial state); for {@link StepKind#BACK_TO_STATE} the number
 *                  of the state the lasso returns to
 * @param action    the action name ({@code "Initial predicate"} for the first state), empty for stuttering
 * @param location  TLC's source location of the action ({@code line 5, col 9 to ... of module M}) or empty
 * @param variables variable name → TLC's printed value, in TLC's printing order; empty unless {@link StepKind#STATE}
 * @param kind      what kind of step this is
 */
public record TraceStep(int number, String action, String location, Map<String, String> variables, StepKind kind) {
    public TraceStep {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(kind, "kind");
        // Keep TLC's printing order (its internal name order, not alphabetical) and make the record immutable.
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }
}
