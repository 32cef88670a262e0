package movescope.sim.trace;

import java.util.SortedMap;
import java.util.TreeMap;

/** The fields of a trace event, sorted by name so a line's text depends only on its content. */
public final class Fields {
    private Fields() {
    }

    /** {@code kv} alternates names and values: {@code of("node", "n1", "ok", true)}. */
    public static SortedMap<String, Object> of(Object... kv) {
        TreeMap<String, Object> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
