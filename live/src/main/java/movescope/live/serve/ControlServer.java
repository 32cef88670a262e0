package movescope.live.serve;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import movescope.live.adapter.ModelNode;
import movescope.live.adapter.NodeInput;
import movescope.live.resp.RespReader;
import movescope.live.resp.RespValue;
import movescope.live.resp.RespWriter;
import movescope.model.protocol.ConfigException;

/**
 * The control port of {@code movescope serve} (127.0.0.1 only), speaking RESP2 so redis-cli can drive it:
 * the built-in lifecycle adapter of {@code movescope live} (docs/live.md "Adapters").
 * <pre>
 *   PING                                  +PONG
 *   NODES                                 ["a 127.0.0.1:7001 up", ...]
 *   CRASH node                            +OK   (the process dies: listener and connections close)
 *   RESTART node                          +OK   (boot from durable state; -ERR with the boot error)
 *   SNAPSHOT node                         +OK
 *   PUSHCONFIG node node_id peers scopes shards [RESTART]
 *                                         +OK   (kevy's config strings; node_id "" = unset)
 *   EINTR node count                      +OK   (the next count INGEST-reply waits fail with EINTR)
 *   PARTITION from,... to,... [ONEWAY]    +OK   (cut node-to-node messages: election ports, new ship connects)
 *   HEAL                                  +OK   (remove every partition)
 *   GO                                    +OK   (start a held clock: served time 0 is now; no-op if running)
 *   COUNTS                                ["electSent 12", ...] (the election ports' counters)
 *   SHUTDOWN                              +OK, then serve stops
 * </pre>
 */
final class ControlServer implements AutoCloseable {
    private final ClusterServer cluster;
    private final ServerSocket server;

    ControlServer(ClusterServer cluster, int port) throws IOException {
        this.cluster = cluster;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    }

    int port() {
        return server.getLocalPort();
    }

    void start() {
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread h = new Thread(() -> serve(s), "movescope-serve-control-conn");
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "movescope-serve-control");
        t.setDaemon(true);
        t.start();
    }

    private void serve(Socket s) {
        try (s) {
            RespReader r = new RespReader(new BufferedInputStream(s.getInputStream()));
            OutputStream out = s.getOutputStream();
            List<String> args;
            while ((args = r.readCommand()) != null) {
                if (args.isEmpty()) {
                    continue;
                }
                boolean shutdown = args.get(0).equalsIgnoreCase("SHUTDOWN");
                RespValue reply = shutdown ? new RespValue.Simple("OK") : handle(args);
                out.write(RespWriter.value(reply));
                out.flush();
                if (shutdown) {
                    Thread stopper = new Thread(cluster::close, "movescope-serve-shutdown");
                    stopper.start();
                    return;
                }
            }
        } catch (IOException e) {
            // the controlling client went away
        }
    }

    private RespValue handle(List<String> a) {
        String cmd = a.get(0).toUpperCase(Locale.ROOT);
        try {
            switch (cmd) {
                case "PING":
                    return new RespValue.Simple("PONG");
                case "PARTITION": {
                    if (a.size() != 3 && !(a.size() == 4 && a.get(3).equalsIgnoreCase("ONEWAY"))) {
                        return usage("PARTITION from,... to,... [ONEWAY]");
                    }
                    return cluster.onLoop(() -> {
                        java.util.Set<String> from = nodeSet(a.get(1));
                        java.util.Set<String> to = nodeSet(a.get(2));
                        cluster.partition(from, to, a.size() == 4);
                        return ok();
                    });
                }
                case "HEAL":
                    need(a, 1, "HEAL");
                    return cluster.onLoop(() -> {
                        cluster.heal();
                        return ok();
                    });
                case "GO":
                    need(a, 1, "GO");
                    cluster.startClock();
                    return ok();
                case "COUNTS": {
                    need(a, 1, "COUNTS");
                    List<RespValue> out = new ArrayList<>();
                    cluster.counts().forEach((k, v) -> out.add(new RespValue.Bulk(k + " " + v)));
                    return new RespValue.Array(out);
                }
                case "NODES":
                    return cluster.onLoop(() -> {
                        List<RespValue> out = new ArrayList<>();
                        for (NodeRuntime rt : cluster.nodes().values()) {
                            out.add(new RespValue.Bulk(rt.id() + " 127.0.0.1:" + rt.clientPort() + " "
                                    + (rt.isUp() ? "up" : "down")));
                        }
                        return new RespValue.Array(out);
                    });
                case "CRASH":
                    need(a, 2, "CRASH node");
                    return cluster.onLoop(() -> {
                        NodeRuntime rt = cluster.node(a.get(1));
                        if (rt.isUp()) {
                            rt.crash();
                        }
                        return ok();
                    });
                case "RESTART":
                    need(a, 2, "RESTART node");
                    return cluster.onLoop(() -> {
                        NodeRuntime rt = cluster.node(a.get(1));
                        rt.restart();
                        return rt.model().bootError().<RespValue>map(e -> new RespValue.Error("ERR " + e)).orElse(ok());
                    });
                case "SNAPSHOT":
                    need(a, 2, "SNAPSHOT node");
                    return cluster.onLoop(() -> {
                        cluster.node(a.get(1)).step(new NodeInput.Snapshot(cluster.nowMs()));
                        return ok();
                    });
                case "EINTR":
                    need(a, 3, "EINTR node count");
                    return cluster.onLoop(() -> {
                        cluster.node(a.get(1)).planEintr(Integer.parseInt(a.get(2)));
                        return ok();
                    });
                case "PUSHCONFIG": {
                    if (a.size() != 6 && a.size() != 7) {
                        return usage("PUSHCONFIG node node_id peers scopes shards [RESTART]");
                    }
                    NodeInput.PushConfig p = new NodeInput.PushConfig(a.get(2), a.get(3), a.get(4),
                            Integer.parseInt(a.get(5)));
                    ModelNode.checkConfig(p);
                    boolean restart = a.size() == 7 && a.get(6).equalsIgnoreCase("RESTART");
                    return cluster.onLoop(() -> {
                        NodeRuntime rt = cluster.node(a.get(1));
                        rt.step(p);
                        if (restart) {
                            rt.restart();
                            if (rt.model().bootError().isPresent()) {
                                return new RespValue.Error("ERR " + rt.model().bootError().get());
                            }
                        }
                        return ok();
                    });
                }
                default:
                    return new RespValue.Error("ERR unknown control command '" + a.get(0)
                            + "' (PING, NODES, CRASH, RESTART, SNAPSHOT, PUSHCONFIG, EINTR, PARTITION, HEAL, GO, COUNTS, SHUTDOWN)");
            }
        } catch (Usage u) {
            return usage(u.getMessage());
        } catch (ConfigException e) {
            return new RespValue.Error("ERR " + e.getMessage());
        } catch (NumberFormatException e) {
            return new RespValue.Error("ERR expected an integer: " + e.getMessage());
        } catch (IOException e) {
            return new RespValue.Error("ERR " + e.getMessage());
        }
    }

    /** Loop thread: comma-separated node ids, each a node of the cluster. */
    private java.util.Set<String> nodeSet(String list) throws IOException {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (String id : list.split(",")) {
            if (!id.isEmpty()) {
                out.add(cluster.node(id).id());
            }
        }
        if (out.isEmpty()) {
            throw new IOException("a partition side names no node");
        }
        return out;
    }

    private static final class Usage extends Exception {
        Usage(String m) {
            super(m);
        }
    }

    private static void need(List<String> a, int n, String usage) throws Usage {
        if (a.size() != n) {
            throw new Usage(usage);
        }
    }

    private static RespValue usage(String u) {
        return new RespValue.Error("ERR usage: " + u);
    }

    private static RespValue ok() {
        return new RespValue.Simple("OK");
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
