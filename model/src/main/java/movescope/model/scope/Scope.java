package movescope.model.scope;

import java.util.Objects;
import java.util.Optional;

/**
 * One declared scope of kevy's static ownership table (kevy-move-scope.md §1): every key that starts
 * with {@code prefix} is written by {@code writer}, or by {@code fallback} while the writer is DOWN.
 * The empty prefix is representable here because the table itself accepts it; kevy's config parser is
 * what rejects empty tokens.
 */
public record Scope(String prefix, String writer, Optional<String> fallback) {
    public Scope {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(fallback, "fallback");
    }

    /** A scope without fallback. */
    public static Scope of(String prefix, String writer) {
        return new Scope(prefix, writer, Optional.empty());
    }

    /** A scope with a fallback writer. */
    public static Scope of(String prefix, String writer, String fallback) {
        return new Scope(prefix, writer, Optional.of(fallback));
    }

    /** True when {@code key} falls under this scope (byte-wise "starts with"). */
    public boolean matches(String key) {
        return key.startsWith(prefix);
    }
}
