package movescope.model.kevytests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import movescope.model.scope.OwnershipTable;
import movescope.model.scope.RouteVerdict;
import movescope.model.scope.Scope;
import movescope.model.scope.ScopeConfigException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * kevy's own unit tests of kevy-scope (goliajp/kevy at 311feac0, {@code crates/kevy-scope/src/*.rs}, every
 * {@code #[test]}: ownership.rs 8, scope.rs 3; routing.rs and lib.rs have none), ported one for one onto the
 * model's API, with the Rust test's name as the method name and its assertions as the Java ones. migration.rs's
 * five tests are the seed's, ported under their names in {@code movescope.model.migration.MigrationTableTest} on
 * both table layouts (not repeated here).
 *
 * <p>Where a Rust test passes vacuously in kevy itself — its name promises a behaviour its inputs cannot
 * exercise — the port says so and asserts the reason mechanically ({@link #matchingScopes}): in
 * {@code longest_prefix_wins} and {@code lookup_matches_longest_prefix_after_sort} no queried key matches two
 * declared prefixes (OwnershipTable rejects overlapping prefixes, so "longest prefix wins" can never be
 * observed through it); {@code empty_prefix_matches_anything} holds for {@code Scope} but kevy's config
 * parser refuses an empty prefix token at boot (kevy-move-scope.md §8), so no running kevy has such a scope.
 * Reproduce: {@code mvn -B -o -pl model test -Dtest=KevyScopeCrateTestsTest}.
 */
class KevyScopeCrateTestsTest {

    /** How many of {@code scopes} match {@code key}: 1 means the key cannot tell "longest" from "only". */
    static long matchingScopes(List<Scope> scopes, String key) {
        return scopes.stream().filter(s -> s.matches(key)).count();
    }

    /** crates/kevy-scope/src/ownership.rs, mod tests. */
    @Nested
    class OwnershipRs {
        private static Scope s(String prefix, String writer) {
            return Scope.of(prefix, writer);
        }

        @Test
        void empty_table_routes_unknown() throws ScopeConfigException {
            OwnershipTable t = OwnershipTable.build(List.of());
            assertTrue(t.isEmpty());
            assertEquals(new RouteVerdict.Unknown(), t.route("any-key", "node-1"));
        }

        @Test
        void longest_prefix_wins() throws ScopeConfigException {
            List<Scope> scopes = List.of(s("app:", "w-app"), s("other:", "w-other"));
            OwnershipTable t = OwnershipTable.build(scopes);
            assertEquals(new RouteVerdict.Owned(), t.route("app:billing:invoice", "w-app"));
            assertEquals(new RouteVerdict.Owned(), t.route("other:settings", "w-other"));
            assertEquals(new RouteVerdict.Unknown(), t.route("unrelated", "any"));
            // Vacuous in kevy: the prefixes are disjoint, so no key has two candidates to choose between.
            for (String key : List.of("app:billing:invoice", "other:settings")) {
                assertEquals(1, matchingScopes(scopes, key), key);
            }
        }

        @Test
        void misdirected_carries_writer_id() throws ScopeConfigException {
            OwnershipTable t = OwnershipTable.build(List.of(s("app:", "w-app")));
            assertEquals(new RouteVerdict.Misdirected("w-app"), t.route("app:x", "some-other-node"));
        }

        @Test
        void overlap_rejected() {
            ScopeConfigException e = assertThrows(ScopeConfigException.class,
                    () -> OwnershipTable.build(List.of(s("app:", "w-app"), s("app:billing:", "w-billing"))));
            // kevy matches OwnershipError::OverlappingPrefix; its Display text (ownership.rs) is:
            assertEquals("overlapping scope prefixes: \"app:billing:\" is contained by \"app:\"", e.getMessage());
        }

        @Test
        void duplicate_rejected() {
            ScopeConfigException e = assertThrows(ScopeConfigException.class,
                    () -> OwnershipTable.build(List.of(s("app:", "w-app"), s("app:", "w-app2"))));
            assertEquals("duplicate scope prefix \"app:\"", e.getMessage()); // OwnershipError::DuplicatePrefix
        }

        @Test
        void fallback_active_when_writer_down() throws ScopeConfigException {
            OwnershipTable t = OwnershipTable.build(List.of(Scope.of("app:", "w-app", "fb-1")));
            // Writer up: local node (fb-1) sees Misdirected.
            assertEquals(new RouteVerdict.Misdirected("w-app"), t.routeWithFallbackState("app:x", "fb-1", id -> false));
            // Writer down: fallback (fb-1) is now the active owner.
            assertEquals(new RouteVerdict.Owned(),
                    t.routeWithFallbackState("app:x", "fb-1", id -> id.equals("w-app")));
        }

        @Test
        void fallback_absent_falls_through_to_writer() throws ScopeConfigException {
            OwnershipTable t = OwnershipTable.build(List.of(s("k:", "w-1")));
            assertEquals(new RouteVerdict.Misdirected("w-1"),
                    t.routeWithFallbackState("k:abc", "other", id -> id.equals("w-1")));
        }

        @Test
        void lookup_matches_longest_prefix_after_sort() throws ScopeConfigException {
            List<Scope> scopes = List.of(s("a:", "wa"), s("b:", "wb"), s("abc:", "wabc"));
            OwnershipTable t = OwnershipTable.build(scopes);
            assertEquals(Optional.of("wa"), t.lookup("a:foo").map(Scope::writer));
            assertEquals(Optional.of("wabc"), t.lookup("abc:foo").map(Scope::writer));
            assertEquals(Optional.of("wb"), t.lookup("b:foo").map(Scope::writer));
            assertTrue(t.lookup("nope").isEmpty());
            // Vacuous in kevy: "abc:" does not start with "a:" ('b' is not ':'), so every key has one candidate.
            for (String key : List.of("a:foo", "abc:foo", "b:foo")) {
                assertEquals(1, matchingScopes(scopes, key), key);
            }
        }
    }

    /** crates/kevy-scope/src/scope.rs, mod tests. */
    @Nested
    class ScopeRs {
        @Test
        void matches_starts_with() {
            Scope s = Scope.of("app:billing:", "w1");
            assertTrue(s.matches("app:billing:invoice:42"));
            assertTrue(s.matches("app:billing:"));
            assertFalse(s.matches("app:auth:user:1"));
            assertFalse(s.matches("app:billin")); // shorter than prefix
        }

        @Test
        void with_fallback_sets_fallback() {
            Scope s = Scope.of("p:", "w", "f");
            assertEquals(Optional.of("f"), s.fallback());
        }

        @Test
        void empty_prefix_matches_anything() {
            // Holds for the Scope type; kevy's config parser refuses the empty prefix token at boot, so no
            // running kevy declares one (movescope's loader refuses it the same way: HostileInputTest).
            Scope s = Scope.of("", "w");
            assertTrue(s.matches("anything"));
            assertTrue(s.matches(""));
        }
    }
}
