package movescope.model.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One key's value in a {@link Store}. Immutable: the store replaces a value on every write, so a
 * {@link Store#copy()} is a shallow table copy and snapshots can never alias live state. Strings are the
 * model's one-char-per-byte (ISO-8859-1) form of kevy's bytes (docs/model-api.md).
 */
public sealed interface Value {
    /** kevy's TYPE name ({@code string}, {@code list}, {@code hash}, {@code set}, {@code zset}, {@code stream}). */
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

    /** A hash value in kevy's encoding, so HGETALL and the slice frame list the fields in kevy's order. */
    record HashVal(KevyCollection table) implements Value {
        public HashVal {
            Objects.requireNonNull(table, "table");
            if (table.kind() != KevyCollection.Kind.HASH) {
                throw new IllegalArgumentException("not a hash table");
            }
        }

        /** (field, value) pairs in kevy's iteration order. */
        public List<Map.Entry<String, String>> fields() {
            return table.pairs();
        }

        @Override
        public String typeName() {
            return "hash";
        }
    }

    /** A set value in kevy's encoding, so SMEMBERS and the slice frame list the members in kevy's order. */
    record SetVal(KevyCollection table) implements Value {
        public SetVal {
            Objects.requireNonNull(table, "table");
            if (table.kind() != KevyCollection.Kind.SET) {
                throw new IllegalArgumentException("not a set table");
            }
        }

        /** Members in kevy's iteration order. */
        public List<String> members() {
            return table.keys();
        }

        @Override
        public String typeName() {
            return "set";
        }
    }

    /**
     * A sorted set: member → score. Iterated by score, then member bytes, with {@code f64::total_cmp} on
     * the score ({@code crates/kevy-store/src/zset_range.rs:45}; {@link Double#compare} orders the same way,
     * -0.0 before 0.0). A score is NaN only when a *STORE computed one (kevy stores it; its order among the
     * others is not pinned down: see {@link AlgebraStore}).
     */
    record ZSetVal(SortedMap<String, Double> scores) implements Value {
        public ZSetVal {
            scores = Collections.unmodifiableSortedMap(new TreeMap<>(scores));
        }

        /** Members in rank order (ZRANGE 0 -1). */
        public List<Map.Entry<String, Double>> ranked() {
            List<Map.Entry<String, Double>> out = new ArrayList<>(scores.entrySet());
            out.sort(Comparator.<Map.Entry<String, Double>>comparingDouble(Map.Entry::getValue)
                    .thenComparing(Map.Entry::getKey));
            return out;
        }

        @Override
        public String typeName() {
            return "zset";
        }
    }

    /** A stream: entries in id order plus the scalars XSETID rebuilds (kevy-store stream/mod.rs StreamData). */
    record StreamVal(SortedMap<StreamId, List<String>> entries, StreamId lastId, long entriesAdded,
                     StreamId maxDeletedId) implements Value {
        public StreamVal {
            TreeMap<StreamId, List<String>> copy = new TreeMap<>();
            entries.forEach((id, fv) -> copy.put(id, List.copyOf(fv)));
            entries = Collections.unmodifiableSortedMap(copy);
            Objects.requireNonNull(lastId, "lastId");
            Objects.requireNonNull(maxDeletedId, "maxDeletedId");
        }

        /** A new, empty stream (what {@code stream_mut(key, create = true)} inserts). */
        public static StreamVal empty() {
            return new StreamVal(new TreeMap<>(), StreamId.MIN, 0, StreamId.MIN);
        }

        @Override
        public String typeName() {
            return "stream";
        }
    }
}
