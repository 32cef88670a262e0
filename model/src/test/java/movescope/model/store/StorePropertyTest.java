package movescope.model.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import movescope.gen.Gen;
import movescope.gen.Property;
import org.junit.jupiter.api.Test;

/**
 * Proves by random command sequences that (1) the string subset of Store agrees with a plain map reference
 * including lazy TTL expiry, and (2) replaying {@code serializeSlice(p)} into an empty store rebuilds
 * exactly the live keys under p with their deadlines — what MOVE-SCOPE relies on. Reproduce with
 * {@code mvn -pl model test -Dtest=StorePropertyTest#<method> -Dmovescope.seed=N}.
 */
class StorePropertyTest {

    static final Gen<String> KEY = Gen.elements("p:a", "p:b", "p:c:1", "q:a", "p", "pa");
    static final Gen<String> VAL = Gen.elements("1", "x", "", "yy");

    /** A timed command: time only moves forward, by the generated step. */
    record Step(long advanceMs, List<String> args) {}

    static final Gen<List<String>> STRING_CMD = Gen.oneOf(
            Gen.zip(KEY, VAL, (k, v) -> List.of("SET", k, v)),
            Gen.zip(KEY, Gen.zip(VAL, Gen.choose(1, 50), (v, ms) -> List.of(v, Integer.toString(ms))),
                    (k, vm) -> List.of("SET", k, vm.get(0), "PX", vm.get(1))),
            KEY.map(k -> List.of("GET", k)),
            KEY.map(k -> List.of("DEL", k)),
            KEY.map(k -> List.of("PTTL", k)),
            Gen.zip(KEY, Gen.choose(0, 120), (k, at) -> List.of("PEXPIREAT", k, Integer.toString(at))));

    static final Gen<List<Step>> STRING_SCRIPT = Gen.listOf(
            Gen.zip(Gen.choose(0, 20), STRING_CMD, (a, c) -> new Step(a, c)), 0, 40);

    @Test
    void stringCommandsAgreeWithAMapReference() {
        Property.forAll(STRING_SCRIPT).trials(300).maxSize(40).verify(script -> {
            Store s = new Store();
            TreeMap<String, String> vals = new TreeMap<>();
            TreeMap<String, Long> dl = new TreeMap<>();
            long now = 0;
            for (Step step : script) {
                now += step.advanceMs();
                final long t = now;
                // reference expiry: a key is gone once now reaches its deadline (kevy entry.rs:98-103)
                dl.entrySet().removeIf(e -> {
                    if (t >= e.getValue()) {
                        vals.remove(e.getKey());
                        return true;
                    }
                    return false;
                });
                List<String> a = step.args();
                String k = a.get(1);
                String want;
                switch (a.get(0)) {
                    case "SET" -> {
                        vals.put(k, a.get(2));
                        if (a.size() == 5) {
                            dl.put(k, t + Long.parseLong(a.get(4)));
                        } else {
                            dl.remove(k);
                        }
                        want = "+OK";
                    }
                    case "GET" -> want = vals.containsKey(k) ? Reply.quote(vals.get(k)) : "(nil)";
                    case "DEL" -> {
                        want = ":" + (vals.remove(k) != null ? 1 : 0);
                        dl.remove(k);
                    }
                    case "PTTL" -> want = !vals.containsKey(k) ? ":-2" : dl.containsKey(k) ? ":" + (dl.get(k) - t) : ":-1";
                    case "PEXPIREAT" -> {
                        long at = Long.parseLong(a.get(2));
                        if (!vals.containsKey(k)) {
                            want = ":0";
                        } else {
                            want = ":1";
                            if (at <= t) {
                                vals.remove(k);
                                dl.remove(k);
                            } else {
                                dl.put(k, at);
                            }
                        }
                    }
                    default -> throw new IllegalStateException(a.toString());
                }
                assertEquals(want, s.execute(a, t).wire(), "at t=" + t + " " + a);
            }
            TreeMap<String, Value> live = new TreeMap<>();
            vals.forEach((k, v) -> live.put(k, new Value.Str(v)));
            assertEquals(live, s.entries(now));
        });
    }

    static final Gen<List<String>> ANY_CMD = Gen.oneOf(STRING_CMD,
            Gen.zip(KEY, Gen.listOf(VAL, 1, 3), (k, vs) -> concat("RPUSH", k, vs)),
            Gen.zip(KEY, Gen.listOf(VAL, 1, 3), (k, vs) -> concat("SADD", k, vs)),
            Gen.zip(KEY, Gen.zip(VAL, VAL, List::of), (k, fv) -> concat("HSET", k, fv)));

    private static List<String> concat(String cmd, String key, List<String> rest) {
        List<String> out = new ArrayList<>(List.of(cmd, key));
        out.addAll(rest);
        return out;
    }

    @Test
    void replayedSliceRebuildsTheLiveKeysUnderThePrefix() {
        Gen<List<Step>> script = Gen.listOf(Gen.zip(Gen.choose(0, 10), ANY_CMD, (a, c) -> new Step(a, c)), 0, 40);
        Property.forAll(script).trials(300).maxSize(40).verify(steps -> {
            Store src = new Store();
            long now = 0;
            for (Step st : steps) {
                now += st.advanceMs();
                src.execute(st.args(), now); // WRONGTYPE replies are fine: they change nothing
            }
            for (String prefix : List.of("p:", "p", "q:", "")) {
                Store dst = new Store();
                for (List<String> frame : src.serializeSlice(prefix, now)) {
                    assertFalse(dst.execute(frame, now).isError(), frame.toString());
                }
                TreeMap<String, Value> want = new TreeMap<>();
                TreeMap<String, Long> wantDl = new TreeMap<>();
                for (Map.Entry<String, Value> e : src.entries(now).entrySet()) {
                    if (e.getKey().startsWith(prefix)) {
                        want.put(e.getKey(), e.getValue());
                        src.deadline(e.getKey()).ifPresent(d -> wantDl.put(e.getKey(), d));
                    }
                }
                assertEquals(want, dst.entries(now), "prefix \"" + prefix + "\"");
                assertEquals(wantDl, new TreeMap<>(dst.deadlines()), "deadlines, prefix \"" + prefix + "\"");
            }
        });
    }
}
