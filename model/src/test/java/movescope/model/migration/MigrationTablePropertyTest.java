package movescope.model.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import movescope.gen.Gen;
import movescope.gen.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves, by random operation sequences, that each MigrationTable layout used from ONE thread agrees with a
 * tiny reference model (two TreeMaps, longest match found by trying every prefix of the key from the
 * longest down — a different algorithm from the tables' scan), and that NotBothMaps and MigratedOnlyGrows
 * hold after every operation. A failure is shrunk to a minimal op list; reproduce with
 * {@code mvn -pl model test -Dtest=MigrationTablePropertyTest#<method> -Dmovescope.seed=N}.
 */
class MigrationTablePropertyTest {

    /** One table operation. */
    sealed interface Op {
        record Start(String prefix, String from, String to) implements Op {}

        record Commit(String prefix) implements Op {}

        record Abort(String prefix) implements Op {}

        record MatchMigrating(String key) implements Op {}

        record MatchMigrated(String key) implements Op {}

        record LookupMigrating(String prefix) implements Op {}

        record LookupMigrated(String prefix) implements Op {}
    }

    /** Nested and sibling prefixes, including the empty one, so longest-match is exercised. */
    static final Gen<String> PREFIX = Gen.elements("a:", "a:b:", "", "b:", "a:b:c:", "a");
    static final Gen<String> KEY = Gen.elements("a:b:c:1", "a:b:1", "a:1", "b:1", "c", "a", "");
    static final Gen<String> NODE = Gen.elements("A", "B", "C");

    static final Gen<Op> OP = Gen.frequency(List.of(
            Gen.weighted(4, Gen.zip(PREFIX, Gen.zip(NODE, NODE, (f, t) -> new String[] {f, t}),
                    (p, ft) -> (Op) new Op.Start(p, ft[0], ft[1]))),
            Gen.weighted(3, PREFIX.map(Op.Commit::new)),
            Gen.weighted(2, PREFIX.map(Op.Abort::new)),
            Gen.weighted(2, KEY.map(Op.MatchMigrating::new)),
            Gen.weighted(2, KEY.map(Op.MatchMigrated::new)),
            Gen.weighted(1, PREFIX.map(Op.LookupMigrating::new)),
            Gen.weighted(1, PREFIX.map(Op.LookupMigrated::new))));

    static final Gen<List<Op>> OPS = Gen.listOf(OP, 0, 60);

    /** The reference: the sequential specification of kevy-move-scope.md §2, written as plainly as possible. */
    static final class Reference {
        final TreeMap<String, MigrationState> migrating = new TreeMap<>();
        final TreeMap<String, MigrationState> migrated = new TreeMap<>();

        Object apply(Op op) {
            if (op instanceof Op.Start s) {
                if (migrating.containsKey(s.prefix())) {
                    return Optional.of(MigrationError.ALREADY_MIGRATING);
                }
                if (migrated.containsKey(s.prefix())) {
                    return Optional.of(MigrationError.ALREADY_MIGRATED);
                }
                migrating.put(s.prefix(), new MigrationState(s.from(), s.to()));
                return Optional.empty();
            } else if (op instanceof Op.Commit c) {
                MigrationState st = migrating.remove(c.prefix());
                if (st != null) {
                    migrated.put(c.prefix(), st);
                }
                return Optional.ofNullable(st);
            } else if (op instanceof Op.Abort a) {
                return Optional.ofNullable(migrating.remove(a.prefix()));
            } else if (op instanceof Op.MatchMigrating m) {
                return longest(migrating, m.key());
            } else if (op instanceof Op.MatchMigrated m) {
                return longest(migrated, m.key());
            } else if (op instanceof Op.LookupMigrating l) {
                return Optional.ofNullable(migrating.get(l.prefix()));
            } else if (op instanceof Op.LookupMigrated l) {
                return Optional.ofNullable(migrated.get(l.prefix()));
            }
            throw new IllegalStateException("unhandled op " + op);
        }

        private static Optional<MigrationState> longest(TreeMap<String, MigrationState> map, String key) {
            for (int len = key.length(); len >= 0; len--) {
                MigrationState st = map.get(key.substring(0, len));
                if (st != null) {
                    return Optional.of(st);
                }
            }
            return Optional.empty();
        }
    }

    static Object apply(MigrationTable t, Op op) {
        if (op instanceof Op.Start s) {
            return t.start(s.prefix(), s.from(), s.to());
        } else if (op instanceof Op.Commit c) {
            return t.commit(c.prefix());
        } else if (op instanceof Op.Abort a) {
            return t.abort(a.prefix());
        } else if (op instanceof Op.MatchMigrating m) {
            return t.matchMigrating(m.key());
        } else if (op instanceof Op.MatchMigrated m) {
            return t.matchMigrated(m.key());
        } else if (op instanceof Op.LookupMigrating l) {
            return t.lookupMigrating(l.prefix());
        } else if (op instanceof Op.LookupMigrated l) {
            return t.lookupMigrated(l.prefix());
        }
        throw new IllegalStateException("unhandled op " + op);
    }

    @ParameterizedTest
    @EnumSource(TableLayout.class)
    void sequentialHistoriesAgreeWithTheReference(TableLayout layout) {
        Property.forAll(OPS).trials(300).maxSize(60).verify(ops -> {
            MigrationTable t = layout.create();
            Reference ref = new Reference();
            for (int i = 0; i < ops.size(); i++) {
                Op op = ops.get(i);
                TreeMap<String, MigrationState> migratedBefore = new TreeMap<>(t.migratedSnapshot());
                assertEquals(ref.apply(op), apply(t, op), "op " + i + " " + op + " in " + ops);
                assertEquals(ref.migrating, t.migratingSnapshot(), "MIGRATING after op " + i);
                assertEquals(ref.migrated, t.migratedSnapshot(), "MIGRATED after op " + i);
                for (String p : t.migratingSnapshot().keySet()) {
                    assertTrue(!t.migratedSnapshot().containsKey(p), "NotBothMaps: " + p + " after op " + i);
                }
                for (String p : migratedBefore.keySet()) {
                    assertTrue(t.migratedSnapshot().containsKey(p), "MigratedOnlyGrows: " + p + " after op " + i);
                }
            }
        });
    }
}
