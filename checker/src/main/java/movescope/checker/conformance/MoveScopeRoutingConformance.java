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
import movescope.model.migration.AtomicMigrationTable;
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
 * Shows the Java write path ({@link WriteRouter}) equal to specs/MoveScope's {@code Route(n)} in every
 * reachable state of a MoveScope MC config: the part of the protocol that {@code KevyNode} delegates to
 * the router, checked where the spec states it directly.
 *
 * <p>TLC explores the config with its invariants removed (so a {@code _bug} config's graph is complete too)
 * and prints, for every distinct state, {@code mig}, {@code cfg}, {@code view}, {@code learned} and the
 * spec's own {@code Route(n)} for every node. For every node of every state, a Java {@link RoutingContext} is
 * built from that node's part of the state — node id, all nodes as peers, the one scope
 * {@code (Prefix, cfg[n].writer, cfg[n].fallback)}, a migration table holding {@code Prefix} as
 * MIGRATING or MIGRATED from Source to Target, the DOWN view as {@code isDown} — and
 * {@code WriteRouter.route(ctx, SET k v)} must give the spec's verdict (accepted = Accept OWNED, QUIESCED
 * to Target, MISDIRECTED to the same node) for every key. Nodes that own the prefix by
 * {@code learned} (the OwnershipOnIngest remedy, which kevy 5.4 and the Java router do not have) are
 * counted as skipped, not compared. Edges are not replayed here: {@code KevyNode.step} has no
 * one-to-one counterpart in this abstract spec.
 */
public final class MoveScopeRoutingConformance {
    static final int MAX_MESSAGES = 20;

    private MoveScopeRoutingConformance() {
    }

    /**
     * A routing comparison result.
     *
     * @param config     the MC config replayed
     * @param states     distinct states TLC found (and printed a probe for)
     * @param compared   (state, node, key) routing decisions compared
     * @param skipped    (state, node) pairs skipped because the node owns the prefix by {@code learned}
     * @param failures   disagreements (first few)
     * @param failureCount all disagreements
     * @param verdicts   how many compared decisions were accepted / QUIESCED / MISDIRECTED (coverage)
     */
    public record Report(String config, long states, long compared, long skipped, List<String> failures,
            long failureCount, Map<String, Long> verdicts) {
        public boolean ok() {
            return failureCount == 0 && states > 0 && compared > 0;
        }

        public String summary() {
            return config + ": " + (ok() ? "AGREES" : "DISAGREES") + " — states " + states + ", decisions compared "
                    + compared + " " + verdicts + ", node-states skipped (learned) " + skipped + ", failures "
                    + failureCount + (failures.isEmpty() ? "" : "\n  " + String.join("\n  ", failures));
        }
    }

    /** Dumps {@code config} and compares every routing decision. */
    public static Report check(TlcRunner runner, Path specDir, String config, Supplier<MigrationTable> tables) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("movescope-routing-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            GraphDump dump = GraphDumper.dump(runner, specDir, "MCMoveScope", config,
                    Optional.of("<<\"movescope-constants\", Nodes, Source, Target, Prefix, Keys>>"),
                    "<<\"movescope-probe\", mig, cfg, view, learned, [n \\in Nodes |-> Route(n)]>>", true, scratch);
            return compare(config, dump, tables);
        } finally {
            MigrationTableConformance.deleteTree(scratch);
        }
    }

    static Report compare(String config, GraphDump dump, Supplier<MigrationTable> tables) {
        List<String> failures = new ArrayList<>();
        long failureCount = 0;
        TreeMap<String, Long> verdicts = new TreeMap<>();
        if (dump.tlc().outcome() != Outcome.PASS) {
            failures.add("TLC did not explore the whole graph: " + dump.tlc().outcome() + " " + dump.tlc().message()
                    + " (log " + dump.tlc().rawLog() + ")");
            return new Report(config, 0, 0, 0, failures, 1, verdicts);
        }
        List<String> nodes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        String source = null;
        String target = null;
        String prefix = null;
        long states = 0;
        long compared = 0;
        long skipped = 0;
        for (TlaValue v : dump.printed()) {
            List<TlaValue> t = ((TlaValue.Seq) v).elements();
            String tag = t.get(0).asText();
            if (tag.equals("movescope-constants")) {
                for (TlaValue n : ((TlaValue.SetValue) t.get(1)).ordered()) {
                    nodes.add(n.asText());
                }
                source = t.get(2).asText();
                target = t.get(3).asText();
                prefix = t.get(4).asText();
                for (TlaValue k : ((TlaValue.SetValue) t.get(5)).ordered()) {
                    keys.add(k.asText());
                }
                continue;
            }
            states++;
            Map<TlaValue, TlaValue> mig = t.get(1).asFunction();
            Map<TlaValue, TlaValue> cfg = t.get(2).asFunction();
            Map<TlaValue, TlaValue> view = t.get(3).asFunction();
            Map<TlaValue, TlaValue> learned = t.get(4).asFunction();
            Map<TlaValue, TlaValue> route = t.get(5).asFunction();
            for (String n : nodes) {
                TlaValue nv = new TlaValue.Str(n);
                if (learned.get(nv).equals(new TlaValue.Bool(true))) {
                    skipped++;
                    continue;
                }
                TlaValue.Fcn c = (TlaValue.Fcn) cfg.get(nv);
                String writer = c.field("writer").asText();
                String fallback = c.field("fallback").asText();
                Map<TlaValue, TlaValue> viewN = view.get(nv).asFunction();
                MigrationTable table = tables.get();
                String m = mig.get(nv).asText();
                if (m.equals("migrating") || m.equals("migrated")) {
                    table.start(prefix, source, target);
                    if (m.equals("migrated")) {
                        table.commit(prefix);
                    }
                }
                OwnershipTable own;
                try {
                    own = OwnershipTable.build(List.of(fallback.equals("none") ? Scope.of(prefix, writer)
                            : Scope.of(prefix, writer, fallback)));
                } catch (ScopeConfigException e) {
                    failures.add("state " + states + " node " + n + ": Java rejects the scope: " + e.getMessage());
                    failureCount++;
                    continue;
                }
                List<Peer> peers = new ArrayList<>();
                int i = 1;
                for (String p : nodes) {
                    peers.add(new Peer(p, "10.0.0." + i++, 16100, 6004));
                }
                RoutingContext ctx = new RoutingContext(Optional.of(n), Peers.of(peers), own, table, Optional.empty(),
                        p -> viewN.get(new TlaValue.Str(p)).asText().equals("down"));
                TlaValue.Fcn want = (TlaValue.Fcn) route.get(nv);
                String wantV = want.field("v").asText();
                String wantTo = want.field("to").asText();
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
                        failureCount++;
                        if (failures.size() < MAX_MESSAGES) {
                            failures.add("state #" + states + " node " + n + " key " + k + " [mig " + m + ", cfg " + c
                                    + ", view " + view.get(nv) + "]: spec Route = " + wantV + " " + wantTo
                                    + ", Java WriteRouter = " + got);
                        }
                    }
                }
            }
        }
        if (states != dump.tlc().distinctStates()) {
            failureCount++;
            failures.add("TLC printed " + states + " probes but found " + dump.tlc().distinctStates() + " states");
        }
        return new Report(config, states, compared, skipped, failures, failureCount, verdicts);
    }
}
