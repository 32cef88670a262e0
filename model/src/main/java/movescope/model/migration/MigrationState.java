package movescope.model.migration;

import java.util.Objects;

/** One migration's endpoints: the source node id ({@code from}) and the target node id ({@code to}). */
public record MigrationState(String from, String to) {
    public MigrationState {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
