package movescope.live.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import movescope.live.adapter.ModelNode;
import movescope.live.adapter.NodeAction;
import movescope.live.adapter.NodeInput;
import movescope.live.resp.RespValue;
import movescope.model.protocol.ConfigException;

/**
 * One served node: the model node, its client listener on 127.0.0.1, its connections, its ship links and
 * its journal. Every method runs on the loop thread. A crash closes the listener and every connection (a
 * dead kevy process refuses connections); a restart binds the same port again.
 */
final class NodeRuntime {
    private final String id;
    private final ModelNode model;
    private final EventLoop loop;
    private final Journal journal;
    private final int clientPort;
    private final long frameCostUs;
    private final long commitWindowMs;
    private final BiConsumer<String, NodeAction.Trace> tracer;
    private final BiConsumer<String, NodeAction.ElectSend> electOut;
    private final java.util.function.BiPredicate<String, String> cut;
    private final Map<String, ClientConn> conns = new LinkedHashMap<>();
    private final Map<String, ShipLink> ships = new LinkedHashMap<>();
    private ServerSocket listener;
    private Thread acceptThread;
    private long incarnation;
    private long connCounter;
    private int eintrPending;
    private boolean replaying;

    NodeRuntime(String id, ModelNode model, EventLoop loop, Journal journal, int clientPort, long frameCostUs,
            long commitWindowMs, BiConsumer<String, NodeAction.Trace> tracer,
            BiConsumer<String, NodeAction.ElectSend> electOut, java.util.function.BiPredicate<String, String> cut) {
        this.id = id;
        this.model = model;
        this.loop = loop;
        this.journal = journal;
        this.clientPort = clientPort;
        this.frameCostUs = frameCostUs;
        this.commitWindowMs = commitWindowMs;
        this.tracer = tracer;
        this.electOut = electOut;
        this.cut = cut;
    }

    String id() {
        return id;
    }

    int clientPort() {
        return clientPort;
    }

    boolean isUp() {
        return model.isUp();
    }

    ModelNode model() {
        return model;
    }

    /** Rebuilds the node from a previous process's journal: effects are dropped, nothing is sent. */
    void replay(List<NodeInput> entries) throws ConfigException {
        replaying = true;
        try {
            for (NodeInput in : entries) {
                model.step(in);
            }
        } finally {
            replaying = false;
        }
    }

    /**
     * Loop thread, once, for a node not rebuilt from a journal: what its boot at construction asked for
     * (the election plane's first tick), as the simulator schedules it at time 0.
     */
    void startServing() {
        perform(model.startActions(), false);
    }

    /** Loop thread: feed one input, journal it, perform its effects. */
    void step(NodeInput in) {
        step(in, true);
    }

    /**
     * Loop thread. {@code keep} false leaves the input out of the journal: heartbeats are journaled at
     * most once a second per peer (they are most of the inputs), so a replayed DOWN view can differ from
     * the live one only within a second of a peer going silent.
     */
    void step(NodeInput in, boolean keep) {
        List<NodeAction> actions;
        try {
            actions = model.step(in);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        try {
            if (keep) {
                journal.append(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("node " + id + ": journal write failed: " + e.getMessage(), e);
        }
        perform(actions, true);
    }

    private void perform(List<NodeAction> actions, boolean mayDefer) {
        List<NodeAction> deferred = null;
        long deferMs = 0;
        for (NodeAction a : actions) {
            if (a instanceof NodeAction.Trace t) {
                tracer.accept(id, t);
                // As the simulator does: MOVE-SCOPE's serialization keeps the shard busy frames x cost
                // before the connect starts (kevy serializes the slice before it connects).
                if (mayDefer && t.action().equals("Start") && t.fields().get("frames") instanceof Number f) {
                    deferMs = (f.longValue() * frameCostUs + 999) / 1000;
                    if (deferMs > 0) {
                        deferred = new ArrayList<>();
                    }
                }
            } else if (deferred != null && (a instanceof NodeAction.Connect || a instanceof NodeAction.SetTimer)) {
                deferred.add(a);
            } else if (a instanceof NodeAction.Reply r) {
                ClientConn c = conns.get(r.conn());
                if (c != null) {
                    c.reply(r.reqId(), r.wire());
                }
            } else if (a instanceof NodeAction.Connect c) {
                connect(c);
            } else if (a instanceof NodeAction.SendIngest s) {
                ShipLink l = ships.get(s.moveId());
                if (l != null) {
                    l.send(s.args());
                }
            } else if (a instanceof NodeAction.ElectSend e) {
                electOut.accept(id, e);
            } else if (a instanceof NodeAction.SetTimer t) {
                long delay = t.timerId().endsWith("/commit") && t.delayMs() == 0 ? commitWindowMs : t.delayMs();
                loop.setTimer(id, t.timerId(), delay);
            } else if (a instanceof NodeAction.CancelTimer t) {
                loop.cancelTimer(id, t.timerId());
            }
        }
        if (deferred != null && !deferred.isEmpty()) {
            List<NodeAction> later = List.copyOf(deferred);
            long inc = incarnation;
            loop.later(deferMs, () -> {
                if (inc == incarnation && model.isUp()) {
                    perform(later, false);
                }
            });
        }
    }

    private void connect(NodeAction.Connect c) {
        String addr = c.addr();
        int colon = addr.lastIndexOf(':');
        long inc = incarnation;
        ShipLink link = new ShipLink(c.moveId(), new ShipLink.Sink() {
            @Override
            public void post(NodeInput in) {
                loop.post(() -> {
                    if (inc == incarnation) {
                        step(in);
                    }
                });
            }

            @Override
            public long now() {
                return loop.nowMs();
            }
        });
        ships.put(c.moveId(), link);
        boolean eintr = eintrPending > 0;
        if (eintr) {
            eintrPending--;
        }
        if (colon < 0) {
            // A raw id (kevy prints one for ids missing from peers): nothing to connect to.
            loop.post(() -> {
                if (inc == incarnation) {
                    step(new NodeInput.ConnectResult(loop.nowMs(), c.moveId(), false, null));
                }
            });
            return;
        }
        String host = addr.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(addr.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            loop.post(() -> {
                if (inc == incarnation) {
                    step(new NodeInput.ConnectResult(loop.nowMs(), c.moveId(), false, null));
                }
            });
            return;
        }
        if (cut.test(id, c.targetId())) {
            // A partition between source and target: the connect is never answered (kevy's connect waits
            // out its timeout); the model's own connect timer decides, as in the simulator.
            return;
        }
        link.start(host, port, c.timeoutMs(), eintr);
    }

    /** The next {@code n} INGEST-reply waits of this node fail with EINTR (scenario step {@code eintr}). */
    void planEintr(int n) {
        eintrPending += n;
    }

    /** Binds the client port (at start and after a restart that booted). */
    void listen() throws IOException {
        if (listener != null || !model.isUp()) {
            return;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), clientPort), 128);
        listener = s;
        long inc = incarnation;
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try {
                    Socket sock = s.accept();
                    sock.setTcpNoDelay(true);
                    loop.post(() -> accepted(sock, inc));
                } catch (IOException e) {
                    return;
                }
            }
        }, "movescope-serve-accept-" + id);
        t.setDaemon(true);
        t.start();
        acceptThread = t;
    }

    private void accepted(Socket sock, long inc) {
        if (inc != incarnation || !model.isUp()) {
            closeQuietly(sock);
            return;
        }
        try {
            ClientConn c = new ClientConn(id + "/c" + (++connCounter), sock);
            conns.put(c.id(), c);
            c.startReader(loop, new ClientConn.Handler() {
                @Override
                public void onCommand(ClientConn cc, List<String> args) {
                    if (conns.get(cc.id()) != cc) {
                        return;
                    }
                    long req = cc.nextReqId();
                    if (!model.isUp()) {
                        cc.replyNow(req, new RespValue.Error("ERR movescope serve: node is down"));
                        return;
                    }
                    step(new NodeInput.Command(loop.nowMs(), cc.id(), req, args));
                }

                @Override
                public void onClose(ClientConn cc) {
                    conns.remove(cc.id());
                }
            });
        } catch (IOException e) {
            closeQuietly(sock);
        }
    }

    /** The process dies: volatile state, sockets and timers go. */
    void crash() {
        step(new NodeInput.Crash());
        afterDeath();
    }

    /** Boot from durable state; a running node is stopped first, as a process restart would. */
    void restart() throws IOException {
        if (model.isUp()) {
            crash();
        }
        step(new NodeInput.Restart(loop.nowMs()));
        listen();
    }

    private void afterDeath() {
        incarnation++;
        loop.cancelAll(id);
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
            // The JDK releases a listening socket only once the thread blocked in accept() has left it;
            // a restart right after a crash would otherwise find the port still bound.
            try {
                acceptThread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ClientConn c : new ArrayList<>(conns.values())) {
            c.close();
        }
        conns.clear();
        for (ShipLink l : ships.values()) {
            l.close();
        }
        ships.clear();
    }

    /** Serve is stopping. */
    void shutdown() {
        afterDeath();
    }

    boolean replaying() {
        return replaying;
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
