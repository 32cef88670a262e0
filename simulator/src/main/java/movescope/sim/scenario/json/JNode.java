package movescope.sim.scenario.json;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * A parsed JSON value that remembers where it came from, so that semantic errors found after parsing
 * (an unknown node id, scopes that do not build) can still point at a line and column. Jackson's own trees
 * forget locations; this one keeps them.
 */
public sealed interface JNode {
    Where where();

    /** The JSON type name used in error messages ("a string", "an object", ...). */
    String kind();

    record JObject(LinkedHashMap<String, JNode> fields, Where where) implements JNode {
        @Override
        public String kind() {
            return "an object";
        }
    }

    record JArray(List<JNode> items, Where where) implements JNode {
        @Override
        public String kind() {
            return "an array";
        }
    }

    record JString(String value, Where where) implements JNode {
        @Override
        public String kind() {
            return "a string";
        }
    }

    /**
     * A number kept exactly as written ({@code text}), so that {@code 1.0} and {@code 1} can be told apart
     * from {@code 1.5}, and so that {@code 1e999999999} is never expanded: {@link Obj} converts it with
     * bounded work (integers digit by digit, fractions with {@link Double#parseDouble}, which saturates).
     * {@code integral} is true for a JSON integer token (no fraction, no exponent).
     */
    record JNumber(String text, boolean integral, Where where) implements JNode {
        @Override
        public String kind() {
            return "a number";
        }
    }

    record JBool(boolean value, Where where) implements JNode {
        @Override
        public String kind() {
            return "a boolean";
        }
    }

    record JNull(Where where) implements JNode {
        @Override
        public String kind() {
            return "null";
        }
    }
}
