package movescope.sim.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import movescope.model.protocol.Effect;
import movescope.sim.check.Checker;
import movescope.sim.check.History;
import movescope.sim.check.MoveEnds;
import movescope.sim.check.Shipments;
import movescope.sim.check.Topology;
import movescope.sim.check.WorldView;
import movescope.sim.scenario.Commands;
import movescope.sim.scenario.Expectations;
import movescope.sim.trace.TraceLog;

/**
 * Feeds what the nodes' models trace to everything that watches the run: the run's trace log, the
 * write history, the shipments and topology the invariants read, the checker (which keys' routes or
 * stores changed, and the per-write checks), the baits, and the counts. The one place that knows which
 * trace action means what for checking.
 */
final class TraceFeed {
    /** What the feed reports back to the world. */
    interface Host {
        void count(String name);

        void violate(String invariant, String key, String node, String message);
    }

    private final WorldView view;
    private final Host host;
    private final TraceLog trace;
    private final boolean traceHeartbeats;
    private final Checker checker;
    private final History history;
    private final Shipments shipments;
    private final MoveEnds moveEnds;
    private final Topology topology;
    private final Heartbeats heartbeats;
    private final ArrivedWrites arrivedWrites;
    private final TreeSet<String> probe;
    /** node → routing epoch: bumped at every change of the node's routing, recorded with applied writes. */
    private final HashMap<String, Long> epoch = new HashMap<>();
    private final TreeMap<String, Long> baits = new TreeMap<>();

    TraceFeed(WorldView view, Host host, TraceLog trace, boolean traceHeartbeats, Checker checker, History history,
            Shipments shipments, MoveEnds moveEnds, Topology topology, Heartbeats heartbeats,
            ArrivedWrites arrivedWrites, TreeSet<String> probe, List<String> nodeIds) {
        this.view = view;
        this.host = host;
        this.trace = trace;
        this.traceHeartbeats = traceHeartbeats;
        this.checker = checker;
        this.history = history;
        this.shipments = shipments;
        this.moveEnds = moveEnds;
        this.topology = topology;
        this.heartbeats = heartbeats;
        this.arrivedWrites = arrivedWrites;
        this.probe = probe;
        for (String id : nodeIds) {
            epoch.put(id, 0L);
        }
        for (String b : Expectations.BAITS) {
            baits.put(b, 0L);
        }
    }

    /** How often each bait was reached, every known bait listed. */
    SortedMap<String, Long> baits() {
        return baits;
    }

    /** Node {@code id}'s model traced {@code t}. */
    void onTrace(String id, Effect.Trace t) {
        long now = view.now();
        String action = t.action();
        SortedMap<String, Object> f = t.fields();
        if (action.equals("Heartbeat")) {
            host.count("heartbeats");
            if (traceHeartbeats) {
                trace.add(now, action, f);
            }
            return;
        }
        trace.add(now, action, f);
        switch (action) {
            case "ClientWrite" -> {
                host.count("clientWrites");
                String verdict = String.valueOf(f.get("verdict"));
                String key = String.valueOf(f.get("key"));
                String reply = String.valueOf(f.get("reply"));
                String conn = String.valueOf(f.get("conn"));
                long reqId = f.get("reqId") instanceof Number n ? n.longValue() : -1;
                List<String> args = arrivedWrites.executed(id, conn, reqId);
                if (verdict.equals("accepted") && Boolean.TRUE.equals(f.get("checked"))) {
                    String write = args == null ? String.valueOf(f.get("cmd")) + " " + key : Commands.render(args);
                    checker.accepted(view, id, key, write + " (conn " + conn + " #" + reqId + ")")
                            .ifPresent(v -> host.violate(v.invariant(), key, id, v.message()));
                }
                if (verdict.equals("accepted") && !reply.startsWith("-")) {
                    if (args != null) {
                        checker.storeChanged(history.applied(id, epoch.get(id), conn, reqId, args, now));
                    }
                } else if (verdict.equals("QUIESCED") || verdict.equals("MISDIRECTED")) {
                    // A refused write must never show up later on this node (NoPhantomWrite).
                    if (args != null) {
                        checker.storeChanged(history.refused(id, verdict, conn, reqId, args, view.valueOn(id, key), now));
                    }
                    if (verdict.equals("QUIESCED")) {
                        baits.merge("BaitQuiesced", 1L, Long::sum);
                        checker.quiesced(view, id, key).ifPresent(v -> host.violate(v.invariant(), key, id, v.message()));
                    }
                }
            }
            case "ClientRead" -> host.count("clientReads");
            case "Start" -> {
                host.count("moveStarts");
                bumpEpoch(id);
                String prefix = String.valueOf(f.get("prefix"));
                topology.addMoveTarget(prefix, String.valueOf(f.get("to")));
                checker.routingChanged(keysUnder(prefix));
            }
            case "Commit", "CommitInsert" -> {
                host.count("commits");
                baits.merge("BaitCommitted", 1L, Long::sum);
                moveEnds.committed(String.valueOf(f.get("moveId")), String.valueOf(f.get("prefix")),
                        String.valueOf(f.get("from")), String.valueOf(f.get("to")),
                        Boolean.TRUE.equals(f.get("superseded")), now);
                bumpEpoch(id);
                checker.routingChanged(keysUnder(String.valueOf(f.get("prefix"))));
            }
            case "CommitRemove" -> {
                bumpEpoch(id);
                checker.routingChanged(keysUnder(String.valueOf(f.get("prefix"))));
            }
            case "Ship" -> shipments.shipped(id, String.valueOf(f.get("prefix")), String.valueOf(f.get("moveId")),
                    String.valueOf(f.get("to")), now);
            case "Abort" -> {
                host.count("aborts");
                shipments.aborted(id, String.valueOf(f.get("prefix")), String.valueOf(f.get("moveId")));
                baits.merge("BaitAborted", 1L, Long::sum);
                moveEnds.aborted(String.valueOf(f.get("moveId")), String.valueOf(f.get("prefix")),
                        String.valueOf(f.get("from")), String.valueOf(f.get("to")), now);
                bumpEpoch(id);
                checker.routingChanged(keysUnder(String.valueOf(f.get("prefix"))));
            }
            case "Ingest", "IngestRefused" -> {
                String prefix = String.valueOf(f.get("prefix"));
                if (action.equals("Ingest")) {
                    shipments.ingested(id, prefix);
                    // With ownershipOnIngest the ingesting node now owns the prefix, whether or not a
                    // MOVE-SCOPE Start was seen (an operator may send MOVE-SCOPE-INGEST by hand).
                    topology.addMoveTarget(prefix, id);
                }
                List<String> keys = keysUnder(prefix);
                for (String k : keys) {
                    history.addHolder(k, id);
                    history.ingested(id, k, view.valueOn(id, k)); // what arrived by ingest was taken legitimately
                }
                checker.storeChanged(keys);
                checker.routingChanged(keys);
            }
            case "Crash" -> {
                host.count("crashes");
                arrivedWrites.died(id); // commands queued in the dead process are never executed
                shipments.died(id);
                afterRoutingChangeOf(id);
            }
            case "Restart" -> {
                host.count("restarts");
                for (String k : probe) {
                    history.addHolder(k, id); // a replay may apply logged writes, even MISDIRECTED ones
                }
                afterRoutingChangeOf(id);
            }
            default -> {
                // StartRefused, Snapshot, PushConfig, ...: no routing or store change to check.
            }
        }
    }

    /** Node {@code id}'s routing changed: writes it applies from now on belong to a new epoch. */
    void bumpEpoch(String id) {
        epoch.merge(id, 1L, Long::sum);
    }

    private void afterRoutingChangeOf(String id) {
        bumpEpoch(id);
        topology.nodeChanged(id);
        heartbeats.routingChanged(id);
        checker.routingChanged(probe);
        checker.storeChanged(probe);
    }

    private List<String> keysUnder(String prefix) {
        if (prefix.isEmpty()) {
            return new ArrayList<>(probe);
        }
        return new ArrayList<>(probe.subSet(prefix, true, prefix + Character.MAX_VALUE, true));
    }
}
