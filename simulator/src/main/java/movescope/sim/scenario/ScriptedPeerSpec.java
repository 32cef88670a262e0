package movescope.sim.scenario;

import java.util.Objects;
import java.util.Optional;

/**
 * A peer that is not a kevy node (scenario field {@code cluster.scriptedPeers}, docs/scenario-format.md): the
 * way kevy's own tests fake a MOVE-SCOPE target ({@code crates/kevy/tests/scope_move_e2e.rs}'s mock). It is
 * listed in every node's default {@code peers} with the legacy token {@code id@host:port}, so MOVE-SCOPE's
 * ship target and a MISDIRECTED naming it are {@code host:port}. When a ship connection reaches it, it refuses
 * it ({@code accept} false: {@code Connection refused (os error 111)}), or accepts it and, {@code replyAfterMs}
 * later, writes {@code reply} (raw bytes, one char per byte; absent = nothing) and closes the connection. It
 * reads whatever the source sends and answers nothing else; heartbeats and election messages to it are lost.
 */
public record ScriptedPeerSpec(String id, String host, int port, boolean accept, long replyAfterMs,
                               Optional<String> reply) {
    public ScriptedPeerSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(reply, "reply");
        if (replyAfterMs < 0) {
            throw new IllegalArgumentException("replyAfterMs must be >= 0");
        }
    }

    /** {@code host:port}, the address nodes dial and print. */
    public String addr() {
        return host + ":" + port;
    }
}
