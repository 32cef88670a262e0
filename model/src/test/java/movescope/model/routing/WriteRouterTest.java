package movescope.model.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import movescope.model.migration.MigrationTable;
import movescope.model.migration.TableLayout;
import movescope.model.scope.OwnershipTable;
import movescope.model.scope.Scope;
import movescope.model.scope.ScopeConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves WriteRouter follows kevy 5.4's write path (kevy-move-scope.md §3) step by step, with the exact
 * wire texts, for both table layouts. Each row is one story: a node's config and migration state, a
 * command, the verdict and the wire reply. Reproduce one row with
 * {@code mvn -pl model test -Dtest=WriteRouterTest} (the row name is in the report).
 */
class WriteRouterTest {

    private static final Peers PEERS = Peers.of(List.of(
            new Peer("a", "10.0.0.1", 16100, 6004),
            new Peer("b", "10.0.0.2", 16100, 6004),
            new Peer("c", "10.0.0.3", 16100, 6005)));

    /** One node's view: built fresh per row so rows cannot leak state into each other. */
    record Setup(Optional<String> nodeId, Peers peers, List<Scope> scopes, List<String[]> migrating,
            List<String[]> migrated, Optional<String> ingesting, Set<String> down) {

        RoutingContext context(TableLayout layout) throws ScopeConfigException {
            MigrationTable t = layout.create();
            for (String[] m : migrating) {
                t.start(m[0], m[1], m[2]);
            }
            for (String[] m : migrated) {
                t.start(m[0], m[1], m[2]);
                t.commit(m[0]);
            }
            Predicate<String> isDown = down::contains;
            return new RoutingContext(nodeId, peers, OwnershipTable.build(scopes), t, ingesting, isDown);
        }
    }

    private static Setup node(String id) {
        return new Setup(Optional.of(id), PEERS,
                List.of(Scope.of("app:billing:", "a", "b"), Scope.of("app:auth:", "b")),
                List.of(), List.of(), Optional.empty(), Set.of());
    }

    private static Setup migrating(Setup s, String prefix, String from, String to) {
        List<String[]> m = new java.util.ArrayList<>(s.migrating());
        m.add(new String[] {prefix, from, to});
        return new Setup(s.nodeId(), s.peers(), s.scopes(), m, s.migrated(), s.ingesting(), s.down());
    }

    private static Setup migrated(Setup s, String prefix, String from, String to) {
        List<String[]> m = new java.util.ArrayList<>(s.migrated());
        m.add(new String[] {prefix, from, to});
        return new Setup(s.nodeId(), s.peers(), s.scopes(), s.migrating(), m, s.ingesting(), s.down());
    }

    private static Setup ingesting(Setup s, String prefix) {
        return new Setup(s.nodeId(), s.peers(), s.scopes(), s.migrating(), s.migrated(), Optional.of(prefix), s.down());
    }

    private static Setup down(Setup s, String... ids) {
        return new Setup(s.nodeId(), s.peers(), s.scopes(), s.migrating(), s.migrated(), s.ingesting(), Set.of(ids));
    }

    private static Setup withPeers(Setup s, Peers p) {
        return new Setup(s.nodeId(), p, s.scopes(), s.migrating(), s.migrated(), s.ingesting(), s.down());
    }

    private static Setup noNodeId(Setup s) {
        return new Setup(Optional.empty(), s.peers(), s.scopes(), s.migrating(), s.migrated(), s.ingesting(), s.down());
    }

    private static Setup noScopes(Setup s) {
        return new Setup(s.nodeId(), s.peers(), List.of(), s.migrating(), s.migrated(), s.ingesting(), s.down());
    }

    private static Arguments row(String name, Setup s, String command, WriteVerdict verdict, String wire) {
        return Arguments.of(name, s, Arrays.asList(command.split(" ")), verdict, Optional.ofNullable(wire));
    }

    private static WriteVerdict accept(AcceptReason r) {
        return new WriteVerdict.Accept(r);
    }

    static Stream<Arguments> rows() {
        Setup a = node("a");
        return Stream.of(
                row("owned write accepted", a, "SET app:billing:1 v", accept(AcceptReason.OWNED), null),
                row("unscoped key accepted", a, "SET free:1 v", accept(AcceptReason.UNKNOWN), null),
                row("misdirected to the writer's addr", a, "SET app:auth:1 v",
                        new WriteVerdict.Misdirected("b", "10.0.0.2:6004"), "-MISDIRECTED writer is 10.0.0.2:6004"),
                row("lower-case command is checked too", a, "set app:auth:1 v",
                        new WriteVerdict.Misdirected("b", "10.0.0.2:6004"), "-MISDIRECTED writer is 10.0.0.2:6004"),
                row("quiesced while migrating, addr of the target", migrating(a, "app:billing:", "a", "c"),
                        "SET app:billing:1 v", new WriteVerdict.Quiesced("c", "10.0.0.3:6005"),
                        "-QUIESCED migrating to 10.0.0.3:6005"),
                row("quiesced names a raw id when the target is not a peer", migrating(a, "app:billing:", "a", "zed"),
                        "INCR app:billing:n", new WriteVerdict.Quiesced("zed", "zed"), "-QUIESCED migrating to zed"),
                row("migrated answers misdirected to the target", migrated(a, "app:billing:", "a", "c"),
                        "RPUSH app:billing:l x", new WriteVerdict.Misdirected("c", "10.0.0.3:6005"),
                        "-MISDIRECTED writer is 10.0.0.3:6005"),
                row("misdirected raw id when the writer is not a peer", withPeers(a, Peers.of(List.of(
                        new Peer("a", "10.0.0.1", 16100, 6004)))), "SET app:auth:1 v",
                        new WriteVerdict.Misdirected("b", "b"), "-MISDIRECTED writer is b"),
                row("migrating beats migrated", migrating(migrated(a, "app:", "a", "b"), "app:billing:", "a", "c"),
                        "SET app:billing:1 v", new WriteVerdict.Quiesced("c", "10.0.0.3:6005"),
                        "-QUIESCED migrating to 10.0.0.3:6005"),
                row("migrating outer prefix beats migrated inner prefix",
                        migrating(migrated(a, "app:billing:", "a", "b"), "app:", "a", "c"),
                        "SET app:billing:1 v", new WriteVerdict.Quiesced("c", "10.0.0.3:6005"),
                        "-QUIESCED migrating to 10.0.0.3:6005"),
                row("migration of an unscoped prefix still quiesces", migrating(a, "free:", "a", "b"),
                        "SET free:1 v", new WriteVerdict.Quiesced("b", "10.0.0.2:6004"),
                        "-QUIESCED migrating to 10.0.0.2:6004"),
                row("ingest guard comes first", ingesting(migrating(a, "app:auth:", "a", "b"), "app:auth:"),
                        "SET app:auth:1 v", accept(AcceptReason.INGEST), null),
                row("ingest guard beats migrated and misdirected", ingesting(migrated(node("c"), "app:", "c", "b"), "app:"),
                        "SET app:auth:1 v", accept(AcceptReason.INGEST), null),
                row("ingest guard only covers its prefix", ingesting(a, "app:billing:"), "SET app:auth:1 v",
                        new WriteVerdict.Misdirected("b", "10.0.0.2:6004"), "-MISDIRECTED writer is 10.0.0.2:6004"),
                row("reads are never routed", migrating(a, "app:", "a", "b"), "GET app:auth:1",
                        accept(AcceptReason.NOT_CHECKED), null),
                row("MSET is not checked", migrating(a, "app:", "a", "b"), "MSET app:auth:1 v app:auth:2 w",
                        accept(AcceptReason.NOT_CHECKED), null),
                row("multi-key DEL is not checked", a, "DEL app:auth:1 app:auth:2", accept(AcceptReason.NOT_CHECKED), null),
                row("single-key DEL is checked", a, "DEL app:auth:1",
                        new WriteVerdict.Misdirected("b", "10.0.0.2:6004"), "-MISDIRECTED writer is 10.0.0.2:6004"),
                row("multi-key UNLINK is not checked", a, "UNLINK app:auth:1 x", accept(AcceptReason.NOT_CHECKED), null),
                row("FLUSHALL is not checked", migrating(a, "", "a", "b"), "FLUSHALL", accept(AcceptReason.NOT_CHECKED), null),
                row("FLUSHDB is not checked", a, "FLUSHDB", accept(AcceptReason.NOT_CHECKED), null),
                row("RENAME is not checked", a, "RENAME app:auth:1 x", accept(AcceptReason.NOT_CHECKED), null),
                row("RENAMENX is not checked", a, "RENAMENX app:auth:1 x", accept(AcceptReason.NOT_CHECKED), null),
                row("RPOPLPUSH is not checked", a, "RPOPLPUSH app:auth:1 x", accept(AcceptReason.NOT_CHECKED), null),
                row("LMOVE is not checked", a, "LMOVE app:auth:1 x LEFT RIGHT", accept(AcceptReason.NOT_CHECKED), null),
                row("no scopes accept", noScopes(a), "SET app:auth:1 v", accept(AcceptReason.NO_SCOPES), null),
                row("no scopes still quiesces a migration", migrating(noScopes(a), "app:", "a", "b"),
                        "SET app:auth:1 v", new WriteVerdict.Quiesced("b", "10.0.0.2:6004"),
                        "-QUIESCED migrating to 10.0.0.2:6004"),
                row("no node_id accept", noNodeId(a), "SET app:auth:1 v", accept(AcceptReason.NO_NODE_ID), null),
                row("no scopes is reported before no node_id", noNodeId(noScopes(a)), "SET x v",
                        accept(AcceptReason.NO_SCOPES), null),
                row("fallback takes over when the writer is down", down(node("b"), "a"), "SET app:billing:1 v",
                        accept(AcceptReason.OWNED), null),
                row("writer down: the writer itself is misdirected to the fallback", down(a, "a"),
                        "SET app:billing:1 v", new WriteVerdict.Misdirected("b", "10.0.0.2:6004"),
                        "-MISDIRECTED writer is 10.0.0.2:6004"),
                row("fallback view off without peers", down(withPeers(node("b"), Peers.none()), "a"),
                        "SET app:billing:1 v", new WriteVerdict.Misdirected("a", "a"), "-MISDIRECTED writer is a"),
                row("no fallback declared: the DOWN writer stays active", down(a, "b"), "SET app:auth:1 v",
                        new WriteVerdict.Misdirected("b", "10.0.0.2:6004"), "-MISDIRECTED writer is 10.0.0.2:6004"),
                row("write without a key is not checked", a, "SET", accept(AcceptReason.NOT_CHECKED), null),
                row("unknown command is not checked", a, "FROB app:auth:1", accept(AcceptReason.NOT_CHECKED), null));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rows")
    void seedLayout(String name, Setup s, List<String> args, WriteVerdict verdict, Optional<String> wire)
            throws ScopeConfigException {
        check(TableLayout.SEED, s, args, verdict, wire);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rows")
    void atomicLayout(String name, Setup s, List<String> args, WriteVerdict verdict, Optional<String> wire)
            throws ScopeConfigException {
        check(TableLayout.ATOMIC, s, args, verdict, wire);
    }

    private static void check(TableLayout layout, Setup s, List<String> args, WriteVerdict verdict,
            Optional<String> wire) throws ScopeConfigException {
        WriteVerdict got = WriteRouter.route(s.context(layout), args);
        assertEquals(verdict, got);
        assertEquals(wire, got.wireReply());
        assertEquals(wire.isEmpty(), got.accepted());
    }
}
