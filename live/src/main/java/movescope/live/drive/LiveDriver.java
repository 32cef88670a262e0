package movescope.live.drive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import movescope.live.resp.RespConnection;
import movescope.model.protocol.NodeConfig;
import movescope.sim.operator.ConfigPush;
import movescope.sim.scenario.ClientSpec;
import movescope.sim.scenario.DataSpec;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.Step;

/**
 * Drives a running cluster by a scenario's steps in real time ({@code movescope live}): step {@code i}
 * starts {@code at} ms after the run starts (after the {@code data} preload). Client steps go through a
 * {@link LiveClient} per scenario client (one command at a time; a step that finds its client busy waits
 * behind it, as in the simulator); operator steps are one raw command on a fresh connection; lifecycle
 * steps go to the {@link Lifecycle} adapter. Network faults (partition, heal, drop, duplicate, delay) are
 * skipped with a note. At {@code endMs} requests still waiting get no reply (every read is bounded by the
 * time left), and the run ends.
 */
public final class LiveDriver {
    /** What happened to one step. {@code reply} is normalized to scenario addresses; empty: none by the end. */
    public record StepRun(int index, Step step, Optional<String> reply, long sentMs, long replyMs,
            Optional<String> acceptedBy, String outcome, String note) {}

    /**
     * @param reads  node → key → the reply of the end-of-run read ({@code GET}, or {@code LRANGE k 0 -1} for
     *               a key the scenario RPUSHes) of every probe key, on every node that answered
     * @param values the reply of each {@code expect.values} entry's command, in order (empty: not read)
     * @param owner  prefix → the writer the operator believes in at the end ({@link OwnerBelief})
     */
    public record Result(List<StepRun> steps, List<Recorder.Hop> hops, List<String> notes, List<String> trace,
            String traceSha256, long elapsedMs, Map<String, NodeConfig> finalConfigs,
            Map<String, Map<String, String>> reads, List<Optional<String>> values, SortedMap<String, String> owner,
            Set<String> listKeys) {}

    /** Grace after endMs for step threads to hand in what they have (all their reads are bounded anyway). */
    static final long JOIN_GRACE_MS = 5000;
    static final long SEND_ORDER_WAIT_MS = 500;

    private final Scenario sc;
    private final LiveCluster cluster;
    private final Lifecycle lifecycle;
    private final Consumer<String> traceSink;

    public LiveDriver(Scenario sc, LiveCluster cluster, Lifecycle lifecycle, Consumer<String> traceSink) {
        this.sc = sc;
        this.cluster = cluster;
        this.lifecycle = lifecycle;
        this.traceSink = traceSink;
    }

    public Result run() throws InterruptedException {
        List<String> notes = new ArrayList<>();
        if (sc.workload().isPresent()) {
            notes.add("workload: its random commands are not driven live; only the scripted steps run");
        }
        if (sc.chaos().isPresent()) {
            notes.add("chaos: random faults are not driven live; only the scripted steps run");
        }
        preload(notes);
        try {
            lifecycle.runStarts();
        } catch (IOException e) {
            notes.add("the adapter could not be told that the run starts: " + e.getMessage());
        }
        Recorder rec = new Recorder(System.nanoTime(), traceSink);
        Map<String, LiveClient> clients = new LinkedHashMap<>();
        Map<String, ExecutorService> clientThreads = new LinkedHashMap<>();
        for (ClientSpec c : sc.clients()) {
            clients.put(c.id(), new LiveClient(c.id(), c.primary(), cluster, rec, c.timeoutMs()));
            clientThreads.put(c.id(), Executors.newSingleThreadExecutor(r -> daemon(r, "movescope-live-" + c.id())));
        }
        ExecutorService operators = Executors.newCachedThreadPool(r -> daemon(r, "movescope-live-operator"));
        Map<String, NodeConfig> configs = new LinkedHashMap<>();
        for (String id : cluster.nodeIds()) {
            configs.put(id, cluster.liveSpec().configOf(id));
        }
        List<Step> steps = sc.steps();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> Long.compare(steps.get(x).at(), steps.get(y).at()));
        StepRun[] runs = new StepRun[steps.size()];
        List<Future<?>> pending = new ArrayList<>();
        long endAt = sc.endMs();
        for (int i : order) {
            Step s = steps.get(i);
            long wait = s.at() - rec.nowMs();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            CountDownLatch sentLatch = new CountDownLatch(1);
            if (s instanceof Step.ClientStep cs) {
                LiveClient lc = clients.get(cs.client());
                pending.add(clientThreads.get(cs.client()).submit(() -> {
                    long sent = rec.nowMs();
                    try {
                        String reply = lc.run(i, cs.command(), endAt, sentLatch::countDown);
                        runs[i] = new StepRun(i, s, Optional.ofNullable(reply), sent, reply == null ? -1 : rec.nowMs(),
                                Optional.ofNullable(lc.lastTarget()), "sent", null);
                    } catch (InterruptedException e) {
                        runs[i] = new StepRun(i, s, Optional.empty(), sent, -1, Optional.empty(), "sent", null);
                    }
                    return null;
                }));
            } else if (s instanceof Step.OperatorStep os) {
                pending.add(operators.submit(() -> {
                    long sent = rec.nowMs();
                    long left = endAt - sent;
                    String reply = null;
                    if (left > 0) {
                        rec.request(i, "operator", os.node(), os.command(), 1);
                        Wire.Outcome o = Wire.once(cluster, os.node(), os.command(), (int) left, sentLatch::countDown);
                        reply = o.reply();
                        rec.reply(i, "operator", os.node(), os.command(), sent, reply, o.error());
                    }
                    sentLatch.countDown();
                    runs[i] = new StepRun(i, s, Optional.ofNullable(reply), sent, reply == null ? -1 : rec.nowMs(),
                            Optional.of(os.node()), "sent", null);
                    return null;
                }));
            } else {
                runs[i] = lifecycle(i, s, rec, configs);
                sentLatch.countDown();
            }
            // Steps 10 ms apart on different connections could otherwise reach the server out of order on a
            // loaded machine: the next step starts only once this one's request is written (or 500 ms passed,
            // e.g. when its client is still busy with an earlier command).
            sentLatch.await(SEND_ORDER_WAIT_MS, TimeUnit.MILLISECONDS);
        }
        long left = endAt - rec.nowMs();
        if (left > 0) {
            Thread.sleep(left);
        }
        long joinBy = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_GRACE_MS);
        for (Future<?> f : pending) {
            try {
                f.get(Math.max(1, joinBy - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                notes.add("a step thread failed: " + e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                f.cancel(true);
            }
        }
        clientThreads.values().forEach(ExecutorService::shutdownNow);
        operators.shutdownNow();
        clients.values().forEach(LiveClient::close);
        List<StepRun> out = new ArrayList<>();
        for (int i = 0; i < runs.length; i++) {
            Step s = steps.get(i);
            out.add(runs[i] != null ? runs[i]
                    : new StepRun(i, s, Optional.empty(), -1, -1, Optional.empty(), "sent", null));
        }
        TreeMap<String, String> owner = OwnerBelief.atEnd(sc, out);
        Set<String> listKeys = listKeys();
        Map<String, Map<String, String>> reads = new LinkedHashMap<>();
        for (String node : cluster.nodeIds()) {
            Map<String, String> got = new LinkedHashMap<>();
            boolean complete = true;
            try (RespConnection c = RespConnection.open(cluster.liveAddr(node), Wire.CONNECT_TIMEOUT_MS, 10_000)) {
                for (String key : sc.probeKeys()) {
                    List<String> cmd = listKeys.contains(key) ? List.of("LRANGE", key, "0", "-1") : List.of("GET", key);
                    Wire.Outcome o = Wire.call(cluster, node, c, cmd);
                    if (o.reply() == null || o.reply().startsWith("-ERR movescope: connection")) {
                        complete = false;
                        break;
                    }
                    got.put(key, o.reply());
                    rec.read(node, cmd, o.reply());
                }
            } catch (IOException e) {
                complete = false;
            }
            if (complete) {
                reads.put(node, got);
            } else if (!sc.probeKeys().isEmpty()) {
                notes.add("end-of-run reads: " + node + " did not answer (down, or busy past the 10 s read timeout)");
            }
        }
        List<Optional<String>> values = new ArrayList<>();
        for (var v : sc.expect().values()) {
            Optional<String> node = v.node().or(() -> OwnerBelief.of(owner, sc, v.key()))
                    .or(() -> Optional.of(cluster.nodeIds().get(0)));
            Wire.Outcome o = Wire.once(cluster, node.get(), v.command(), 10_000);
            rec.read(node.get(), v.command(), o.reply() == null ? "(no reply)" : o.reply());
            values.add(Optional.ofNullable(o.reply()));
        }
        return new Result(out, rec.hops(), notes, rec.traceLines(), rec.traceSha256(), rec.nowMs(), configs,
                reads, values, owner, listKeys);
    }

    /** Keys some step RPUSHes: read back with LRANGE. */
    private Set<String> listKeys() {
        Set<String> out = new TreeSet<>();
        for (Step s : sc.steps()) {
            List<String> cmd = s instanceof Step.ClientStep cs ? cs.command()
                    : s instanceof Step.OperatorStep os ? os.command() : List.of();
            if (cmd.size() >= 2 && (cmd.get(0).equalsIgnoreCase("RPUSH") || cmd.get(0).equalsIgnoreCase("LPUSH"))) {
                out.add(cmd.get(1));
            }
        }
        return out;
    }

    private StepRun lifecycle(int i, Step s, Recorder rec, Map<String, NodeConfig> configs) {
        String node = null;
        try {
            if (s instanceof Step.CrashStep c) {
                node = c.node();
                lifecycle.crash(node);
            } else if (s instanceof Step.RestartStep r) {
                node = r.node();
                lifecycle.restart(node);
            } else if (s instanceof Step.SnapshotStep sn) {
                node = sn.node();
                lifecycle.snapshot(node);
            } else if (s instanceof Step.PushConfigStep p) {
                node = p.node();
                NodeConfig next = ConfigPush.apply(configs.get(node), p, cluster.liveSpec());
                configs.put(node, next);
                lifecycle.pushConfig(node, next, p.restart());
            } else if (s instanceof Step.EintrStep e) {
                node = e.node();
                lifecycle.eintr(node, e.count());
            } else if (s instanceof Step.PartitionStep p) {
                for (String end : p.from()) {
                    checkNode(end);
                }
                for (String end : p.to()) {
                    checkNode(end);
                }
                lifecycle.partition(p.from(), p.to(), p.oneWay());
            } else if (s instanceof Step.HealStep) {
                lifecycle.heal();
            } else {
                String note = "network fault '" + s.doName() + "' needs more than the lifecycle adapter: skipped";
                rec.step(i, s.doName(), null, "skipped", note);
                return new StepRun(i, s, Optional.empty(), rec.nowMs(), -1, Optional.empty(), "skipped", note);
            }
            rec.step(i, s.doName(), node, "done", null);
            return new StepRun(i, s, Optional.empty(), rec.nowMs(), -1, Optional.empty(), "done", null);
        } catch (Lifecycle.Unsupported e) {
            rec.step(i, s.doName(), node, "skipped", e.getMessage());
            return new StepRun(i, s, Optional.empty(), rec.nowMs(), -1, Optional.empty(), "skipped", e.getMessage());
        } catch (IOException e) {
            rec.step(i, s.doName(), node, "error", e.getMessage());
            return new StepRun(i, s, Optional.empty(), rec.nowMs(), -1, Optional.empty(), "error", e.getMessage());
        }
    }

    /** A partition endpoint that is no node (a client) cannot be cut by an adapter. */
    private void checkNode(String end) throws Lifecycle.Unsupported {
        if (!cluster.nodeIds().contains(end)) {
            throw new Lifecycle.Unsupported("partition endpoint '" + end
                    + "' is not a node: links to clients are not cut live: skipped");
        }
    }

    /** The scenario's {@code data}: {@code SET <prefix><i> v<i>} on the node, pipelined in batches. */
    private void preload(List<String> notes) {
        for (DataSpec d : sc.data()) {
            int refused = 0;
            try (RespConnection c = RespConnection.open(cluster.liveAddr(d.node()), Wire.CONNECT_TIMEOUT_MS, 60_000)) {
                int batch = 1000;
                for (int from = 0; from < d.keys(); from += batch) {
                    int to = Math.min(d.keys(), from + batch);
                    for (int k = from; k < to; k++) {
                        c.send(List.of("SET", d.prefix() + k, "v" + k));
                    }
                    c.flush();
                    for (int k = from; k < to; k++) {
                        if (!(c.read() instanceof movescope.live.resp.RespValue.Simple)) {
                            refused++;
                        }
                    }
                }
            } catch (IOException e) {
                notes.add("data on " + d.node() + ": preload failed: " + e.getMessage());
                continue;
            }
            if (refused > 0) {
                notes.add("data on " + d.node() + ": " + refused + " of " + d.keys() + " keys refused");
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

}
