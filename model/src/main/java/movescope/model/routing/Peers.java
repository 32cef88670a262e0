package movescope.model.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's configured {@code peers}, in config order. Resolves a node id to the address kevy prints
 * ({@code host:client_port}), falling back to the raw id when the id is not listed — kevy prints the
 * id rather than failing, so a reply can name a node the client cannot dial.
 */
public final class Peers {
    private static final Peers NONE = new Peers(List.of());

    private final List<Peer> list;
    // LinkedHashMap: lookups only, but iteration (if ever) stays in config order.
    private final Map<String, Peer> byId = new LinkedHashMap<>();

    private Peers(List<Peer> list) {
        this.list = List.copyOf(list);
        for (Peer p : this.list) {
            // The first entry for an id wins; the config parser is where duplicates are rejected.
            byId.putIfAbsent(p.id(), p);
        }
    }

    public static Peers of(List<Peer> peers) {
        Objects.requireNonNull(peers, "peers");
        return peers.isEmpty() ? NONE : new Peers(new ArrayList<>(peers));
    }

    /** No peers configured. */
    public static Peers none() {
        return NONE;
    }

    public List<Peer> list() {
        return list;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    public Optional<Peer> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** {@code host:client_port} of {@code id}, or {@code id} itself when it is not a listed peer. */
    public String addr(String id) {
        Peer p = byId.get(id);
        return p == null ? id : p.clientAddr();
    }

    /** kevy uses the fallback (DOWN-aware) route only when both {@code node_id} and {@code peers} are set. */
    public boolean fallbackViewEnabled(Optional<String> nodeId) {
        return nodeId.isPresent() && !list.isEmpty();
    }

    @Override
    public String toString() {
        return "Peers" + list;
    }
}
