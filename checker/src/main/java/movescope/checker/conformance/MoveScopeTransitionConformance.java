package movescope.checker.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import movescope.checker.graph.GraphDump;
import movescope.checker.graph.GraphDumper;
import movescope.checker.graph.StateGraph;
import movescope.checker.tla.TlaValue;
import movescope.checker.tlc.Outcome;
import movescope.checker.tlc.TlcRunner;
import movescope.model.migration.TableLayout;
import movescope.model.protocol.Effect;
import movescope.model.protocol.Input;
import movescope.model.protocol.KevyNode;
import movescope.model.protocol.LogEntry;
import movescope.model.protocol.MoveView;
import movescope.model.protocol.NodeConfig;
import movescope.model.protocol.ShipFailure;
import movescope.model.protocol.Variant;
import movescope.model.routing.Peer;
import movescope.model.routing.WriteVerdict;
import movescope.model.scope.Scope;
import movescope.model.store.Value;

/**
 * Replays every transition of a {@code specs/MoveScope} model against the Java {@link KevyNode} step functions.
 *
 * <p><b>How.</b> TLC dumps the whole reachable state graph of an MC config (checks removed, action labels on).
 * The replay walks it breadth-first from {@code Init}, carrying for every reached state a "world": one
 * {@link KevyNode} per spec node (built with the spec's initial config and the {@link Variant} its switches
 * name) plus a harness network. For every edge the world of its source state is {@link KevyNode#copy() copied},
 * the edge's action is turned into the Java inputs below, and an abstraction of the Java world afterwards must
 * equal the edge's successor state. A state is reached (gets a world) through the first agreeing edge into it.
 *
 * <p><b>The abstraction</b> (both sides mapped to it; every field is compared on every edge):
 * <ul>
 * <li>per node: up; store = key → set of write ids (write id {@code i} is the list element {@code "w<i>"} of
 *     an {@code RPUSH}: list append is a union of unique ids, compared as a set; a down node's store is
 *     empty); {@code mig} = the prefix in MIGRATING / MIGRATED / neither (while down: what the durable state
 *     will restore, the spec's {@code BootMig}); {@code cfg} and {@code pending} = (writer, fallback) of the
 *     prefix in the config in force / the pushed config; {@code learned} = the prefix is in
 *     {@code ownedByIngest}; {@code snap} = the snapshot image as key → ids; {@code log} = the set of
 *     (id, key) of the durable log entries after the snapshot's log position (all of them without a snapshot):
 *     the part a boot replays, which is what the spec's {@code log} holds (an {@code RPUSH k w1 w2} frame
 *     logged by an ingest counts every id);</li>
 * <li>{@code move}: the source's move in flight by phase — CONNECTING / WAITING_TO_RETRY = {@code started},
 *     SENDING = {@code stalled} (the request was handed to the socket but never completed), AWAITING_REPLY =
 *     {@code awaiting}; a down source with a durable MIGRATING entry = {@code suspended}; otherwise how the
 *     last move ended by the source's traces ({@code Commit}/{@code CommitInsert} = committed, {@code Abort} =
 *     aborted, {@code Crash} with the move in {@code movesLost} and none suspended = lost), or idle;</li>
 * <li>{@code ingestOutcome}: the target's remembered first INGEST outcome ({@code +…} = ok, else refused);</li>
 * <li>{@code net}: the harness network, each Java message mapped to the spec's message value — an INGEST
 *     request by decoding its bulk into key → ids, a reply by its first character ({@code +} = ok), and the
 *     spec's {@code cur} tag: the message belongs to the ship connection the source is using now (the source
 *     is up, its move is SENDING or AWAITING_REPLY, and the message's ship id is that attempt's). The spec's
 *     network is a set, so Java messages that map to the same value (two stale copies from different
 *     attempts) are one spec message: consuming or dropping it removes all of them from the harness.</li>
 * </ul>
 * {@code writes} is compared on {@code ClientWrite} edges (the verdict of the new write); {@code used}
 * (fault budgets) is the spec's bookkeeping and is not compared.
 *
 * <p><b>Actions replayed</b> (inputs given to the Java nodes):
 * <ul>
 * <li>{@code ClientWrite(n,k)}: {@code RPUSH k w<id>} as a client command on n; the reply decides the verdict
 *     ({@code :…} accepted, {@code -QUIESCED…}, {@code -MISDIRECTED…}). When k's shard on n is BUSY with a
 *     MOVE-SCOPE the Java node would queue the command behind the move (kevy-move-scope.md §4: "clients queue
 *     behind it; -QUIESCED is seen only from other shards"), which the spec does not model: the spec's answer
 *     is then compared with {@link KevyNode#routeWrite} (the write path's answer) and the command is not
 *     delivered (counted as {@code ClientWrite[busy shard: route only]}).</li>
 * <li>{@code Start}: {@code MOVE-SCOPE p FROM source TO target} on the source (operator connection).</li>
 * <li>{@code Ship}: fire a pending {@code /retry} timer first (retryAmbiguousShip), then
 *     {@link Input.ConnectResult} (ok iff the Java target is up); if ok the source must emit
 *     {@link Effect.SendIngest}, whose request enters the network, and {@link Input.SendComplete} follows.
 *     {@code Stall}: the same without SendComplete and without the request entering the network.</li>
 * <li>{@code WriteTimeout} / {@code ReadTimeout}: {@link Input.TimerFired} of the ship's {@code /write} /
 *     {@code /read} timer.</li>
 * <li>{@code Ingest(m, keep)}: m's Java request as a client command on the target; its reply enters the
 *     network; {@code keep} (Duplicate) leaves the request in it. {@code IngestRefused(m, keep)}: the same
 *     request with a malformed bulk — the one refusal §5 defines that applies no frame and needs no change to
 *     the store abstraction (a WRONGTYPE frame would need a non-list value). A refusal whose spec successor
 *     applied some frames is skipped with that reason (only reachable with two or more keys).</li>
 * <li>{@code Commit} / {@code Abort}: the current attempt's reply as {@link Input.PeerReply} on the source,
 *     then (seed table layout) the {@code /commit} timer, so the commit window closes inside the step as the
 *     spec's atomic table requires. {@code Discard(m)}: the stale PeerReply (an earlier attempt's, or one
 *     that came after the move ended) is delivered to a live source, which must ignore it.</li>
 * <li>{@code Crash(n)}: {@link Input.Crash}; the harness drops the messages addressed to n; when n is the
 *     target and the source's send is blocked on it (SENDING), the source gets {@link Input.PeerError}
 *     {@code connection closed} (the spec's SendReset). A target crash while the source awaits the reply gets
 *     no input: the spec, like a source that has not noticed the reset yet, waits for {@code ReadTimeout}.</li>
 * <li>{@code Restart(n)}: {@link Input.Restart}; {@code PushConfig(n)}: {@link Input.PushConfig} of the spec's
 *     {@code NewCfg}; {@code Snapshot(n)}: {@link Input.Snapshot}.</li>
 * <li>Environment only (no Java input, the nodes' abstraction must be unchanged): {@code Drop(m)} (the harness
 *     forgets the message).</li>
 * <li>Not replayed: {@code ViewDown}, {@code Heartbeat} (the DOWN view is a function of heartbeat times in
 *     Java; configs with a fallback are rejected up front, so these never occur).</li>
 * </ul>
 * Configs whose keys are not all on the prefix's shard are rejected (the Java nodes run one shard).
 *
 * <p><b>Strict.</b> Every edge that disagrees is a failure; nothing is tolerated. A state is reached only
 * through an agreeing edge, so a disagreement also leaves states unreached, and the edges out of them are
 * counted as skipped with that reason (the report is then not {@link Report#ok() ok} anyway). The two
 * differences this replay once found — the spec replaying the whole log over the snapshot, and its source
 * committing on the reply to an earlier ship attempt — were fixed in the spec (the log since the last
 * snapshot; the {@code cur} tag on messages).
 */
public final class MoveScopeTransitionConformance {
    static final int MAX_MESSAGES = 25;
    static final String MALFORMED_BULK = "*x\r\n"; // a count that is not an integer: malformed (request.rs:151-156)
    private static final Pattern WRITE_ID = Pattern.compile("w(\\d+)");
    private static final String CONSTANTS = "<<\"movescope-transition-constants\", Nodes, Source, Target, Prefix, Keys,"
            + " PrefixShardKeys, Fallback, [MigratedDurable |-> MigratedDurable, MigratingDurable |-> MigratingDurable,"
            + " LogMisdirected |-> LogMisdirected, IngestLogged |-> IngestLogged, NeverHeardIsDown |-> NeverHeardIsDown,"
            + " ShipWriteTimeout |-> ShipWriteTimeout, SliceAllShards |-> SliceAllShards, IngestKeyShard |-> IngestKeyShard,"
            + " OwnershipOnIngest |-> OwnershipOnIngest, RetryAmbiguousShip |-> RetryAmbiguousShip,"
            + " SliceHandover |-> SliceHandover]>>";

    /** How the harness hands one input to a Java node; tests plant faults here. */
    @FunctionalInterface
    public interface Delivery {
        List<Effect> deliver(String node, KevyNode n, Input input);

        Delivery DIRECT = (name, n, in) -> n.step(in);
    }

    /**
     * What to replay.
     *
     * @param config      an MC config file name in the spec folder
     * @param overrides   constant name → value text, replacing the config's assignments (tighter bounds)
     * @param layout      the Java migration table layout (the spec's table is atomic; the seed layout's window
     *                    is closed inside the Commit step); empty: seed for kevy-5.4 switches, else atomic
     * @param tamper      applied to the Variant the spec's switches name (tests plant a wrong switch)
     * @param delivery    how inputs reach the nodes
     */
    public record Options(String config, Map<String, String> overrides, Optional<TableLayout> layout,
            UnaryOperator<Variant> tamper, Delivery delivery) {
        public Options {
            Objects.requireNonNull(config, "config");
            overrides = Map.copyOf(overrides);
            Objects.requireNonNull(layout, "layout");
            Objects.requireNonNull(tamper, "tamper");
            Objects.requireNonNull(delivery, "delivery");
        }

        public static Options of(String config) {
            return new Options(config, Map.of(), Optional.empty(), UnaryOperator.identity(), Delivery.DIRECT);
        }

        public Options withOverrides(Map<String, String> o) {
            return new Options(config, o, layout, tamper, delivery);
        }

        public Options withTamper(UnaryOperator<Variant> t) {
            return new Options(config, overrides, layout, t, delivery);
        }

        public Options withDelivery(Delivery d) {
            return new Options(config, overrides, layout, tamper, d);
        }
    }

    /**
     * The replay's result.
     *
     * @param config             config name (with overrides)
     * @param variant            the Java variant's switches
     * @param states             distinct states in the dump (= TLC's count, checked)
     * @param edges              transitions in the dump (= TLC's generated successors, checked)
     * @param statesReached      states the Java world was put in through an agreeing edge (Init included)
     * @param replayed           per action: edges replayed
     * @param agreed             per action: replayed edges whose successor agreed
     * @param skipped            per "action: reason": edges not replayed
     * @param verdicts           ClientWrite verdicts compared, per verdict
     * @param failureCount       every disagreement
     * @param failures           the first of them, each naming its edge
     * @param tlcSeconds         TLC's time
     */
    public record Report(String config, String variant, long states, long edges, long statesReached,
            SortedMap<String, Long> replayed, SortedMap<String, Long> agreed, SortedMap<String, Long> skipped,
            SortedMap<String, Long> verdicts, long failureCount, List<String> failures, double tlcSeconds) {
        public Report {
            replayed = new TreeMap<>(replayed);
            agreed = new TreeMap<>(agreed);
            skipped = new TreeMap<>(skipped);
            verdicts = new TreeMap<>(verdicts);
            failures = List.copyOf(failures);
        }

        public long replayedTotal() {
            return replayed.values().stream().mapToLong(Long::longValue).sum();
        }

        public long agreedTotal() {
            return agreed.values().stream().mapToLong(Long::longValue).sum();
        }

        public long skippedTotal() {
            return skipped.values().stream().mapToLong(Long::longValue).sum();
        }

        /**
         * No disagreement at all: every edge replayed or skipped with a reason, every replayed edge agreed, every
         * state reached.
         */
        public boolean ok() {
            return failureCount == 0 && states > 0 && statesReached == states
                    && replayedTotal() + skippedTotal() == edges && agreedTotal() == replayedTotal();
        }

        public String summary() {
            return config + " [" + variant + "]: " + (ok() ? "AGREES" : "DISAGREES") + " — states " + statesReached
                    + "/" + states + " reached, edges " + edges + ", replayed " + replayed + ", agreed " + agreed
                    + ", skipped " + skipped + ", ClientWrite verdicts " + verdicts + ", failures " + failureCount
                    + String.format(" (TLC %.1f s)", tlcSeconds)
                    + (failures.isEmpty() ? "" : "\n  " + String.join("\n  ", failures));
        }
    }

    /** Dumps the graph of {@code options.config()} (from {@code specDir}, never written) and replays it. */
    public static Report check(TlcRunner runner, Path specDir, Options options) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("movescope-transitions-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return replay(options, dump(runner, specDir, options, scratch));
        } finally {
            MigrationTableConformance.deleteTree(scratch);
        }
    }

    /**
     * Copies the spec's modules into {@code scratch}, writes the config with the overrides applied, and has
     * TLC dump the whole graph with action labels (invariants and properties removed).
     */
    public static GraphDump dump(TlcRunner runner, Path specDir, Options options, Path scratch) {
        try {
            Path specs = Files.createDirectories(scratch.resolve("spec"));
            Path work = Files.createDirectories(scratch.resolve("dump"));
            try (DirectoryStream<Path> tla = Files.newDirectoryStream(specDir, "*.tla")) {
                for (Path p : tla) {
                    Files.copy(p, specs.resolve(p.getFileName()));
                }
            }
            String cfg = Files.readString(specDir.resolve(options.config()), StandardCharsets.UTF_8);
            Files.writeString(specs.resolve("MovescopeTransitions.cfg"), withOverrides(cfg, options.overrides()));
            return GraphDumper.dump(runner, specs, "MCMoveScope", "MovescopeTransitions.cfg", Optional.of(CONSTANTS),
                    "TRUE", true, true, work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The config text with each {@code Name = value} assignment in {@code overrides} replaced. */
    static String withOverrides(String cfg, Map<String, String> overrides) {
        String out = cfg;
        for (Map.Entry<String, String> o : new TreeMap<>(overrides).entrySet()) {
            Pattern p = Pattern.compile("(?m)^(\\s*" + Pattern.quote(o.getKey()) + "\\s*=\\s*)\\S+\\s*$");
            Matcher m = p.matcher(out);
            if (!m.find()) {
                throw new IllegalArgumentException("the config assigns no constant " + o.getKey());
            }
            out = m.replaceFirst(Matcher.quoteReplacement(m.group(1) + o.getValue()));
        }
        return out;
    }

    /** Replays a dumped graph. */
    public static Report replay(Options options, GraphDump dump) {
        return new Replay(options, dump).run();
    }

    // ------------------------------------------------------------------------------------------------
    // The constants and the Java world

    /** The model's constants as TLC printed them. */
    record Constants(List<String> nodes, String source, String target, String prefix, List<String> keys,
            String fallback, Map<String, Boolean> switches) {
        boolean sw(String name) {
            Boolean b = switches.get(name);
            if (b == null) {
                throw new IllegalStateException("TLC printed no switch " + name);
            }
            return b;
        }

        Variant variant(Optional<TableLayout> layout) {
            boolean kevy = !sw("MigratedDurable") && !sw("MigratingDurable") && sw("LogMisdirected")
                    && !sw("IngestLogged") && sw("NeverHeardIsDown") && !sw("ShipWriteTimeout")
                    && !sw("SliceAllShards") && !sw("IngestKeyShard") && !sw("OwnershipOnIngest")
                    && !sw("RetryAmbiguousShip");
            return new Variant(layout.orElse(kevy ? TableLayout.SEED : TableLayout.ATOMIC),
                    sw("ShipWriteTimeout") ? OptionalLong.of(60_000) : OptionalLong.empty(),
                    sw("SliceAllShards") ? Variant.SliceShards.ALL_SHARDS : Variant.SliceShards.PREFIX_SHARD,
                    sw("IngestKeyShard") ? Variant.IngestShard.KEY_SHARD : Variant.IngestShard.PREFIX_SHARD,
                    sw("MigratedDurable"), sw("NeverHeardIsDown"), sw("LogMisdirected"), sw("IngestLogged"),
                    sw("MigratingDurable"), sw("OwnershipOnIngest"), sw("RetryAmbiguousShip"))
                    .withSliceHandover(sw("SliceHandover"));
        }

        List<Peer> peers() {
            List<Peer> peers = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                peers.add(new Peer(nodes.get(i), "10.0.0." + (i + 1), 16100, 6004));
            }
            return peers;
        }

        NodeConfig config(String node, String writer, String fb) {
            Scope s = fb.equals("none") ? Scope.of(prefix, writer) : Scope.of(prefix, writer, fb);
            return new NodeConfig(Optional.of(node), peers(), List.of(s), 1);
        }

        /** The spec's NewCfg: Target writes; a prefix that had a fallback gets Source as fallback. */
        NodeConfig newConfig(String node) {
            return config(node, target, fallback.equals("none") ? "none" : source);
        }
    }

    /**
     * A Java INGEST request or reply in the harness network.
     *
     * @param shipId  the ship connection it travels on
     * @param content the spec message it stands for, without the {@code cur} tag (see {@link Replay#netKey})
     */
    record Payload(String shipId, List<String> request, String reply, String content) {
    }

    /** The Java nodes plus the harness's network and bookkeeping, copied at every branch. */
    static final class World {
        final TreeMap<String, KevyNode> nodes = new TreeMap<>();
        /** The Java messages in flight, by the order they were sent (the spec's text is computed on demand). */
        final TreeMap<Long, Payload> net = new TreeMap<>();
        final TreeSet<String> timers = new TreeSet<>();
        String shipId = "";
        String moveEnd = "idle";
        long now = 1_000;
        long seq;
        List<String> trail = List.of("Init");

        World copy() {
            World w = new World();
            nodes.forEach((k, v) -> w.nodes.put(k, v.copy()));
            w.net.putAll(net);
            w.timers.addAll(timers);
            w.shipId = shipId;
            w.moveEnd = moveEnd;
            w.now = now;
            w.seq = seq;
            w.trail = trail;
            return w;
        }
    }

    /** One side's view of a whole state, in the shared abstraction. */
    record View(SortedMap<String, NodeView> nodes, String move, String ingestOutcome, SortedSet<String> net) {
    }

    record NodeView(boolean up, SortedMap<String, SortedSet<Long>> store, String mig, String cfg, String pending,
            boolean learned, SortedMap<String, SortedSet<Long>> snap, SortedSet<String> log) {
    }

    // ------------------------------------------------------------------------------------------------

    private static final class Replay {
        final Options options;
        final GraphDump dump;
        Constants k;
        Variant variant;
        final SortedMap<String, Long> replayed = new TreeMap<>();
        final SortedMap<String, Long> agreed = new TreeMap<>();
        final SortedMap<String, Long> skipped = new TreeMap<>();
        final SortedMap<String, Long> verdicts = new TreeMap<>();
        final List<String> failures = new ArrayList<>();
        long failureCount;

        Replay(Options options, GraphDump dump) {
            this.options = options;
            this.dump = dump;
        }

        void fail(String message) {
            failureCount++;
            if (failures.size() < MAX_MESSAGES) {
                failures.add(message);
            }
        }

        Report report(long states, long edges, long reached) {
            String name = options.config() + (options.overrides().isEmpty() ? "" : " " + new TreeMap<>(options.overrides()));
            return new Report(name, variant == null ? "?" : variant.name() + " " + variant.switches(), states, edges,
                    reached, replayed, agreed, skipped, verdicts, failureCount, failures, dump.tlc().seconds());
        }

        Report run() {
            if (dump.tlc().outcome() != Outcome.PASS) {
                fail("TLC did not explore the whole graph: " + dump.tlc().outcome() + " " + dump.tlc().errorKind() + " "
                        + dump.tlc().message() + " (log " + dump.tlc().rawLog() + ")");
                return report(0, 0, 0);
            }
            k = constants();
            if (k == null) {
                fail("TLC printed no constants: the probe wrapper did not run (log " + dump.tlc().rawLog() + ")");
                return report(0, 0, 0);
            }
            if (!k.fallback().equals("none")) {
                throw new IllegalArgumentException("configs with a Fallback are not replayed: the DOWN view "
                        + "(ViewDown/Heartbeat) has no one-to-one Java input");
            }
            if (!constantsShardKeysOk) {
                throw new IllegalArgumentException("every key must be on the prefix's shard (PrefixShardKeys = Keys): "
                        + "the Java nodes run one shard");
            }
            variant = options.tamper().apply(k.variant(options.layout()));
            StateGraph g = dump.graph();
            long initial = g.states().values().stream().filter(StateGraph.State::initial).count();
            if (g.states().size() != dump.tlc().distinctStates()) {
                fail("the dump has " + g.states().size() + " states but TLC found " + dump.tlc().distinctStates());
            }
            if (g.edges().size() != dump.tlc().statesGenerated() - initial) {
                fail("the dump has " + g.edges().size() + " transitions but TLC generated "
                        + (dump.tlc().statesGenerated() - initial) + " successor states");
            }
            Map<String, List<StateGraph.Edge>> out = new HashMap<>();
            for (StateGraph.Edge e : g.edges()) {
                out.computeIfAbsent(e.from(), x -> new ArrayList<>()).add(e);
            }
            Map<String, World> worlds = new HashMap<>();
            Set<String> reached = reachedIds;
            ArrayDeque<String> queue = new ArrayDeque<>();
            for (StateGraph.State s : g.states().values()) {
                if (!s.initial()) {
                    continue;
                }
                World w = initialWorld();
                List<String> diffs = diff(specView(s), javaView(w));
                if (!diffs.isEmpty()) {
                    fail("initial state " + s.id() + ": " + String.join("; ", diffs));
                    continue;
                }
                reached.add(s.id());
                worlds.put(s.id(), w);
                queue.add(s.id());
            }
            while (!queue.isEmpty()) {
                String id = queue.poll();
                World w = worlds.remove(id);
                StateGraph.State from = g.states().get(id);
                for (StateGraph.Edge e : out.getOrDefault(id, List.of())) {
                    StateGraph.State to = g.states().get(e.to());
                    Optional<World> next = edge(e, from, to, w);
                    if (next.isPresent() && reached.add(e.to())) {
                        worlds.put(e.to(), next.get());
                        queue.add(e.to());
                    }
                }
            }
            // Edges out of states no agreeing path reached are not replayed. Every edge out of a reached state is
            // replayed or skipped, so only a failure can cut a state off (and the report is then not ok).
            for (StateGraph.Edge e : g.edges()) {
                if (!reached.contains(e.from())) {
                    skipped.merge(e.action() + ": source state not reached (an edge into it disagreed)", 1L, Long::sum);
                }
            }
            return report(g.states().size(), g.edges().size(), reached.size());
        }

        boolean constantsShardKeysOk = true;
        final Set<String> reachedIds = new HashSet<>();

        Constants constants() {
            for (TlaValue v : dump.printed()) {
                if (!(v instanceof TlaValue.Seq seq) || seq.elements().isEmpty()
                        || !(seq.elements().get(0) instanceof TlaValue.Str tag)
                        || !tag.value().equals("movescope-transition-constants")) {
                    continue;
                }
                List<TlaValue> t = seq.elements();
                List<String> nodes = texts(t.get(1));
                List<String> keys = texts(t.get(5));
                constantsShardKeysOk = new TreeSet<>(texts(t.get(6))).equals(new TreeSet<>(keys));
                Map<String, Boolean> sw = new TreeMap<>();
                for (Map.Entry<TlaValue, TlaValue> e : t.get(8).asFunction().entrySet()) {
                    sw.put(e.getKey().asText(), ((TlaValue.Bool) e.getValue()).value());
                }
                return new Constants(nodes, t.get(2).asText(), t.get(3).asText(), t.get(4).asText(), keys,
                        t.get(7).asText(), sw);
            }
            return null;
        }

        World initialWorld() {
            World w = new World();
            for (String n : k.nodes()) {
                w.nodes.put(n, new KevyNode(n, k.config(n, k.source(), k.fallback()), variant));
            }
            return w;
        }

        // --------------------------------------------------------------------------------------------
        // One edge

        /** A way to replay an edge: its parameters as text and the action on a fresh copy of the world. */
        private record Attempt(String params, World world, List<String> problems) {
        }

        Optional<World> edge(StateGraph.Edge e, StateGraph.State from, StateGraph.State to, World source) {
            String action = e.action();
            List<String> candidates;
            switch (action) {
                case "ViewDown", "Heartbeat" -> {
                    skipped.merge(action + ": DOWN view not replayed", 1L, Long::sum);
                    return Optional.empty();
                }
                case "Ingest", "IngestRefused", "Discard", "Drop" -> candidates = messages(action, from, to);
                case "Crash", "Restart" -> candidates = changed(from, to, "up");
                case "PushConfig" -> candidates = changed(from, to, "pending");
                case "Snapshot" -> {
                    // A snapshot may leave the image as it was and only cover the log since the last one.
                    TreeSet<String> c = new TreeSet<>(changed(from, to, "snap"));
                    c.addAll(changed(from, to, "log"));
                    candidates = List.copyOf(c);
                }
                default -> candidates = List.of("");
            }
            if (action.equals("IngestRefused") && !nodeFn(from, "store", k.target()).equals(nodeFn(to, "store", k.target()))) {
                skipped.merge(action + ": frames applied before the refusal (needs a WRONGTYPE value)", 1L, Long::sum);
                return Optional.empty();
            }
            replayed.merge(action, 1L, Long::sum);
            View want = specView(to);
            Attempt first = null;
            for (String p : candidates) {
                World w = source.copy();
                List<String> problems = new ArrayList<>();
                try {
                    apply(action, p, from, to, w, problems);
                } catch (RuntimeException ex) {
                    problems.add("Java threw " + ex);
                }
                problems.addAll(diff(want, javaView(w)));
                Attempt a = new Attempt(p, w, problems);
                if (problems.isEmpty()) {
                    agreed.merge(action, 1L, Long::sum);
                    List<String> trail = new ArrayList<>(w.trail);
                    trail.add(action + paren(p));
                    w.trail = List.copyOf(trail);
                    return Optional.of(w);
                }
                if (first == null) {
                    first = a;
                }
            }
            if (first == null) {
                fail("edge " + e.from() + " -" + action + "-> " + e.to() + ": the harness found no parameters for it");
                return Optional.empty();
            }
            fail("edge " + e.from() + " -" + action + paren(first.params()) + "-> " + e.to() + " (reached by "
                    + String.join(" → ", source.trail) + "; source state " + brief(from) + "): "
                    + String.join("; ", first.problems()));
            return Optional.empty();
        }

        static String paren(String params) {
            return params.isEmpty() ? "" : "(" + params + ")";
        }

        void apply(String action, String p, StateGraph.State from, StateGraph.State to, World w, List<String> problems) {
            String src = k.source();
            String tgt = k.target();
            switch (action) {
                case "ClientWrite" -> clientWrite(to, w, problems);
                case "Start" -> step(w, src, new Input.ClientCommand(w.now, "operator", ++w.seq,
                        List.of("MOVE-SCOPE", k.prefix(), "FROM", src, "TO", tgt)));
                case "Ship", "Stall" -> ship(w, action.equals("Ship"), problems);
                case "WriteTimeout" -> step(w, src, new Input.TimerFired(w.now, w.shipId + "/write"));
                case "ReadTimeout" -> step(w, src, new Input.TimerFired(w.now, w.shipId + "/read"));
                case "Commit", "Abort" -> {
                    String key = netKey(replyKey(action.equals("Commit")), true);
                    Payload r = take(w, key);
                    if (r == null) {
                        problems.add("the harness network holds no Java message for " + key);
                        return;
                    }
                    step(w, src, new Input.PeerReply(w.now, r.shipId(), r.reply()));
                    fireCommitTimers(w);
                }
                case "Ingest", "IngestRefused" -> ingest(p, action.equals("IngestRefused"), from, to, w, problems);
                case "Discard" -> {
                    Payload r = take(w, p);
                    if (r == null) {
                        problems.add("the harness network holds no Java message for " + p);
                    } else if (w.nodes.get(src).isUp()) {
                        List<Effect> fx = step(w, src, new Input.PeerReply(w.now, r.shipId(), r.reply()));
                        if (!fx.isEmpty()) {
                            problems.add("a reply the source no longer waits for had effects " + fx);
                        }
                    }
                }
                case "Drop" -> {
                    if (take(w, p) == null) {
                        problems.add("the harness network holds no Java message for " + p);
                    }
                }
                case "Crash" -> crash(p, w);
                case "Restart" -> step(w, p, new Input.Restart(w.now));
                case "PushConfig" -> step(w, p, new Input.PushConfig(k.newConfig(p)));
                case "Snapshot" -> step(w, p, new Input.Snapshot(w.now));
                default -> problems.add("action " + action + " has no Java counterpart in this harness");
            }
        }

        void clientWrite(StateGraph.State to, World w, List<String> problems) {
            List<TlaValue> writes = ((TlaValue.Seq) to.get("writes")).elements();
            TlaValue.Fcn last = (TlaValue.Fcn) writes.get(writes.size() - 1);
            long id = writes.size();
            String n = last.field("node").asText();
            String key = last.field("key").asText();
            String want = last.field("verdict").asText();
            KevyNode node = w.nodes.get(n);
            if (!node.isUp()) {
                problems.add("the spec lets down node " + n + " answer a write");
                return;
            }
            String got;
            if (node.busyShards().containsKey(node.shardOf(key)) || node.queuedCommands() > 0) {
                got = verdictOf(node.routeWrite(key, w.now));
                verdicts.merge(want + " [busy shard: route only]", 1L, Long::sum);
            } else {
                String conn = "client-" + id;
                List<Effect> fx = step(w, n, new Input.ClientCommand(w.now, conn, id, List.of("RPUSH", key, "w" + id)));
                Optional<String> wire = fx.stream().filter(f -> f instanceof Effect.Reply r && r.conn().equals(conn))
                        .map(f -> ((Effect.Reply) f).wire()).findFirst();
                if (wire.isEmpty()) {
                    problems.add("write " + id + " to " + n + " got no reply");
                    return;
                }
                String s = wire.get();
                got = s.startsWith(":") ? "accepted" : s.startsWith("-QUIESCED") ? "QUIESCED"
                        : s.startsWith("-MISDIRECTED") ? "MISDIRECTED" : "reply " + s;
                verdicts.merge(want, 1L, Long::sum);
            }
            if (!got.equals(want)) {
                problems.add("write " + id + " (" + key + ") to " + n + ": spec verdict " + want + ", Java " + got);
            }
        }

        void ship(World w, boolean complete, List<String> problems) {
            String src = k.source();
            String retry = w.timers.stream().filter(t -> t.startsWith(src + "/") && t.endsWith("/retry")).findFirst()
                    .orElse(null);
            if (retry != null) {
                step(w, src, new Input.TimerFired(w.now, retry));
            }
            boolean targetUp = w.nodes.get(k.target()).isUp();
            String ship = w.shipId;
            List<Effect> fx = step(w, src, new Input.ConnectResult(w.now, ship, targetUp, null));
            if (!targetUp) {
                return;
            }
            Optional<Effect.SendIngest> send = fx.stream().filter(f -> f instanceof Effect.SendIngest)
                    .map(f -> (Effect.SendIngest) f).findFirst();
            if (send.isEmpty()) {
                problems.add("the source sent no INGEST after a successful connect (effects " + fx + ")");
                return;
            }
            if (complete) {
                step(w, src, new Input.SendComplete(w.now, ship));
                w.net.put(++w.seq, new Payload(send.get().moveId(), send.get().args(), null,
                        requestKey(send.get().args(), problems)));
            }
        }

        void ingest(String key, boolean refused, StateGraph.State from, StateGraph.State to, World w,
                List<String> problems) {
            boolean keep = used(to, "dup") > used(from, "dup");
            Payload req = keep ? find(w, key) : take(w, key);
            if (req == null) {
                problems.add("the harness network holds no Java request for " + key);
                return;
            }
            List<String> args = new ArrayList<>(req.request());
            if (refused) {
                args.set(2, MALFORMED_BULK);
            }
            String conn = "ship-" + req.shipId() + "-" + (++w.seq);
            List<Effect> fx = step(w, k.target(), new Input.ClientCommand(w.now, conn, w.seq, args));
            Optional<String> wire = fx.stream().filter(f -> f instanceof Effect.Reply r && r.conn().equals(conn))
                    .map(f -> ((Effect.Reply) f).wire()).findFirst();
            if (wire.isEmpty()) {
                problems.add("the target did not answer the INGEST (effects " + fx + ")");
                return;
            }
            w.net.put(++w.seq, new Payload(req.shipId(), null, wire.get(), replyKey(wire.get().startsWith("+"))));
        }

        void crash(String n, World w) {
            step(w, n, new Input.Crash());
            w.net.values().removeIf(m -> (m.request() != null ? k.target() : k.source()).equals(n));
            w.timers.removeIf(t -> t.startsWith(n + "/"));
            KevyNode src = w.nodes.get(k.source());
            if (n.equals(k.target()) && src.isUp()) {
                MoveView m = src.movesInFlight().get(k.prefix());
                if (m != null && m.phase().equals("SENDING")) {
                    // The target's crash resets the connection the source's send is blocked on.
                    step(w, k.source(), new Input.PeerError(w.now, w.shipId, ShipFailure.CONNECTION_CLOSED));
                }
            }
        }

        void fireCommitTimers(World w) {
            for (String t : new ArrayList<>(w.timers)) {
                if (t.startsWith(k.source() + "/") && t.endsWith("/commit")) {
                    step(w, k.source(), new Input.TimerFired(w.now, t));
                }
            }
        }

        /** Delivers one input and books its effects into the world. */
        List<Effect> step(World w, String n, Input in) {
            w.now++;
            List<Effect> fx = options.delivery().deliver(n, w.nodes.get(n), in);
            for (Effect f : fx) {
                if (f instanceof Effect.SetTimer t) {
                    w.timers.add(t.timerId());
                } else if (f instanceof Effect.CancelTimer t) {
                    w.timers.remove(t.timerId());
                } else if (f instanceof Effect.Connect c) {
                    w.shipId = c.moveId();
                } else if (f instanceof Effect.Trace t && n.equals(k.source())) {
                    switch (t.action()) {
                        case "Commit", "CommitInsert" -> w.moveEnd = "committed";
                        case "Abort" -> w.moveEnd = "aborted";
                        case "Crash" -> {
                            Object lost = t.fields().get("movesLost");
                            Object suspended = t.fields().get("movesSuspended");
                            if (lost instanceof List<?> l && !l.isEmpty()
                                    && !(suspended instanceof List<?> s && !s.isEmpty())) {
                                w.moveEnd = "lost";
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
            if (in instanceof Input.TimerFired t) {
                w.timers.remove(t.timerId());
            }
            return fx;
        }

        // --------------------------------------------------------------------------------------------
        // Edge parameters from the spec's state change

        List<String> messages(String action, StateGraph.State from, StateGraph.State to) {
            Set<String> before = specNet(from);
            Set<String> after = specNet(to);
            List<String> c = new ArrayList<>();
            if (action.startsWith("Ingest")) {
                for (String m : before) {
                    if (m.startsWith("ingest")) {
                        c.add(m);
                    }
                }
            } else {
                for (String m : before) {
                    if (!after.contains(m)) {
                        c.add(m);
                    }
                }
            }
            return c;
        }

        List<String> changed(StateGraph.State from, StateGraph.State to, String var) {
            List<String> c = new ArrayList<>();
            for (String n : k.nodes()) {
                if (!nodeFn(from, var, n).equals(nodeFn(to, var, n))) {
                    c.add(n);
                }
            }
            return c;
        }

        static TlaValue nodeFn(StateGraph.State s, String var, String n) {
            return byText(s.get(var)).get(n);
        }

        static long used(StateGraph.State s, String budget) {
            return ((TlaValue.Int) ((TlaValue.Fcn) s.get("used")).field(budget)).value();
        }

        // --------------------------------------------------------------------------------------------
        // The abstraction

        View specView(StateGraph.State s) {
            SortedMap<String, NodeView> nodes = new TreeMap<>();
            for (String n : k.nodes()) {
                boolean up = ((TlaValue.Bool) nodeFn(s, "up", n)).value();
                SortedSet<String> log = new TreeSet<>();
                for (TlaValue e : ((TlaValue.SetValue) nodeFn(s, "log", n)).elements()) {
                    TlaValue.Fcn r = (TlaValue.Fcn) e;
                    log.add(((TlaValue.Int) r.field("id")).value() + "@" + r.field("key").asText());
                }
                nodes.put(n, new NodeView(up, ids(nodeFn(s, "store", n)), nodeFn(s, "mig", n).asText(),
                        cfgText((TlaValue.Fcn) nodeFn(s, "cfg", n)), cfgText((TlaValue.Fcn) nodeFn(s, "pending", n)),
                        ((TlaValue.Bool) nodeFn(s, "learned", n)).value(), ids(nodeFn(s, "snap", n)), log));
            }
            return new View(nodes, s.get("move").asText(), s.get("ingestOutcome").asText(), specNet(s));
        }

        static String cfgText(TlaValue.Fcn c) {
            return c.field("writer").asText() + "|" + c.field("fallback").asText();
        }

        /** key → ids, keys with no id left out (the spec's EmptyStore maps every key to {}). */
        static SortedMap<String, SortedSet<Long>> ids(TlaValue store) {
            SortedMap<String, SortedSet<Long>> m = new TreeMap<>();
            for (Map.Entry<String, TlaValue> e : byText(store).entrySet()) {
                SortedSet<Long> s = new TreeSet<>();
                for (TlaValue i : ((TlaValue.SetValue) e.getValue()).elements()) {
                    s.add(((TlaValue.Int) i).value());
                }
                if (!s.isEmpty()) {
                    m.put(e.getKey(), s);
                }
            }
            return m;
        }

        static SortedSet<String> specNet(StateGraph.State s) {
            SortedSet<String> net = new TreeSet<>();
            for (TlaValue m : ((TlaValue.SetValue) s.get("net")).elements()) {
                TlaValue.Fcn r = (TlaValue.Fcn) m;
                boolean cur = ((TlaValue.Bool) r.field("cur")).value();
                if (r.field("type").asText().equals("ingest")) {
                    net.add(netKey(ingestKey(ids(r.field("slice"))), cur));
                } else {
                    net.add(netKey(replyKey(((TlaValue.Bool) r.field("ok")).value()), cur));
                }
            }
            return net;
        }

        static String ingestKey(SortedMap<String, SortedSet<Long>> slice) {
            return "ingest" + slice;
        }

        static String replyKey(boolean ok) {
            return ok ? "reply(+)" : "reply(-)";
        }

        /** A message's text in the abstraction: its content, marked when it is not of the current attempt. */
        static String netKey(String content, boolean cur) {
            return cur ? content : content + " (stale)";
        }

        /**
         * Whether a Java message travels on the ship connection the source is using now: the source is up, its
         * move is writing the request or waiting for the reply, and the message's ship id is that attempt's (the
         * last {@link Effect.Connect}). Any other connection was closed when its attempt ended (the Java source
         * then ignores what comes on it), which the spec's {@code cur = FALSE} stands for.
         */
        boolean current(World w, Payload m) {
            KevyNode src = w.nodes.get(k.source());
            if (!src.isUp()) {
                return false;
            }
            MoveView mv = src.movesInFlight().get(k.prefix());
            return mv != null && (mv.phase().equals("SENDING") || mv.phase().equals("AWAITING_REPLY"))
                    && m.shipId().equals(w.shipId);
        }

        String netKey(World w, Payload m) {
            return netKey(m.content(), current(w, m));
        }

        /** The first Java message standing for the spec message {@code key}, left in the network, or null. */
        Payload find(World w, String key) {
            for (Payload m : w.net.values()) {
                if (netKey(w, m).equals(key)) {
                    return m;
                }
            }
            return null;
        }

        /**
         * Removes every Java message standing for the spec message {@code key} (the spec's network is a set: one
         * element may stand for several Java copies) and returns the first, or null.
         */
        Payload take(World w, String key) {
            Payload first = find(w, key);
            if (first != null) {
                w.net.values().removeIf(m -> netKey(w, m).equals(key));
            }
            return first;
        }

        /** The spec message a Java INGEST request stands for (untagged): its bulk decoded into key → write ids. */
        String requestKey(List<String> request, List<String> problems) {
            SortedMap<String, SortedSet<Long>> slice = new TreeMap<>();
            for (List<String> frame : movescope.model.store.FrameCodec.decode(request.get(2))) {
                if (frame.size() < 3 || !frame.get(0).equals("RPUSH")) {
                    problems.add("the INGEST carries a frame the abstraction does not know: " + frame);
                    continue;
                }
                SortedSet<Long> s = slice.computeIfAbsent(frame.get(1), x -> new TreeSet<>());
                for (String el : frame.subList(2, frame.size())) {
                    s.add(writeId(el, problems));
                }
            }
            return ingestKey(slice);
        }

        static long writeId(String element, List<String> problems) {
            Matcher m = WRITE_ID.matcher(element);
            if (!m.matches()) {
                problems.add("a list element that is no write id: " + element);
                return -1;
            }
            return Long.parseLong(m.group(1));
        }

        View javaView(World w) {
            List<String> problems = new ArrayList<>();
            SortedMap<String, NodeView> nodes = new TreeMap<>();
            for (String n : k.nodes()) {
                KevyNode node = w.nodes.get(n);
                SortedMap<String, SortedSet<Long>> store = new TreeMap<>();
                String mig;
                if (node.isUp()) {
                    for (String key : k.keys()) {
                        node.read(key, w.now).ifPresent(v -> putIds(store, key, v, problems));
                    }
                    mig = node.migratingSnapshot().containsKey(k.prefix()) ? "migrating"
                            : node.migratedSnapshot().containsKey(k.prefix()) ? "migrated" : "none";
                } else {
                    mig = node.durable().migrating().containsKey(k.prefix()) ? "migrating"
                            : node.durable().migrated().containsKey(k.prefix()) ? "migrated" : "none";
                }
                SortedMap<String, SortedSet<Long>> snap = new TreeMap<>();
                node.durable().snapshot().ifPresent(img -> {
                    for (int i = 0; i < img.shards(); i++) {
                        for (Map.Entry<String, Value> e : img.entries(i).entrySet()) {
                            putIds(snap, e.getKey(), e.getValue(), problems);
                        }
                    }
                });
                // The log a boot replays: the entries after the snapshot's log position (the spec's log).
                List<LogEntry> all = node.durable().log();
                int position = node.durable().snapshot().map(img -> img.logPosition()).orElse(0);
                SortedSet<String> log = new TreeSet<>();
                for (LogEntry e : all.subList(position, all.size())) {
                    List<String> a = e.args();
                    if (e.liveVerdict().equals("drop") && a.size() == 2 && a.get(0).equals("DEL")) {
                        // sliceHandover: a DEL logged under the ingest rule, which every boot replays after the
                        // entries before it and over the snapshot: the spec clears the key from both at once.
                        String key = a.get(1);
                        log.removeIf(entry -> entry.endsWith("@" + key));
                        snap.remove(key);
                        continue;
                    }
                    if (a.size() < 3 || !a.get(0).equals("RPUSH")) {
                        log.add("?" + a);
                        continue;
                    }
                    for (String el : a.subList(2, a.size())) {
                        log.add(writeId(el, problems) + "@" + a.get(1));
                    }
                }
                nodes.put(n, new NodeView(node.isUp(), store, mig, cfgOf(node.config()),
                        node.durable().pendingConfig().map(this::cfgOf).orElse("none|none"),
                        node.durable().ownedByIngest().contains(k.prefix()), snap, log));
            }
            KevyNode src = w.nodes.get(k.source());
            String move = w.moveEnd;
            if (src.isUp()) {
                MoveView m = src.movesInFlight().get(k.prefix());
                if (m != null) {
                    move = switch (m.phase()) {
                        case "CONNECTING", "WAITING_TO_RETRY" -> "started";
                        case "SENDING" -> "stalled";
                        case "AWAITING_REPLY" -> "awaiting";
                        default -> "Java phase " + m.phase();
                    };
                }
            } else if (src.durable().migrating().containsKey(k.prefix())) {
                move = "suspended";
            }
            SortedMap<String, String> outcomes = w.nodes.get(k.target()).durable().ingestOutcomes();
            String outcome = outcomes.isEmpty() ? "none"
                    : outcomes.values().iterator().next().startsWith("+") ? "ok" : "refused";
            SortedSet<String> net = new TreeSet<>();
            for (Payload m : w.net.values()) {
                net.add(netKey(w, m));
            }
            if (!problems.isEmpty()) {
                net.add("abstraction problems: " + problems);
            }
            return new View(nodes, move, outcome, net);
        }

        String cfgOf(NodeConfig c) {
            for (Scope s : c.scopes()) {
                if (s.prefix().equals(k.prefix())) {
                    return s.writer() + "|" + s.fallback().orElse("none");
                }
            }
            return "no scope for " + k.prefix() + " in " + c.scopesString();
        }

        static void putIds(SortedMap<String, SortedSet<Long>> into, String key, Value v, List<String> problems) {
            if (!(v instanceof Value.ListVal l)) {
                problems.add(key + " holds a " + v.typeName() + ", not a list of write ids");
                return;
            }
            SortedSet<Long> s = new TreeSet<>();
            for (String el : l.elements()) {
                s.add(writeId(el, problems));
            }
            if (!s.isEmpty()) {
                into.put(key, s);
            }
        }

        static List<String> diff(View spec, View java) {
            List<String> d = new ArrayList<>();
            for (String n : spec.nodes().keySet()) {
                NodeView a = spec.nodes().get(n);
                NodeView b = java.nodes().get(n);
                cmp(d, "up[" + n + "]", a.up(), b.up());
                cmp(d, "store[" + n + "]", a.store(), b.store());
                cmp(d, "mig[" + n + "]", a.mig(), b.mig());
                cmp(d, "cfg[" + n + "]", a.cfg(), b.cfg());
                cmp(d, "pending[" + n + "]", a.pending(), b.pending());
                cmp(d, "learned[" + n + "]", a.learned(), b.learned());
                cmp(d, "snap[" + n + "]", a.snap(), b.snap());
                cmp(d, "log[" + n + "]", a.log(), b.log());
            }
            cmp(d, "move", spec.move(), java.move());
            cmp(d, "ingestOutcome", spec.ingestOutcome(), java.ingestOutcome());
            cmp(d, "net", spec.net(), java.net());
            return d;
        }

        static void cmp(List<String> d, String what, Object spec, Object java) {
            if (!spec.equals(java)) {
                d.add(what + ": spec " + spec + ", Java " + java);
            }
        }

        String brief(StateGraph.State s) {
            View v = specView(s);
            StringBuilder sb = new StringBuilder("[move ").append(v.move());
            v.nodes().forEach((n, nv) -> sb.append(", ").append(n).append(nv.up() ? " up" : " down").append(" mig ")
                    .append(nv.mig()).append(" cfg ").append(nv.cfg()).append(" store ").append(nv.store())
                    .append(" log ").append(nv.log()).append(" snap ").append(nv.snap()));
            return sb.append(", net ").append(v.net()).append("]").toString();
        }

        static String verdictOf(WriteVerdict v) {
            if (v instanceof WriteVerdict.Accept) {
                return "accepted";
            }
            if (v instanceof WriteVerdict.Quiesced) {
                return "QUIESCED";
            }
            if (v instanceof WriteVerdict.Misdirected) {
                return "MISDIRECTED";
            }
            return "verdict " + v;
        }

        static Map<String, TlaValue> byText(TlaValue f) {
            Map<String, TlaValue> m = new LinkedHashMap<>();
            for (Map.Entry<TlaValue, TlaValue> e : f.asFunction().entrySet()) {
                m.put(e.getKey().asText(), e.getValue());
            }
            return m;
        }

        static List<String> texts(TlaValue set) {
            List<String> out = new ArrayList<>();
            for (TlaValue v : ((TlaValue.SetValue) set).ordered()) {
                out.add(v.asText());
            }
            return out;
        }
    }
}
