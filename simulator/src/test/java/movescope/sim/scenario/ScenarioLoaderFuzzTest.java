package movescope.sim.scenario;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the scenario loader with Jazzer: whatever the bytes, loading ends in a {@link Scenario} or a
 * {@link ScenarioException} that reads in the user's words (the checks of {@link HostileInputTest}); any
 * other exception or error — an OutOfMemoryError, a StackOverflowError, an IllegalStateException — is a
 * finding, and Jazzer saves the input that caused it.
 *
 * <p>In every build this runs in regression mode: the inputs in
 * {@code src/test/resources/movescope/sim/scenario/ScenarioLoaderFuzzTestInputs/loaderNeverCrashes/}
 * (a valid scenario and hostile seeds; add every finding there) run once each. Fuzzing mode, on demand:
 * {@code JAZZER_FUZZ=1 mvn -o -pl simulator -am test -Dtest=ScenarioLoaderFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=5m} (docs/testing.md).
 */
class ScenarioLoaderFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void loaderNeverCrashes(byte[] input) {
        try {
            ScenarioLoader.loadBytes(input, "fuzz.json");
        } catch (ScenarioException e) {
            HostileInputTest.inTheUsersWords(e, "fuzz.json",
                    new String(input, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
