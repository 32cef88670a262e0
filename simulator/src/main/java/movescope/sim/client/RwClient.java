package movescope.sim.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import movescope.model.routing.Commands;

/**
 * kevy-cluster-rw (kevy-move-scope.md §7) as a state machine, one command at a time:
 * <ul>
 * <li>A write goes to the configured primary. On {@code -MISDIRECTED writer is <addr>} the client
 *   remembers key → addr ({@link KeyCache}, 4096 entries, cleared whole when full) and retries once at
 *   addr; a second MISDIRECTED is returned to the caller.</li>
 * <li>On {@code -QUIESCED migrating to <addr>} (no caching) it retries the same node, sleeping
 *   5, 10, 20, 40, 80, 80, 80 ms between tries; the try after the last sleep is the last one, and its
 *   reply — QUIESCED or not — is returned.</li>
 * <li>A key already in the map goes straight to the remembered node, and that node's MISDIRECTED is not
 *   followed (QUIESCED is still retried: it is a retry of the same node, not a redirect).</li>
 * <li>Reads go to the primary and are never redirected (kevy does not route reads).</li>
 * </ul>
 * The key of a write is its first argument, as in kevy's check. Addresses resolve to nodes through
 * {@code addrToNode}. A target that is not {@code host:port} (kevy prints a raw id for ids not in
 * {@code peers}) fails with {@code server returned MISDIRECTED with malformed target "<addr>"}, an address
 * no node has with {@code Connection refused (os error 111)}: kevy-cluster-rw's io errors, handed over as
 * {@link ClientErrors#render} ({@code io error: <text>}).
 */
public final class RwClient {
    /** The sleeps between QUIESCED retries, in ms (kevy-move-scope.md §7). */
    public static final List<Long> QUIESCED_BACKOFF_MS = List.of(5L, 10L, 20L, 40L, 80L, 80L, 80L);
    public static final String MISDIRECTED = "-MISDIRECTED writer is ";
    public static final String QUIESCED = "-QUIESCED migrating to ";

    private final String id;
    private final String primary;
    private final Map<String, String> addrToNode;
    private final KeyCache cache;

    private List<String> args;
    private boolean isWrite;
    private String key;
    private String target;
    private boolean mayFollow;
    private int quiescedReplies;
    private boolean busy;

    // Counters for reports and tests.
    private long followed;
    private long quiescedRetries;

    public RwClient(String id, String primary, Map<String, String> addrToNode, int cacheCapacity) {
        this.id = Objects.requireNonNull(id, "id");
        this.primary = Objects.requireNonNull(primary, "primary");
        this.addrToNode = Objects.requireNonNull(addrToNode, "addrToNode");
        this.cache = new KeyCache(cacheCapacity);
    }

    public String id() {
        return id;
    }

    public String primary() {
        return primary;
    }

    public boolean busy() {
        return busy;
    }

    /** The node the current command's request goes to. */
    public String target() {
        return target;
    }

    public List<String> currentArgs() {
        return args;
    }

    public KeyCache cache() {
        return cache;
    }

    public long followedCount() {
        return followed;
    }

    public long quiescedRetryCount() {
        return quiescedRetries;
    }

    /** Begins a command; the client must not be busy. */
    public ClientAction start(List<String> command) {
        if (busy) {
            throw new IllegalStateException("client " + id + " is busy");
        }
        busy = true;
        args = List.copyOf(command);
        isWrite = Commands.isClientLibraryWrite(args); // kevy-cluster-rw's own verb list
        key = args.size() >= 2 ? args.get(1) : null;
        quiescedReplies = 0;
        if (isWrite && key != null) {
            Optional<String> cached = cache.get(key);
            if (cached.isPresent()) {
                mayFollow = false;
                return sendTo(cached.get());
            }
        }
        mayFollow = isWrite && key != null;
        target = primary;
        return new ClientAction.Send(target, args);
    }

    private ClientAction sendTo(String addr) {
        if (!ClientErrors.isHostPort(addr)) {
            // lib.rs:159-164: the key is cached already, so every later write of it fails the same way.
            return done(ClientErrors.render(ClientErrors.malformedTarget(addr)));
        }
        String node = addrToNode.get(addr);
        if (node == null) {
            // No node listens there: the connect is refused (lib.rs:165, the OS error as is).
            return done(ClientErrors.render(ClientErrors.CONNECTION_REFUSED));
        }
        target = node;
        quiescedReplies = 0;
        return new ClientAction.Send(target, args);
    }

    /** The reply to the current request. */
    public ClientAction onReply(String wire) {
        requireBusy();
        if (!isWrite) {
            return done(wire);
        }
        if (wire.startsWith(MISDIRECTED) && mayFollow) {
            mayFollow = false;
            followed++;
            String addr = wire.substring(MISDIRECTED.length());
            cache.put(key, addr);
            return sendTo(addr);
        }
        if (wire.startsWith(QUIESCED)) {
            quiescedReplies++;
            if (quiescedReplies <= QUIESCED_BACKOFF_MS.size()) {
                quiescedRetries++;
                return new ClientAction.Sleep(QUIESCED_BACKOFF_MS.get(quiescedReplies - 1));
            }
            return done(wire);
        }
        return done(wire);
    }

    /** The sleep after a QUIESCED ended: retry the same node. */
    public ClientAction onWake() {
        requireBusy();
        return new ClientAction.Send(target, args);
    }

    /** The request failed without a reply (timeout, connection refused/closed): the error is returned. */
    public ClientAction onError(String errorWire) {
        requireBusy();
        return done(errorWire);
    }

    private ClientAction done(String reply) {
        busy = false;
        return new ClientAction.Done(reply);
    }

    private void requireBusy() {
        if (!busy) {
            throw new IllegalStateException("client " + id + " has no command in flight");
        }
    }
}
