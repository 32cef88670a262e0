package movescope.sim.report;

/**
 * An end-of-run history finding: {@code lost} (an acknowledged write no node holds), {@code stranded} (held
 * somewhere, but not by the node that owns the key at the end), or {@code overlap} (two nodes accepted
 * writes for the same key at overlapping times).
 */
public record HistoryFinding(String kind, String key, String write, String detail) {}
