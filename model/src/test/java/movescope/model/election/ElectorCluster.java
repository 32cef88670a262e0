package movescope.model.election;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import movescope.gen.Rng;

/**
 * A deterministic in-memory cluster of electors for tests: kevy's orchestrator pumping (on a message:
 * {@code on_message} + {@code tick}; otherwise a {@code tick} 200 ms after the last pump), messages with a
 * seeded latency and loss, cuts between pairs of nodes over time windows, crashes and restarts that keep
 * only {@code elect.meta}. It records every election win by epoch and every moment two up nodes believe
 * themselves PRIMARY at the same epoch, for the invariants {@code OneWinnerPerEpoch} and
 * {@code OnePrimaryPerEpoch} (docs/vocabulary.md).
 */
final class ElectorCluster {
    /** A directed cut from→to during [fromMs, untilMs). */
    record Cut(String from, String to, long fromMs, long untilMs) {}

    /** A crash of {@code node} at {@code atMs}, restarted {@code downMs} later. */
    record Outage(String node, long atMs, long downMs) {}

    private record Event(long at, long seq, String node, long gen, ElectMessage msg) {}

    private final List<String> ids;
    private final Function<String, Elector> factory;
    private final TreeMap<String, Elector> up = new TreeMap<>();
    private final TreeMap<String, ElectMeta> meta = new TreeMap<>();
    private final TreeMap<String, Long> tickGen = new TreeMap<>();
    private final TreeMap<String, Long> incarnation = new TreeMap<>();
    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final List<Cut> cuts = new ArrayList<>();
    private final Rng rng;
    private final double loss;
    private final long maxLatencyMs;
    private long seq;
    private long now;
    /** epoch → the nodes that won an election in it. */
    final TreeMap<Long, TreeSet<String>> winners = new TreeMap<>();
    /** The first "two PRIMARYs at one epoch" seen: time, epoch, nodes. */
    String twoPrimaries;
    final List<String> log = new ArrayList<>();

    /**
     * @param factory makes a booted elector for an id, given the meta to restore ({@link #metaOf})
     */
    ElectorCluster(List<String> ids, long seed, double loss, long maxLatencyMs,
            java.util.function.BiFunction<String, ElectMeta, Elector> factory) {
        this.ids = List.copyOf(ids);
        this.rng = Rng.of(seed);
        this.loss = loss;
        this.maxLatencyMs = maxLatencyMs;
        this.factory = id -> factory.apply(id, meta.getOrDefault(id, ElectMeta.NONE));
        for (String id : ids) {
            incarnation.put(id, 0L);
            tickGen.put(id, 0L);
            boot(id, 0);
        }
    }

    /** kevy's electors: every id is in everyone's {@code peers}. */
    static ElectorCluster kevy(List<String> ids, long seed, double loss, long maxLatencyMs) {
        return new ElectorCluster(ids, seed, loss, maxLatencyMs, (id, m) -> new Elector(id, ids, id + ":6004", m));
    }

    ElectMeta metaOf(String id) {
        return meta.getOrDefault(id, ElectMeta.NONE);
    }

    void cut(Cut c) {
        cuts.add(c);
    }

    Elector node(String id) {
        return up.get(id);
    }

    long now() {
        return now;
    }

    private void boot(String id, long at) {
        up.put(id, factory.apply(id));
        scheduleTick(id, at + Elector.HB_INTERVAL_MS);
    }

    private void scheduleTick(String id, long at) {
        long g = tickGen.merge(id, 1L, Long::sum);
        queue.add(new Event(at, seq++, id, g, null));
    }

    /** Runs until {@code untilMs}, applying the outages at their times. */
    void run(long untilMs, List<Outage> outages) {
        TreeMap<Long, List<Runnable>> faults = new TreeMap<>();
        for (Outage o : outages) {
            faults.computeIfAbsent(o.atMs(), k -> new ArrayList<>()).add(() -> crash(o.node()));
            faults.computeIfAbsent(o.atMs() + o.downMs(), k -> new ArrayList<>()).add(() -> restart(o.node()));
        }
        while (true) {
            long nextEvent = queue.isEmpty() ? Long.MAX_VALUE : queue.peek().at;
            long nextFault = faults.isEmpty() ? Long.MAX_VALUE : faults.firstKey();
            long t = Math.min(nextEvent, nextFault);
            if (t > untilMs) {
                now = untilMs;
                return;
            }
            now = t;
            if (nextFault <= nextEvent) {
                faults.pollFirstEntry().getValue().forEach(Runnable::run);
                continue;
            }
            Event e = queue.poll();
            Elector el = up.get(e.node);
            if (el == null) {
                continue;
            }
            List<ElectOutbound> outs = new ArrayList<>();
            if (e.msg == null) {
                if (e.gen != tickGen.get(e.node)) {
                    continue; // a wait that a message already ended
                }
                outs.addAll(el.tick(now));
            } else {
                if (e.gen != incarnation.get(e.node)) {
                    continue; // sent to a process that has died since
                }
                outs.addAll(el.onMessage(e.msg, now));
                outs.addAll(el.tick(now));
            }
            meta.put(e.node, el.meta());
            for (ElectEvent ev : el.drainEvents()) {
                log.add(now + " " + e.node + " " + ev.kind().wireName() + " epoch=" + ev.epoch() + " " + ev.peer());
                if (ev.kind() == ElectEvent.Kind.WIN) {
                    winners.computeIfAbsent(ev.epoch(), k -> new TreeSet<>()).add(e.node);
                }
            }
            scheduleTick(e.node, now + Elector.HB_INTERVAL_MS);
            for (ElectOutbound o : outs) {
                for (String to : ids) {
                    boolean addressed = o.to().equals(ElectOutbound.BROADCAST) ? !to.equals(e.node) : to.equals(o.to());
                    if (addressed) {
                        send(e.node, to, o.msg());
                    }
                }
            }
            checkPrimaries();
        }
    }

    private void send(String from, String to, ElectMessage msg) {
        for (Cut c : cuts) {
            if (c.from().equals(from) && c.to().equals(to) && now >= c.fromMs() && now < c.untilMs()) {
                return;
            }
        }
        if (loss > 0 && rng.chance(loss)) {
            return;
        }
        long lat = 1 + (maxLatencyMs <= 1 ? 0 : rng.nextLong(maxLatencyMs));
        queue.add(new Event(now + lat, seq++, to, incarnation.get(to), msg));
    }

    private void crash(String id) {
        if (up.remove(id) != null) {
            incarnation.merge(id, 1L, Long::sum);
            tickGen.merge(id, 1L, Long::sum);
            log.add(now + " " + id + " crash");
        }
    }

    private void restart(String id) {
        crash(id);
        log.add(now + " " + id + " restart");
        boot(id, now);
    }

    private void checkPrimaries() {
        if (twoPrimaries != null) {
            return;
        }
        TreeMap<Long, TreeSet<String>> byEpoch = new TreeMap<>();
        for (Elector e : up.values()) {
            if (e.role() == ElectRole.PRIMARY) {
                byEpoch.computeIfAbsent(e.epoch(), k -> new TreeSet<>()).add(e.nodeId());
            }
        }
        byEpoch.forEach((ep, nodes) -> {
            if (nodes.size() > 1 && twoPrimaries == null) {
                twoPrimaries = "at " + now + " ms epoch " + ep + " " + nodes;
            }
        });
    }

    /** The first epoch won by two nodes, as text, or null. */
    String doubleWin() {
        for (var e : winners.entrySet()) {
            if (e.getValue().size() > 1) {
                return "epoch " + e.getKey() + " won by " + e.getValue();
            }
        }
        return null;
    }
}
