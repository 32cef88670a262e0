package movescope.live.resp;

import java.util.List;
import java.util.Objects;

/** One RESP2 value as it travels on the wire. */
public sealed interface RespValue {

    /** {@code +text} */
    record Simple(String text) implements RespValue {
        public Simple {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code -message} ({@code message} without the dash, e.g. {@code ERR syntax error}). */
    record Error(String message) implements RespValue {
        public Error {
            Objects.requireNonNull(message, "message");
        }
    }

    /** {@code :n} */
    record Int(long value) implements RespValue {}

    /** {@code $n} bulk string; {@code value} null is the null bulk {@code $-1}. */
    record Bulk(String value) implements RespValue {}

    /** {@code *n} array; {@code elements} null is the null array {@code *-1}. */
    record Array(List<RespValue> elements) implements RespValue {
        public Array {
            elements = elements == null ? null : List.copyOf(elements);
        }
    }
}
