package movescope.sim.trace;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The run's trace: one NDJSON line per event, keys in sorted order, {@code action} named per
 * docs/vocabulary.md, with {@code t} (virtual ms), {@code seq} (line number, from 1) and {@code node}
 * where one node is concerned. Every line feeds a SHA-256 (so determinism tests compare one hash), a ring
 * buffer of the last lines (the excerpt printed with a violation), and optionally a sink (file writer) and
 * an in-memory list.
 */
public final class TraceLog {
    private static final JsonStringEncoder ENC = JsonStringEncoder.getInstance();

    private final MessageDigest sha;
    private final ArrayDeque<String> last;
    private final int excerptSize;
    private final List<String> kept;
    private final Consumer<String> sink;
    private long seq;

    /**
     * @param excerptSize how many last lines to keep for violation excerpts
     * @param keepAll     keep every line in memory ({@link #lines()})
     * @param sink        receives every line (without newline); may be null
     */
    public TraceLog(int excerptSize, boolean keepAll, Consumer<String> sink) {
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        this.excerptSize = excerptSize;
        this.last = new ArrayDeque<>(excerptSize + 1);
        this.kept = keepAll ? new ArrayList<>() : null;
        this.sink = sink;
    }

    /** Appends one event; {@code fields} may contain {@code node}; values: String, Number, Boolean, List. */
    public void add(long t, String action, Map<String, ?> fields) {
        TreeMap<String, Object> all = new TreeMap<>(fields);
        all.put("action", action);
        all.put("t", t);
        all.put("seq", ++seq);
        String line = render(all);
        sha.update(line.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        last.addLast(line);
        if (last.size() > excerptSize) {
            last.removeFirst();
        }
        if (kept != null) {
            kept.add(line);
        }
        if (sink != null) {
            sink.accept(line);
        }
    }

    public long lineCount() {
        return seq;
    }

    /** The last lines (oldest first), for a violation excerpt. */
    public List<String> excerpt() {
        return List.copyOf(last);
    }

    /** Every line, when kept; else empty. */
    public List<String> lines() {
        return kept == null ? List.of() : List.copyOf(kept);
    }

    /** Hex SHA-256 of all lines so far, each followed by a newline (= the hash of the NDJSON file). */
    public String sha256() {
        try {
            MessageDigest copy = (MessageDigest) sha.clone();
            return HexFormat.of().formatHex(copy.digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest not cloneable", e);
        }
    }

    static String render(SortedMap<String, Object> m) {
        StringBuilder b = new StringBuilder(128);
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            string(b, e.getKey());
            b.append(':');
            value(b, e.getValue());
        }
        return b.append('}').toString();
    }

    private static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            string(b, s);
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                value(b, l.get(i));
            }
            b.append(']');
        } else if (v instanceof Map<?, ?> mm) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : mm.entrySet()) {
                sorted.put(String.valueOf(e.getKey()), e.getValue());
            }
            b.append(render(sorted));
        } else {
            string(b, v.toString());
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        ENC.quoteAsString(s, b);
        b.append('"');
    }
}
