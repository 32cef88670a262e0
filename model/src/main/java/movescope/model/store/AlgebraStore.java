package movescope.model.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code *STORE} family as kevy 5.4 runs it: ZINTERSTORE, ZUNIONSTORE, ZDIFFSTORE, SINTERSTORE, SUNIONSTORE
 * and SDIFFSTORE (kevy has no ZRANGESTORE: {@code crates/kevy/src/cmd_class.rs:68-73},
 * {@code cmd_resolve.rs:167-172}). They are not dispatcher commands — {@link Store#execute} answers them
 * {@code ERR unknown command}, as kevy's dispatcher does for a short form, a log replay or an ingest frame — but a
 * two-step runtime op ({@code crates/kevy-rt/src/exec_zalgebra.rs}):
 * <ol>
 *   <li>parse ({@code exec_build.rs:267-303, 374-453}); a parse error is the reply, nothing runs or is logged;</li>
 *   <li>gather every source key on its own shard ({@code exec_op.rs:121-140}); a source of the wrong type makes
 *       the reply {@code -WRONGTYPE …} and nothing is written or logged ({@code exec_zalgebra.rs:36-46});</li>
 *   <li>combine ({@code crates/kevy-store/src/zset_algebra.rs:53-121}, {@code crates/kevy-rt/src/reduce.rs:366-399})
 *       and write the result on the destination's shard: {@code DEL dst}, then the result
 *       ({@code exec_op.rs:141-186}); the reply is {@code :<stored cardinality>};</li>
 *   <li>the destination's shard logs the effect: {@code DEL dst} always, then {@code ZADD dst <score> <member> …}
 *       (scores in Rust's {@code format!("{sc}")}, {@link ScoreText#display}) or {@code SADD dst <member> …} when
 *       the result is not empty ({@code exec_op.rs:144-160, 172-184}).</li>
 * </ol>
 * None of it passes the scope check; the logged frames do, on their args[1] ({@code dst}), when a boot replays
 * them.
 *
 * <p>Orders the model fixes where kevy's is not reproducible:
 * <ul>
 *   <li>S*STORE: kevy combines in a std {@code HashSet} with a per-process random seed, so the member order of
 *       its SADD frame (and so the destination's slot order) is not predictable; the model lists members in first
 *       appearance order (keys in request order, each set in kevy's order);</li>
 *   <li>Z*STORE: pairs in first appearance order, as kevy's {@code zunion}/{@code zinter}/{@code zdiff} do, over
 *       inputs read by {@link Store#scoredMembers} (a zset in rank order: kevy reads a zset of more than two
 *       members in its {@code by_member} table's slot order, which the model does not keep);</li>
 *   <li>AGGREGATE MIN/MAX use Rust's {@code f64::min}/{@code max}: a NaN operand yields the other one; for equal
 *       operands (0 and -0) the model keeps the accumulated one [inferred: the x86-64 lowering of LLVM's
 *       minnum/maxnum]; a NaN's place in the sorted set (kevy: {@code total_cmp}, sign of the NaN) is not
 *       pinned down.</li>
 * </ul>
 */
public final class AlgebraStore {
    private AlgebraStore() {}

    /** {@code ZCombine} ({@code crates/kevy-rt/src/message.rs}). */
    public enum Combine {
        ZINTER, ZUNION, ZDIFF, SINTER, SUNION, SDIFF;

        boolean zsetForm() {
            return this == ZINTER || this == ZUNION || this == ZDIFF;
        }
    }

    /** {@code kevy_store::ZAggregate} (default SUM). */
    public enum Aggregate { SUM, MIN, MAX }

    /** A parsed command: {@code weights} is null without WEIGHTS. */
    public record Parsed(Combine combine, String dst, List<String> keys, double[] weights, Aggregate aggregate) {}

    /** The reply, and the frames the destination's shard logs (empty when nothing ran). */
    public record Outcome(Reply reply, List<List<String>> frames) {}

    static final String ARITY = "ERR wrong number of arguments";
    static final String NUMKEYS = "ERR numkeys should be greater than 0";
    static final String TOO_MANY_KEYS = "ERR Number of keys can't be greater than number of args";
    static final String NOT_FLOAT_WEIGHT = "ERR weight value is not a float";

    /** The combine of an upper-cased verb, or null when it is not a *STORE verb. */
    public static Combine combineOf(String upperName) {
        return switch (upperName) {
            case "ZINTERSTORE" -> Combine.ZINTER;
            case "ZUNIONSTORE" -> Combine.ZUNION;
            case "ZDIFFSTORE" -> Combine.ZDIFF;
            case "SINTERSTORE" -> Combine.SINTER;
            case "SUNIONSTORE" -> Combine.SUNION;
            case "SDIFFSTORE" -> Combine.SDIFF;
            default -> null;
        };
    }

    /** The keys a *STORE reads (in request order; empty when it does not parse) and then its destination. */
    public static List<String> keysTouched(List<String> args) {
        Object p = parse(args);
        if (!(p instanceof Parsed parsed)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(parsed.keys());
        out.add(parsed.dst());
        return out;
    }

    /**
     * Parses {@code args}: a {@link Parsed}, or the error {@link Reply}. Z forms: {@code parse_zsetstore_args}
     * ({@code exec_build.rs:376-395}) and its tail ({@code :402-443}); S forms: {@code parse_setstore_args}
     * ({@code :446-453}).
     */
    public static Object parse(List<String> args) {
        Combine c = combineOf(args.isEmpty() ? "" : args.get(0).toUpperCase(java.util.Locale.ROOT));
        if (c == null) {
            throw new IllegalArgumentException("not a *STORE verb: " + args);
        }
        int len = args.size();
        if (!c.zsetForm()) {
            if (len < 3) {
                return Reply.error(ARITY);
            }
            return new Parsed(c, args.get(1), List.copyOf(args.subList(2, len)), null, Aggregate.SUM);
        }
        if (len < 4) {
            return Reply.error(ARITY);
        }
        String dst = args.get(1);
        // `str::parse::<usize>()`: an optional '+', ASCII digits, at most 2^64 - 1; then `> 0` (:384-388).
        long numkeys = parseUsize(args.get(2));
        if (numkeys == 0) {
            return Reply.error(NUMKEYS);
        }
        // `3 + numkeys` wraps in kevy's release build (no overflow checks), so a numkeys within 3 of 2^64 passes
        // this test with an empty key range and a tail parse that starts at args[0..2] (:389-393).
        long end = 3 + numkeys;
        if (Long.compareUnsigned(len, end) < 0) {
            return Reply.error(TOO_MANY_KEYS);
        }
        List<String> keys = Long.compareUnsigned(end, 3) > 0 ? List.copyOf(args.subList(3, (int) end)) : List.of();
        double[] weights = null;
        Aggregate aggregate = Aggregate.SUM;
        boolean diff = c == Combine.ZDIFF;
        long i = end;
        while (i < len) {
            String a = args.get((int) i);
            if (!diff && ScoreText.asciiEqualsIgnoreCase(a, "WEIGHTS")) {
                if (Long.compareUnsigned(len, i + 1 + numkeys) < 0 || keys.isEmpty()) {
                    // keys.isEmpty(): the wrapped numkeys; kevy's Vec::with_capacity(numkeys) then aborts the
                    // server (panic = "abort"), which the model does not do — it answers the syntax error.
                    return Reply.error(Store.SYNTAX);
                }
                double[] w = new double[(int) numkeys];
                for (int j = 0; j < numkeys; j++) {
                    Double v = ScoreText.rustF64(args.get((int) (i + 1 + j)));
                    if (v == null) {
                        return Reply.error(NOT_FLOAT_WEIGHT);
                    }
                    w[j] = v;
                }
                weights = w;
                i += 1 + numkeys;
            } else if (!diff && ScoreText.asciiEqualsIgnoreCase(a, "AGGREGATE")) {
                if (i + 1 >= len) {
                    return Reply.error(Store.SYNTAX);
                }
                String m = args.get((int) (i + 1));
                if (ScoreText.asciiEqualsIgnoreCase(m, "SUM")) {
                    aggregate = Aggregate.SUM;
                } else if (ScoreText.asciiEqualsIgnoreCase(m, "MIN")) {
                    aggregate = Aggregate.MIN;
                } else if (ScoreText.asciiEqualsIgnoreCase(m, "MAX")) {
                    aggregate = Aggregate.MAX;
                } else {
                    return Reply.error(Store.SYNTAX);
                }
                i += 2;
            } else {
                return Reply.error(Store.SYNTAX);
            }
        }
        return new Parsed(c, dst, keys, weights, aggregate);
    }

    /** Rust's {@code usize} parse as an unsigned 64-bit value; 0 for an error (kevy maps both to one reply). */
    private static long parseUsize(String s) {
        String t = s.startsWith("+") ? s.substring(1) : s;
        if (t.isEmpty() || !t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            return 0; // above 2^64 - 1
        }
    }

    /**
     * Runs a *STORE: parse, gather each source key from {@code storeOf(key)} (its shard), combine, write on
     * {@code storeOf(dst)}. The outcome's frames are what the destination's shard logs.
     */
    public static Outcome run(List<String> args, Function<String, Store> storeOf, long nowMs) {
        Object p = parse(args);
        if (p instanceof Reply error) {
            return new Outcome(error, List.of());
        }
        Parsed parsed = (Parsed) p;
        String dst = parsed.dst();
        List<List<String>> frames = new ArrayList<>();
        frames.add(List.of("DEL", dst));
        if (parsed.combine().zsetForm()) {
            List<List<Map.Entry<String, Double>>> inputs = new ArrayList<>();
            for (String k : parsed.keys()) {
                List<Map.Entry<String, Double>> in = storeOf.apply(k).scoredMembers(k, nowMs);
                if (in == null) {
                    return new Outcome(Store.wrongType(), List.of());
                }
                inputs.add(in);
            }
            List<Map.Entry<String, Double>> pairs = switch (parsed.combine()) {
                case ZINTER -> zinter(inputs, parsed.weights(), parsed.aggregate());
                case ZUNION -> zunion(inputs, parsed.weights(), parsed.aggregate());
                default -> zdiff(inputs);
            };
            long n = storeOf.apply(dst).storeZsetResult(dst, pairs, nowMs);
            if (!pairs.isEmpty()) {
                List<String> z = new ArrayList<>(2 + 2 * pairs.size());
                z.add("ZADD");
                z.add(dst);
                for (Map.Entry<String, Double> e : pairs) {
                    z.add(ScoreText.display(e.getValue()));
                    z.add(e.getKey());
                }
                frames.add(List.copyOf(z));
            }
            return new Outcome(Reply.integer(n), List.copyOf(frames));
        }
        List<List<String>> sets = new ArrayList<>();
        for (String k : parsed.keys()) {
            List<String> in = storeOf.apply(k).setMembers(k, nowMs);
            if (in == null) {
                return new Outcome(Store.wrongType(), List.of());
            }
            sets.add(in);
        }
        List<String> members = switch (parsed.combine()) {
            case SINTER -> setInter(sets);
            case SUNION -> setUnion(sets);
            default -> setDiff(sets);
        };
        long n = storeOf.apply(dst).storeSetResult(dst, members, nowMs);
        if (!members.isEmpty()) {
            List<String> a = new ArrayList<>(2 + members.size());
            a.add("SADD");
            a.add(dst);
            a.addAll(members);
            frames.add(List.copyOf(a));
        }
        return new Outcome(Reply.integer(n), List.copyOf(frames));
    }

    // ---- the combinations (zset_algebra.rs:39-121; reduce.rs:366-399) ----

    private static double weightOf(double[] w, int i) {
        return w == null || i >= w.length ? 1.0 : w[i];
    }

    /** {@code agg} ({@code zset_algebra.rs:39-45}) with Rust's NaN-ignoring {@code f64::min}/{@code max}. */
    static double agg(double a, double b, Aggregate mode) {
        return switch (mode) {
            case SUM -> a + b;
            case MIN -> Double.isNaN(a) ? b : Double.isNaN(b) ? a : (b < a ? b : a);
            case MAX -> Double.isNaN(a) ? b : Double.isNaN(b) ? a : (b > a ? b : a);
        };
    }

    static List<Map.Entry<String, Double>> zunion(List<List<Map.Entry<String, Double>>> inputs, double[] w,
            Aggregate mode) {
        LinkedHashMap<String, Double> acc = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            double wi = weightOf(w, i);
            for (Map.Entry<String, Double> e : inputs.get(i)) {
                double ws = e.getValue() * wi;
                Double old = acc.get(e.getKey());
                acc.put(e.getKey(), old == null ? ws : agg(old, ws, mode));
            }
        }
        return List.copyOf(acc.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList());
    }

    static List<Map.Entry<String, Double>> zinter(List<List<Map.Entry<String, Double>>> inputs, double[] w,
            Aggregate mode) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        List<Map<String, Double>> maps = new ArrayList<>();
        for (int j = 1; j < inputs.size(); j++) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : inputs.get(j)) {
                m.put(e.getKey(), e.getValue());
            }
            maps.add(m);
        }
        List<Map.Entry<String, Double>> out = new ArrayList<>();
        member:
        for (Map.Entry<String, Double> e : inputs.get(0)) {
            double score = e.getValue() * weightOf(w, 0);
            for (int j = 0; j < maps.size(); j++) {
                Double sj = maps.get(j).get(e.getKey());
                if (sj == null) {
                    continue member;
                }
                score = agg(score, sj * weightOf(w, j + 1), mode);
            }
            out.add(Map.entry(e.getKey(), score));
        }
        return List.copyOf(out);
    }

    static List<Map.Entry<String, Double>> zdiff(List<List<Map.Entry<String, Double>>> inputs) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        Set<String> excluded = new java.util.TreeSet<>();
        for (int j = 1; j < inputs.size(); j++) {
            for (Map.Entry<String, Double> e : inputs.get(j)) {
                excluded.add(e.getKey());
            }
        }
        List<Map.Entry<String, Double>> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : inputs.get(0)) {
            if (!excluded.contains(e.getKey())) {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }

    static List<String> setInter(List<List<String>> sets) {
        if (sets.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<String> acc = new LinkedHashSet<>(sets.get(0));
        for (int j = 1; j < sets.size(); j++) {
            acc.retainAll(new java.util.TreeSet<>(sets.get(j)));
        }
        return List.copyOf(acc);
    }

    static List<String> setUnion(List<List<String>> sets) {
        LinkedHashSet<String> acc = new LinkedHashSet<>();
        for (List<String> s : sets) {
            acc.addAll(s);
        }
        return List.copyOf(acc);
    }

    static List<String> setDiff(List<List<String>> sets) {
        if (sets.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<String> acc = new LinkedHashSet<>(sets.get(0));
        for (int j = 1; j < sets.size(); j++) {
            acc.removeAll(new java.util.TreeSet<>(sets.get(j)));
        }
        return List.copyOf(acc);
    }
}
