package movescope.model.migration;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Longest-prefix match over a sorted map, shared by both table layouts. */
final class PrefixMaps {
    private PrefixMaps() {}

    /**
     * The value of the longest key of {@code map} that {@code key} starts with. Linear scan like the
     * seed; the TreeMap's order only matters for ties, and two different prefixes of one key never
     * have equal length, so the result does not depend on iteration order at all.
     */
    static Optional<MigrationState> longestMatch(TreeMap<String, MigrationState> map, String key) {
        String best = null;
        MigrationState bestState = null;
        for (Map.Entry<String, MigrationState> e : map.entrySet()) {
            String p = e.getKey();
            if (key.startsWith(p) && (best == null || p.length() > best.length())) {
                best = p;
                bestState = e.getValue();
            }
        }
        return Optional.ofNullable(bestState);
    }
}
