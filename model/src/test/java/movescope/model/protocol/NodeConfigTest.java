package movescope.model.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import movescope.model.routing.Peer;
import movescope.model.scope.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves the parsing of kevy's {@code [cluster]} strings (kevy-move-scope.md §8): the documented examples
 * parse to the expected peers and scopes, every rejected token gets its error text (an empty prefix,
 * writer or fallback as kevy documents, and malformed peers), and duplicates/overlaps are left for the
 * boot to reject. Reproduce: {@code mvn -B -o -pl model test -Dtest=NodeConfigTest}.
 */
class NodeConfigTest {

    @Test
    void parsesTheDocumentedExample() throws ConfigException {
        NodeConfig c = NodeConfig.parse("a", "a@10.0.0.1:16100:6004, b@10.0.0.2:16100:6004",
                "app:billing:=a|b, app:auth:=b", 1);
        assertEquals(Optional.of("a"), c.nodeId());
        assertEquals(List.of(new Peer("a", "10.0.0.1", 16100, 6004), new Peer("b", "10.0.0.2", 16100, 6004)), c.peers());
        assertEquals(List.of(Scope.of("app:billing:", "a", "b"), Scope.of("app:auth:", "b")), c.scopes());
        assertEquals("10.0.0.2:6004", c.peersView().addr("b"));
        assertEquals("app:billing:=a|b, app:auth:=b", c.scopesString());
        assertEquals("a@10.0.0.1:16100:6004, b@10.0.0.2:16100:6004", c.peersString());
    }

    @Test
    void blankStringsAreEmptyListsAndShardsDefaultToOne() throws ConfigException {
        NodeConfig c = NodeConfig.parse(null, "", "  ", 1);
        assertEquals(Optional.empty(), c.nodeId());
        assertEquals(List.of(), c.peers());
        assertEquals(List.of(), c.scopes());
        assertEquals(1, new NodeConfig(Optional.of("a"), List.of(), List.of()).shards());
        assertEquals(Optional.empty(), NodeConfig.parse("", "", "", 1).nodeId(), "empty node_id = not set");
    }

    @Test
    void prefixesMayContainEqualsSignsAndColons() throws ConfigException {
        assertEquals(List.of(Scope.of("a=b:", "c")), NodeConfig.parseScopes("a=b:=c"));
    }

    @Test
    void duplicatesAndOverlapsParseTheBootRejectsThem() throws ConfigException {
        assertEquals(2, NodeConfig.parseScopes("app:=a, app:=b").size());
        assertEquals(2, NodeConfig.parseScopes("app:=a, app:x=b").size());
    }

    static Stream<Arguments> badScopes() {
        return Stream.of(
                Arguments.of("=a", "bad scopes entry \"=a\": empty prefix"),
                Arguments.of("app:=", "bad scopes entry \"app:=\": empty writer"),
                Arguments.of("app:=|b", "bad scopes entry \"app:=|b\": empty writer"),
                Arguments.of("app:=a|", "bad scopes entry \"app:=a|\": empty fallback"),
                Arguments.of("app:", "bad scopes entry \"app:\": expected prefix=writer[|fallback]"),
                Arguments.of("app:=a|b|c", "bad scopes entry \"app:=a|b|c\": expected prefix=writer[|fallback]"),
                Arguments.of("app:=a,,b:=b", "bad scopes entry \"\": empty entry"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScopes")
    void rejectedScopes(String s, String error) {
        assertEquals(error, assertThrows(ConfigException.class, () -> NodeConfig.parseScopes(s)).getMessage());
    }

    static Stream<Arguments> badPeers() {
        return Stream.of(
                Arguments.of("a", "bad peers entry \"a\": expected id@host:elect_port:client_port"),
                Arguments.of("a@h:1", "bad peers entry \"a@h:1\": expected id@host:elect_port:client_port"),
                Arguments.of("@h:1:2", "bad peers entry \"@h:1:2\": empty node id"),
                Arguments.of("a@:1:2", "bad peers entry \"a@:1:2\": empty host"),
                Arguments.of("a@h:x:2", "bad peers entry \"a@h:x:2\": port \"x\" is not a number in 1..65535"),
                Arguments.of("a@h:1:70000", "bad peers entry \"a@h:1:70000\": port \"70000\" is not a number in 1..65535"),
                Arguments.of("a@h:1:2, a@g:1:2", "duplicate peer id \"a\""),
                Arguments.of("a@h:1:2,", "bad peers entry \"\": empty entry"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPeers")
    void rejectedPeers(String s, String error) {
        assertEquals(error, assertThrows(ConfigException.class, () -> NodeConfig.parsePeers(s)).getMessage());
    }

    @Test
    void invalidRecordsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new NodeConfig(Optional.of("a"), List.of(), List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new NodeConfig(Optional.of(""), List.of(), List.of(), 1));
        Peer p = new Peer("a", "h", 1, 2);
        assertThrows(IllegalArgumentException.class, () -> new NodeConfig(Optional.of("a"), List.of(p, p), List.of(), 1));
    }
}
