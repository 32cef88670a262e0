package movescope.model.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
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
 * ({@code kevy: bad [cluster] scopes config: <error>}, see {@link KevyNode}). The string parsers here
 * reject what kevy's parser rejects — an empty prefix, writer or fallback in a token — plus malformed
 * peers entries.
 *
 * <p>Parser error texts (kevy documents no exact wording for them, so these are the model's, stable and
 * tested):
 * <ul>
 *   <li>{@code bad peers entry "<token>": expected id@host:elect_port:client_port}</li>
 *   <li>{@code bad peers entry "<token>": empty node id} / {@code empty host}</li>
 *   <li>{@code bad peers entry "<token>": port "<p>" is not a number in 1..65535}</li>
 *   <li>{@code duplicate peer id "<id>"}</li>
 *   <li>{@code bad scopes entry "<token>": expected prefix=writer[|fallback]}</li>
 *   <li>{@code bad scopes entry "<token>": empty prefix} / {@code empty writer} / {@code empty fallback}</li>
 * </ul>
 * A blank string is an empty list; an empty token between commas is rejected ({@code empty entry}).
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
        TreeSet<String> ids = new TreeSet<>();
        for (Peer p : peers) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("duplicate peer id \"" + p.id() + "\"");
            }
        }
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

    /** Parses {@code "a@10.0.0.1:16100:6004, b@10.0.0.2:16100:6004"} ({@code id@host:elect_port:client_port}). */
    public static List<Peer> parsePeers(String s) throws ConfigException {
        List<Peer> out = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>();
        for (String token : tokens(s, "peers")) {
            int at = token.indexOf('@');
            if (at < 0) {
                throw new ConfigException("bad peers entry \"" + token + "\": expected id@host:elect_port:client_port");
            }
            String id = token.substring(0, at).trim();
            String rest = token.substring(at + 1);
            // The host may itself contain ':' only if it is an IPv6 literal; kevy's format does not
            // bracket it, so the two ports are taken from the right.
            int c2 = rest.lastIndexOf(':');
            int c1 = c2 < 0 ? -1 : rest.lastIndexOf(':', c2 - 1);
            if (c1 < 0) {
                throw new ConfigException("bad peers entry \"" + token + "\": expected id@host:elect_port:client_port");
            }
            String host = rest.substring(0, c1).trim();
            if (id.isEmpty()) {
                throw new ConfigException("bad peers entry \"" + token + "\": empty node id");
            }
            if (host.isEmpty()) {
                throw new ConfigException("bad peers entry \"" + token + "\": empty host");
            }
            int elect = port(token, rest.substring(c1 + 1, c2).trim());
            int client = port(token, rest.substring(c2 + 1).trim());
            if (!ids.add(id)) {
                throw new ConfigException("duplicate peer id \"" + id + "\"");
            }
            out.add(new Peer(id, host, elect, client));
        }
        return List.copyOf(out);
    }

    /** Parses {@code "app:billing:=a|b, app:auth:=b"} ({@code prefix=writer[|fallback]}). */
    public static List<Scope> parseScopes(String s) throws ConfigException {
        List<Scope> out = new ArrayList<>();
        for (String token : tokens(s, "scopes")) {
            // Prefixes routinely contain ':'; node ids never contain '=', so split at the last '='.
            int eq = token.lastIndexOf('=');
            if (eq < 0) {
                throw new ConfigException("bad scopes entry \"" + token + "\": expected prefix=writer[|fallback]");
            }
            String prefix = token.substring(0, eq).trim();
            String owners = token.substring(eq + 1);
            String[] parts = owners.split("\\|", -1);
            if (parts.length > 2) {
                throw new ConfigException("bad scopes entry \"" + token + "\": expected prefix=writer[|fallback]");
            }
            if (prefix.isEmpty()) {
                throw new ConfigException("bad scopes entry \"" + token + "\": empty prefix");
            }
            String writer = parts[0].trim();
            if (writer.isEmpty()) {
                throw new ConfigException("bad scopes entry \"" + token + "\": empty writer");
            }
            Optional<String> fallback = Optional.empty();
            if (parts.length == 2) {
                String f = parts[1].trim();
                if (f.isEmpty()) {
                    throw new ConfigException("bad scopes entry \"" + token + "\": empty fallback");
                }
                fallback = Optional.of(f);
            }
            out.add(new Scope(prefix, writer, fallback));
        }
        return List.copyOf(out);
    }

    private static List<String> tokens(String s, String what) throws ConfigException {
        Objects.requireNonNull(s, what);
        List<String> out = new ArrayList<>();
        if (s.isBlank()) {
            return out;
        }
        for (String raw : s.split(",", -1)) {
            String t = raw.trim();
            if (t.isEmpty()) {
                throw new ConfigException("bad " + what + " entry \"\": empty entry");
            }
            out.add(t);
        }
        return out;
    }

    private static int port(String token, String p) throws ConfigException {
        try {
            int v = Integer.parseInt(p);
            if (v >= 1 && v <= 65535) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below: the text names the bad port either way
        }
        throw new ConfigException("bad peers entry \"" + token + "\": port \"" + p + "\" is not a number in 1..65535");
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

    /** The peers as kevy's config string, for traces and reports. */
    public String peersString() {
        StringBuilder b = new StringBuilder();
        for (Peer p : peers) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(p.id()).append('@').append(p.host()).append(':').append(p.electPort()).append(':')
                    .append(p.clientPort());
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
