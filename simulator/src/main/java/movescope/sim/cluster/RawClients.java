package movescope.sim.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SortedMap;
import java.util.TreeMap;
import movescope.sim.engine.EventQueue;
import movescope.sim.scenario.ClientSpec;
import movescope.sim.scenario.RawLoop;
import movescope.sim.scenario.Scenario;

/**
 * The closed-loop raw clients ({@link RawLoop}): each sends its one command to its node on connection
 * {@code <id>@<node>}, awaits the reply or its timeout, tallies it by wire text, and sends again after its
 * think time until the loop's end. No redirects, no backoff, no key cache. Their writes count for the history
 * like any client's (an acknowledged write is one the invariants protect).
 */
final class RawClients {
    /** The tally of a request that got no reply within the client's timeout. */
    static final String TIMEOUT = "(timeout)";

    private static final class State {
        final ClientSpec spec;
        final RawLoop loop;
        final String conn;
        long reqId;
        boolean awaiting;
        final TreeMap<String, Long> tally = new TreeMap<>();

        State(ClientSpec spec) {
            this.spec = spec;
            this.loop = spec.raw().orElseThrow();
            this.conn = spec.id() + "@" + spec.primary();
        }
    }

    private final EventQueue<Events> agenda;
    private final Clients.Host host;
    /** In file order; looked up by id. */
    private final LinkedHashMap<String, State> states = new LinkedHashMap<>();

    /** {@code host}: the world as the library clients see it (time, sends, the history's acks); only a part is used. */
    RawClients(Scenario sc, EventQueue<Events> agenda, Clients.Host host) {
        this.agenda = agenda;
        this.host = host;
        for (ClientSpec c : sc.clients()) {
            if (c.raw().isPresent()) {
                states.put(c.id(), new State(c));
            }
        }
    }

    boolean owns(String client) {
        return states.containsKey(client);
    }

    /** Schedules every loop's first command. */
    void start() {
        for (State s : states.values()) {
            agenda.schedule(s.loop.fromMs(), new Events.RawSend(s.spec.id()));
        }
    }

    void send(String client) {
        State s = states.get(client);
        if (s == null || s.awaiting || host.now() > s.loop.untilMs()) {
            return;
        }
        s.reqId++;
        s.awaiting = true;
        host.sendRequest(s.spec.id(), s.spec.primary(), s.conn, s.reqId, s.loop.command());
        agenda.schedule(host.now() + s.spec.timeoutMs(), new Events.RawTimeout(s.spec.id(), s.reqId));
    }

    void replyArrives(Events.ReplyArrives r) {
        State s = states.get(r.to());
        if (s == null || !s.awaiting || r.reqId() != s.reqId || !r.conn().equals(s.conn)) {
            return; // a duplicate, or a reply after the timeout
        }
        s.awaiting = false;
        host.ack(s.conn, s.reqId, r.wire());
        s.tally.merge(r.wire(), 1L, Long::sum);
        next(s);
    }

    void timeout(Events.RawTimeout t) {
        State s = states.get(t.client());
        if (s == null || !s.awaiting || t.reqId() != s.reqId) {
            return;
        }
        s.awaiting = false;
        host.forget(s.conn, s.reqId);
        s.tally.merge(TIMEOUT, 1L, Long::sum);
        next(s);
    }

    private void next(State s) {
        long at = host.now() + s.loop.thinkMs();
        if (at <= s.loop.untilMs()) {
            agenda.schedule(at, new Events.RawSend(s.spec.id()));
        }
    }

    /** client → reply wire text → how many times it came, both sorted. */
    SortedMap<String, SortedMap<String, Long>> tallies() {
        TreeMap<String, SortedMap<String, Long>> out = new TreeMap<>();
        for (State s : states.values()) {
            out.put(s.spec.id(), Collections.unmodifiableSortedMap(new TreeMap<>(s.tally)));
        }
        return Collections.unmodifiableSortedMap(out);
    }
}
