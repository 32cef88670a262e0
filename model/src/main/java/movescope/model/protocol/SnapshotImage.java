package movescope.model.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import movescope.model.store.Store;
import movescope.model.store.Value;

/**
 * The last saved store image of a node: one store per shard as it was at {@code takenAtMs}, and the
 * number of log entries it already contains ({@code logPosition}); a boot replays only the entries
 * after it. Immutable from outside: the stores are private copies and every accessor copies again.
 */
public final class SnapshotImage {
    private final long takenAtMs;
    private final List<Store> stores;
    private final int logPosition;

    SnapshotImage(long takenAtMs, List<Store> live, int logPosition) {
        this.takenAtMs = takenAtMs;
        List<Store> copies = new ArrayList<>(live.size());
        for (Store s : live) {
            copies.add(s.copy());
        }
        this.stores = List.copyOf(copies);
        this.logPosition = logPosition;
    }

    public long takenAtMs() {
        return takenAtMs;
    }

    /** How many log entries the image already reflects. */
    public int logPosition() {
        return logPosition;
    }

    /** The shard count of the node when the image was taken. */
    public int shards() {
        return stores.size();
    }

    /** Every key of shard {@code shard} in the image (values are immutable). */
    public SortedMap<String, Value> entries(int shard) {
        return stores.get(shard).entries();
    }

    /** A fresh copy of shard {@code shard}'s store, for a boot to start from. */
    public Store copyOfShard(int shard) {
        return stores.get(shard).copy();
    }
}
