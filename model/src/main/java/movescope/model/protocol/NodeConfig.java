package movescope.model.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import movescope.model.election.ElectionConfig;
import movescope.model.routing.Peer;
import movescope.model.routing.Peers;
import movescope.model.scope.Scope;

/**
 * One node's {@code [cluster]} config file (kevy-move-scope.md §8): {@code node_id}, {@code peers},
 * {@code scopes}, plus the number of shards the node runs ({@code [server] threads}; kevy's default is one
 * per core, the model's is 1) and {@code [cluster] enabled}, which switches the key → shard function to the
 * CRC16-slot scheme ({@link Sharding}; {@code crates/kevy-rt/src/shard_run.rs:48-50}).
 *
 * <p>The scopes list is kept exactly as written, duplicates and overlaps included: kevy parses the
 * string first and builds the ownership table at boot, and it is the boot that fails on a bad table
 * ({@code kevy: bad [cluster] scopes config: <error>}, see {@link KevyNode}). The string parsers here are
 * kevy's {@code PeerEntry::parse_list} / {@code ScopeEntry::parse_list} ({@code crates/kevy-config/src/cluster.rs}),
 * rule for rule, and fail with kevy's messages: {@code bad peer token: "<token>"} and
 * {@code bad scope token: "<token>"} ({@code apply.rs:218-225}). Duplicate peer ids parse, as in kevy.
 *
 * <p>{@code election} holds what the election plane and the replication gate read: whether the election
 * listener is up, {@code [server] port}, {@code [cluster] elect_port_base}, {@code [replication] role},
 * {@code replica_read_only} and {@code upstream} ({@link ElectionConfig}; default {@link ElectionConfig#OFF}).
 */
public record NodeConfig(Optional<String> nodeId, List<Peer> peers, List<Scope> scopes, int shards,
                         boolean clusterEnabled, ElectionConfig election) {
    public NodeConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(election, "election");
        Objects.requireNonNull(peers, "peers");
        Objects.requireNonNull(scopes, "scopes");
        if (nodeId.isPresent() && nodeId.get().isEmpty()) {
            throw new IllegalArgumentException("node_id, when set, must not be empty");
        }
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be >= 1, got " + shards);
        }
        peers = List.copyOf(peers);
        scopes = List.copyOf(scopes);
    }

    /** A config with {@code [cluster] enabled} off (the default scheme) and without the election plane. */
    public NodeConfig(Optional<String> nodeId, List<Peer> peers, List<Scope> scopes, int shards) {
        this(nodeId, peers, scopes, shards, false, ElectionConfig.OFF);
    }

    /** A config with the given {@code [cluster] enabled}, without the election plane. */
    public NodeConfig(Optional<String> nodeId, List<Peer> peers, List<Scope> scopes, int shards,
                      boolean clusterEnabled) {
        this(nodeId, peers, scopes, shards, clusterEnabled, ElectionConfig.OFF);
    }

    /** A config with {@code [cluster] enabled} off and the given election settings. */
    public NodeConfig(Optional<String> nodeId, List<Peer> peers, List<Scope> scopes, int shards,
                      ElectionConfig election) {
        this(nodeId, peers, scopes, shards, false, election);
    }

    /** A one-shard config. */
    public NodeConfig(Optional<String> nodeId, List<Peer> peers, List<Scope> scopes) {
        this(nodeId, peers, scopes, 1);
    }

    /** The shard of {@code key} (or a MOVE-SCOPE prefix) on this node. */
    public int shardOf(String key) {
        return Sharding.shardOf(key, shards, clusterEnabled);
    }

    /**
     * Whether this config runs kevy's election plane: {@code peers} non-empty, {@code node_id} set
     * (crates/kevy/src/state/election.rs:170-172) and the listener up (:86-99).
     */
    public boolean electionPlane() {
        return election.listener() && !peers.isEmpty() && nodeId.isPresent();
    }

    /**
     * Builds a config from kevy's strings. {@code nodeId} null or empty means {@code node_id} is not set.
     *
     * @throws ConfigException with the texts listed in the class comment
     */
    public static NodeConfig parse(String nodeId, String peers, String scopes, int shards) throws ConfigException {
        Optional<String> id = nodeId == null || nodeId.isEmpty() ? Optional.empty() : Optional.of(nodeId);
        return new NodeConfig(id, parsePeers(peers), parseScopes(scopes), shards);
    }

    /**
     * Parses a {@code peers} value as kevy's {@code PeerEntry::parse_list} does (cluster.rs:222-236): split
     * at every {@code ','}, each piece trimmed, empty pieces dropped (a trailing comma is fine), every other
     * piece through {@link #parsePeer}; the first piece that does not parse fails the whole list with
     * {@code bad peer token: "<piece>"} (the message of {@code apply.rs:218-220}; kevy prints it as
     * {@code kevy-config: schema error at line <n> on [cluster].peers: bad peer token: "<piece>"}, the quotes
     * and escapes of Rust's {@code {:?}}). Duplicate ids parse: kevy's parser keeps them, and its address
     * lookup takes the first entry with an id ({@code state/scope.rs:94-99}, {@link Peers}).
     */
    public static List<Peer> parsePeers(String s) throws ConfigException {
        List<Peer> out = new ArrayList<>();
        for (String token : tokens(s)) {
            Optional<Peer> p = parsePeer(token);
            if (p.isEmpty()) {
                throw new ConfigException("bad peer token: " + RustText.debugQuote(token),
                        "expected id@host:port or id@host:elect_port:client_port, a non-empty id and host, ports 0..65535");
            }
            out.add(p.get());
        }
        return List.copyOf(out);
    }

    /**
     * kevy's {@code PeerEntry::parse_one} (cluster.rs:172-213), step for step: the id is what comes before the
     * first {@code '@'} (not trimmed; must not be empty); the text after the last {@code ':'} must be a
     * {@code u16}; if the rest has a {@code ':'} and what follows its last one is a {@code u16} too, the token is
     * extended ({@code host:elect_port:client_port}, the host not empty); otherwise it is legacy
     * ({@code host:port}, the whole rest the host — so {@code id@h:x:6004} is host {@code h:x}, port 6004).
     * Port 0 parses, as {@code u16} does; so does a leading {@code '+'}.
     */
    public static Optional<Peer> parsePeer(String token) {
        int at = token.indexOf('@');
        if (at <= 0) {
            return Optional.empty();
        }
        String id = token.substring(0, at);
        String rest = token.substring(at + 1);
        int last = rest.lastIndexOf(':');
        if (last < 0) {
            return Optional.empty();
        }
        int afterLast = u16(rest.substring(last + 1));
        if (afterLast < 0) {
            return Optional.empty();
        }
        String beforeLast = rest.substring(0, last);
        int second = beforeLast.lastIndexOf(':');
        if (second >= 0) {
            String host = beforeLast.substring(0, second);
            if (host.isEmpty()) {
                return Optional.empty();
            }
            int elect = u16(beforeLast.substring(second + 1));
            if (elect >= 0) {
                return Optional.of(new Peer(id, host, elect, afterLast));
            }
        }
        if (beforeLast.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Peer.legacy(id, beforeLast, afterLast));
    }

    /**
     * Parses a {@code scopes} value as kevy's {@code ScopeEntry::parse_list} does (cluster.rs:118-131): the
     * same splitting as {@link #parsePeers}, each piece through {@link #parseScope}, the first bad piece failing
     * the list with {@code bad scope token: "<piece>"} ({@code apply.rs:223-225}). Duplicate and overlapping
     * prefixes parse; the ownership table refuses them at boot.
     */
    public static List<Scope> parseScopes(String s) throws ConfigException {
        List<Scope> out = new ArrayList<>();
        for (String token : tokens(s)) {
            Optional<Scope> sc = parseScope(token);
            if (sc.isEmpty()) {
                throw new ConfigException("bad scope token: " + RustText.debugQuote(token), scopeTokenProblem(token));
            }
            out.add(sc.get());
        }
        return List.copyOf(out);
    }

    /**
     * kevy's {@code ScopeEntry::parse_one} (cluster.rs:89-112): no {@code ','}; split at the <em>first</em>
     * {@code '='} (so {@code a=b:=c} is prefix {@code a}, writer {@code b:=c}); prefix and owners not empty;
     * the owners split at the first {@code '|'} into a writer and a fallback, both non-empty (so
     * {@code p=w|f|g} has fallback {@code f|g}). Nothing inside the token is trimmed.
     */
    public static Optional<Scope> parseScope(String token) {
        if (token.indexOf(',') >= 0) {
            return Optional.empty();
        }
        int eq = token.indexOf('=');
        if (eq < 0) {
            return Optional.empty();
        }
        String prefix = token.substring(0, eq);
        String owners = token.substring(eq + 1);
        if (prefix.isEmpty() || owners.isEmpty()) {
            return Optional.empty();
        }
        int bar = owners.indexOf('|');
        if (bar < 0) {
            return Optional.of(new Scope(prefix, owners, Optional.empty()));
        }
        String writer = owners.substring(0, bar);
        String fallback = owners.substring(bar + 1);
        if (writer.isEmpty() || fallback.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Scope(prefix, writer, Optional.of(fallback)));
    }

    /** Which of {@link #parseScope}'s rules {@code token} breaks, in words (for messages; kevy gives none). */
    static String scopeTokenProblem(String token) {
        if (token.indexOf(',') >= 0) {
            return "a comma inside a token";
        }
        int eq = token.indexOf('=');
        if (eq < 0) {
            return "expected prefix=writer[|fallback]";
        }
        if (eq == 0) {
            return "empty prefix";
        }
        String owners = token.substring(eq + 1);
        int bar = owners.indexOf('|');
        if (owners.isEmpty() || bar == 0) {
            return "empty writer";
        }
        return "empty fallback";
    }

    /** {@code s.split(',')}, each piece trimmed (Rust's {@code str::trim}: Unicode white space), empty ones dropped. */
    private static List<String> tokens(String s) {
        Objects.requireNonNull(s, "config string");
        List<String> out = new ArrayList<>();
        for (String raw : s.split(",", -1)) {
            String t = rustTrim(raw);
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static String rustTrim(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isRustWhitespace(s.charAt(b))) {
            b++;
        }
        while (e > b && isRustWhitespace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }

    /** Rust's {@code char::is_whitespace}: the Unicode White_Space property. */
    private static boolean isRustWhitespace(char c) {
        return (c >= 0x09 && c <= 0x0D) || c == ' ' || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    /**
     * Rust's {@code str::parse::<u16>()}: an optional {@code '+'}, then one or more ASCII digits, value at most
     * 65535; -1 when it does not parse.
     */
    static int u16(String p) {
        int i = p.startsWith("+") ? 1 : 0;
        if (i >= p.length()) {
            return -1;
        }
        long v = 0;
        for (; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v > 65535) {
                return -1;
            }
        }
        return (int) v;
    }

    /** The peers as the routing layer sees them. */
    public Peers peersView() {
        return Peers.of(peers);
    }

    /** This config with another node id ({@code null} = unset). */
    public NodeConfig withNodeId(String id) {
        return new NodeConfig(Optional.ofNullable(id), peers, scopes, shards, clusterEnabled, election);
    }

    /** This config with other scopes. */
    public NodeConfig withScopes(List<Scope> newScopes) {
        return new NodeConfig(nodeId, peers, newScopes, shards, clusterEnabled, election);
    }

    /** This config with other peers. */
    public NodeConfig withPeers(List<Peer> newPeers) {
        return new NodeConfig(nodeId, newPeers, scopes, shards, clusterEnabled, election);
    }

    /** This config with another shard count. */
    public NodeConfig withShards(int n) {
        return new NodeConfig(nodeId, peers, scopes, n, clusterEnabled, election);
    }

    /** This config with {@code [cluster] enabled} set to {@code on}. */
    public NodeConfig withClusterEnabled(boolean on) {
        return new NodeConfig(nodeId, peers, scopes, shards, on, election);
    }

    /** This config with other election/replication settings. */
    public NodeConfig withElection(ElectionConfig e) {
        return new NodeConfig(nodeId, peers, scopes, shards, clusterEnabled, e);
    }

    /** The peers as kevy's config string ({@link Peer#token()} joined by {@code ", "}), for traces and reports. */
    public String peersString() {
        StringBuilder b = new StringBuilder();
        for (Peer p : peers) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(p.token());
        }
        return b.toString();
    }

    /** The scopes as kevy's config string, for traces and reports. */
    public String scopesString() {
        StringBuilder b = new StringBuilder();
        for (Scope sc : scopes) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(sc.prefix()).append('=').append(sc.writer());
            sc.fallback().ifPresent(f -> b.append('|').append(f));
        }
        return b.toString();
    }
}
