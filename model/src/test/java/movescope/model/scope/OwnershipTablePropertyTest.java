package movescope.model.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import movescope.gen.Gen;
import movescope.gen.Property;
import org.junit.jupiter.api.Test;

/**
 * Proves the O(n log n) build and O(log n) lookup of OwnershipTable agree with kevy's plain algorithm —
 * the all-pairs duplicate scan, then the all-pairs overlap scan, then a sort by prefix length (longest first)
 * and a first-match lookup — written in {@link Reference} from kevy's source
 * (crates/kevy-scope/src/ownership.rs:74-104 and :140 at 311feac0), independently of the table's code (an
 * oracle copied from the implementation would agree with any bug in it; this one found that the table named
 * a different overlapping pair than kevy when the shorter prefix comes later in the list) — on random scope lists over a tiny alphabet, so that
 * duplicates, overlaps, siblings and the empty prefix are all frequent. Agreement covers the exact error
 * text (which pair is named), the sorted scope list, lookup, route and the fallback route for keys that
 * extend, cut short or miss the prefixes. A failure is shrunk to a minimal scope list; reproduce with
 * {@code mvn -pl model test -Dtest=OwnershipTablePropertyTest#<method>} plus the printed seed option.
 */
class OwnershipTablePropertyTest {

    /**
     * kevy's OwnershipTable::new and lookup, transcribed from its Rust (not from the Java table): duplicates
     * over pairs i &lt; j (ownership.rs:74-83); then overlaps over every ordered pair i != j where entry i's
     * prefix is strictly shorter and a prefix of entry j's (ownership.rs:86-97); then a stable sort by
     * prefix length, longest first (ownership.rs:104), and lookup = the first entry that matches (:140).
     */
    static final class Reference {
        final List<Scope> byLengthDescending;

        Reference(List<Scope> byLengthDescending) {
            this.byLengthDescending = byLengthDescending;
        }

        static Reference build(List<Scope> scopes) throws ScopeConfigException {
            int n = scopes.size();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (scopes.get(i).prefix().equals(scopes.get(j).prefix())) {
                        throw new ScopeConfigException("duplicate scope prefix \"" + scopes.get(i).prefix() + "\"");
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i == j) {
                        continue;
                    }
                    String outer = scopes.get(i).prefix();
                    String inner = scopes.get(j).prefix();
                    if (outer.length() < inner.length() && inner.startsWith(outer)) {
                        throw new ScopeConfigException("overlapping scope prefixes: \"" + inner
                                + "\" is contained by \"" + outer + "\"");
                    }
                }
            }
            List<Scope> copy = new ArrayList<>(scopes);
            copy.sort(Comparator.comparingInt((Scope s) -> s.prefix().length()).reversed()); // List.sort is stable
            return new Reference(List.copyOf(copy));
        }

        /** The declared scopes in the table's own order (by prefix), for comparing contents. */
        List<Scope> byPrefix() {
            List<Scope> copy = new ArrayList<>(byLengthDescending);
            copy.sort(Comparator.comparing(Scope::prefix));
            return copy;
        }

        Optional<Scope> lookup(String key) {
            for (Scope s : byLengthDescending) {
                if (key.startsWith(s.prefix())) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** A scope list to build and the keys to look up in it. */
    record Case(List<Scope> scopes, List<String> keys) {}

    // A 3-letter alphabet makes shared starts, proper prefixes and exact repeats common.
    static final Gen<String> LETTER = Gen.elements("a", "b", ":");
    static final Gen<String> NODE = Gen.elements("A", "B", "C");

    static Gen<String> word(int min, int max) {
        return Gen.listOf(LETTER, min, max).map(l -> String.join("", l));
    }

    static final Gen<Scope> SCOPE_MIXED = scope(word(0, 3));

    static Gen<Scope> scope(Gen<String> prefix) {
        Gen<Optional<String>> fallback = Gen.elements(Optional.<String>empty(), Optional.of("B"), Optional.of("C"));
        return Gen.zip(Gen.zip(prefix, NODE, List::of), fallback, (pw, f) -> new Scope(pw.get(0), pw.get(1), f));
    }

    /**
     * Half the lists draw every prefix with one fixed length (so the only possible conflict is a
     * duplicate and most lists are valid tables worth looking keys up in); the other half mix lengths
     * 0..3 (overlaps, the empty prefix, duplicates after overlaps, …).
     */
    static final Gen<List<Scope>> SCOPES = Gen.frequency(List.of(
            Gen.weighted(1, Gen.choose(1, 3).flatMap(len -> Gen.listOf(scope(word(len, len)), 0, 12))),
            Gen.weighted(1, Gen.listOf(SCOPE_MIXED, 0, 12))));

    static final Gen<Case> CASES = Gen.zip(SCOPES, Gen.listOf(word(0, 5), 0, 20), Case::new);

    @Test
    void fastBuildAndLookupAgreeWithTheQuadraticReference() {
        Property.forAll(CASES).trials(1000).maxSize(12).verify(c -> {
            Reference ref;
            try {
                ref = Reference.build(c.scopes());
            } catch (ScopeConfigException expected) {
                ScopeConfigException actual = null;
                try {
                    OwnershipTable.build(c.scopes());
                } catch (ScopeConfigException e) {
                    actual = e;
                }
                assertEquals(expected.getMessage(), actual == null ? "(built without error)" : actual.getMessage());
                return;
            }
            OwnershipTable t = OwnershipTable.build(c.scopes());
            assertEquals(ref.byPrefix(), t.scopes());
            assertEquals(ref.byLengthDescending.isEmpty(), t.isEmpty());
            List<String> keys = new ArrayList<>(c.keys());
            for (Scope s : c.scopes()) {
                // the prefix itself, one letter past it, and one letter short of it
                keys.add(s.prefix());
                keys.add(s.prefix() + "a");
                keys.add(s.prefix() + ":");
                if (!s.prefix().isEmpty()) {
                    keys.add(s.prefix().substring(0, s.prefix().length() - 1));
                }
            }
            Predicate<String> aDown = "A"::equals;
            for (String key : keys) {
                Optional<Scope> want = ref.lookup(key);
                assertEquals(want, t.lookup(key), "lookup " + key);
                for (String self : List.of("A", "B", "C")) {
                    RouteVerdict wantRoute = want.isEmpty() ? new RouteVerdict.Unknown()
                            : want.get().writer().equals(self) ? new RouteVerdict.Owned()
                                    : new RouteVerdict.Misdirected(want.get().writer());
                    assertEquals(wantRoute, t.route(key, self), "route " + key + " " + self);
                    String active = want.isPresent() && want.get().writer().equals("A")
                            && want.get().fallback().isPresent() ? want.get().fallback().get()
                                    : want.map(Scope::writer).orElse(null);
                    RouteVerdict wantFallback = want.isEmpty() ? new RouteVerdict.Unknown()
                            : active.equals(self) ? new RouteVerdict.Owned() : new RouteVerdict.Misdirected(active);
                    assertEquals(wantFallback, t.routeWithFallbackState(key, self, aDown),
                            "routeWithFallbackState " + key + " " + self);
                }
            }
        });
    }

    /**
     * The 1,000-node shape (2,000 sibling scopes "p<i>:" over nodes n<i>), plus one late conflict: the
     * fast build must name the same pair as the reference at that size too, and lookups must agree.
     */
    @Test
    void largeTablesAgreeIncludingALateConflict() throws ScopeConfigException {
        List<Scope> scopes = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            scopes.add(Scope.of("p" + i + ":", "n" + (i % 1000), "n" + ((i + 1) % 1000)));
        }
        OwnershipTable t = OwnershipTable.build(scopes);
        Reference ref = Reference.build(scopes);
        assertEquals(ref.byPrefix(), t.scopes());
        for (int i = 0; i < 2100; i += 7) {
            for (String key : List.of("p" + i + ":k", "p" + i, "p" + i + "0:k", "q" + i)) {
                assertEquals(ref.lookup(key), t.lookup(key), key);
            }
        }
        // A repeat of "p19:" appended last: a duplicate, found although its first occurrence is far away.
        List<Scope> dup = new ArrayList<>(scopes);
        dup.add(Scope.of("p19:", "x"));
        assertEquals(message(() -> Reference.build(dup)), message(() -> OwnershipTable.build(dup)));
        assertEquals("duplicate scope prefix \"p19:\"", message(() -> OwnershipTable.build(dup)));
        // "p1" is a proper prefix of "p1:", "p10:", …; the first pair in input order is (p1:, p1).
        List<Scope> over = new ArrayList<>(scopes);
        over.add(Scope.of("p1", "x"));
        assertEquals(message(() -> Reference.build(over)), message(() -> OwnershipTable.build(over)));
        assertEquals("overlapping scope prefixes: \"p1:\" is contained by \"p1\"",
                message(() -> OwnershipTable.build(over)));
    }

    /** The case that told the copied oracle from kevy's: the shorter prefix of the first pair comes later. */
    @Test
    void overlapNamesThePairKevyNames() {
        List<Scope> scopes = List.of(Scope.of("a:b:", "A"), Scope.of("c:", "B"), Scope.of("a:", "C"),
                Scope.of("c:d", "A"));
        // kevy: i = 1 ("c:") is the first entry that is a strict prefix of another (j = 3, "c:d").
        assertEquals("overlapping scope prefixes: \"c:d\" is contained by \"c:\"",
                message(() -> OwnershipTable.build(scopes)));
        assertEquals(message(() -> Reference.build(scopes)), message(() -> OwnershipTable.build(scopes)));
    }

    private interface Build {
        Object run() throws ScopeConfigException;
    }

    private static String message(Build b) {
        try {
            b.run();
            return "(built without error)";
        } catch (ScopeConfigException e) {
            return e.getMessage();
        }
    }
}
