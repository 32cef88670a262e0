package movescope.model.routing;

import java.util.Objects;

/**
 * One entry of kevy's {@code peers} list (kevy-move-scope.md §8; {@code crates/kevy-config/src/cluster.rs:139-215}).
 * Two token shapes: the extended {@code id@host:elect_port:client_port}, and the legacy
 * {@code id@host:port} ({@code legacy} true), whose one port is the elect port and whose client port kevy
 * leaves unset. The election port carries heartbeats; the client port is the address printed in QUIESCED /
 * MISDIRECTED replies and dialled by MOVE-SCOPE — kevy takes {@code client_port.unwrap_or(port)}
 * ({@code crates/kevy/src/state/scope.rs:52-60}, {@code election.rs:186}), so for a legacy token
 * {@link #clientPort()} is the elect port, and clients are pointed at the election listener.
 */
public record Peer(String id, String host, int electPort, int clientPort, boolean legacy) {
    public Peer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        if (legacy && clientPort != electPort) {
            throw new IllegalArgumentException("a legacy (two-field) peer's client port is its elect port");
        }
    }

    /** An extended (three-field) peer. */
    public Peer(String id, String host, int electPort, int clientPort) {
        this(id, host, electPort, clientPort, false);
    }

    /** A legacy two-field peer {@code id@host:port}: {@code port} is the elect port and the address printed. */
    public static Peer legacy(String id, String host, int port) {
        return new Peer(id, host, port, port, true);
    }

    /** {@code host:clientPort} (the elect port for a legacy token), the form kevy prints on the wire. */
    public String clientAddr() {
        return host + ":" + clientPort;
    }

    /** The token as kevy renders it back ({@code PeerEntry::to_token}, cluster.rs:165-170). */
    public String token() {
        return legacy ? id + "@" + host + ":" + electPort : id + "@" + host + ":" + electPort + ":" + clientPort;
    }
}
