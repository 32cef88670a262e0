package movescope.model.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Proves OwnershipTable matches kevy-scope's ownership table (kevy-move-scope.md §1): construction order
 * and exact error texts, longest/unique match, route and the fallback view. Reproduce with
 * {@code mvn -pl model test -Dtest=OwnershipTableTest}.
 */
class OwnershipTableTest {

    private static final Predicate<String> NOBODY_DOWN = id -> false;

    private static OwnershipTable table(Scope... scopes) throws ScopeConfigException {
        return OwnershipTable.build(List.of(scopes));
    }

    @Test
    void emptyTableRoutesUnknown() throws ScopeConfigException {
        OwnershipTable t = table();
        assertTrue(t.isEmpty());
        assertEquals(new RouteVerdict.Unknown(), t.route("any", "a"));
        assertEquals(new RouteVerdict.Unknown(), t.routeWithFallbackState("any", "a", id -> true));
        assertTrue(OwnershipTable.empty().isEmpty());
    }

    @Test
    void ownedWhenSelfIsWriter() throws ScopeConfigException {
        OwnershipTable t = table(Scope.of("app:billing:", "a"), Scope.of("app:auth:", "b"));
        assertEquals(new RouteVerdict.Owned(), t.route("app:billing:1", "a"));
        assertEquals(new RouteVerdict.Unknown(), t.route("other:1", "a"));
        assertEquals(new RouteVerdict.Unknown(), t.route("app:billing", "a"), "shorter than the prefix");
    }

    @Test
    void misdirectedCarriesTheWriter() throws ScopeConfigException {
        OwnershipTable t = table(Scope.of("app:billing:", "a"), Scope.of("app:auth:", "b"));
        assertEquals(new RouteVerdict.Misdirected("b"), t.route("app:auth:x", "a"));
        assertEquals(new RouteVerdict.Misdirected("a"), t.route("app:billing:x", "c"));
    }

    @Test
    void siblingPrefixesAreNotOverlaps() throws ScopeConfigException {
        // "app:a:" and "app:b:" share a start but neither is a prefix of the other: valid.
        OwnershipTable t = table(Scope.of("app:a:", "a"), Scope.of("app:b:", "b"), Scope.of("zz:", "c"));
        assertEquals(3, t.scopes().size());
        assertEquals(new RouteVerdict.Misdirected("b"), t.route("app:b:1", "a"));
        assertEquals(new RouteVerdict.Owned(), t.route("app:a:1", "a"));
    }

    @Test
    void overlapRejectedWithExactText() {
        ScopeConfigException e = assertThrows(ScopeConfigException.class,
                () -> table(Scope.of("app:", "a"), Scope.of("app:billing:", "b")));
        assertEquals("overlapping scope prefixes: \"app:billing:\" is contained by \"app:\"", e.getMessage());
        // inner is the longer one whichever comes first
        ScopeConfigException e2 = assertThrows(ScopeConfigException.class,
                () -> table(Scope.of("app:billing:", "b"), Scope.of("app:", "a")));
        assertEquals(e.getMessage(), e2.getMessage());
    }

    @Test
    void duplicateRejectedWithExactText() {
        ScopeConfigException e = assertThrows(ScopeConfigException.class,
                () -> table(Scope.of("app:", "a"), Scope.of("app:", "b")));
        assertEquals("duplicate scope prefix \"app:\"", e.getMessage());
    }

    @Test
    void duplicatesAreReportedBeforeOverlapsEvenWhenTheOverlapComesFirst() {
        ScopeConfigException e = assertThrows(ScopeConfigException.class, () -> table(
                Scope.of("a:", "a"), Scope.of("a:b:", "b"), Scope.of("z:", "a"), Scope.of("z:", "b")));
        assertEquals("duplicate scope prefix \"z:\"", e.getMessage());
    }

    @Test
    void theFirstPairInInputOrderIsReported() {
        ScopeConfigException dup = assertThrows(ScopeConfigException.class, () -> table(
                Scope.of("y:", "a"), Scope.of("x:", "a"), Scope.of("x:", "b"), Scope.of("y:", "b")));
        assertEquals("duplicate scope prefix \"y:\"", dup.getMessage());
        ScopeConfigException over = assertThrows(ScopeConfigException.class, () -> table(
                Scope.of("q:", "a"), Scope.of("p:", "a"), Scope.of("p:1", "b"), Scope.of("q:1", "b")));
        assertEquals("overlapping scope prefixes: \"q:1\" is contained by \"q:\"", over.getMessage());
    }

    @Test
    void emptyPrefixOverlapsEverything() {
        ScopeConfigException e = assertThrows(ScopeConfigException.class,
                () -> table(Scope.of("", "a"), Scope.of("k:", "b")));
        assertEquals("overlapping scope prefixes: \"k:\" is contained by \"\"", e.getMessage());
    }

    @Test
    void emptyPrefixAloneMatchesEveryKey() throws ScopeConfigException {
        OwnershipTable t = table(Scope.of("", "a"));
        assertEquals(new RouteVerdict.Owned(), t.route("", "a"));
        assertEquals(new RouteVerdict.Misdirected("a"), t.route("anything", "b"));
    }

    @Test
    void fallbackActiveWhenWriterDown() throws ScopeConfigException {
        OwnershipTable t = table(Scope.of("app:billing:", "a", "b"));
        Predicate<String> aDown = Set.of("a")::contains;
        assertEquals(new RouteVerdict.Owned(), t.routeWithFallbackState("app:billing:1", "b", aDown));
        assertEquals(new RouteVerdict.Misdirected("b"), t.routeWithFallbackState("app:billing:1", "a", aDown));
        assertEquals(new RouteVerdict.Misdirected("b"), t.routeWithFallbackState("app:billing:1", "c", aDown));
        // writer up: writer is active, fallback is misdirected
        assertEquals(new RouteVerdict.Misdirected("a"), t.routeWithFallbackState("app:billing:1", "b", NOBODY_DOWN));
        assertEquals(new RouteVerdict.Owned(), t.routeWithFallbackState("app:billing:1", "a", NOBODY_DOWN));
    }

    @Test
    void fallbackAbsentFallsThroughToTheWriterEvenWhenDown() throws ScopeConfigException {
        OwnershipTable t = table(Scope.of("app:auth:", "b"));
        Predicate<String> everyoneDown = id -> true;
        assertEquals(new RouteVerdict.Misdirected("b"), t.routeWithFallbackState("app:auth:1", "a", everyoneDown));
        assertEquals(new RouteVerdict.Owned(), t.routeWithFallbackState("app:auth:1", "b", everyoneDown));
    }

    @Test
    void fallbackStateIsAskedAboutTheWriterOnly() throws ScopeConfigException {
        OwnershipTable t = table(Scope.of("p:", "a", "b"));
        // only "b" down: the writer a is up, so a stays active — a DOWN fallback changes nothing
        assertEquals(new RouteVerdict.Misdirected("a"), t.routeWithFallbackState("p:1", "b", Set.of("b")::contains));
    }

    @Test
    void lookupAfterSort() throws ScopeConfigException {
        OwnershipTable t = table(Scope.of("z:", "c"), Scope.of("a:", "a"), Scope.of("m:", "b"));
        assertEquals(List.of("a:", "m:", "z:"), t.scopes().stream().map(Scope::prefix).toList());
        assertEquals(Optional.of(Scope.of("z:", "c")), t.lookup("z:1"));
        assertEquals(Optional.of(Scope.of("a:", "a")), t.lookup("a:1"));
        assertEquals(Optional.of(Scope.of("m:", "b")), t.lookup("m:"));
        assertEquals(Optional.empty(), t.lookup("b:"));
    }

    @Test
    void longestPrefixIsTheOnlyPrefix() throws ScopeConfigException {
        // With overlaps rejected, "longest prefix" reduces to "the unique matching prefix"; a key sharing
        // its start with several prefixes must still pick the one it extends.
        OwnershipTable t = table(Scope.of("app:billing:", "a"), Scope.of("app:auth:", "b"),
                Scope.of("app:bilk", "c"));
        assertEquals(Optional.of("a"), t.lookup("app:billing:eu:1").map(Scope::writer));
        assertEquals(Optional.of("b"), t.lookup("app:auth:").map(Scope::writer));
        assertEquals(Optional.of("c"), t.lookup("app:bilk:1").map(Scope::writer));
        assertEquals(Optional.empty(), t.lookup("app:bil"));
    }
}
