package movescope.checker.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import movescope.checker.graph.GraphDump;
import movescope.checker.graph.GraphDumper;
import movescope.checker.graph.StateGraph;
import movescope.checker.tla.TlaValue;
import movescope.checker.tlc.Outcome;
import movescope.checker.tlc.TlcRunner;
import movescope.model.migration.MigrationError;
import movescope.model.migration.MigrationState;
import movescope.model.migration.MigrationTable;

/**
 * Shows a Java {@link MigrationTable} equal to {@code specs/MigrationTable} on every reachable transition.
 *
 * <p>TLC dumps the whole state graph of the MC model. For every state, a fresh Java table is put into that
 * state through its own API (start + commit for MIGRATED entries, start for MIGRATING ones), its
 * snapshots must equal the state, and {@code matchMigrating}/{@code matchMigrated} must agree with the
 * spec's {@code MatchMigrating(k)}/{@code MatchMigrated(k)} — evaluated by TLC itself — for every probe key
 * in {@code Keys}. For every edge, the action label names the operation and {@code last} in the successor
 * gives its arguments and result; the Java table built in the source state performs the call, and its
 * result and both snapshots afterwards must equal the spec's. Finally, completeness: every call the Java
 * API accepts from a state ({@code start(p,f,t)}, {@code commit(p)}, {@code abort(p)} for all constants) must
 * be a transition of the spec from that state, and the dump must hold exactly the states and transitions
 * TLC counted.
 */
public final class MigrationTableConformance {
    static final int MAX_MESSAGES = 20;
    private static final String NONE = "none";
    private static final String DASH = "-";

    private final Supplier<MigrationTable> factory;
    /** Kinds of disagreement, in the order the report lists them (most telling first). */
    private enum Kind { GRAPH, EDGE, QUERY, BUILD, COMPLETENESS }

    private final Map<Kind, List<String>> failures = new EnumMap<>(Kind.class);
    private long failureCount;

    private MigrationTableConformance(Supplier<MigrationTable> factory) {
        this.factory = factory;
    }

    /** Dumps {@code specDir}'s graph with TLC and replays it. */
    public static ConformanceReport check(TlcRunner runner, Path specDir, String mcModule, String mcConfig,
            Supplier<MigrationTable> factory) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("movescope-conformance-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return replay(mcModule + " + " + mcConfig, dump(runner, specDir, mcModule, mcConfig, scratch), factory);
        } finally {
            deleteTree(scratch);
        }
    }

    /**
     * Has TLC dump the graph with the probes this replay needs: the constants once, and for every state
     * {@code <<"movescope-probe", migrating, migrated, [k \in Keys |-> <<MatchMigrating(k), MatchMigrated(k)>>]>>}.
     */
    public static GraphDump dump(TlcRunner runner, Path specDir, String mcModule, String mcConfig, Path scratch) {
        return GraphDumper.dump(runner, specDir, mcModule, mcConfig,
                Optional.of("<<\"movescope-constants\", Prefixes, Nodes, Keys>>"),
                "<<\"movescope-probe\", migrating, migrated, "
                        + "[k \\in Keys |-> <<MatchMigrating(k), MatchMigrated(k)>>]>>",
                scratch);
    }

    /** Replays an already dumped graph (exposed so tests can feed a tampered graph). */
    public static ConformanceReport replay(String spec, GraphDump dump, Supplier<MigrationTable> factory) {
        return new MigrationTableConformance(factory).run(spec, dump);
    }

    /** The Java view of one spec state. */
    private record Tables(SortedMap<String, MigrationState> migrating, SortedMap<String, MigrationState> migrated) {
    }

    private ConformanceReport run(String spec, GraphDump dump) {
        double secs = dump.tlc().seconds();
        if (dump.tlc().outcome() != Outcome.PASS) {
            fail(Kind.GRAPH, () -> "TLC did not explore the whole graph: " + dump.tlc().outcome()
                    + (dump.tlc().violated() == null ? "" : " of " + dump.tlc().violated())
                    + (dump.tlc().message() == null ? "" : ": " + dump.tlc().message()) + " (log " + dump.tlc().rawLog()
                    + ")");
            return report(spec, 0, 0, 0, 0, 0, 0, secs);
        }
        StateGraph g = dump.graph();
        // The dump must be the whole graph TLC counted: every distinct state, every generated transition.
        long initial = g.states().values().stream().filter(StateGraph.State::initial).count();
        if (g.states().size() != dump.tlc().distinctStates()) {
            fail(Kind.GRAPH, () -> "the dump has " + g.states().size() + " states but TLC found " + dump.tlc().distinctStates());
        }
        if (g.edges().size() != dump.tlc().statesGenerated() - initial) {
            fail(Kind.GRAPH, () -> "the dump has " + g.edges().size() + " transitions but TLC generated "
                    + (dump.tlc().statesGenerated() - initial) + " successor states");
        }

        // Constants and per-state probes, as TLC evaluated them.
        List<String> prefixes = new ArrayList<>();
        List<String> nodes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        Map<Tables, Map<String, String[]>> probes = new HashMap<>();
        for (TlaValue v : dump.printed()) {
            List<TlaValue> t = ((TlaValue.Seq) v).elements();
            String tag = t.get(0).asText();
            if (tag.equals("movescope-constants")) {
                prefixes.addAll(texts(t.get(1)));
                nodes.addAll(texts(t.get(2)));
                keys.addAll(texts(t.get(3)));
            } else if (tag.equals("movescope-probe")) {
                Map<String, String[]> byKey = new TreeMap<>();
                for (Map.Entry<TlaValue, TlaValue> e : t.get(3).asFunction().entrySet()) {
                    List<TlaValue> pair = ((TlaValue.Seq) e.getValue()).elements();
                    byKey.put(e.getKey().asText(), new String[] {pair.get(0).asText(), pair.get(1).asText()});
                }
                probes.put(new Tables(toMap(t.get(1)), toMap(t.get(2))), byKey);
            }
        }
        if (prefixes.isEmpty() || nodes.isEmpty()) {
            fail(Kind.GRAPH, () -> "TLC printed no constants (Prefixes, Nodes): the probe wrapper did not run");
        }

        Map<String, Tables> views = new HashMap<>();
        long statesAgreed = 0;
        long queries = 0;
        for (StateGraph.State s : g.states().values()) {
            Tables want = new Tables(toMap(s.get("migrating")), toMap(s.get("migrated")));
            views.put(s.id(), want);
            long before = failureCount;
            Optional<MigrationTable> table = build(want, () -> "state " + s.id());
            if (table.isEmpty()) {
                continue;
            }
            Map<String, String[]> probe = probes.get(want);
            if (probe == null) {
                fail(Kind.QUERY, () -> "state " + s.id() + " " + show(want) + ": TLC printed no probe for it");
                continue;
            }
            if (!probe.keySet().equals(new TreeSet<>(keys))) {
                fail(Kind.QUERY, () -> "state " + s.id() + ": probe keys " + probe.keySet() + " differ from Keys " + keys);
            }
            for (Map.Entry<String, String[]> e : probe.entrySet()) {
                String k = e.getKey();
                queries += 2;
                Optional<MigrationState> wantMigrating = lookup(want.migrating(), e.getValue()[0]);
                Optional<MigrationState> wantMigrated = lookup(want.migrated(), e.getValue()[1]);
                Optional<MigrationState> gotMigrating = table.get().matchMigrating(k);
                Optional<MigrationState> gotMigrated = table.get().matchMigrated(k);
                if (!gotMigrating.equals(wantMigrating)) {
                    fail(Kind.QUERY, () -> "state " + s.id() + " " + show(want) + ": matchMigrating(\"" + k + "\") = " + gotMigrating
                            + " but MatchMigrating(\"" + k + "\") = \"" + e.getValue()[0] + "\" → " + wantMigrating);
                }
                if (!gotMigrated.equals(wantMigrated)) {
                    fail(Kind.QUERY, () -> "state " + s.id() + " " + show(want) + ": matchMigrated(\"" + k + "\") = " + gotMigrated
                            + " but MatchMigrated(\"" + k + "\") = \"" + e.getValue()[1] + "\" → " + wantMigrated);
                }
            }
            if (failureCount == before) {
                statesAgreed++;
            }
        }

        long edgesAgreed = 0;
        Map<String, Set<String>> callsByState = new HashMap<>();
        for (StateGraph.Edge e : g.edges()) {
            long before = failureCount;
            String call = replayEdge(e, g, views);
            if (call != null) {
                callsByState.computeIfAbsent(e.from(), x -> new HashSet<>()).add(call);
            }
            if (failureCount == before) {
                edgesAgreed++;
            }
        }

        // Completeness: the spec must offer every call the Java API accepts, from every state.
        long covered = 0;
        for (StateGraph.State s : g.states().values()) {
            Set<String> have = callsByState.getOrDefault(s.id(), Set.of());
            for (String p : prefixes) {
                List<String> calls = new ArrayList<>();
                for (String f : nodes) {
                    for (String t : nodes) {
                        calls.add(callKey("Start", p, f, t));
                    }
                }
                calls.add(callKey("Commit", p, DASH, DASH));
                calls.add(callKey("Abort", p, DASH, DASH));
                for (String c : calls) {
                    if (have.contains(c)) {
                        covered++;
                    } else {
                        fail(Kind.COMPLETENESS, () -> "state " + s.id() + " " + show(views.get(s.id())) + ": the spec has no transition for "
                                + c + ", which the Java table accepts");
                    }
                }
            }
        }
        return report(spec, g.states().size(), g.edges().size(), statesAgreed, edgesAgreed, queries, covered, secs);
    }

    /** Replays one edge; returns the call it represents (for completeness), or null if unreadable. */
    private String replayEdge(StateGraph.Edge e, StateGraph g, Map<String, Tables> views) {
        StateGraph.State to = g.states().get(e.to());
        Tables src = views.get(e.from());
        Tables dst = views.get(e.to());
        TlaValue.Fcn last = (TlaValue.Fcn) to.get("last");
        String op = last.field("op").asText();
        String p = last.field("prefix").asText();
        String f = last.field("from").asText();
        String t = last.field("to").asText();
        String result = last.field("result").asText();
        // Built only when something disagrees: 200k+ edges must replay quickly.
        Supplier<String> name = () -> "edge " + e.from() + " -" + e.action() + "(\"" + p + "\""
                + (e.action().equals("Start") ? ", \"" + f + "\", \"" + t + "\"" : "") + ")-> " + e.to()
                + " from " + show(src);
        if (!op.equals(e.action())) {
            fail(Kind.EDGE, () -> name.get() + ": the action label says " + e.action() + " but last.op is " + op);
            return null;
        }
        Optional<MigrationTable> built = build(src, () -> name.get() + " (source state)");
        if (built.isEmpty()) {
            return null;
        }
        MigrationTable table = built.get();
        String call;
        switch (e.action()) {
            case "Start" -> {
                Optional<MigrationError> r = table.start(p, f, t);
                String got = r.map(MigrationTableConformance::resultWord).orElse("ok");
                if (!got.equals(result)) {
                    fail(Kind.EDGE, () -> name.get() + ": Java start returned " + got + " but the spec's result is " + result);
                }
                call = callKey("Start", p, f, t);
            }
            case "Commit", "Abort" -> {
                Optional<MigrationState> r = e.action().equals("Commit") ? table.commit(p) : table.abort(p);
                Optional<MigrationState> want = result.equals("ok") ? Optional.of(new MigrationState(f, t))
                        : Optional.empty();
                if (!result.equals("ok") && !(result.equals(NONE) && f.equals(DASH) && t.equals(DASH))) {
                    fail(Kind.EDGE, () -> name.get() + ": the spec's result " + result + " (" + f + ", " + t + ") is not ok or none");
                } else if (!r.equals(want)) {
                    fail(Kind.EDGE, () -> name.get() + ": Java " + e.action().toLowerCase(Locale.ROOT) + " returned " + r
                            + " but the spec's result is " + result + (want.map(w -> " " + w).orElse("")));
                }
                call = callKey(e.action(), p, DASH, DASH);
            }
            default -> {
                fail(Kind.EDGE, () -> name.get() + ": unknown action " + e.action() + " (expected Start, Commit or Abort)");
                return null;
            }
        }
        SortedMap<String, MigrationState> gotMigrating = table.migratingSnapshot();
        SortedMap<String, MigrationState> gotMigrated = table.migratedSnapshot();
        if (!gotMigrating.equals(dst.migrating())) {
            fail(Kind.EDGE, () -> name.get() + ": Java MIGRATING after is " + gotMigrating + " but the spec's is " + dst.migrating());
        }
        if (!gotMigrated.equals(dst.migrated())) {
            fail(Kind.EDGE, () -> name.get() + ": Java MIGRATED after is " + gotMigrated + " but the spec's is " + dst.migrated());
        }
        return call;
    }

    /** A fresh Java table in the given state, built only through the public API; empty (and a failure) if impossible. */
    private Optional<MigrationTable> build(Tables want, Supplier<String> where) {
        MigrationTable t = factory.get();
        for (Map.Entry<String, MigrationState> e : want.migrated().entrySet()) {
            Optional<MigrationError> r = t.start(e.getKey(), e.getValue().from(), e.getValue().to());
            Optional<MigrationState> c = t.commit(e.getKey());
            if (r.isPresent() || !c.equals(Optional.of(e.getValue()))) {
                fail(Kind.BUILD, () -> where.get() + " " + show(want) + ": cannot build it in Java: start+commit(\"" + e.getKey() + "\") gave "
                        + r + " / " + c);
                return Optional.empty();
            }
        }
        for (Map.Entry<String, MigrationState> e : want.migrating().entrySet()) {
            Optional<MigrationError> r = t.start(e.getKey(), e.getValue().from(), e.getValue().to());
            if (r.isPresent()) {
                fail(Kind.BUILD, () -> where.get() + " " + show(want) + ": cannot build it in Java: start(\"" + e.getKey() + "\") refused "
                        + r.get());
                return Optional.empty();
            }
        }
        if (!t.migratingSnapshot().equals(want.migrating()) || !t.migratedSnapshot().equals(want.migrated())) {
            fail(Kind.BUILD, () -> where.get() + " " + show(want) + ": built in Java as MIGRATING " + t.migratingSnapshot() + ", MIGRATED "
                    + t.migratedSnapshot());
            return Optional.empty();
        }
        return Optional.of(t);
    }

    private static Optional<MigrationState> lookup(SortedMap<String, MigrationState> map, String prefix) {
        if (prefix.equals(NONE)) {
            return Optional.empty();
        }
        MigrationState st = map.get(prefix);
        if (st == null) {
            // The spec named a prefix that is not in its own map: report it through a value that cannot match.
            return Optional.of(new MigrationState("<spec names absent prefix \"" + prefix + "\">", "?"));
        }
        return Optional.of(st);
    }

    static String resultWord(MigrationError e) {
        return switch (e) {
            case ALREADY_MIGRATING -> "AlreadyMigrating";
            case ALREADY_MIGRATED -> "AlreadyMigrated";
        };
    }

    private static String callKey(String op, String p, String f, String t) {
        return op + "(\"" + p + "\"" + (op.equals("Start") ? ", \"" + f + "\", \"" + t + "\"" : "") + ")";
    }

    private static SortedMap<String, MigrationState> toMap(TlaValue v) {
        SortedMap<String, MigrationState> m = new TreeMap<>();
        for (Map.Entry<TlaValue, TlaValue> e : v.asFunction().entrySet()) {
            TlaValue.Fcn st = (TlaValue.Fcn) e.getValue();
            m.put(e.getKey().asText(), new MigrationState(st.field("from").asText(), st.field("to").asText()));
        }
        return m;
    }

    private static List<String> texts(TlaValue set) {
        List<String> out = new ArrayList<>();
        for (TlaValue v : ((TlaValue.SetValue) set).ordered()) {
            out.add(v.asText());
        }
        return out;
    }

    private static String show(Tables t) {
        return t == null ? "(unknown state)" : "[MIGRATING " + t.migrating() + ", MIGRATED " + t.migrated() + "]";
    }

    /** Counts a disagreement; the message is built only for the first few of each kind (there can be 100k+). */
    private void fail(Kind kind, Supplier<String> message) {
        failureCount++;
        List<String> list = failures.computeIfAbsent(kind, k -> new ArrayList<>());
        if (list.size() < MAX_MESSAGES) {
            list.add(message.get());
        }
    }

    private ConformanceReport report(String spec, long states, long edges, long statesAgreed, long edgesAgreed,
            long queries, long covered, double secs) {
        List<String> first = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (String m : failures.getOrDefault(k, List.of())) {
                if (first.size() < MAX_MESSAGES) {
                    first.add(m);
                }
            }
        }
        return new ConformanceReport(spec, states, edges, statesAgreed, edgesAgreed, queries, covered, failureCount,
                first, secs);
    }

    static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(q -> {
                try {
                    Files.deleteIfExists(q);
                } catch (IOException ignored) {
                    // Best effort: a leftover scratch folder is harmless.
                }
            });
        } catch (IOException ignored) {
            // Same.
        }
    }
}
