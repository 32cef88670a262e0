package movescope.model.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import movescope.model.routing.Peer;
import movescope.model.scope.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves the parsing of kevy's {@code [cluster]} strings (kevy-move-scope.md §8) is kevy's: the documented
 * examples, kevy's own parser tests (crates/kevy-config/src/cluster.rs) under their names, the rules at
 * their edges (Rust's u16 parse, the first '=' and '|', nothing trimmed inside a token), kevy's error texts,
 * and duplicates/overlaps left for the boot to reject. Reproduce: {@code mvn -B -o -pl model test -Dtest=NodeConfigTest}.
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

    // ---- kevy's own tests of the parsers, ported (crates/kevy-config/src/cluster.rs, mod peer_entry_tests
    // and mod scope_entry_tests); each keeps kevy's name. None is vacuous in kevy.

    @Test
    void parse_one_basic() {
        assertEquals(Optional.of(Peer.legacy("node-1", "10.0.0.1", 6004)), NodeConfig.parsePeer("node-1@10.0.0.1:6004"));
    }

    @Test
    void parse_one_extended_form_sets_client_port() {
        assertEquals(Optional.of(new Peer("node-1", "10.0.0.1", 6011, 6004)), NodeConfig.parsePeer("node-1@10.0.0.1:6011:6004"));
    }

    @Test
    void parse_one_extended_form_dns_host() {
        assertEquals(Optional.of(new Peer("primary", "db-east.local", 6011, 6004)),
                NodeConfig.parsePeer("primary@db-east.local:6011:6004"));
    }

    @Test
    void parse_one_dns_host() {
        assertEquals(Optional.of(Peer.legacy("primary", "db-east.local", 6105)), NodeConfig.parsePeer("primary@db-east.local:6105"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"@host:6004", "id@:6004", "id@host:NaN", "id@host:99999", "no-at-or-colon",
            // beyond kevy's test: the same rules at their edges
            "id@host", "id@host:", "id@host:+", "id@host:-1", "id@:1:2", "id@host:6004 "})
    void parse_one_rejects_empty_id_host_or_bad_port(String token) {
        assertEquals(Optional.empty(), NodeConfig.parsePeer(token));
    }

    @Test
    void parse_one_edges_as_rusts_parse_does() {
        // u16 parsing accepts port 0, a leading '+' and leading zeros.
        assertEquals(Optional.of(Peer.legacy("a", "h", 0)), NodeConfig.parsePeer("a@h:0"));
        assertEquals(Optional.of(new Peer("a", "h", 16100, 6004)), NodeConfig.parsePeer("a@h:+16100:006004"));
        // An elect port that does not parse makes the token legacy, with the colon in the host.
        assertEquals(Optional.of(Peer.legacy("a", "h:x", 6004)), NodeConfig.parsePeer("a@h:x:6004"));
        // The id is what comes before the first '@', untrimmed; the host may hold another '@'.
        assertEquals(Optional.of(Peer.legacy("a ", " h@g", 1)), NodeConfig.parsePeer("a @ h@g:1"));
    }

    @Test
    void parse_list_three_peers_trim_tolerated() throws ConfigException {
        List<Peer> peers = NodeConfig.parsePeers("a@1.1.1.1:6004, b@1.1.1.2:6004 ,c@1.1.1.3:6004");
        assertEquals(3, peers.size());
        assertEquals("b", peers.get(1).id());
    }

    @Test
    void parse_list_trailing_comma_ok() throws ConfigException {
        assertEquals(2, NodeConfig.parsePeers("a@h:1,b@h:2,").size());
        assertEquals(2, NodeConfig.parsePeers(" , a@h:1,, b@h:2 ,").size(), "every empty piece is dropped");
    }

    @Test
    void parse_list_first_bad_token_errs() {
        assertEquals("bad peer token: \"bad-token\"",
                assertThrows(ConfigException.class, () -> NodeConfig.parsePeers("a@h:1,bad-token,c@h:3")).getMessage());
    }

    @Test
    void parse_list_empty_is_empty() throws ConfigException {
        assertEquals(List.of(), NodeConfig.parsePeers(""));
        assertEquals(List.of(), NodeConfig.parsePeers("  "));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node-1@10.0.0.1:6004", "node-1@10.0.0.1:6011:6004", "p@db-east.local:6105"})
    void to_token_round_trips(String token) {
        Peer p = NodeConfig.parsePeer(token).orElseThrow();
        assertEquals(token, p.token());
        assertEquals(Optional.of(p), NodeConfig.parsePeer(p.token()));
    }

    @Test
    void legacyTokenPointsClientsAtTheElectPort() throws ConfigException {
        // MISDIRECTED and QUIESCED print client_port.unwrap_or(port) (state/scope.rs:52-60).
        NodeConfig c = NodeConfig.parse("A", "A@127.0.0.1:6004,B@10.0.0.99:6004", "app:=B", 1);
        assertEquals("10.0.0.99:6004", c.peersView().addr("B"));
        assertEquals("A@127.0.0.1:6004, B@10.0.0.99:6004", c.peersString());
        assertThrows(IllegalArgumentException.class, () -> new Peer("a", "h", 1, 2, true));
    }

    @Test
    void duplicatePeerIdsParseAndTheFirstWins() throws ConfigException {
        NodeConfig c = NodeConfig.parse("a", "a@h:1:2, a@g:3:4", "", 1);
        assertEquals(2, c.peers().size());
        assertEquals("h:2", c.peersView().addr("a"));
    }

    @Test
    void parse_one_writer_only() {
        assertEquals(Optional.of(Scope.of("app:billing:", "embed-billing-1")), NodeConfig.parseScope("app:billing:=embed-billing-1"));
    }

    @Test
    void parse_one_writer_and_fallback() {
        assertEquals(Optional.of(Scope.of("app:billing:", "embed-1", "fb-server-eu")),
                NodeConfig.parseScope("app:billing:=embed-1|fb-server-eu"));
    }

    @Test
    void parse_one_prefix_with_colons() {
        assertEquals("ns:tenant:42:", NodeConfig.parseScope("ns:tenant:42:=w").orElseThrow().prefix());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"=writer", "prefix=", "no-equals"})
    void parse_one_rejects_empty_prefix_or_writer(String token) {
        assertEquals(Optional.empty(), NodeConfig.parseScope(token));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"p=writer|", "p=|fb"})
    void parse_one_rejects_empty_fallback_side(String token) {
        assertEquals(Optional.empty(), NodeConfig.parseScope(token));
    }

    @Test
    void parse_one_rejects_embedded_comma() {
        assertEquals(Optional.empty(), NodeConfig.parseScope("p=writer,other"));
    }

    @Test
    void parse_list_two_scopes() throws ConfigException {
        assertEquals(List.of(Scope.of("app:billing:", "w-bill", "fb"), Scope.of("app:auth:", "w-auth")),
                NodeConfig.parseScopes("app:billing:=w-bill|fb, app:auth:=w-auth"));
    }

    @Test
    void scope_parse_list_first_bad_token_errs() {
        assertEquals("bad scope token: \"no-eq\"",
                assertThrows(ConfigException.class, () -> NodeConfig.parseScopes("p1=w1,no-eq,p3=w3")).getMessage());
    }

    @Test
    void scopeSplitsAtTheFirstEqualsAndTheFirstBarAndTrimsNothingInside() {
        assertEquals(Optional.of(Scope.of("a", "b:=c")), NodeConfig.parseScope("a=b:=c"));
        assertEquals(Optional.of(Scope.of("p", "w", "f|g")), NodeConfig.parseScope("p=w|f|g"));
        assertEquals(Optional.of(Scope.of("app: ", " b")), NodeConfig.parseScope("app: = b"));
    }

    @Test
    void errorTokensAreQuotedTheWayRustsDebugQuotesThem() {
        assertEquals("bad scope token: \"say \\\"hi\\\"\"",
                assertThrows(ConfigException.class, () -> NodeConfig.parseScopes("say \"hi\"")).getMessage());
    }

    @Test
    void duplicatesAndOverlapsParseTheBootRejectsThem() throws ConfigException {
        assertEquals(2, NodeConfig.parseScopes("app:=a, app:=b").size());
        assertEquals(2, NodeConfig.parseScopes("app:=a, app:x=b").size());
    }

    @Test
    void invalidRecordsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new NodeConfig(Optional.of("a"), List.of(), List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new NodeConfig(Optional.of(""), List.of(), List.of(), 1));
    }
}
