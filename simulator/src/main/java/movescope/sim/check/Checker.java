package movescope.sim.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Runs the enabled invariants after each event on the probe keys the event touched: keys whose routing
 * may have changed (moves, boots, crashes, DOWN-view changes) and keys whose stores may have changed
 * (applied or acknowledged writes, ingests, crashes). Keys are checked in sorted order and invariants in
 * vocabulary order, so the first violation reported is deterministic.
 */
public final class Checker {
    private final List<Invariant> enabled;
    private final TreeSet<String> routingDirty = new TreeSet<>();
    private final TreeSet<String> storeDirty = new TreeSet<>();
    private long keyChecks;

    public Checker(List<Invariant> enabled) {
        this.enabled = List.copyOf(enabled);
    }

    /**
     * The standard invariants whose names are in {@code names}, in vocabulary order: the default ones
     * ({@code Expectations.INVARIANTS}), then the opt-in ones ({@code Expectations.OPT_IN}).
     */
    public static List<Invariant> standard(java.util.Collection<String> names) {
        List<Invariant> all = List.of(new NoAcceptAfterShip(), new SingleWriter(), new NoLostWrite(), new NoStrandedWrite(),
                new QuiescedOnlyInFlight(), new RedirectsConverge(), new NoPhantomWrite(), new OrphanCopy());
        List<Invariant> out = new ArrayList<>();
        for (Invariant i : all) {
            if (names.contains(i.name())) {
                out.add(i);
            }
        }
        return out;
    }

    public List<Invariant> enabled() {
        return enabled;
    }

    public boolean isEnabled(String name) {
        for (Invariant i : enabled) {
            if (i.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    public void routingChanged(java.util.Collection<String> keys) {
        routingDirty.addAll(keys);
    }

    public void storeChanged(java.util.Collection<String> keys) {
        storeDirty.addAll(keys);
    }

    public void storeChanged(String key) {
        storeDirty.add(key);
    }

    public boolean hasDirty() {
        return !routingDirty.isEmpty() || !storeDirty.isEmpty();
    }

    public long keyChecks() {
        return keyChecks;
    }

    /** A violation found: (invariant, key, message). */
    public record Found(String invariant, String key, String message) {}

    /** Checks every dirty key and clears the dirty sets. */
    public Optional<Found> check(WorldView w) {
        if (routingDirty.isEmpty() && storeDirty.isEmpty()) {
            return Optional.empty();
        }
        TreeSet<String> keys = new TreeSet<>(routingDirty);
        keys.addAll(storeDirty);
        try {
            for (String key : keys) {
                boolean routing = routingDirty.contains(key);
                boolean store = storeDirty.contains(key);
                for (Invariant inv : enabled) {
                    if ((routing && inv.watches(Invariant.Aspect.ROUTING))
                            || (store && inv.watches(Invariant.Aspect.STORE))) {
                        keyChecks++;
                        Optional<String> v = inv.checkKey(w, key);
                        if (v.isPresent()) {
                            return Optional.of(new Found(inv.name(), key, v.get()));
                        }
                    }
                }
            }
            return Optional.empty();
        } finally {
            routingDirty.clear();
            storeDirty.clear();
        }
    }

    /** A node's router accepted the checked write {@code write} of {@code key}. */
    public Optional<Found> accepted(WorldView w, String node, String key, String write) {
        for (Invariant inv : enabled) {
            Optional<String> v = inv.onAccepted(w, node, key, write);
            if (v.isPresent()) {
                return Optional.of(new Found(inv.name(), key, v.get()));
            }
        }
        return Optional.empty();
    }

    /** A node answered QUIESCED for {@code key}. */
    public Optional<Found> quiesced(WorldView w, String node, String key) {
        for (Invariant inv : enabled) {
            Optional<String> v = inv.onQuiesced(w, node, key);
            if (v.isPresent()) {
                return Optional.of(new Found(inv.name(), key, v.get()));
            }
        }
        return Optional.empty();
    }
}
