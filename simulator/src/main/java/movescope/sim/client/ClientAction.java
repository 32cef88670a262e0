package movescope.sim.client;

import java.util.List;

/** What the client library asks the world to do next. */
public sealed interface ClientAction {
    /** Send {@code args} to {@code node} and wait for one reply (or a timeout / connection error). */
    record Send(String node, List<String> args) implements ClientAction {}

    /** Sleep {@code ms}, then call {@link RwClient#onWake()}. */
    record Sleep(long ms) implements ClientAction {}

    /** The command returns {@code reply} to the caller. */
    record Done(String reply) implements ClientAction {}
}
