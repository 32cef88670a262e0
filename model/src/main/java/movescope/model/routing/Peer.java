package movescope.model.routing;

import java.util.Objects;

/**
 * One entry of kevy's {@code peers} list ({@code id@host:elect_port:client_port}, kevy-move-scope.md §8).
 * The election port carries heartbeats; the client port is the address printed in QUIESCED /
 * MISDIRECTED replies and dialled by MOVE-SCOPE.
 */
public record Peer(String id, String host, int electPort, int clientPort) {
    public Peer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
    }

    /** {@code host:clientPort}, the form kevy prints on the wire. */
    public String clientAddr() {
        return host + ":" + clientPort;
    }
}
