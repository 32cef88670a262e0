package movescope.sim.check;

import java.util.Optional;

/**
 * A safety invariant of docs/vocabulary.md, checked on the probe keys an event touched. {@link #name()}
 * is the vocabulary name. A check returns a one-line explanation when violated.
 */
public interface Invariant {
    /** What kind of change makes a key worth re-checking for this invariant. */
    enum Aspect { ROUTING, STORE }

    String name();

    /** Does a change of this aspect require re-checking? */
    boolean watches(Aspect aspect);

    /** Checks one key in the current state. */
    default Optional<String> checkKey(WorldView w, String key) {
        return Optional.empty();
    }

    /**
     * Called when {@code node}'s router accepted the checked write {@code write} (e.g. {@code SET k v},
     * rendered for messages) of {@code key}.
     */
    default Optional<String> onAccepted(WorldView w, String node, String key, String write) {
        return Optional.empty();
    }

    /** Called when {@code node} answered QUIESCED for {@code key}. */
    default Optional<String> onQuiesced(WorldView w, String node, String key) {
        return Optional.empty();
    }
}
