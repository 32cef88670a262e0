package movescope.sim.cluster;

import movescope.sim.engine.VirtualTime;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import movescope.gen.Rng;
import movescope.sim.client.ClientAction;
import movescope.sim.client.ClientErrors;
import movescope.sim.client.KeyCache;
import movescope.sim.client.RwClient;
import movescope.sim.client.Workload;
import movescope.sim.engine.EventQueue;
import movescope.sim.scenario.ClientSpec;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.Step;
import movescope.sim.scenario.WorkloadSpec;

/**
 * The clients of a run — the scenario's scripted ones and the random workload's — as processes on the
 * agenda: each runs one command at a time through its {@link RwClient} (which follows redirects and
 * backs off on QUIESCED), on connection {@code <client>@<node>}, with a timeout per request. Scripted
 * steps that find their client busy queue behind the current command. Every random choice comes from
 * the client's own stream ({@code client/<id>}, {@code workload/<id>}).
 */
final class Clients {
    /** What the clients need from the world. */
    interface Host {
        long now();

        void sendRequest(String from, String node, String conn, long reqId, List<String> args);

        /** A reply (class REPLY) from {@code node} to client {@code to}. */
        void sendReply(String node, String to, String conn, long reqId, String wire);

        /** The client took {@code wire} as the answer to (conn, reqId): the history learns of the ack. */
        void ack(String conn, long reqId, String wire);

        /** The client gave up on (conn, reqId): the history forgets the request. */
        void forget(String conn, long reqId);

        /** Scripted step {@code index} finished with {@code reply}. */
        void stepReplied(int index, String reply);

        /** Records a workload command as a step of the materialized scenario (for the shrinker). */
        void record(Step s);

        void count(String name);
    }

    private static final class ClientState {
        final RwClient rw;
        final long timeoutMs;
        final Rng rng;
        final boolean workload;
        long reqCounter;
        long currentReqId = -1;
        String currentConn;
        String currentNode;
        boolean awaiting;
        int currentStep = -1;
        final ArrayDeque<Integer> pendingSteps = new ArrayDeque<>();
        long ops;
        long startedAt;

        ClientState(RwClient rw, long timeoutMs, Rng rng, boolean workload) {
            this.rw = rw;
            this.timeoutMs = timeoutMs;
            this.rng = rng;
            this.workload = workload;
        }
    }

    private final Scenario sc;
    private final EventQueue<Events> agenda;
    private final Host host;
    /** The random workload's choices, or null without a workload. */
    private final Workload workload;
    private final LinkedHashMap<String, ClientState> clients = new LinkedHashMap<>();

    Clients(Scenario sc, Rng root, Map<String, String> addrToNode, EventQueue<Events> agenda, Host host) {
        this.sc = sc;
        this.agenda = agenda;
        this.host = host;
        for (ClientSpec c : sc.clients()) {
            if (c.raw().isPresent()) {
                continue; // a closed-loop raw client: RawClients runs it
            }
            clients.put(c.id(), new ClientState(new RwClient(c.id(), c.primary(), addrToNode, KeyCache.KEVY_CAPACITY),
                    c.timeoutMs(), root.fork("client/" + c.id()), false));
        }
        this.workload = sc.workload().map(w -> new Workload(w, sc.cluster())).orElse(null);
        sc.workload().ifPresent(w -> {
            for (int i = 0; i < w.clients(); i++) {
                String id = w.clientId(i);
                clients.put(id, new ClientState(new RwClient(id, w.primaryOf(i, sc.cluster()), addrToNode,
                        KeyCache.KEVY_CAPACITY), w.timeoutMs(), root.fork("workload/" + id), true));
            }
        });
    }

    /** Schedules every workload client's first command. */
    void start() {
        sc.workload().ifPresent(w -> {
            for (ClientState c : clients.values()) {
                if (c.workload) {
                    agenda.schedule(VirtualTime.after(w.fromMs(), workload.thinkMs(c.rng)), new Events.WorkloadNext(c.rw.id()));
                }
            }
        });
    }

    /** Scripted step {@code index} is due: its client starts it now, or after its current command. */
    void stepDue(int index, Step.ClientStep cs) {
        ClientState c = clients.get(cs.client());
        if (c.rw.busy()) {
            c.pendingSteps.addLast(index);
        } else {
            c.currentStep = index;
            startCommand(c, cs.command());
        }
    }

    void wake(Events.ClientWake w) {
        ClientState c = clients.get(w.client());
        if (c.rw.busy() && !c.awaiting && c.reqCounter == w.token()) {
            perform(c, c.rw.onWake());
        }
    }

    void timeout(Events.ClientTimeout t) {
        ClientState c = clients.get(t.client());
        if (c.rw.busy() && c.awaiting && c.currentReqId == t.reqId()) {
            c.awaiting = false;
            host.forget(c.currentConn, t.reqId());
            perform(c, c.rw.onError("-ERR movescope: client timed out after " + c.timeoutMs + " ms"));
        }
    }

    /** A reply reached client {@code r.to()}. */
    void replyArrives(Events.ReplyArrives r) {
        ClientState c = clients.get(r.to());
        if (c == null || !c.rw.busy() || !c.awaiting || c.currentReqId != r.reqId() || !r.conn().equals(c.currentConn)) {
            return; // a duplicate or a reply after the client gave up
        }
        c.awaiting = false;
        if (ClientErrors.isIoError(r.wire())) {
            // The connection failed (refused, closed): the library's io error, no reply to follow or ack.
            host.forget(r.conn(), r.reqId());
            perform(c, c.rw.onError(r.wire()));
            return;
        }
        host.ack(r.conn(), r.reqId(), r.wire());
        perform(c, c.rw.onReply(r.wire()));
    }

    /** {@code node}'s process died: clients waiting on it see their connection closed. */
    void connectionClosedBy(String node, String addr) {
        for (ClientState c : clients.values()) {
            if (c.rw.busy() && c.awaiting && node.equals(c.currentNode)) {
                host.sendReply(node, c.rw.id(), c.currentConn, c.currentReqId,
                        ClientErrors.render(ClientErrors.SERVER_CLOSED));
            }
        }
    }

    void workloadNext(String id) {
        long now = host.now();
        ClientState c = clients.get(id);
        WorkloadSpec w = workload.spec();
        if (now >= w.untilMs() || c.rw.busy()) {
            return;
        }
        if (workload.keys().isEmpty()) {
            return;
        }
        List<String> args = workload.nextCommand(c.rng, id + "-" + (c.ops + 1));
        host.record(new Step.ClientStep(now, id, args, Optional.empty()));
        startCommand(c, args);
    }

    private void startCommand(ClientState c, List<String> args) {
        host.count("clientCommands");
        c.startedAt = host.now();
        perform(c, c.rw.start(args));
    }

    private void perform(ClientState c, ClientAction a) {
        long now = host.now();
        if (a instanceof ClientAction.Send s) {
            long reqId = ++c.reqCounter;
            c.currentReqId = reqId;
            c.currentNode = s.node();
            c.currentConn = c.rw.id() + "@" + s.node();
            c.awaiting = true;
            host.sendRequest(c.rw.id(), s.node(), c.currentConn, reqId, s.args());
            agenda.schedule(VirtualTime.after(now, c.timeoutMs), new Events.ClientTimeout(c.rw.id(), reqId));
        } else if (a instanceof ClientAction.Sleep s) {
            c.awaiting = false;
            agenda.schedule(VirtualTime.after(now, s.ms()), new Events.ClientWake(c.rw.id(), c.reqCounter));
        } else if (a instanceof ClientAction.Done d) {
            c.awaiting = false;
            commandDone(c, d.reply());
        }
    }

    private void commandDone(ClientState c, String reply) {
        c.ops++;
        if (c.currentStep >= 0) {
            host.stepReplied(c.currentStep, reply);
            c.currentStep = -1;
        }
        if (!c.pendingSteps.isEmpty()) {
            int next = c.pendingSteps.removeFirst();
            c.currentStep = next;
            startCommand(c, ((Step.ClientStep) sc.steps().get(next)).command());
        } else if (c.workload) {
            WorkloadSpec w = workload.spec();
            long at = VirtualTime.after(host.now(), workload.thinkMs(c.rng));
            if (at < w.untilMs()) {
                agenda.schedule(at, new Events.WorkloadNext(c.rw.id()));
            }
        }
    }
}
