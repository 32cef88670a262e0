package movescope.model.scope;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * kevy-scope's static ownership table (kevy-move-scope.md §1). Built once from config, immutable after.
 *
 * <p>Construction checks duplicates over the whole list before it looks for overlaps, and reports the
 * first offending pair in input order, because that is the error an operator sees from kevy. kevy scans
 * all pairs; a 1,000-node simulation boots a 2,000-scope config 1,000 times, so here validity is decided
 * in O(n log n) (a count map for duplicates, a sorted neighbour scan for overlaps) and the pairwise scan
 * in kevy's order only runs once a conflict is known to exist, to name the same pair kevy names.
 *
 * <p>Lookup is O(log n): the scopes sit in a {@link TreeMap} by prefix, and because no prefix is a proper
 * prefix of another, the only scope that can match a key is the one with the greatest prefix ≤ the key
 * (see {@link #lookup}).
 */
public final class OwnershipTable {
    private static final OwnershipTable EMPTY = new OwnershipTable(List.of());

    private final List<Scope> sorted;
    private final TreeMap<String, Scope> byPrefix;

    private OwnershipTable(List<Scope> sorted) {
        this.sorted = sorted;
        this.byPrefix = new TreeMap<>();
        for (Scope s : sorted) {
            byPrefix.put(s.prefix(), s);
        }
    }

    /** The table with no scopes: every key routes {@link RouteVerdict.Unknown}. */
    public static OwnershipTable empty() {
        return EMPTY;
    }

    /**
     * Builds the table or fails with kevy's exact text: {@code duplicate scope prefix "<prefix>"} for the
     * first duplicate pair, else {@code overlapping scope prefixes: "<inner>" is contained by "<outer>"}
     * for the first pair in kevy's scan order: the smallest i whose prefix is a proper prefix of some other
     * entry's, with the smallest such j (crates/kevy-scope/src/ownership.rs:86-97 at 311feac0: both loops
     * run over the whole list, so j may come before i).
     */
    public static OwnershipTable build(List<Scope> scopes) throws ScopeConfigException {
        Objects.requireNonNull(scopes, "scopes");
        for (Scope s : scopes) {
            Objects.requireNonNull(s, "scope");
        }
        if (scopes.isEmpty()) {
            return EMPTY;
        }
        // Duplicates. kevy's first pair (i, j) in (i, j) order has the smallest i with a later equal
        // prefix; that i is the first occurrence of its prefix, i.e. the first index whose prefix occurs
        // twice or more. Only the prefix is reported, so j does not matter.
        Map<String, Integer> count = new TreeMap<>(); // no HashMap in model/: see ModelPurityArchTest
        for (Scope s : scopes) {
            count.merge(s.prefix(), 1, Integer::sum);
        }
        if (count.size() < scopes.size()) {
            for (Scope s : scopes) {
                if (count.get(s.prefix()) > 1) {
                    throw new ScopeConfigException("duplicate scope prefix \"" + s.prefix() + "\"");
                }
            }
            throw new IllegalStateException("unreachable: a repeated prefix has a first occurrence");
        }
        List<Scope> copy = new ArrayList<>(scopes);
        copy.sort(Comparator.comparing(Scope::prefix));
        // Overlaps. With distinct prefixes sorted, if p is a proper prefix of some q then every prefix
        // between p and q in the order also starts with p, so p's immediate successor already overlaps
        // it: a neighbour scan decides whether ANY overlap exists.
        for (int k = 0; k + 1 < copy.size(); k++) {
            if (copy.get(k + 1).prefix().startsWith(copy.get(k).prefix())) {
                throw firstOverlapInInputOrder(scopes);
            }
        }
        return new OwnershipTable(List.copyOf(copy));
    }

    /**
     * kevy's pairwise scan, run only once an overlap is known to exist, to name the pair kevy names: the
     * outer loop is over the shorter (outer) prefix, the inner loop over every other entry
     * (ownership.rs:86-97), so "c:" at index 1 with "c:d" at 3 is reported before "a:b:" at 0 with "a:" at 2.
     */
    private static ScopeConfigException firstOverlapInInputOrder(List<Scope> scopes) {
        for (int i = 0; i < scopes.size(); i++) {
            for (int j = 0; j < scopes.size(); j++) {
                String a = scopes.get(i).prefix();
                String b = scopes.get(j).prefix();
                if (i != j && a.length() < b.length() && b.startsWith(a)) {
                    return new ScopeConfigException("overlapping scope prefixes: \"" + b
                            + "\" is contained by \"" + a + "\"");
                }
            }
        }
        throw new IllegalStateException("unreachable: the neighbour scan found an overlap in " + scopes);
    }

    /** The scopes, sorted by prefix. */
    public List<Scope> scopes() {
        return sorted;
    }

    public boolean isEmpty() {
        return sorted.isEmpty();
    }

    /**
     * The one scope whose prefix the key starts with, if any. If prefix p matches the key then p ≤ key,
     * and any prefix q with p &lt; q ≤ key would have to start with p (it cannot differ from p inside p's
     * length without also differing from the key the same way, and it cannot be a proper prefix of p
     * since then q &lt; p) — an overlap, which build rejects. So the match, if any, is the floor entry.
     */
    public Optional<Scope> lookup(String key) {
        Objects.requireNonNull(key, "key");
        Map.Entry<String, Scope> floor = byPrefix.floorEntry(key);
        if (floor != null && floor.getValue().matches(key)) {
            return Optional.of(floor.getValue());
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
