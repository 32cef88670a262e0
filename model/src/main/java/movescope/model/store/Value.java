package movescope.model.store;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One key's value in a {@link Store}. Immutable: the store replaces a value on every write, so a
 * {@link Store#copy()} is a shallow map copy and snapshots can never alias live state.
 */
public sealed interface Value {
    /** The Redis type name ({@code string}, {@code list}, {@code hash}, {@code set}). */
    String typeName();

    /** A string value. */
    record Str(String value) implements Value {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String typeName() {
            return "string";
        }
    }

    /** A list value, head first. */
    record ListVal(List<String> elements) implements Value {
        public ListVal {
            elements = List.copyOf(elements);
        }

        @Override
        public String typeName() {
            return "list";
        }
    }

    /** A hash value; fields sorted so that HGETALL and slice frames are deterministic. */
    record HashVal(SortedMap<String, String> fields) implements Value {
        public HashVal {
            fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
        }

        @Override
        public String typeName() {
            return "hash";
        }
    }

    /** A set value; members sorted so that SMEMBERS and slice frames are deterministic. */
    record SetVal(SortedSet<String> members) implements Value {
        public SetVal {
            members = Collections.unmodifiableSortedSet(new TreeSet<>(members));
        }

        @Override
        public String typeName() {
            return "set";
        }
    }
}
