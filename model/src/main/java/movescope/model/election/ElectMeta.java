package movescope.model.election;

import java.util.Objects;
import java.util.Optional;

/**
 * The durable {@code (epoch, voted_for)} pair of {@code <data_dir>/elect.meta}
 * ({@code crates/kevy-elect/src/persist.rs}): saved before an OFFER or ACCEPT leaves the node and before a
 * higher epoch is followed; it survives a crash. {@link #NONE} ({@code (0, None)}) is a node that never
 * saved anything; the elector then keeps its boot epoch 1 ({@code elector.rs:250-260}).
 */
public record ElectMeta(long epoch, Optional<String> votedFor) {
    public static final ElectMeta NONE = new ElectMeta(0, Optional.empty());

    public ElectMeta {
        Objects.requireNonNull(votedFor, "votedFor");
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
    }
}
