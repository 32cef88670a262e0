package movescope.sim.client;

import java.util.HashMap;
import java.util.Optional;

/**
 * kevy-cluster-rw's key → address map: at most {@code capacity} (4096) entries, and when a new key would
 * exceed that, the whole map is cleared first (kevy-move-scope.md §7) — not an LRU. Lookups only, so a
 * HashMap's iteration order never matters.
 */
public final class KeyCache {
    public static final int KEVY_CAPACITY = 4096;

    private final int capacity;
    private final HashMap<String, String> map = new HashMap<>();
    private long clears;

    public KeyCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(map.get(key));
    }

    public void put(String key, String addr) {
        if (!map.containsKey(key) && map.size() >= capacity) {
            map.clear();
            clears++;
        }
        map.put(key, addr);
    }

    public int size() {
        return map.size();
    }

    /** How many times the map was cleared because it was full. */
    public long clears() {
        return clears;
    }
}
