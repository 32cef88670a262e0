package movescope.live.drive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import movescope.sim.scenario.ClusterSpec;
import movescope.sim.scenario.NodeSpec;
import movescope.sim.scenario.Scenario;

/**
 * Where a scenario's nodes really are: {@code --cluster a=127.0.0.1:7001,b=...}. Replies of a real cluster
 * name real addresses; {@link #normalize} rewrites them to the scenario's addresses (what the simulator
 * prints, e.g. {@code 10.0.0.2:6004}), so live and simulated replies compare as strings. The election
 * port of each node is its client port + {@code electOffset} unless given as {@code host:port/elect}.
 */
public final class LiveCluster {
    private final Map<String, String> liveAddr = new LinkedHashMap<>();
    private final Map<String, String> simAddr = new LinkedHashMap<>();
    private final Map<String, String> simAddrToNode = new LinkedHashMap<>();
    private final ClusterSpec live;
    private final List<Map.Entry<Pattern, String>> rewrites = new ArrayList<>();

    private LiveCluster(Scenario sc, Map<String, String> addrs, Map<String, Integer> elect) {
        List<NodeSpec> nodes = new ArrayList<>();
        for (NodeSpec n : sc.cluster().nodes()) {
            String a = addrs.get(n.id());
            int colon = a.lastIndexOf(':');
            int port = Integer.parseInt(a.substring(colon + 1));
            liveAddr.put(n.id(), a);
            simAddr.put(n.id(), n.clientAddr());
            simAddrToNode.put(n.clientAddr(), n.id());
            nodes.add(new NodeSpec(n.id(), a.substring(0, colon), port, elect.get(n.id()), n.nodeId(), n.peers(),
                    n.scopes(), n.shards()));
        }
        this.live = sc.cluster().withNodes(nodes);
        // ROLE on a follower names its primary's peers host and elect port as two elements
        // (["slave", "127.0.0.1", :7201, ...]): those go back to the scenario's host and elect port too.
        for (NodeSpec n : sc.cluster().nodes()) {
            String a = addrs.get(n.id());
            String host = a.substring(0, a.lastIndexOf(':'));
            rewrites.add(Map.entry(
                    Pattern.compile("\"" + Pattern.quote(host) + "\", :" + elect.get(n.id()) + "(?!\\d)"),
                    Matcher.quoteReplacement("\"" + n.host() + "\", :" + n.electPort())));
        }
        // Longest address first, and never inside a longer number: 127.0.0.1:7001 must not match in :70012.
        liveAddr.entrySet().stream()
                .sorted((x, y) -> Integer.compare(y.getValue().length(), x.getValue().length()))
                .forEach(e -> rewrites.add(Map.entry(
                        Pattern.compile("(?<![\\w.])" + Pattern.quote(e.getValue()) + "(?!\\d)"),
                        Matcher.quoteReplacement(simAddr.get(e.getKey())))));
    }

    /**
     * Parses {@code id=host:port[/electPort],...}; every node of the scenario must be named once.
     *
     * @throws IllegalArgumentException with a message naming the bad entry
     */
    public static LiveCluster parse(Scenario sc, String spec, int electOffset) {
        Map<String, String> addrs = new LinkedHashMap<>();
        Map<String, Integer> elect = new LinkedHashMap<>();
        for (String raw : spec.split(",")) {
            String tok = raw.trim();
            if (tok.isEmpty()) {
                continue;
            }
            int eq = tok.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--cluster entry \"" + tok + "\": expected id=host:port");
            }
            String id = tok.substring(0, eq);
            String addr = tok.substring(eq + 1);
            Integer el = null;
            int slash = addr.indexOf('/');
            if (slash >= 0) {
                el = port(tok, addr.substring(slash + 1));
                addr = addr.substring(0, slash);
            }
            int colon = addr.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--cluster entry \"" + tok + "\": expected id=host:port");
            }
            int p = port(tok, addr.substring(colon + 1));
            if (sc.cluster().node(id).isEmpty()) {
                throw new IllegalArgumentException("--cluster entry \"" + tok + "\": the scenario has no node \"" + id
                        + "\" (nodes: " + String.join(", ", sc.cluster().nodeIds()) + ")");
            }
            if (addrs.put(id, addr) != null) {
                throw new IllegalArgumentException("--cluster names node \"" + id + "\" twice");
            }
            elect.put(id, el != null ? el : p + electOffset);
        }
        for (String id : sc.cluster().nodeIds()) {
            if (!addrs.containsKey(id)) {
                throw new IllegalArgumentException("--cluster does not say where node \"" + id + "\" is (expected "
                        + String.join(",", sc.cluster().nodeIds().stream().map(x -> x + "=host:port").toList()) + ")");
            }
        }
        return new LiveCluster(sc, addrs, elect);
    }

    /** For a cluster served in-process: its nodes' addresses as they are. */
    public static LiveCluster of(Scenario sc, ClusterSpec served) {
        Map<String, String> addrs = new LinkedHashMap<>();
        Map<String, Integer> elect = new LinkedHashMap<>();
        for (NodeSpec n : served.nodes()) {
            addrs.put(n.id(), n.clientAddr());
            elect.put(n.id(), n.electPort());
        }
        return new LiveCluster(sc, addrs, elect);
    }

    private static int port(String tok, String p) {
        try {
            int v = Integer.parseInt(p);
            if (v >= 1 && v <= 65535) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--cluster entry \"" + tok + "\": port \"" + p + "\" is not a number in 1..65535");
    }

    public String liveAddr(String node) {
        return liveAddr.get(node);
    }

    public String simAddr(String node) {
        return simAddr.get(node);
    }

    /** Scenario address → node id (what the simulator's client resolves redirects with). */
    public Map<String, String> simAddrToNode() {
        return simAddrToNode;
    }

    /** The scenario's cluster with the real hosts and ports (what pushed configs and kevy TOML files name). */
    public ClusterSpec liveSpec() {
        return live;
    }

    public List<String> nodeIds() {
        return new ArrayList<>(liveAddr.keySet());
    }

    /** A real reply with every real node address replaced by the scenario's address of that node. */
    public String normalize(String reply) {
        String out = reply;
        for (Map.Entry<Pattern, String> r : rewrites) {
            out = r.getKey().matcher(out).replaceAll(r.getValue());
        }
        return out;
    }

    /** Every address is on this machine's loopback (what the build's tests require). */
    public boolean allLoopback() {
        return liveAddr.values().stream().allMatch(a -> a.startsWith("127.") || a.startsWith("localhost:"));
    }
}
