package movescope.checker.manifest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;
import movescope.checker.tlc.Outcome;

/** A manifest's {@code expect} field: the outcome a run must have. */
public enum Expectation {
    PASS("pass", Outcome.PASS),
    VIOLATION("violation", Outcome.VIOLATION),
    DEADLOCK("deadlock", Outcome.DEADLOCK),
    PROPERTY("property", Outcome.PROPERTY_VIOLATION);

    private final String word;
    private final Outcome outcome;

    Expectation(String word, Outcome outcome) {
        this.word = word;
        this.outcome = outcome;
    }

    /** The spelling in manifest.json. */
    @JsonValue
    public String word() {
        return word;
    }

    /** The TLC outcome that satisfies this expectation. */
    public Outcome outcome() {
        return outcome;
    }

    @JsonCreator
    public static Expectation fromWord(String word) {
        for (Expectation e : values()) {
            if (e.word.equals(word)) {
                return e;
            }
        }
        throw new IllegalArgumentException("expect must be one of "
                + Arrays.stream(values()).map(e -> "\"" + e.word + "\"").collect(Collectors.joining(", "))
                + ", got \"" + word + "\"");
    }
}
