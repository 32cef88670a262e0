package movescope.checker.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import movescope.checker.graph.GraphDump;
import movescope.checker.graph.GraphDumper;
import movescope.checker.tla.TlaValue;
import movescope.checker.tlc.Outcome;
import movescope.checker.tlc.TlcRunner;
import movescope.model.migration.MigrationTable;
import movescope.model.routing.AcceptReason;
import movescope.model.routing.Peer;
import movescope.model.routing.Peers;
import movescope.model.routing.RoutingContext;
import movescope.model.routing.WriteRouter;
import movescope.model.routing.WriteVerdict;
import movescope.model.scope.OwnershipTable;
import movescope.model.scope.Scope;
import movescope.model.scope.ScopeConfigException;

/**
 * Shows the Java write path ({@link WriteRouter}) equal to specs/MoveScope's {@code RouteWith} — the part of
 * the protocol that {@code KevyNode} delegates to the router, compared where the spec states it directly.
 *
 * <p>For a node {@code n} in a spec state, a Java {@link RoutingContext} is built from that node's part of the
 * state — node id, all nodes as peers, the one scope {@code (Prefix, cfg.writer, cfg.fallback)}, a migration
 * table holding {@code Prefix} as MIGRATING or MIGRATED from Source to Target, the DOWN view as
 * {@code isDown} — and {@code WriteRouter.route(ctx, SET k v)} must give the spec's verdict (accepted = Accept
 * OWNED, QUIESCED to Target, MISDIRECTED to the same node) for every key. Two ways to get the cases:
 * <ul>
 * <li>{@link #reachable}: TLC explores the config (invariants removed, so even a {@code _bug} config is
 *     explored completely) and prints {@code mig, cfg, view, learned, [n |-> Route(n)]} for every distinct
 *     state: every reachable routing decision.</li>
 * <li>{@link #domain}: for a config whose state space is too big to print (the fallback config has 859k
 *     states), an {@code ASSUME} prints {@code RouteWith} over its whole input domain as the spec can reach
 *     it: every node, {@code mig ∈ {none, migrating, migrated}}, {@code cfg ∈ {InitCfg, NewCfg}}, every DOWN
 *     view in which the node does not see itself DOWN (kevy never counts itself; the spec's views never do
 *     either, and the Java router, like kevy's, leaves that rule to the view), {@code learned = FALSE}.</li>
 * </ul>
 * Nodes that own the prefix by {@code learned} (the OwnershipOnIngest remedy, which kevy 5.4 and the Java
 * router do not have) are counted as skipped, not compared. This class compares the routing function only;
 * the spec's edges are replayed against {@code KevyNode.step} by {@link MoveScopeTransitionConformance}.
 */
public final class MoveScopeRoutingConformance {
    static final int MAX_MESSAGES = 20;
    private static final String CONSTANTS = "<<\"movescope-constants\", Nodes, Source, Target, Prefix, Keys>>";

    private MoveScopeRoutingConformance() {
    }

    /**
     * A routing comparison result.
     *
     * @param config       the MC config used
     * @param states       distinct states TLC found (reachable mode) or domain points (domain mode)
     * @param compared     (state, node, key) routing decisions compared
     * @param skipped      (state, node) pairs skipped because the node owns the prefix by {@code learned}
     * @param failures     the first disagreements
     * @param failureCount all disagreements
     * @param verdicts     compared decisions per spec verdict (coverage: all three must occur)
     */
    public record Report(String config, long states, long compared, long skipped, List<String> failures,
            long failureCount, Map<String, Long> verdicts) {
        public Report {
            failures = List.copyOf(failures);
            verdicts = Map.copyOf(verdicts);
        }

        public boolean ok() {
            return failureCount == 0 && states > 0 && compared > 0;
        }

        public String summary() {
            return config + ": " + (ok() ? "AGREES" : "DISAGREES") + " — states " + states + ", decisions compared "
                    + compared + " " + new TreeMap<>(verdicts) + ", node-states skipped (learned) " + skipped
                    + ", failures " + failureCount + (failures.isEmpty() ? "" : "\n  " + String.join("\n  ", failures));
        }
    }

    /** Every routing decision of every reachable state of {@code config}. */
    public static Report reachable(TlcRunner runner, Path specDir, String config, Supplier<MigrationTable> tables) {
        GraphDump dump = dump(runner, specDir, config,
                "<<\"movescope-probe\", mig, cfg, view, learned, [n \\in Nodes |-> Route(n)]>>", true);
        Checker c = new Checker(tables);
        if (dump.tlc().outcome() != Outcome.PASS) {
            c.fail("TLC did not explore the whole graph: " + dump.tlc().outcome() + " " + dump.tlc().message()
                    + " (log " + dump.tlc().rawLog() + ")");
            return c.report(config, 0);
        }
        long states = 0;
        for (TlaValue v : dump.printed()) {
            List<TlaValue> t = ((TlaValue.Seq) v).elements();
            if (c.constants(t)) {
                continue;
            }
            states++;
            for (String n : c.nodes) {
                TlaValue nv = new TlaValue.Str(n);
                c.compare("state #" + states, n, t.get(1).asFunction().get(nv).asText(),
                        (TlaValue.Fcn) t.get(2).asFunction().get(nv), t.get(3).asFunction().get(nv).asFunction(),
                        t.get(4).asFunction().get(nv), (TlaValue.Fcn) t.get(5).asFunction().get(nv));
            }
        }
        if (states != dump.tlc().distinctStates()) {
            c.fail("TLC printed " + states + " state probes but found " + dump.tlc().distinctStates() + " states");
        }
        return c.report(config, states);
    }

    /** {@code RouteWith} over its reachable input domain under {@code config}'s constants (no exploration needed). */
    public static Report domain(TlcRunner runner, Path specDir, String config, Supplier<MigrationTable> tables) {
        // A set map's bounds cannot depend on each other, hence the UNION over nodes.
        String domain = "<<\"movescope-domain\", UNION {{<<n, m, c, v, RouteWith(n, m, c, v, FALSE)>> :"
                + " m \\in {None, \"migrating\", \"migrated\"}, c \\in {InitCfg, NewCfg},"
                + " v \\in {f \\in [Nodes -> {\"up\", \"down\"}] : f[n] = \"up\"}} : n \\in Nodes}>>";
        GraphDump dump = dump(runner, specDir, config, domain, false);
        Checker c = new Checker(tables);
        if (dump.tlc().outcome() == Outcome.ERROR) {
            c.fail("TLC failed: " + dump.tlc().errorKind() + " " + dump.tlc().message() + " (log " + dump.tlc().rawLog()
                    + ")");
            return c.report(config, 0);
        }
        long points = 0;
        for (TlaValue v : dump.printed()) {
            // The ASSUME prints <<constants, <<"movescope-domain", {...}>>>>; the per-state probe prints TRUE.
            if (!(v instanceof TlaValue.Seq outer) || !(outer.elements().get(0) instanceof TlaValue.Seq)) {
                continue;
            }
            c.constants(((TlaValue.Seq) outer.elements().get(0)).elements());
            List<TlaValue> t = ((TlaValue.Seq) outer.elements().get(1)).elements();
            for (TlaValue p : ((TlaValue.SetValue) t.get(1)).ordered()) {
                List<TlaValue> e = ((TlaValue.Seq) p).elements();
                points++;
                c.compare("domain point " + p, e.get(0).asText(), e.get(1).asText(), (TlaValue.Fcn) e.get(2),
                        e.get(3).asFunction(), new TlaValue.Bool(false), (TlaValue.Fcn) e.get(4));
            }
        }
        if (points == 0) {
            c.fail("TLC printed no domain probe (log " + dump.tlc().rawLog() + ")");
        }
        return c.report(config, points);
    }

    private static GraphDump dump(TlcRunner runner, Path specDir, String config, String probe, boolean perState) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("movescope-routing-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // Per-state probes need complete exploration (checks dropped); the domain probe is an ASSUME, printed
            // before checking starts, so the config's own checks may stop TLC early and save time.
            return GraphDumper.dump(runner, specDir, "MCMoveScope", config,
                    Optional.of(perState ? CONSTANTS : "<<" + CONSTANTS + ", " + probe + ">>"),
                    perState ? probe : "TRUE", perState, false, scratch);
        } finally {
            MigrationTableConformance.deleteTree(scratch);
        }
    }

    /** Holds the constants and the tallies; compares one (node, state) case. */
    private static final class Checker {
        final Supplier<MigrationTable> tables;
        final List<String> nodes = new ArrayList<>();
        final List<String> keys = new ArrayList<>();
        String source;
        String target;
        String prefix;
        final List<String> failures = new ArrayList<>();
        long failureCount;
        long compared;
        long skipped;
        final Map<String, Long> verdicts = new TreeMap<>();

        Checker(Supplier<MigrationTable> tables) {
            this.tables = tables;
        }

        /** Reads the constants tuple; false if {@code t} is not one. */
        boolean constants(List<TlaValue> t) {
            if (!t.get(0).asText().equals("movescope-constants")) {
                return false;
            }
            for (TlaValue n : ((TlaValue.SetValue) t.get(1)).ordered()) {
                nodes.add(n.asText());
            }
            source = t.get(2).asText();
            target = t.get(3).asText();
            prefix = t.get(4).asText();
            for (TlaValue k : ((TlaValue.SetValue) t.get(5)).ordered()) {
                keys.add(k.asText());
            }
            return true;
        }

        void compare(String where, String n, String mig, TlaValue.Fcn cfg, Map<TlaValue, TlaValue> view,
                TlaValue learned, TlaValue.Fcn route) {
            if (learned.equals(new TlaValue.Bool(true))) {
                skipped++;
                return;
            }
            String writer = cfg.field("writer").asText();
            String fallback = cfg.field("fallback").asText();
            MigrationTable table = tables.get();
            if (mig.equals("migrating") || mig.equals("migrated")) {
                table.start(prefix, source, target);
                if (mig.equals("migrated")) {
                    table.commit(prefix);
                }
            }
            OwnershipTable own;
            try {
                own = OwnershipTable.build(List.of(fallback.equals("none") ? Scope.of(prefix, writer)
                        : Scope.of(prefix, writer, fallback)));
            } catch (ScopeConfigException e) {
                fail(where + " node " + n + ": Java rejects the scope: " + e.getMessage());
                return;
            }
            List<Peer> peers = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                peers.add(new Peer(nodes.get(i), "10.0.0." + (i + 1), 16100, 6004));
            }
            RoutingContext ctx = new RoutingContext(Optional.of(n), Peers.of(peers), own, table, Optional.empty(),
                    p -> view.get(new TlaValue.Str(p)).asText().equals("down"));
            String wantV = route.field("v").asText();
            String wantTo = route.field("to").asText();
            for (String k : keys) {
                WriteVerdict got = WriteRouter.route(ctx, List.of("SET", k, "v"));
                compared++;
                verdicts.merge(wantV, 1L, Long::sum);
                boolean agree = switch (wantV) {
                    case "accepted" -> got.equals(new WriteVerdict.Accept(AcceptReason.OWNED));
                    case "QUIESCED" -> got instanceof WriteVerdict.Quiesced q && q.to().equals(wantTo);
                    case "MISDIRECTED" -> got instanceof WriteVerdict.Misdirected d && d.writer().equals(wantTo);
                    default -> false;
                };
                if (!agree) {
                    fail(where + " node " + n + " key " + k + " [mig " + mig + ", cfg " + cfg + ", view " + view
                            + "]: spec Route = " + wantV + " " + wantTo + ", Java WriteRouter = " + got);
                }
            }
        }

        void fail(String message) {
            failureCount++;
            if (failures.size() < MAX_MESSAGES) {
                failures.add(message);
            }
        }

        Report report(String config, long states) {
            return new Report(config, states, compared, skipped, failures, failureCount, verdicts);
        }
    }
}
