package movescope.checker.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Numbers the spec author measured, all optional. With one worker TLC is deterministic, so the checker
 * compares {@code distinctStates} (and {@code depth}) of a passing run exactly; {@code seconds} is only
 * informative.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Measured(Long distinctStates, Long statesGenerated, Integer depth, Double seconds) {
}
