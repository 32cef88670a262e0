package movescope.model.election;

import java.util.Objects;

/**
 * A message the elector wants sent: to one peer id, or to {@link #BROADCAST} (every peer but itself,
 * {@code crates/kevy-elect/src/elector.rs:186-204}).
 */
public record ElectOutbound(String to, ElectMessage msg) {
    /** kevy's broadcast sentinel. */
    public static final String BROADCAST = "*";

    public ElectOutbound {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(msg, "msg");
    }
}
