package movescope.sim.scenario;

import java.util.List;
import java.util.Objects;

/**
 * A closed-loop raw client's loop (scenario field {@code clients[].raw}, issue 7 item 8): from {@code fromMs} it
 * sends {@code command} to its node on one connection, awaits the reply (or {@code timeoutMs} of the client), and
 * sends it again {@code thinkMs} later, until {@code untilMs}. It follows no redirect and never backs off — the
 * way kevy's chaos harnesses hammer a node with redis-cli-like loops — and tallies every reply it gets by its
 * exact wire text (a timeout tallies as {@code (timeout)}).
 */
public record RawLoop(List<String> command, long fromMs, long untilMs, long thinkMs) {
    public RawLoop {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a raw loop needs a command");
        }
        if (fromMs < 0 || untilMs < fromMs || thinkMs < 0) {
            throw new IllegalArgumentException("a raw loop needs 0 <= fromMs <= untilMs and thinkMs >= 0");
        }
        Objects.requireNonNull(command, "command");
    }
}
