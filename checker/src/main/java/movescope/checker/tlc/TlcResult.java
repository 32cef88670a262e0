package movescope.checker.tlc;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * What one TLC run found. Numbers TLC did not print are {@code -1}.
 *
 * @param outcome         the verdict
 * @param errorKind       why there is no verdict; null unless {@code outcome == ERROR}
 * @param violated        the violated invariant or property name; null when none or when TLC did not name it
 * @param distinctStates  distinct states found (last 2199/2190 message)
 * @param statesGenerated states generated (last 2199 message)
 * @param depth           search depth (2194, else the level of the last 2200 progress report)
 * @param seconds         wall-clock time of the forked TLC process, JVM start included
 * @param counterexample  the error trace, empty when there is none
 * @param message         TLC's error text (parse errors with their location), or null
 * @param tlcExitCode     the exit status of the TLC process (-1 when it was killed)
 * @param rawLog          path of the file holding TLC's complete output; null when TLC was not started
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TlcResult(
        Outcome outcome,
        ErrorKind errorKind,
        String violated,
        long distinctStates,
        long statesGenerated,
        int depth,
        double seconds,
        List<TraceStep> counterexample,
        String message,
        int tlcExitCode,
        String rawLog) {

    public TlcResult {
        Objects.requireNonNull(outcome, "outcome");
        counterexample = List.copyOf(counterexample);
        if ((outcome == Outcome.ERROR) != (errorKind != null)) {
            throw new IllegalArgumentException("errorKind must be set exactly when outcome is ERROR: "
                    + outcome + " / " + errorKind);
        }
    }
}
