package movescope.live.serve;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How {@code movescope serve} lays a scenario's cluster out on loopback.
 *
 * @param basePort    node i (in the scenario's order) listens for clients on basePort + i; 0 = any free port
 *                    (tests); every node's election (heartbeat) port is its client port + {@code electOffset}
 *                    (kevy's default {@code server.port + 200}), or any free port with basePort 0
 * @param controlPort the control port ({@code CRASH a}, {@code RESTART a}, ...); 0 = any free port
 * @param dataDir     where each node's journal lives; empty = nothing survives the process
 * @param tracePath   where the model's trace of the served run goes (NDJSON); empty = nowhere
 * @param holdClock   the served clock stands at its start until the control command {@code GO} (what
 *                    {@code movescope live} sends when its steps' time 0 begins), so the served time and the
 *                    scenario's step times share one origin, as in the simulator
 */
public record ServeOptions(int basePort, int electOffset, int controlPort, Optional<Path> dataDir,
        Optional<Path> tracePath, boolean holdClock) {
    public static final int DEFAULT_BASE_PORT = 7001;
    public static final int DEFAULT_ELECT_OFFSET = 200;

    /** A serve whose clock runs from the start. */
    public ServeOptions(int basePort, int electOffset, int controlPort, Optional<Path> dataDir, Optional<Path> tracePath) {
        this(basePort, electOffset, controlPort, dataDir, tracePath, false);
    }

    public static ServeOptions ephemeral() {
        return new ServeOptions(0, DEFAULT_ELECT_OFFSET, 0, Optional.empty(), Optional.empty());
    }

    /** These options with the clock held until {@code GO} (for a serve that {@code movescope live} drives). */
    public ServeOptions heldClock() {
        return new ServeOptions(basePort, electOffset, controlPort, dataDir, tracePath, true);
    }
}
