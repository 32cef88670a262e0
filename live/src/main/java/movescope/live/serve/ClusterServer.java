package movescope.live.serve;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import movescope.live.adapter.ModelNode;
import movescope.live.adapter.NodeAction;
import movescope.live.adapter.NodeInput;
import movescope.model.protocol.ConfigException;
import movescope.model.protocol.NodeConfig;
import movescope.model.routing.Peer;
import movescope.sim.scenario.ClusterSpec;
import movescope.sim.scenario.ElectionSpec;
import movescope.sim.scenario.HeartbeatPolicy;
import movescope.sim.scenario.NodeSpec;
import movescope.sim.scenario.Scenario;
import movescope.sim.trace.TraceLog;

/**
 * {@code movescope serve}: every node of a scenario's cluster as a RESP2 server on 127.0.0.1, stepped by one
 * {@link EventLoop} with the real monotonic clock. Each node's config is the scenario's, with hosts and ports
 * replaced by the loopback ones (so its MISDIRECTED/QUIESCED addresses can be connected to). Heartbeats are
 * UDP datagrams (the sender's node id) to each peer's election port every 200 ms. Lifecycle and faults come
 * in through the {@link ControlServer}.
 */
public final class ClusterServer implements AutoCloseable {
    public static final long HEARTBEAT_EVERY_MS = 200;
    private static final long JOURNAL_HEARTBEAT_EVERY_MS = 1000;

    private final Scenario scenario;
    private final ServeOptions opts;
    private final Map<String, NodeRuntime> nodes = new LinkedHashMap<>();
    private final Map<String, DatagramSocket> electSockets = new LinkedHashMap<>();
    private final Map<String, Long> lastJournaledHeartbeat = new HashMap<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    /** Loop thread only: the partitions in force ({@code PARTITION}; {@code HEAL} clears them). */
    private final List<Cut> cuts = new ArrayList<>();

    /** Links from every node of {@code from} to every node of {@code to} are cut (both ways unless oneWay). */
    record Cut(java.util.Set<String> from, java.util.Set<String> to, boolean oneWay) {
        boolean cuts(String src, String dst) {
            return (from.contains(src) && to.contains(dst)) || (!oneWay && from.contains(dst) && to.contains(src));
        }
    }
    private final List<Journal> journals = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private EventLoop loop;
    private ControlServer control;
    private ClusterSpec liveCluster;
    private TraceLog trace;
    private BufferedWriter traceOut;
    private volatile Throwable failure;
    private volatile boolean closed;

    public ClusterServer(Scenario scenario, ServeOptions opts) {
        this.scenario = scenario;
        this.opts = opts;
    }

    /** Binds every port, replays journals, boots the nodes and starts serving. */
    public void start() throws IOException {
        ClusterSpec c = scenario.cluster();
        List<NodeSpec> liveNodes = new ArrayList<>();
        int i = 0;
        for (NodeSpec n : c.nodes()) {
            int clientPort = opts.basePort() == 0 ? freePort() : opts.basePort() + i;
            DatagramSocket udp = new DatagramSocket(null);
            udp.setReuseAddress(true);
            udp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    opts.basePort() == 0 ? 0 : clientPort + opts.electOffset()));
            electSockets.put(n.id(), udp);
            int elect = udp.getLocalPort();
            // The election listener: in the scenario it binds elect_port_base (or port + 200), which may or may
            // not be the elect port its peers entries name. Served, the peers name the node's one UDP socket;
            // the listener is that socket when the scenario's two ports agree, else a port one off it, where
            // nothing is delivered (every message to the named port is lost, as in the simulator and kevy).
            boolean listenerWherePeersSend = c.electionOf(n).listenPort() == n.electPort();
            int listen = listenerWherePeersSend ? elect : (elect == 65535 ? elect - 1 : elect + 1);
            ElectionSpec e = n.election();
            ElectionSpec liveElection = new ElectionSpec(e.electionListener(), OptionalInt.of(listen),
                    e.replicationRole(), e.replicaReadOnly(), e.upstream());
            liveNodes.add(new NodeSpec(n.id(), "127.0.0.1", clientPort, elect, n.nodeId(), n.peers(), n.scopes(),
                    n.shards(), liveElection, n.legacyPeerToken(), n.acceptShards()));
            i++;
        }
        liveCluster = c.withNodes(liveNodes);

        Map<String, List<NodeInput>> previous = new LinkedHashMap<>();
        long epoch = 0;
        for (NodeSpec n : liveNodes) {
            List<NodeInput> entries = opts.dataDir().isPresent() ? Journal.read(journalPath(n.id())) : List.of();
            previous.put(n.id(), entries);
            epoch = Math.max(epoch, entries.isEmpty() ? 0 : Journal.lastTime(entries) + 1);
        }
        if (opts.tracePath().isPresent()) {
            Path tp = opts.tracePath().get();
            if (tp.getParent() != null) {
                Files.createDirectories(tp.getParent());
            }
            traceOut = Files.newBufferedWriter(tp, StandardCharsets.UTF_8);
        }
        trace = new TraceLog(20, false, line -> {
            if (traceOut != null) {
                try {
                    traceOut.write(line);
                    traceOut.write('\n');
                    traceOut.flush();
                } catch (IOException e) {
                    // the trace is a convenience; serving goes on without it
                }
            }
        });
        loop = new EventLoop(epoch, opts.holdClock(), t -> {
            failure = t;
            System.err.println("movescope serve: internal error on the event loop: " + t);
        });

        for (NodeSpec n : liveNodes) {
            NodeConfig cfg = liveCluster.configOf(n.id());
            ModelNode model = new ModelNode(n.id(), cfg, scenario.variant());
            Journal j = opts.dataDir().isPresent() ? Journal.open(journalPath(n.id())) : Journal.none();
            journals.add(j);
            NodeRuntime rt = new NodeRuntime(n.id(), model, loop, j, n.clientPort(), c.serializeFrameCostUs(),
                    c.commitWindowMs(), this::onTrace, this::electSend, this::isCut);
            try {
                rt.replay(previous.get(n.id()));
            } catch (ConfigException e) {
                throw new IOException("node " + n.id() + ": journal replay failed: " + e.getMessage(), e);
            }
            nodes.put(n.id(), rt);
        }
        loop.start((node, timerId) -> {
            NodeRuntime rt = nodes.get(node);
            if (rt != null) {
                rt.step(new NodeInput.Timer(loop.nowMs(), timerId));
            }
        });
        onLoop(() -> {
            for (NodeRuntime rt : nodes.values()) {
                if (!previous.get(rt.id()).isEmpty()) {
                    // The previous serve process ended: for the node that was a process exit; boot again.
                    rt.restart();
                    rt.listen();
                    continue;
                }
                rt.startServing();
                if (c.warm()) {
                    long now = loop.nowMs();
                    for (Peer p : rt.model().config().peers()) {
                        if (!p.id().equals(rt.id())) {
                            rt.step(new NodeInput.Heartbeat(now, p.id()));
                        }
                    }
                }
                rt.listen();
            }
            return null;
        });
        for (Map.Entry<String, DatagramSocket> e : electSockets.entrySet()) {
            startElectReceiver(e.getKey(), e.getValue());
        }
        if (c.heartbeats() != HeartbeatPolicy.NONE) {
            loop.post(this::heartbeatTick);
        }
        control = new ControlServer(this, opts.controlPort());
        control.start();
    }

    private Path journalPath(String node) {
        return opts.dataDir().orElseThrow().resolve(node).resolve("journal.ndjson");
    }

    private void onTrace(String node, NodeAction.Trace t) {
        // Heartbeats are most of the events; the simulator leaves them out of traces by default too.
        if (!t.action().equals("Heartbeat")) {
            trace.add(loop.nowMs(), t.action(), t.fields());
        }
    }

    /** Every node that is up sends a heartbeat to every other peer of its config. */
    private void heartbeatTick() {
        for (NodeRuntime rt : nodes.values()) {
            if (!rt.isUp()) {
                continue;
            }
            DatagramSocket udp = electSockets.get(rt.id());
            byte[] payload = ElectDatagram.encodeBeat(rt.id());
            for (Peer p : rt.model().config().peers()) {
                if (p.id().equals(rt.id())) {
                    continue;
                }
                if (isCut(rt.id(), p.id())) {
                    count("heartbeatsCut");
                    continue;
                }
                try {
                    udp.send(new DatagramPacket(payload, payload.length, new InetSocketAddress(p.host(), p.electPort())));
                } catch (IOException | IllegalArgumentException e) {
                    // an unreachable peer is what DOWN is for
                }
            }
        }
        loop.later(HEARTBEAT_EVERY_MS, this::heartbeatTick);
    }

    /**
     * Loop thread: an election-plane message leaves {@code from}'s UDP socket for {@code s.addr()}, the
     * {@code host:elect_port} of the peers entry. Only loopback IP literals are sent to (serve's peers all are;
     * a pushed config may name others): anything else is counted as unroutable and dropped.
     */
    private void electSend(String from, NodeAction.ElectSend s) {
        if (isCut(from, s.to())) {
            count("electCut");
            return;
        }
        InetSocketAddress to = loopbackAddr(s.addr());
        if (to == null) {
            count("electUnroutable");
            return;
        }
        byte[] d;
        try {
            d = ElectDatagram.encode(s.message());
        } catch (IllegalArgumentException e) {
            count("electUnroutable");
            return;
        }
        try {
            electSockets.get(from).send(new DatagramPacket(d, d.length, to));
            count("electSent");
        } catch (IOException e) {
            count("electSendFailed");
        }
    }

    /** {@code host:port} with a loopback IP literal host, else null (never a name lookup on the loop). */
    static InetSocketAddress loopbackAddr(String addr) {
        int colon = addr.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        String host = addr.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(addr.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (port < 1 || port > 65535 || !host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(host); // a literal: no lookup
            return a.isLoopbackAddress() ? new InetSocketAddress(a, port) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void count(String name) {
        counts.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
    }

    /**
     * What the election ports saw: {@code electSent}, {@code electDelivered}, {@code electNoListener} (reached a
     * node that was down or whose listener is elsewhere), {@code electUnroutable}, {@code electSendFailed},
     * {@code datagramsMalformed} (dropped), {@code heartbeatsReceived}.
     */
    public SortedMap<String, Long> counts() {
        SortedMap<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Loop thread: whether messages from node {@code src} to node {@code dst} are cut now. */
    boolean isCut(String src, String dst) {
        for (Cut c : cuts) {
            if (c.cuts(src, dst)) {
                return true;
            }
        }
        return false;
    }

    /** Loop thread: a partition between nodes from now on (control {@code PARTITION}). */
    void partition(java.util.Set<String> from, java.util.Set<String> to, boolean oneWay) {
        cuts.add(new Cut(java.util.Set.copyOf(from), java.util.Set.copyOf(to), oneWay));
    }

    /** Loop thread: every partition is removed (control {@code HEAL}); how many there were. */
    int heal() {
        int n = cuts.size();
        cuts.clear();
        return n;
    }

    /** Starts a held clock ({@link ServeOptions#holdClock()}); a no-op when it runs already. */
    public void startClock() {
        loop.startClock();
    }

    /**
     * The socket thread of {@code node}'s election port: every datagram is decoded here ({@link ElectDatagram})
     * and handed to the loop, which steps the node; a malformed one is dropped and counted, never an error.
     */
    private void startElectReceiver(String node, DatagramSocket udp) {
        int port = udp.getLocalPort();
        Thread t = new Thread(() -> {
            byte[] buf = new byte[ElectDatagram.MAX_BYTES + 1];
            while (!udp.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    udp.receive(p);
                } catch (IOException e) {
                    if (udp.isClosed()) {
                        return;
                    }
                    continue;
                }
                ElectDatagram.Decoded d;
                try {
                    d = ElectDatagram.decode(p.getData(), p.getOffset(), p.getLength());
                } catch (ElectDatagram.Malformed | RuntimeException e) {
                    count("datagramsMalformed");
                    continue;
                }
                if (d instanceof ElectDatagram.Beat b) {
                    count("heartbeatsReceived");
                    loop.post(() -> heartbeatArrives(node, b.from()));
                } else if (d instanceof ElectDatagram.Elect e) {
                    loop.post(() -> {
                        NodeRuntime rt = nodes.get(node);
                        if (rt == null || !rt.model().electListensOn(port)) {
                            count("electNoListener");
                            return;
                        }
                        count("electDelivered");
                        rt.step(new NodeInput.ElectDeliver(loop.nowMs(), e.message()));
                    });
                }
            }
        }, "movescope-serve-elect-" + node);
        t.setDaemon(true);
        t.start();
    }

    private void heartbeatArrives(String node, String from) {
        NodeRuntime rt = nodes.get(node);
        if (rt != null && rt.isUp()) {
            long now = loop.nowMs();
            String key = node + "\u0000" + from;
            Long last = lastJournaledHeartbeat.get(key);
            boolean keep = last == null || now - last >= JOURNAL_HEARTBEAT_EVERY_MS;
            if (keep) {
                lastJournaledHeartbeat.put(key, now);
            }
            rt.step(new NodeInput.Heartbeat(now, from), keep);
        }
    }

    /** Runs {@code work} on the loop thread and waits for it (control commands). */
    <T> T onLoop(LoopWork<T> work) throws IOException {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.post(() -> {
            try {
                f.complete(work.run());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (TimeoutException e) {
            throw new IOException("the event loop did not answer within 30 s");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException(c.getMessage(), c);
        }
    }

    interface LoopWork<T> {
        T run() throws Exception;
    }

    /** node id → {@code 127.0.0.1:port}, in the scenario's order. */
    public Map<String, String> clientAddrs() {
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeRuntime rt : nodes.values()) {
            out.put(rt.id(), "127.0.0.1:" + rt.clientPort());
        }
        return out;
    }

    /** The {@code --cluster} value that points {@code movescope live} at this server. */
    public String clusterSpec() {
        StringBuilder sb = new StringBuilder();
        for (NodeSpec n : liveCluster.nodes()) {
            sb.append(sb.length() == 0 ? "" : ",").append(n.id()).append('=').append(n.clientAddr());
            // The elect port only when live could not work it out as client port + --elect-offset.
            if (n.electPort() != n.clientPort() + opts.electOffset()) {
                sb.append('/').append(n.electPort());
            }
        }
        return sb.toString();
    }

    public int controlPort() {
        return control.port();
    }

    /** The cluster as served: the scenario's, with loopback hosts and ports. */
    public ClusterSpec liveCluster() {
        return liveCluster;
    }

    NodeRuntime node(String id) throws IOException {
        NodeRuntime rt = nodes.get(id);
        if (rt == null) {
            throw new IOException("unknown node \"" + id + "\" (nodes: " + String.join(", ", nodes.keySet()) + ")");
        }
        return rt;
    }

    Map<String, NodeRuntime> nodes() {
        return nodes;
    }

    long nowMs() {
        return loop.nowMs();
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Blocks until {@link #close()} (Ctrl-C's shutdown hook, or the control command SHUTDOWN). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Wait at most {@code ms}; true if stopped. */
    public boolean awaitStop(long ms) throws InterruptedException {
        return stopped.await(ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (control != null) {
            control.close();
        }
        if (loop != null) {
            try {
                onLoop(() -> {
                    nodes.values().forEach(NodeRuntime::shutdown);
                    return null;
                });
            } catch (IOException e) {
                // the loop is gone already: sockets are closed below either way
            }
            loop.close();
        }
        electSockets.values().forEach(DatagramSocket::close);
        for (Journal j : journals) {
            try {
                j.close();
            } catch (IOException e) {
                // best effort at shutdown
            }
        }
        if (traceOut != null) {
            try {
                traceOut.close();
            } catch (IOException e) {
                // best effort at shutdown
            }
        }
        stopped.countDown();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

}
