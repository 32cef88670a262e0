package movescope.checker.tla;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A value as TLC prints it. Records and {@code :>}/{@code @@} functions are both {@link Fcn} (TLC itself
 * prints a function whose domain is identifier-like strings as a record: {@code [q |-> 1]} is
 * {@code ("q" :> 1)}); tuples stay {@link Seq} and convert with {@link #asFunction()}.
 */
public sealed interface TlaValue {

    /** This value seen as a function: records and functions as they are, a tuple as {@code 1..n → elements}. */
    default Map<TlaValue, TlaValue> asFunction() {
        throw new TlaValueException("expected a function, record or tuple, got " + this);
    }

    /** The Java string for a TLA+ string or a model value (node ids may be either). */
    default String asText() {
        throw new TlaValueException("expected a string or model value, got " + this);
    }

    /** A TLA+ string. */
    record Str(String value) implements TlaValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String asText() {
            return value;
        }

        @Override
        public String toString() {
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        }
    }

    /** An integer (TLC's are 32-bit; long leaves room). */
    record Int(long value) implements TlaValue {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** TRUE or FALSE. */
    record Bool(boolean value) implements TlaValue {
        @Override
        public String toString() {
            return value ? "TRUE" : "FALSE";
        }
    }

    /** A model value declared in the config ({@code CONSTANTS a = a}), printed as a bare identifier. */
    record ModelValue(String name) implements TlaValue {
        @Override
        public String asText() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A function or record; equality ignores entry order, as in TLA+. */
    record Fcn(Map<TlaValue, TlaValue> entries) implements TlaValue {
        public Fcn {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public Map<TlaValue, TlaValue> asFunction() {
            return entries;
        }

        /** The value at a record field. */
        public TlaValue field(String name) {
            TlaValue v = entries.get(new Str(name));
            if (v == null) {
                throw new TlaValueException("no field " + name + " in " + this);
            }
            return v;
        }

        @Override
        public String toString() {
            if (entries.isEmpty()) {
                return "<< >>";
            }
            return entries.entrySet().stream().map(e -> e.getKey() + " :> " + e.getValue())
                    .collect(Collectors.joining(" @@ ", "(", ")"));
        }
    }

    /** A tuple / sequence {@code <<a, b>>}. */
    record Seq(List<TlaValue> elements) implements TlaValue {
        public Seq {
            elements = List.copyOf(elements);
        }

        @Override
        public Map<TlaValue, TlaValue> asFunction() {
            Map<TlaValue, TlaValue> m = new LinkedHashMap<>();
            for (int i = 0; i < elements.size(); i++) {
                m.put(new Int(i + 1), elements.get(i));
            }
            return Collections.unmodifiableMap(m);
        }

        @Override
        public String toString() {
            return elements.stream().map(String::valueOf).collect(Collectors.joining(", ", "<<", ">>"));
        }
    }

    /** A finite set; equality ignores order. */
    record SetValue(Set<TlaValue> elements) implements TlaValue {
        public SetValue {
            elements = Collections.unmodifiableSet(new LinkedHashSet<>(elements));
        }

        /** Elements in printed order (TLC prints sets normalized, so this order is stable). */
        public List<TlaValue> ordered() {
            return new ArrayList<>(elements);
        }

        @Override
        public String toString() {
            return elements.stream().map(String::valueOf).collect(Collectors.joining(", ", "{", "}"));
        }
    }
}
