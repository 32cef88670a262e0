package movescope.model.scope;

import java.util.Objects;

/** What the static ownership table says about a key, relative to one node (kevy-move-scope.md §1). */
public sealed interface RouteVerdict {
    /** The node asking is the active owner of the key's scope. */
    record Owned() implements RouteVerdict {}

    /** No scope matches: scopes are opt-in, so the node accepts the write locally. */
    record Unknown() implements RouteVerdict {}

    /** Another node is the active owner; {@code writer} is its node id. */
    record Misdirected(String writer) implements RouteVerdict {
        public Misdirected {
            Objects.requireNonNull(writer, "writer");
        }
    }
}
