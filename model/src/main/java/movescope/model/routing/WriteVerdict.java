package movescope.model.routing;

import java.util.Objects;
import java.util.Optional;

/** The write path's decision for one command (kevy-move-scope.md §3). */
public sealed interface WriteVerdict {
    /** The reply kevy sends instead of executing, or empty when the command runs. */
    Optional<String> wireReply();

    /** True when the command is executed locally. */
    default boolean accepted() {
        return this instanceof Accept;
    }

    /** The command runs locally. */
    record Accept(AcceptReason reason) implements WriteVerdict {
        public Accept {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<String> wireReply() {
            return Optional.empty();
        }
    }

    /** Step 2: a migration of a prefix of the key is in flight; {@code to} is the target's id. */
    record Quiesced(String to, String addr) implements WriteVerdict {
        public Quiesced {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(addr, "addr");
        }

        /** No prefix on the wire: the server does not send the one the seed's doc comment shows. */
        @Override
        public Optional<String> wireReply() {
            return Optional.of("-QUIESCED migrating to " + addr);
        }
    }

    /** Step 3 or 5: {@code writer} (a node id) is where the write belongs. */
    record Misdirected(String writer, String addr) implements WriteVerdict {
        public Misdirected {
            Objects.requireNonNull(writer, "writer");
            Objects.requireNonNull(addr, "addr");
        }

        @Override
        public Optional<String> wireReply() {
            return Optional.of("-MISDIRECTED writer is " + addr);
        }
    }
}
