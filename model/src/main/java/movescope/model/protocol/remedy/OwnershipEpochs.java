package movescope.model.protocol.remedy;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code ownershipEpoch} remedy's durable ledger: for each prefix, the epoch of this node's latest
 * ownership record and what it says — this node owns the prefix (it ingested it at that epoch) or gave it
 * away (it committed a move at that epoch). The static config is epoch 0; a move ships at the source's epoch
 * + 1, so along any sequence of moves of a prefix every hand-over is one epoch newer than the one before,
 * and at every node the newest record decides. Kept across crashes (it is on disk with the log).
 *
 * <p>Why an epoch and not "the latest event wins": the epoch travels on the INGEST request, so a node can
 * refuse an INGEST that is not newer than what it already knows (a late request of an older move) without
 * any other state; and the record says which of two ownership facts is newer even when both survive a
 * restart (MIGRATED is restored at boot after the log replay, the ingest record is in the durable state).
 */
public final class OwnershipEpochs {
    /**
     * One record: the prefix, the epoch, and whether this node owns the prefix at it (else it gave it away,
     * to {@code to}; empty when owned).
     */
    public record Entry(String prefix, long epoch, boolean owned, String to) {}

    private final TreeMap<String, Entry> entries = new TreeMap<>();
    /** move id -> the epoch it hands over at, fixed when the move starts (a resumed move keeps it). */
    private final TreeMap<String, Long> moves = new TreeMap<>();

    public OwnershipEpochs() {}

    private OwnershipEpochs(OwnershipEpochs other) {
        entries.putAll(other.entries);
        moves.putAll(other.moves);
    }

    public OwnershipEpochs copy() {
        return new OwnershipEpochs(this);
    }

    /** The epoch of this node's latest record for {@code prefix}; 0 (the static config) when none. */
    public long epoch(String prefix) {
        Entry e = entries.get(prefix);
        return e == null ? 0 : e.epoch();
    }

    /**
     * The epoch a move of {@code prefix} out of this node ships at: one after the newest record for any prefix
     * related to it (nested in it, or it in them), so the records of nested prefixes stay comparable.
     */
    public long nextEpoch(String prefix) {
        return newestRelated(prefix) + 1;
    }

    /** The newest epoch among the records of prefixes related to {@code prefix} (0 when none). */
    public long newestRelated(String prefix) {
        long max = 0;
        for (Entry e : entries.values()) {
            if (e.prefix().startsWith(prefix) || prefix.startsWith(e.prefix())) {
                max = Math.max(max, e.epoch());
            }
        }
        return max;
    }

    /**
     * The record that decides a key's route: among the records of prefixes of {@code key}, the newest epoch,
     * a tie going to the longer prefix. Empty when no record matches (the static route decides).
     */
    public Optional<Entry> decisive(String key) {
        Entry best = null;
        for (Entry e : entries.values()) {
            if (key.startsWith(e.prefix()) && (best == null || e.epoch() > best.epoch()
                    || (e.epoch() == best.epoch() && e.prefix().length() > best.prefix().length()))) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every prefix with a record here (for the ownership check of a move). */
    public java.util.SortedSet<String> prefixes() {
        return Collections.unmodifiableSortedSet(new java.util.TreeSet<>(entries.keySet()));
    }

    /**
     * The epoch move {@code moveId} of {@code prefix} ships at: fixed at its first call (the move's start),
     * one after this node's record then, so a retry or a resume after the prefix came back meanwhile still
     * carries the epoch the move started with.
     */
    public long moveEpoch(String moveId, String prefix) {
        return moves.computeIfAbsent(moveId, id -> nextEpoch(prefix));
    }

    /**
     * The commit of a move at {@code epoch}: when this node's record for the prefix is already at that epoch
     * or newer (the prefix came back while the move was in flight), the commit is superseded and nothing is
     * recorded; returns whether it was.
     */
    public boolean commit(String prefix, long epoch, String to) {
        if (epoch <= epoch(prefix)) {
            return true;
        }
        gaveAway(prefix, epoch, to);
        return false;
    }

    /** True when an INGEST of {@code prefix} at {@code epoch} is newer than every related record here. */
    public boolean isNewer(String prefix, long epoch) {
        return epoch > newestRelated(prefix);
    }

    public Optional<Entry> get(String prefix) {
        return Optional.ofNullable(entries.get(prefix));
    }

    /** A successful INGEST at {@code epoch}: this node owns {@code prefix} from now on. */
    public void owned(String prefix, long epoch) {
        entries.put(prefix, new Entry(prefix, epoch, true, ""));
    }

    /** A commit at {@code epoch}: this node gave {@code prefix} away. */
    public void gaveAway(String prefix, long epoch, String to) {
        entries.put(prefix, new Entry(prefix, epoch, false, to));
    }

    public SortedMap<String, Entry> snapshot() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    /** The arity error of an INGEST request that must carry an epoch (its last argument). */
    public static String arityText(boolean withMoveId) {
        return "-ERR wrong number of arguments — MOVE-SCOPE-INGEST <prefix> <bulk> "
                + (withMoveId ? "<move-id> " : "") + "<epoch>";
    }

    public static String badEpochText(String arg) {
        return "-ERR MOVE-SCOPE-INGEST: bad epoch '" + arg + "'";
    }

    /** The refusal of an INGEST that is not newer than this node's record: nothing is applied. */
    public static String staleEpochText(String prefix, long epoch, long known) {
        return "-ERR MOVE-SCOPE-INGEST: stale epoch " + epoch + " for '" + prefix + "' (this node is at epoch "
                + known + ")";
    }

    /** Parses the epoch argument of an INGEST request: a decimal number >= 1, else empty. */
    public static Optional<Long> parseEpoch(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return Optional.empty();
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        long v = Long.parseLong(s);
        return v >= 1 ? Optional.of(v) : Optional.empty();
    }
}
