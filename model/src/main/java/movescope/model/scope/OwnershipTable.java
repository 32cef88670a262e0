package movescope.model.scope;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * kevy-scope's static ownership table (kevy-move-scope.md §1). Built once from config, immutable after.
 *
 * <p>Construction checks duplicates over the whole list before it looks for overlaps, and reports the
 * first offending pair in input order, because that is the error an operator sees from kevy. Lookups
 * use the scopes sorted by prefix; since overlaps are rejected at most one scope can match a key, so
 * the sort only fixes a deterministic order for {@link #scopes()} and for the scan.
 */
public final class OwnershipTable {
    private static final OwnershipTable EMPTY = new OwnershipTable(List.of());

    private final List<Scope> sorted;

    private OwnershipTable(List<Scope> sorted) {
        this.sorted = sorted;
    }

    /** The table with no scopes: every key routes {@link RouteVerdict.Unknown}. */
    public static OwnershipTable empty() {
        return EMPTY;
    }

    /**
     * Builds the table or fails with kevy's exact text: {@code duplicate scope prefix "<prefix>"} for the
     * first duplicate pair, else {@code overlapping scope prefixes: "<inner>" is contained by "<outer>"}
     * for the first pair (i &lt; j, input order) where one prefix is a proper prefix of the other.
     */
    public static OwnershipTable build(List<Scope> scopes) throws ScopeConfigException {
        Objects.requireNonNull(scopes, "scopes");
        for (int i = 0; i < scopes.size(); i++) {
            for (int j = i + 1; j < scopes.size(); j++) {
                if (scopes.get(i).prefix().equals(scopes.get(j).prefix())) {
                    throw new ScopeConfigException(
                            "duplicate scope prefix \"" + scopes.get(i).prefix() + "\"");
                }
            }
        }
        for (int i = 0; i < scopes.size(); i++) {
            for (int j = i + 1; j < scopes.size(); j++) {
                String a = scopes.get(i).prefix();
                String b = scopes.get(j).prefix();
                if (a.startsWith(b) || b.startsWith(a)) {
                    String inner = a.length() > b.length() ? a : b;
                    String outer = a.length() > b.length() ? b : a;
                    throw new ScopeConfigException("overlapping scope prefixes: \"" + inner
                            + "\" is contained by \"" + outer + "\"");
                }
            }
        }
        if (scopes.isEmpty()) {
            return EMPTY;
        }
        List<Scope> copy = new ArrayList<>(scopes);
        copy.sort(Comparator.comparing(Scope::prefix));
        return new OwnershipTable(List.copyOf(copy));
    }

    /** The scopes, sorted by prefix. */
    public List<Scope> scopes() {
        return sorted;
    }

    public boolean isEmpty() {
        return sorted.isEmpty();
    }

    /** The one scope whose prefix the key starts with, if any. */
    public Optional<Scope> lookup(String key) {
        Objects.requireNonNull(key, "key");
        for (Scope s : sorted) {
            if (s.matches(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Static route: no scope → Unknown; writer == self → Owned; else Misdirected(writer). */
    public RouteVerdict route(String key, String self) {
        Optional<Scope> s = lookup(key);
        if (s.isEmpty()) {
            return new RouteVerdict.Unknown();
        }
        return verdictFor(s.get().writer(), self);
    }

    /**
     * Route with the fallback view: the active owner is the fallback when the writer is DOWN and a
     * fallback exists, otherwise the writer — even when the writer is DOWN (kevy does not fail over
     * without a declared fallback).
     */
    public RouteVerdict routeWithFallbackState(String key, String self, Predicate<String> isDown) {
        Objects.requireNonNull(isDown, "isDown");
        Optional<Scope> s = lookup(key);
        if (s.isEmpty()) {
            return new RouteVerdict.Unknown();
        }
        Scope scope = s.get();
        String active = scope.fallback().isPresent() && isDown.test(scope.writer())
                ? scope.fallback().get()
                : scope.writer();
        return verdictFor(active, self);
    }

    private static RouteVerdict verdictFor(String active, String self) {
        return active.equals(self) ? new RouteVerdict.Owned() : new RouteVerdict.Misdirected(active);
    }

    @Override
    public String toString() {
        return "OwnershipTable" + sorted;
    }
}
