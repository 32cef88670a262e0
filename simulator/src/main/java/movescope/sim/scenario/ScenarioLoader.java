package movescope.sim.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import movescope.model.protocol.ConfigException;
import movescope.model.protocol.NodeConfig;
import movescope.model.protocol.Variant;
import movescope.model.scope.OwnershipTable;
import movescope.model.scope.Scope;
import movescope.model.scope.ScopeConfigException;
import movescope.sim.scenario.json.JNode;
import movescope.sim.scenario.json.LocatedJsonParser;
import movescope.sim.scenario.json.Obj;
import movescope.sim.scenario.json.Where;

/**
 * Loads a scenario file (docs/scenario-format.md) into a validated {@link Scenario}, or throws a
 * {@link ScenarioException} that points at the offending value's line and column — for syntax errors,
 * unknown or duplicate fields, wrong types, and semantic errors alike (unknown ids, scopes that do not
 * build, steps after the end).
 */
public final class ScenarioLoader {
    private static final Set<String> OPERATOR = Set.of("operator");

    private ScenarioLoader() {}

    public static Scenario load(Path file) throws ScenarioException {
        return bind(LocatedJsonParser.parse(file));
    }

    /** Loads a file; {@code name} (the path as the user typed it) names it in errors. */
    public static Scenario load(Path file, String name) throws ScenarioException {
        return bind(LocatedJsonParser.parse(file, name));
    }

    /**
     * Loads a file's bytes as read from disk (strict UTF-8, the same caps as {@link #load(Path, String)});
     * {@code name} names them in errors. The fuzz test's entry point.
     */
    public static Scenario loadBytes(byte[] bytes, String name) throws ScenarioException {
        return bind(LocatedJsonParser.parseBytes(bytes, name));
    }

    /** Loads from text; {@code sourceName} names the text in errors. */
    public static Scenario loadString(String json, String sourceName) throws ScenarioException {
        return bind(LocatedJsonParser.parse(json, sourceName));
    }

    private static Scenario bind(JNode root) throws ScenarioException {
        Obj o = Obj.of(root, "a scenario");
        // "$schema" names the JSON Schema for editors (scenarios/scenario.schema.json); it does not change
        // the run, but it must still be a string so a typo in it is reported like any other.
        o.optString("$schema");
        String name = o.reqString("name");
        String description = o.reqString("description");
        OptionalLong seed = o.optLong("seed", Long.MIN_VALUE);
        Variant variant = variant(o.req("variant"));
        ClusterSpec cluster = cluster(o.req("cluster"));
        Set<String> nodeIds = new LinkedHashSet<>(cluster.nodeIds());
        NetworkSpec network = o.has("network") ? network(o.req("network")) : NetworkSpec.DEFAULT;
        FaultSpec faults = o.has("faults") ? faults(o.req("faults")) : FaultSpec.NONE;
        List<ClientSpec> clients = clients(o.optArray("clients"), nodeIds);
        Set<String> clientIds = new LinkedHashSet<>();
        for (ClientSpec c : clients) {
            clientIds.add(c.id());
        }
        List<DataSpec> data = data(o.optArray("data"), nodeIds);
        long endMs = o.reqLong("endMs", 0, ScenarioLimits.MAX_TIME_MS);
        long maxEvents = o.optLong("maxEvents", Scenario.DEFAULT_MAX_EVENTS, 1, ScenarioLimits.MAX_EVENTS);
        Optional<WorkloadSpec> workload = o.has("workload")
                ? Optional.of(workload(o.req("workload"), nodeIds, endMs)) : Optional.empty();
        Set<String> endpoints = new LinkedHashSet<>(nodeIds);
        endpoints.addAll(clientIds);
        endpoints.addAll(OPERATOR);
        workload.ifPresent(w -> {
            for (int i = 0; i < w.clients(); i++) {
                endpoints.add(w.clientId(i));
            }
        });
        List<Step> steps = steps(o.optArray("steps"), nodeIds, clientIds, endpoints, endMs);
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Step.ClientStep cs
                    && clients.stream().anyMatch(c -> c.id().equals(cs.client()) && c.raw().isPresent())) {
                throw Obj.error(Obj.array(o.req("steps"), "steps").get(i), "client \"" + cs.client()
                        + "\" is a raw client: it only repeats its own command (clients[].raw)");
            }
        }
        for (int i = 0; i < clients.size(); i++) {
            Optional<RawLoop> r = clients.get(i).raw();
            if (r.isPresent() && r.get().untilMs() > endMs) {
                throw Obj.error(Obj.array(o.req("clients"), "clients").get(i), "the raw loop runs until "
                        + r.get().untilMs() + " ms, after endMs " + endMs);
            }
        }
        Optional<ChaosSpec> chaos = o.has("chaos") ? Optional.of(chaos(o.req("chaos"), endMs)) : Optional.empty();
        Expectations expect = o.has("expect") ? expectations(o.req("expect"), nodeIds, variant)
                : Expectations.defaults(variant);
        o.done();
        for (String w : workload.map(w -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < w.clients(); i++) {
                ids.add(w.clientId(i));
            }
            return ids;
        }).orElse(List.of())) {
            if (nodeIds.contains(w) || clientIds.contains(w)) {
                throw Obj.error(o.node("workload"), "workload client id \"" + w
                        + "\" clashes with a node or client id of the same name");
            }
        }
        budget(o, cluster, workload, data);
        try {
            return new Scenario(name, description, seed, variant, cluster, network, faults, clients, data, steps,
                    workload, chaos, endMs, maxEvents, expect);
        } catch (IllegalArgumentException e) {
            throw o.error(e.getMessage());
        }
    }

    /**
     * The world's size, bounded before anything is built: table entries and shards over all nodes, workload
     * keys, and an estimate of the heap the world needs, refused when over {@link ScenarioLimits#HEAP_SHARE}
     * of this JVM's maximum heap (the only limit that depends on the machine; raise it with -Xmx).
     */
    private static void budget(Obj o, ClusterSpec cluster, Optional<WorkloadSpec> workload, List<DataSpec> data)
            throws ScenarioException {
        long entries = 0;
        long shards = 0;
        for (NodeSpec n : cluster.nodes()) {
            entries += cluster.scopesOf(n).size();
            shards += n.shards().orElse(cluster.shards());
        }
        JNode at = o.node("cluster");
        if (entries > ScenarioLimits.MAX_TABLE_ENTRIES) {
            throw Obj.error(at, "the nodes' scopes lists hold " + entries + " ownership-table entries together; at most "
                    + ScenarioLimits.MAX_TABLE_ENTRIES + " are allowed");
        }
        if (shards > ScenarioLimits.MAX_TOTAL_SHARDS) {
            throw Obj.error(at, "the nodes have " + shards + " shards together; at most "
                    + ScenarioLimits.MAX_TOTAL_SHARDS + " are allowed");
        }
        long workloadKeys = 0;
        if (workload.isPresent()) {
            WorkloadSpec w = workload.get();
            workloadKeys = w.keys().size() + (long) w.keysPerScope() * cluster.scopes().size();
            if (workloadKeys > ScenarioLimits.MAX_KEYS) {
                throw Obj.error(o.node("workload"), "the workload would use " + workloadKeys + " keys ("
                        + "keysPerScope x " + cluster.scopes().size() + " scopes); at most " + ScenarioLimits.MAX_KEYS
                        + " are allowed");
            }
        }
        long dataKeys = 0;
        for (DataSpec d : data) {
            dataKeys += d.keys();
        }
        long nodes = cluster.nodes().size();
        // Rough per-item costs measured on this simulator's structures, rounded up.
        long estimate = entries * 160 + shards * 4_096 + nodes * nodes * 64 + (workloadKeys + dataKeys) * 400
                + nodes * 64_000;
        long allowed = (long) (Runtime.getRuntime().maxMemory() * ScenarioLimits.HEAP_SHARE);
        if (estimate > allowed) {
            throw Obj.error(at, "this world needs about " + (estimate >> 20) + " MiB, more than "
                    + (int) (ScenarioLimits.HEAP_SHARE * 100) + "% of the " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB heap this run may use; make it smaller or give Java more heap (-Xmx)");
        }
    }

    // ---- variant ----

    private static Variant variant(JNode n) throws ScenarioException {
        if (n instanceof JNode.JString s) {
            return named(n, s.value());
        }
        Obj o = Obj.of(n, "a variant name or {\"base\": ..., <switch>: <value>}");
        Variant v = named(o.req("base"), o.reqString("base"));
        for (var e : o.raw().fields().entrySet()) {
            if (e.getKey().equals("base")) {
                continue;
            }
            String sw = e.getKey();
            JNode val = e.getValue();
            o.has(sw);
            if (!Variant.SWITCHES.contains(sw)) {
                throw Obj.error(val, "unknown variant switch \"" + sw + "\" (expected one of " + Variant.SWITCHES + ")");
            }
            String text;
            if (val instanceof JNode.JString s) {
                text = s.value();
            } else if (val instanceof JNode.JBool b) {
                text = Boolean.toString(b.value());
            } else if (val instanceof JNode.JNumber num && num.integral()) {
                text = num.text();
            } else {
                throw Obj.error(val, "expected a string, boolean or integer for switch \"" + sw + "\", got " + val.kind());
            }
            try {
                v = v.withSwitch(sw, text);
            } catch (IllegalArgumentException ex) {
                throw Obj.error(val, ex.getMessage());
            }
        }
        o.done();
        return v;
    }

    private static Variant named(JNode at, String name) throws ScenarioException {
        try {
            return Variant.named(name);
        } catch (IllegalArgumentException e) {
            throw Obj.error(at, e.getMessage());
        }
    }

    // ---- cluster ----

    private static ClusterSpec cluster(JNode n) throws ScenarioException {
        Obj o = Obj.of(n, "the cluster");
        boolean hasNodes = o.has("nodes");
        boolean hasGenerate = o.has("generate");
        if (hasNodes == hasGenerate) {
            throw o.error("expected exactly one of \"nodes\" and \"generate\"");
        }
        int shards = o.optInt("shards", 1, 1, ScenarioLimits.MAX_SHARDS);
        boolean warm = o.optBool("warm", true);
        HeartbeatPolicy hb;
        Optional<String> hbText = o.optString("heartbeats");
        try {
            hb = hbText.isPresent() ? HeartbeatPolicy.parse(hbText.get())
                    : hasGenerate ? HeartbeatPolicy.FALLBACKS : HeartbeatPolicy.ALL;
        } catch (IllegalArgumentException e) {
            throw Obj.error(o.node("heartbeats"), e.getMessage());
        }
        if (o.has("sliceFrameCostUs")) {
            throw Obj.error(o.node("sliceFrameCostUs"), "sliceFrameCostUs is split in two: serializeFrameCostUs (the"
                    + " source, default " + ClusterSpec.DEFAULT_SERIALIZE_FRAME_COST_US + ") and ingestFrameCostUs (the"
                    + " target, default " + ClusterSpec.DEFAULT_INGEST_FRAME_COST_US + ")");
        }
        long frameCost = o.optLong("serializeFrameCostUs", ClusterSpec.DEFAULT_SERIALIZE_FRAME_COST_US, 0, ScenarioLimits.MAX_FRAME_COST_US);
        long ingestCost = o.optLong("ingestFrameCostUs", ClusterSpec.DEFAULT_INGEST_FRAME_COST_US, 0, ScenarioLimits.MAX_FRAME_COST_US);
        long sendBuffer = o.optLong("sendBufferBytes", ClusterSpec.DEFAULT_SEND_BUFFER_BYTES, 0, ScenarioLimits.MAX_SEND_BUFFER_BYTES);
        long commitWindow = o.optLong("commitWindowMs", 0, 0, ScenarioLimits.MAX_TIME_MS);
        boolean clusterEnabled = o.optBool("clusterEnabled", false);
        ElectionSpec election = election(o, false);
        List<NodeSpec> nodes;
        List<Scope> scopes;
        List<ScriptedPeerSpec> scripted = List.of();
        Optional<GenerateSpec> generate = Optional.empty();
        if (hasGenerate) {
            Obj g = Obj.of(o.req("generate"), "the cluster generator");
            int count = g.reqInt("nodes", 1, ScenarioLimits.MAX_NODES);
            int perNode = g.optInt("scopesPerNode", 1, 0, ScenarioLimits.MAX_SCOPES);
            boolean fallback = g.optBool("fallback", true);
            g.done();
            // Checked before a single scope is generated: 1,000 x 1,000 must be refused, not built.
            if ((long) count * perNode > ScenarioLimits.MAX_SCOPES) {
                throw Obj.error(g.node("scopesPerNode") != null ? g.node("scopesPerNode") : g.node("nodes"),
                        "generate.nodes x generate.scopesPerNode = " + ((long) count * perNode)
                                + " scopes; at most " + ScenarioLimits.MAX_SCOPES + " are allowed");
            }
            if ((long) count * count * perNode > ScenarioLimits.MAX_TABLE_ENTRIES) {
                throw Obj.error(g.node("nodes"), "a generated cluster of " + count + " nodes with " + perNode
                        + " scopes each needs " + ((long) count * count * perNode) + " ownership-table entries"
                        + " (every node holds every scope); at most " + ScenarioLimits.MAX_TABLE_ENTRIES
                        + " are allowed");
            }
            GenerateSpec spec = new GenerateSpec(count, perNode, fallback);
            generate = Optional.of(spec);
            nodes = spec.nodeSpecs();
            if (o.has("scopes")) {
                throw Obj.error(o.node("scopes"), "\"scopes\" cannot be combined with \"generate\" (it generates them)");
            }
            if (o.has("scriptedPeers")) {
                throw Obj.error(o.node("scriptedPeers"), "\"scriptedPeers\" cannot be combined with \"generate\"");
            }
            scopes = spec.scopes();
        } else {
            scopes = o.opt("scopes").isPresent() ? scopes(o.req("scopes")) : List.of();
            nodes = new ArrayList<>();
            List<JNode> items = Obj.array(o.req("nodes"), "nodes");
            if (items.isEmpty()) {
                throw Obj.error(o.node("nodes"), "expected at least one node");
            }
            if (items.size() > ScenarioLimits.MAX_NODES) {
                throw Obj.error(o.node("nodes"), items.size() + " nodes; at most " + ScenarioLimits.MAX_NODES
                        + " are allowed");
            }
            TreeSet<String> ids = new TreeSet<>();
            for (int i = 0; i < items.size(); i++) {
                JNode item = items.get(i);
                NodeSpec spec = node(item, i);
                if (!ids.add(spec.id())) {
                    throw Obj.error(item, "duplicate node id \"" + spec.id() + "\"");
                }
                nodes.add(spec);
            }
            TreeSet<String> addrs = new TreeSet<>();
            for (NodeSpec spec : nodes) {
                addrs.add(spec.clientAddr());
            }
            scripted = scriptedPeers(o, ids, addrs);
            TreeSet<String> peerIds = new TreeSet<>(ids);
            scripted.forEach(sp -> peerIds.add(sp.id()));
            addrs.clear();
            for (int i = 0; i < nodes.size(); i++) {
                NodeSpec spec = nodes.get(i);
                if (!addrs.add(spec.clientAddr())) {
                    throw Obj.error(items.get(i), "two nodes share the client address " + spec.clientAddr());
                }
                if (spec.peers().isPresent()) {
                    for (String p : spec.peers().get()) {
                        if (!peerIds.contains(p)) {
                            throw Obj.error(Obj.of(items.get(i), "a node").node("peers"),
                                    "unknown node \"" + p + "\" in peers (nodes and scripted peers: "
                                            + String.join(", ", peerIds) + ")");
                        }
                    }
                }
            }
        }
        java.util.TreeMap<String, Integer> connShards = new java.util.TreeMap<>();
        if (o.has("connShards")) {
            Obj m = Obj.of(o.req("connShards"), "a map from a client id (or \"operator\") to the shard its connections land on");
            for (String who : m.raw().fields().keySet()) {
                connShards.put(who, m.reqInt(who, 0, ScenarioLimits.MAX_SHARDS - 1));
            }
            m.done();
        }
        o.done();
        ClusterSpec cluster = new ClusterSpec(nodes, scopes, shards, warm, hb, frameCost, sendBuffer, commitWindow,
                generate, clusterEnabled, election, scripted, connShards, ingestCost);
        // Every node's table must build, as kevy's boot would otherwise stop with
        // "kevy: bad [cluster] scopes config: <error>"; the error points at the list that was used.
        if (hasGenerate) {
            buildTable(scopes, o.node("generate"));
        } else {
            List<JNode> items = Obj.array(o.node("nodes"), "nodes");
            boolean clusterChecked = false;
            for (int i = 0; i < nodes.size(); i++) {
                NodeSpec spec = nodes.get(i);
                if (spec.scopes().isPresent()) {
                    buildTable(spec.scopes().get(), Obj.of(items.get(i), "a node").node("scopes"));
                } else if (!clusterChecked) {
                    buildTable(scopes, o.node("scopes") != null ? o.node("scopes") : o.raw());
                    clusterChecked = true;
                }
            }
        }
        return cluster;
    }

    private static void buildTable(List<Scope> scopes, JNode at) throws ScenarioException {
        try {
            OwnershipTable.build(scopes);
        } catch (ScopeConfigException e) {
            throw Obj.error(at, "kevy: bad [cluster] scopes config: " + e.getMessage());
        }
    }

    /** {@code cluster.scriptedPeers}: fakes that are not kevy nodes (ScriptedPeerSpec), ids and addresses unique. */
    private static List<ScriptedPeerSpec> scriptedPeers(Obj cluster, Set<String> nodeIds, Set<String> nodeAddrs)
            throws ScenarioException {
        if (!cluster.has("scriptedPeers")) {
            return List.of();
        }
        List<JNode> items = Obj.array(cluster.req("scriptedPeers"), "scriptedPeers");
        if (items.size() > ScenarioLimits.MAX_NODES) {
            throw Obj.error(cluster.node("scriptedPeers"), items.size() + " scripted peers; at most "
                    + ScenarioLimits.MAX_NODES + " are allowed");
        }
        List<ScriptedPeerSpec> out = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>();
        TreeSet<String> addrs = new TreeSet<>();
        for (JNode item : items) {
            Obj o = Obj.of(item, "a scripted peer {\"id\", \"host\", \"port\", \"accept\"?, \"replyAfterMs\"?, \"reply\"?}");
            String id = o.reqString("id");
            if (id.isEmpty() || id.contains(",") || id.contains("@") || id.contains("|") || id.contains("=")
                    || !id.equals(id.trim()) || OPERATOR.contains(id)) {
                throw Obj.error(o.node("id"), "a scripted peer id must be non-empty, without spaces at either end,"
                        + " without , @ | = and not \"operator\"");
            }
            if (nodeIds.contains(id) || !ids.add(id)) {
                throw Obj.error(o.node("id"), "the id \"" + id + "\" is already a node's or another scripted peer's");
            }
            String host = o.reqString("host");
            if (host.isEmpty()) {
                throw Obj.error(o.node("host"), "expected a non-empty host");
            }
            int port = o.reqInt("port", 0, 65535);
            boolean accept = o.optBool("accept", true);
            long after = o.optLong("replyAfterMs", 0, 0, ScenarioLimits.MAX_TIME_MS);
            Optional<String> reply = o.optString("reply");
            if (!accept && (reply.isPresent() || o.has("replyAfterMs"))) {
                throw Obj.error(o.node(reply.isPresent() ? "reply" : "replyAfterMs"),
                        "a peer that refuses connections (\"accept\": false) never replies");
            }
            if (reply.isPresent()) {
                for (int i = 0; i < reply.get().length(); i++) {
                    if (reply.get().charAt(i) > 0xFF) {
                        throw Obj.error(o.node("reply"), "a reply is bytes: characters U+0000..U+00FF only (one per"
                                + " byte), found U+" + String.format("%04X", (int) reply.get().charAt(i)));
                    }
                }
            }
            o.done();
            ScriptedPeerSpec sp = new ScriptedPeerSpec(id, host, port, accept, after, reply);
            if (nodeAddrs.contains(sp.addr()) || !addrs.add(sp.addr())) {
                throw Obj.error(item, "the address " + sp.addr() + " is already a node's or another scripted peer's");
            }
            out.add(sp);
        }
        return out;
    }

    private static NodeSpec node(JNode n, int position) throws ScenarioException {
        Obj o = Obj.of(n, "a node");
        String id = o.reqString("id");
        if (id.isEmpty() || id.contains(",") || id.contains("@") || id.contains("|") || id.contains("=")
                || !id.equals(id.trim())) {
            throw Obj.error(o.node("id"), "a node id must be non-empty, without spaces at either end and without , @ | =");
        }
        if (OPERATOR.contains(id)) {
            throw Obj.error(o.node("id"), "\"operator\" is reserved for the operator's connections");
        }
        String host = o.optString("host").orElse(NodeSpec.defaultHost(position));
        int clientPort = o.optInt("clientPort", NodeSpec.DEFAULT_CLIENT_PORT, 1, 65535);
        int electPort = o.optInt("electPort", NodeSpec.DEFAULT_ELECT_PORT, 1, 65535);
        boolean nodeId = o.optBool("nodeId", true);
        Optional<List<String>> peers = o.opt("peers").isPresent()
                ? Optional.of(Obj.strings(o.req("peers"), "peers")) : Optional.empty();
        Optional<List<Scope>> scopes = o.opt("scopes").isPresent()
                ? Optional.of(scopes(o.req("scopes"))) : Optional.empty();
        OptionalInt shards = o.optInt("shards", 1, ScenarioLimits.MAX_SHARDS);
        ElectionSpec election = election(o, true);
        boolean legacyPeerToken = false;
        Optional<String> token = o.optString("peerToken");
        if (token.isPresent()) {
            switch (token.get()) {
                case "legacy" -> legacyPeerToken = true;
                case "extended" -> legacyPeerToken = false;
                default -> throw Obj.error(o.node("peerToken"),
                        "expected \"extended\" (id@host:elect_port:client_port) or \"legacy\" (id@host:elect_port), got "
                                + token.get());
            }
        }
        OptionalInt acceptShards = o.optInt("acceptShards", 1, ScenarioLimits.MAX_SHARDS);
        o.done();
        return new NodeSpec(id, host, clientPort, electPort, nodeId, peers, scopes, shards, election, legacyPeerToken,
                acceptShards);
    }

    /** The election-plane and replication fields of the cluster or of one node ({@code upstream}: node only). */
    private static ElectionSpec election(Obj o, boolean node) throws ScenarioException {
        Optional<Boolean> listener = o.optBool("electionListener");
        OptionalInt base = o.optInt("electPortBase", 0, 65535);
        Optional<movescope.model.election.ReplicationRole> role = Optional.empty();
        Optional<String> roleText = o.optString("replicationRole");
        if (roleText.isPresent()) {
            try {
                role = Optional.of(movescope.model.election.ReplicationRole.parse(roleText.get()));
            } catch (IllegalArgumentException e) {
                throw Obj.error(o.node("replicationRole"), e.getMessage());
            }
        }
        Optional<Boolean> readOnly = o.optBool("replicaReadOnly");
        Optional<String> upstream = node ? o.optString("upstream") : Optional.empty();
        return new ElectionSpec(listener, base, role, readOnly, upstream);
    }

    static List<Scope> scopes(JNode n) throws ScenarioException {
        if (n instanceof JNode.JString s) {
            List<Scope> parsed;
            try {
                parsed = NodeConfig.parseScopes(s.value());
            } catch (ConfigException e) {
                throw Obj.error(n, e.getMessage() + " (kevy's parser refuses it: " + e.reason() + ")");
            }
            if (parsed.size() > ScenarioLimits.MAX_SCOPES) {
                throw Obj.error(n, parsed.size() + " scopes; at most " + ScenarioLimits.MAX_SCOPES + " are allowed");
            }
            return parsed;
        }
        List<Scope> out = new ArrayList<>();
        List<JNode> items = Obj.array(n, "scopes");
        if (items.size() > ScenarioLimits.MAX_SCOPES) {
            throw Obj.error(n, items.size() + " scopes; at most " + ScenarioLimits.MAX_SCOPES + " are allowed");
        }
        for (JNode item : items) {
            Obj o = Obj.of(item, "a scope {\"prefix\", \"writer\", \"fallback\"?}");
            String prefix = o.reqString("prefix");
            String writer = o.reqString("writer");
            Optional<String> fallback = o.optString("fallback");
            o.done();
            // kevy's config parser refuses an empty prefix, writer or fallback in a token (the same rule as
            // NodeConfig.parseScopes for the string form); a pushed config is held to it too.
            if (prefix.isEmpty()) {
                throw Obj.error(o.node("prefix"), "empty prefix (kevy refuses a scopes token with an empty prefix)");
            }
            if (writer.isEmpty()) {
                throw Obj.error(o.node("writer"), "empty writer");
            }
            if (fallback.isPresent() && fallback.get().isEmpty()) {
                throw Obj.error(o.node("fallback"), "empty fallback");
            }
            out.add(new Scope(prefix, writer, fallback));
        }
        return List.copyOf(out);
    }

    // ---- network, faults ----

    private static NetworkSpec network(JNode n) throws ScenarioException {
        Obj o = Obj.of(n, "the network");
        Latency latency = o.has("latency") ? latency(o.req("latency")) : NetworkSpec.DEFAULT.latency();
        double loss = o.optDouble("loss", 0, 0, 1);
        double dup = o.optDouble("duplicate", 0, 0, 1);
        o.done();
        return new NetworkSpec(latency, loss, dup);
    }

    private static Latency latency(JNode n) throws ScenarioException {
        Obj o = Obj.of(n, "a latency {\"dist\": \"constant\" | \"uniform\" | \"exponential\", ...}");
        String dist = o.reqString("dist");
        Latency l;
        switch (dist) {
            case "constant" -> l = new Latency.Constant(o.reqLong("ms", 0, ScenarioLimits.MAX_TIME_MS));
            case "uniform" -> {
                long min = o.reqLong("minMs", 0, ScenarioLimits.MAX_TIME_MS);
                long max = o.reqLong("maxMs", 0, ScenarioLimits.MAX_TIME_MS);
                if (max < min) {
                    throw Obj.error(o.node("maxMs"), "expected maxMs >= minMs (" + min + "), got " + max);
                }
                l = new Latency.Uniform(min, max);
            }
            case "exponential" -> {
                double mean = o.reqDouble("meanMs", Double.MIN_VALUE, 1e9);
                l = new Latency.Exponential(mean, o.optLong("minMs", 0, 0, ScenarioLimits.MAX_TIME_MS));
            }
            default -> throw Obj.error(o.node("dist"),
                    "expected dist to be one of constant, uniform, exponential, got \"" + dist + "\"");
        }
        o.done();
        return l;
    }

    private static FaultSpec faults(JNode n) throws ScenarioException {
        Obj o = Obj.of(n, "the faults");
        double eintr = o.optDouble("eintr", 0, 0, 1);
        double perMove = o.optDouble("eintrPerMove", 0, 0, 1);
        o.done();
        return new FaultSpec(eintr, perMove);
    }

    // ---- clients, data ----

    private static List<ClientSpec> clients(List<JNode> items, Set<String> nodeIds) throws ScenarioException {
        if (items.size() > ScenarioLimits.MAX_CLIENTS) {
            throw Obj.error(items.get(ScenarioLimits.MAX_CLIENTS), items.size() + " clients; at most "
                    + ScenarioLimits.MAX_CLIENTS + " are allowed");
        }
        List<ClientSpec> out = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>();
        for (JNode item : items) {
            Obj o = Obj.of(item, "a client");
            String id = o.reqString("id");
            if (id.isEmpty() || nodeIds.contains(id) || OPERATOR.contains(id)) {
                throw Obj.error(o.node("id"), "a client id must be non-empty and differ from node ids and \"operator\"");
            }
            if (!ids.add(id)) {
                throw Obj.error(o.node("id"), "duplicate client id \"" + id + "\"");
            }
            String primary = nodeRef(o, "primary", nodeIds);
            long timeout = o.optLong("timeoutMs", ClientSpec.DEFAULT_TIMEOUT_MS, 1, ScenarioLimits.MAX_TIME_MS);
            Optional<RawLoop> raw = Optional.empty();
            if (o.has("raw")) {
                Obj r = Obj.of(o.req("raw"), "a raw loop {\"command\", \"fromMs\"?, \"untilMs\", \"thinkMs\"?}");
                List<String> cmd = command(r);
                long from = r.optLong("fromMs", 0, 0, ScenarioLimits.MAX_TIME_MS);
                long until = r.reqLong("untilMs", 0, ScenarioLimits.MAX_TIME_MS);
                long think = r.optLong("thinkMs", 0, 0, ScenarioLimits.MAX_TIME_MS);
                r.done();
                if (until < from) {
                    throw Obj.error(r.node("untilMs"), "untilMs " + until + " is before fromMs " + from);
                }
                raw = Optional.of(new RawLoop(cmd, from, until, think));
            }
            o.done();
            out.add(new ClientSpec(id, primary, timeout, raw));
        }
        return out;
    }

    private static List<DataSpec> data(List<JNode> items, Set<String> nodeIds) throws ScenarioException {
        List<DataSpec> out = new ArrayList<>();
        long total = 0;
        for (JNode item : items) {
            Obj o = Obj.of(item, "a data set {\"node\", \"prefix\", \"keys\", \"keyPattern\"?, \"valuePattern\"?}");
            String node = nodeRef(o, "node", nodeIds);
            String prefix = o.reqString("prefix");
            int keys = o.reqInt("keys", 0, ScenarioLimits.MAX_KEYS);
            String keyPattern = o.optString("keyPattern").orElse(DataSpec.DEFAULT_KEY_PATTERN);
            String valuePattern = o.optString("valuePattern").orElse(DataSpec.DEFAULT_VALUE_PATTERN);
            for (String[] f : new String[][] {{"keyPattern", keyPattern}, {"valuePattern", valuePattern}}) {
                String bad = DataSpec.patternProblem(f[1]);
                if (bad != null) {
                    throw Obj.error(o.node(f[0]), bad);
                }
            }
            o.done();
            total += keys;
            if (total > ScenarioLimits.MAX_KEYS) {
                throw Obj.error(o.node("keys"), "the data sets hold " + total + " keys together; at most "
                        + ScenarioLimits.MAX_KEYS + " are allowed");
            }
            out.add(new DataSpec(node, prefix, keys, keyPattern, valuePattern));
        }
        return out;
    }

    private static String nodeRef(Obj o, String field, Set<String> nodeIds) throws ScenarioException {
        String id = o.reqString(field);
        if (!nodeIds.contains(id)) {
            throw Obj.error(o.node(field), "unknown node \"" + id + "\" (nodes: " + list(nodeIds) + ")");
        }
        return id;
    }

    private static String list(Set<String> ids) {
        if (ids.size() <= 12) {
            return String.join(", ", ids);
        }
        List<String> first = new ArrayList<>(ids).subList(0, 12);
        return String.join(", ", first) + ", ... (" + ids.size() + " in all)";
    }

    // ---- steps ----

    private static List<Step> steps(List<JNode> items, Set<String> nodeIds, Set<String> clientIds,
            Set<String> endpoints, long endMs) throws ScenarioException {
        if (items.size() > ScenarioLimits.MAX_STEPS) {
            throw Obj.error(items.get(ScenarioLimits.MAX_STEPS), items.size() + " steps; at most "
                    + ScenarioLimits.MAX_STEPS + " are allowed");
        }
        List<Step> out = new ArrayList<>();
        for (JNode item : items) {
            out.add(step(item, nodeIds, clientIds, endpoints, endMs));
        }
        return out;
    }

    private static Step step(JNode n, Set<String> nodeIds, Set<String> clientIds, Set<String> endpoints,
            long endMs) throws ScenarioException {
        Obj o = Obj.of(n, "a step {\"at\", \"do\", ...}");
        long at = o.reqLong("at", 0, ScenarioLimits.MAX_TIME_MS);
        if (at > endMs) {
            throw Obj.error(o.node("at"), "step at " + at + " ms is after endMs (" + endMs + ")");
        }
        String kind = o.reqString("do");
        Step s;
        switch (kind) {
            case "client" -> {
                String client = o.reqString("client");
                if (!clientIds.contains(client)) {
                    throw Obj.error(o.node("client"), "unknown client \"" + client + "\" (declare it in \"clients\"; clients: "
                            + list(clientIds) + ")");
                }
                s = new Step.ClientStep(at, client, command(o), expectation(o));
                timing(o);
            }
            case "operator" -> {
                s = new Step.OperatorStep(at, nodeRef(o, "node", nodeIds), command(o), expectation(o));
                timing(o);
            }
            case "crash" -> s = new Step.CrashStep(at, nodeRef(o, "node", nodeIds));
            case "restart" -> s = new Step.RestartStep(at, nodeRef(o, "node", nodeIds));
            case "snapshot" -> s = new Step.SnapshotStep(at, nodeRef(o, "node", nodeIds));
            case "pushConfig" -> {
                String node = nodeRef(o, "node", nodeIds);
                Optional<Boolean> nodeId = o.optBool("nodeId");
                Optional<List<String>> peers = Optional.empty();
                if (o.opt("peers").isPresent()) {
                    List<String> p = Obj.strings(o.req("peers"), "peers");
                    for (String id : p) {
                        if (!nodeIds.contains(id)) {
                            throw Obj.error(o.node("peers"), "unknown node \"" + id + "\" in peers");
                        }
                    }
                    peers = Optional.of(p);
                }
                Optional<List<Scope>> scopes = Optional.empty();
                if (o.opt("scopes").isPresent()) {
                    List<Scope> sc = scopes(o.req("scopes"));
                    // A pushed config that does not build is allowed: kevy then fails at boot, which is
                    // a story worth telling. The model reports it at Restart.
                    scopes = Optional.of(sc);
                }
                OptionalInt shards = o.optInt("shards", 1, ScenarioLimits.MAX_SHARDS);
                boolean restart = o.optBool("restart", true);
                s = new Step.PushConfigStep(at, node, nodeId, peers, scopes, shards, restart);
            }
            case "partition" -> {
                List<String> from = endpoints(o, "from", endpoints);
                List<String> to = endpoints(o, "to", endpoints);
                s = new Step.PartitionStep(at, from, to, o.optBool("oneWay", false));
            }
            case "heal" -> s = new Step.HealStep(at);
            case "drop", "duplicate", "delay" -> {
                NetRuleKind k = kind.equals("drop") ? NetRuleKind.DROP
                        : kind.equals("duplicate") ? NetRuleKind.DUPLICATE : NetRuleKind.DELAY;
                Optional<String> from = optEndpoint(o, "from", endpoints);
                Optional<String> to = optEndpoint(o, "to", endpoints);
                MessageClass messages = MessageClass.ANY;
                Optional<String> m = o.optString("messages");
                if (m.isPresent()) {
                    try {
                        messages = MessageClass.parse(m.get());
                    } catch (IllegalArgumentException e) {
                        throw Obj.error(o.node("messages"), e.getMessage());
                    }
                }
                OptionalInt count = o.optInt("count", 1, Integer.MAX_VALUE);
                OptionalLong until = o.optLongIn("untilMs", at, ScenarioLimits.MAX_TIME_MS);
                double p = o.optDouble("probability", 1, 0, 1);
                long delay = k == NetRuleKind.DELAY ? o.reqLong("delayMs", 0, ScenarioLimits.MAX_TIME_MS) : 0;
                s = new Step.NetRuleStep(at, k, from, to, messages, count, until, p, delay);
            }
            case "eintr" -> s = new Step.EintrStep(at, nodeRef(o, "node", nodeIds), o.optInt("count", 1, 1, 1_000_000));
            default -> throw Obj.error(o.node("do"), "unknown step \"" + kind + "\" (expected one of client, operator, "
                    + "crash, restart, snapshot, pushConfig, partition, heal, drop, duplicate, delay, eintr)");
        }
        o.done();
        return s;
    }

    private static List<String> endpoints(Obj o, String field, Set<String> endpoints) throws ScenarioException {
        List<String> ids = Obj.strings(o.req(field), field);
        if (ids.isEmpty()) {
            throw Obj.error(o.node(field), "expected at least one node, client or \"operator\"");
        }
        for (String id : ids) {
            if (!endpoints.contains(id)) {
                throw Obj.error(o.node(field), "unknown node or client \"" + id + "\"");
            }
        }
        return ids;
    }

    private static Optional<String> optEndpoint(Obj o, String field, Set<String> endpoints) throws ScenarioException {
        Optional<String> id = o.optString(field);
        if (id.isPresent() && !endpoints.contains(id.get())) {
            throw Obj.error(o.node(field), "unknown node or client \"" + id.get() + "\"");
        }
        return id;
    }

    private static List<String> command(Obj o) throws ScenarioException {
        JNode n = o.req("command");
        List<String> cmd = n instanceof JNode.JString s ? Commands.split(s.value()) : Obj.strings(n, "command");
        if (cmd.isEmpty()) {
            throw Obj.error(n, "expected a non-empty command");
        }
        if (cmd.size() > ScenarioLimits.MAX_COMMAND_ARGS) {
            throw Obj.error(n, "a command of " + cmd.size() + " arguments; at most "
                    + ScenarioLimits.MAX_COMMAND_ARGS + " are allowed");
        }
        return cmd;
    }

    /**
     * {@code "timing": "strict" | "loose"} on a client or operator step: only live mode reads it (docs/live.md;
     * a loose step's reply may differ from the simulator's without failing); the simulation ignores it.
     */
    private static void timing(Obj o) throws ScenarioException {
        Optional<String> t = o.optString("timing");
        if (t.isPresent() && !t.get().equals("strict") && !t.get().equals("loose")) {
            throw Obj.error(o.node("timing"), "unknown timing \"" + t.get() + "\" (expected strict or loose)");
        }
    }

    private static Optional<ReplyExpectation> expectation(Obj o) throws ScenarioException {
        Optional<JNode> n = o.opt("expect");
        Optional<ReplyExpectation> e = n.isEmpty() ? Optional.empty() : Optional.of(replyExpectation(n.get()));
        if (!o.has("repliedAtMs")) {
            return e;
        }
        Obj w = Obj.of(o.req("repliedAtMs"), "a reply-time window {\"min\"?, \"max\"?} (virtual ms)");
        long min = w.optLong("min", 0, 0, ScenarioLimits.MAX_TIME_MS);
        long max = w.has("max") ? w.reqLong("max", 0, ScenarioLimits.MAX_TIME_MS) : Long.MAX_VALUE;
        w.done();
        if (!w.has("min") && !w.has("max")) {
            throw w.error("expected \"min\", \"max\" or both");
        }
        if (max < min) {
            throw Obj.error(w.node("max"), "max " + max + " is before min " + min);
        }
        if (e.isPresent() && e.get() instanceof ReplyExpectation.NoReply) {
            throw Obj.error(o.node("repliedAtMs"), "a reply-time window cannot go with {\"noReply\": true}");
        }
        return Optional.of(new ReplyExpectation.Timed(e.orElse(new ReplyExpectation.AnyReply()), min, max));
    }

    static ReplyExpectation replyExpectation(JNode n) throws ScenarioException {
        if (n instanceof JNode.JString s) {
            return new ReplyExpectation.Exact(s.value());
        }
        Obj o = Obj.of(n, "a reply expectation: a string, {\"prefix\": ...}, {\"regex\": ...} or {\"noReply\": true}");
        if (o.raw().fields().size() != 1) {
            throw o.error("expected exactly one of \"prefix\", \"regex\", \"noReply\"");
        }
        ReplyExpectation r;
        if (o.has("prefix")) {
            r = new ReplyExpectation.Prefix(o.reqString("prefix"));
        } else if (o.has("regex")) {
            String re = o.reqString("regex");
            try {
                r = new ReplyExpectation.Regex(Pattern.compile(re));
            } catch (PatternSyntaxException e) {
                throw Obj.error(o.node("regex"), "bad regex: " + e.getDescription());
            }
        } else if (o.has("noReply")) {
            if (!o.optBool("noReply", false)) {
                throw Obj.error(o.node("noReply"), "expected noReply to be true");
            }
            r = new ReplyExpectation.NoReply();
        } else {
            o.done();
            throw o.error("expected one of \"prefix\", \"regex\", \"noReply\"");
        }
        o.done();
        return r;
    }

    // ---- workload, chaos ----

    private static WorkloadSpec workload(JNode n, Set<String> nodeIds, long endMs) throws ScenarioException {
        Obj o = Obj.of(n, "the workload");
        int clients = o.reqInt("clients", 1, ScenarioLimits.MAX_CLIENTS);
        List<String> primaries = o.opt("primaries").isPresent() ? Obj.strings(o.req("primaries"), "primaries") : List.of();
        for (String p : primaries) {
            if (!nodeIds.contains(p)) {
                throw Obj.error(o.node("primaries"), "unknown node \"" + p + "\" in primaries");
            }
        }
        List<String> keys = o.opt("keys").isPresent() ? Obj.strings(o.req("keys"), "keys") : List.of();
        if (keys.size() > ScenarioLimits.MAX_KEYS) {
            throw Obj.error(o.node("keys"), keys.size() + " keys; at most " + ScenarioLimits.MAX_KEYS + " are allowed");
        }
        int perScope = o.optInt("keysPerScope", keys.isEmpty() ? 2 : 0, 0, ScenarioLimits.MAX_KEYS);
        double rate = o.optDouble("opsPerSec", 20, 1e-9, 1e6);
        SortedMap<String, Integer> mix = WorkloadSpec.defaultMix();
        if (o.opt("mix").isPresent()) {
            Obj m = Obj.of(o.req("mix"), "a command mix {\"SET\": weight, ...}");
            mix = new TreeMap<>();
            for (var e : m.raw().fields().entrySet()) {
                m.has(e.getKey());
                if (!WorkloadSpec.COMMANDS.contains(e.getKey())) {
                    throw Obj.error(e.getValue(), "unknown workload command \"" + e.getKey() + "\" (expected one of "
                            + WorkloadSpec.COMMANDS + ")");
                }
                mix.put(e.getKey(), (int) Obj.integer(e.getValue(), e.getKey(), 0, 1_000_000));
            }
            if (mix.values().stream().mapToInt(Integer::intValue).sum() == 0) {
                throw Obj.error(o.node("mix"), "expected at least one positive weight");
            }
        }
        long from = o.optLong("fromMs", 0, 0, ScenarioLimits.MAX_TIME_MS);
        long until = o.optLong("untilMs", endMs, from, ScenarioLimits.MAX_TIME_MS);
        long timeout = o.optLong("timeoutMs", ClientSpec.DEFAULT_TIMEOUT_MS, 1, ScenarioLimits.MAX_TIME_MS);
        o.done();
        if (keys.isEmpty() && perScope == 0) {
            throw o.error("the workload needs keys: give \"keys\" or \"keysPerScope\" > 0");
        }
        return new WorkloadSpec(clients, primaries, keys, perScope, rate, mix, from, until, timeout);
    }

    private static ChaosSpec chaos(JNode n, long endMs) throws ScenarioException {
        Obj o = Obj.of(n, "the chaos phase");
        long until = o.reqLong("untilMs", 0, ScenarioLimits.MAX_TIME_MS);
        if (until > endMs) {
            throw Obj.error(o.node("untilMs"), "chaos.untilMs (" + until + ") is after endMs (" + endMs + ")");
        }
        ChaosSpec c = new ChaosSpec(until,
                o.optLong("healBoundMs", ChaosSpec.DEFAULT_HEAL_BOUND_MS, 0, ScenarioLimits.MAX_TIME_MS),
                o.optDouble("crashPerSec", 0, 0, 1e6),
                o.optLong("meanDownMs", 2000, 1, ScenarioLimits.MAX_TIME_MS),
                o.optDouble("partitionPerSec", 0, 0, 1e6),
                o.optLong("meanPartitionMs", 3000, 1, ScenarioLimits.MAX_TIME_MS),
                o.optDouble("oneWayShare", 0.5, 0, 1),
                o.optDouble("movePerSec", 0, 0, 1e6),
                o.optDouble("pushConfigAfterMove", 0.5, 0, 1),
                o.optDouble("snapshotPerSec", 0, 0, 1e6),
                o.optDouble("loss", 0, 0, 1),
                o.optDouble("duplicate", 0, 0, 1),
                o.optDouble("eintr", 0, 0, 1),
                o.optDouble("oddMoves", 0, 0, 1),
                o.optBool("shufflePushes", false));
        o.done();
        return c;
    }

    // ---- expect ----

    private static Expectations expectations(JNode n, Set<String> nodeIds, Variant variant) throws ScenarioException {
        Obj o = Obj.of(n, "the expectations");
        List<String> hold = Expectations.defaultHold(variant);
        if (o.opt("hold").isPresent()) {
            hold = Obj.strings(o.req("hold"), "hold");
            for (String h : hold) {
                if (!Expectations.SELECTABLE.contains(h)) {
                    throw Obj.error(o.node("hold"), "unknown invariant \"" + h + "\" (expected any of "
                            + Expectations.SELECTABLE + ")");
                }
            }
        }
        Optional<String> violation = o.optString("violation");
        if (violation.isPresent() && !Expectations.SELECTABLE.contains(violation.get())
                && !violation.get().equals(Expectations.MIGRATION_ENDS)) {
            throw Obj.error(o.node("violation"), "unknown violation \"" + violation.get() + "\" (expected one of "
                    + Expectations.SELECTABLE + " or " + Expectations.MIGRATION_ENDS + ")");
        }
        List<String> baits = o.opt("baits").isPresent() ? Obj.strings(o.req("baits"), "baits") : List.of();
        for (String b : baits) {
            if (!Expectations.BAITS.contains(b)) {
                throw Obj.error(o.node("baits"), "unknown bait \"" + b + "\" (expected any of " + Expectations.BAITS + ")");
            }
        }
        OptionalLong endBy = o.optLongIn("migrationsEndBy", 0, ScenarioLimits.MAX_TIME_MS);
        boolean history = o.optBool("history", true);
        List<ValueExpectation> values = new ArrayList<>();
        for (JNode item : o.optArray("values")) {
            Obj v = Obj.of(item, "a value expectation {\"key\", \"expect\", \"node\"?, \"command\"?}");
            String key = v.reqString("key");
            Optional<String> node = Optional.empty();
            if (v.opt("node").isPresent()) {
                node = Optional.of(nodeRef(v, "node", nodeIds));
            }
            List<String> cmd = v.opt("command").isPresent() ? command(v) : List.of("GET", key);
            ReplyExpectation e = replyExpectation(v.req("expect"));
            v.done();
            values.add(new ValueExpectation(key, node, cmd, e));
        }
        List<LogExpectation> logs = logExpectations(o, nodeIds);
        o.done();
        return new Expectations(hold, violation, baits, endBy, history, values, logs);
    }

    /**
     * {@code expect.logs}: per node and shard, the frames its {@code aof-<shard>.aof} holds at the end, in order.
     * A frame is an array of arguments or a string split on spaces (as a step's {@code command}).
     */
    private static List<LogExpectation> logExpectations(Obj o, Set<String> nodeIds) throws ScenarioException {
        List<LogExpectation> logs = new ArrayList<>();
        Set<String> seen = new java.util.TreeSet<>();
        for (JNode item : o.optArray("logs")) {
            Obj l = Obj.of(item, "a log expectation {\"node\", \"shard\"?, \"frames\"}");
            String node = nodeRef(l, "node", nodeIds);
            int shard = l.optInt("shard", 0, 0, ScenarioLimits.MAX_SHARDS - 1);
            List<List<String>> frames = new ArrayList<>();
            for (JNode f : Obj.array(l.req("frames"), "frames")) {
                List<String> frame = f instanceof JNode.JString s ? Commands.split(s.value()) : Obj.strings(f, "a frame");
                if (frame.isEmpty()) {
                    throw Obj.error(f, "expected a non-empty frame");
                }
                if (frame.size() > ScenarioLimits.MAX_COMMAND_ARGS) {
                    throw Obj.error(f, "a frame of " + frame.size() + " arguments; at most "
                            + ScenarioLimits.MAX_COMMAND_ARGS + " are allowed");
                }
                frames.add(frame);
            }
            l.done();
            if (!seen.add(node + "/" + shard)) {
                throw Obj.error(item, "a second log expectation for node \"" + node + "\" shard " + shard);
            }
            logs.add(new LogExpectation(node, shard, frames));
        }
        return logs;
    }

    /** Where a node of the tree starts (for callers that build their own errors). */
    public static Where where(JNode n) {
        return n.where();
    }
}
