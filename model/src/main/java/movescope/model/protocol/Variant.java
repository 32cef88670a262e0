package movescope.model.protocol;

import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import movescope.model.migration.TableLayout;

/**
 * A protocol variant: the switches of docs/vocabulary.md, each either kevy 5.4's behaviour or a remedy.
 * {@link #KEVY_54} is kevy as built; {@link #FIXED} turns every remedy on. Flip one switch with the
 * {@code with…} methods to see which remedy a violation depends on.
 *
 * @param tableLayout        {@code seed}: two locks and a commit window; {@code atomic}: one atomic table
 * @param shipWriteTimeoutMs empty (kevy): sending the INGEST request can block forever; else a timeout
 *                           on the send, after which the move aborts with {@code write timed out}
 * @param sliceShards        which shards' keys MOVE-SCOPE serializes
 * @param ingestShard        which target shard stores each ingested frame
 * @param migratedDurable    MIGRATED survives a source restart
 * @param neverHeardIsDown   a peer never heard from counts as DOWN
 * @param logMisdirected     every single-key write verb is appended to the log whatever it replied (MISDIRECTED,
 *                           QUIESCED, WRONGTYPE, syntax/arity errors) and replayed; off: only accepted, successful ones
 * @param ingestLogged       ingested frames are appended to the target's log
 * @param migratingDurable   the source's MIGRATING entry (with its move id) survives a restart and the
 *                           move resumes after the boot: connect, ship a freshly serialized slice again
 * @param ownershipOnIngest  a successful INGEST durably makes the target the owner of the prefix: its write
 *                           path answers Owned for keys under it after MIGRATING/MIGRATED (§3 steps 2–3) and
 *                           before the static route, live and in the log replay at boot
 * @param retryAmbiguousShip the source aborts only on an explicit refusal (a reply line from the target that
 *                           does not start with {@code +}); on a connect failure or timeout, a write or read
 *                           timeout, a closed connection or EINTR it stays MIGRATING and ships again after
 *                           {@link KevyNode#SHIP_RETRY_DELAY_MS}. The INGEST request then carries the move id
 *                           ({@code MOVE-SCOPE-INGEST <prefix> <bulk> <move-id>}) and the target answers a
 *                           repeated INGEST of a move with its first outcome, remembered durably
 * @param shipReleasesShard  the MOVE-SCOPE holds its shard BUSY only while it serializes the slice, not while
 *                           it ships and waits (kevy runs the whole move on the shard's thread): commands on
 *                           the shard, an incoming INGEST included, run meanwhile; writes under the moving
 *                           prefix stay QUIESCED by the MIGRATING entry. Crossed moves cannot block each other
 * @param ownershipEpoch     ownership records carry the prefix's epoch (the static config is epoch 0, each move
 *                           is the source's epoch + 1, carried on the INGEST request): a successful INGEST at a
 *                           newer epoch supersedes the node's own MIGRATED entry for the prefix (live and
 *                           durable), so a prefix can come back; an INGEST not newer than the node's record is
 *                           refused, applying nothing. Epochs of nested prefixes are comparable (a move's epoch is
 *                           one more than the source's newest record of any prefix related to it), and a key routes
 *                           by the newest record of a prefix of it (a tie to the longer prefix)
 * @param moveRequiresOwnership MOVE-SCOPE p starts only on a node whose write path accepts every key under p, nested
 *                           prefixes included (kevy checks only that FROM names the node)
 * @param sliceHandover      a move hands the slice over instead of copying it: a node deletes every key under
 *                           the prefix that its write path does not accept (and whose scope does not name it
 *                           the fallback), logging each DEL so that a boot replays it whatever config it boots
 *                           with — the source at Commit (on the shards it serialized), in the same step that
 *                           records MIGRATED; the target
 *                           before it applies an INGEST (the INGEST replaces its stale copy) and after it
 *                           refused one (the frames applied before the refusal are taken back). An Abort keeps
 *                           the source's copy: it still owns the prefix (kevy never deletes)
 */
public record Variant(
        TableLayout tableLayout,
        OptionalLong shipWriteTimeoutMs,
        SliceShards sliceShards,
        IngestShard ingestShard,
        boolean migratedDurable,
        boolean neverHeardIsDown,
        boolean logMisdirected,
        boolean ingestLogged,
        boolean migratingDurable,
        boolean ownershipOnIngest,
        boolean retryAmbiguousShip,
        boolean shipReleasesShard,
        boolean ownershipEpoch,
        boolean moveRequiresOwnership,
        boolean sliceHandover) {

    /** Which shards' keys MOVE-SCOPE serializes. */
    public enum SliceShards {
        /** kevy: only the shard that owns hash(prefix); keys on other shards are never shipped. */
        PREFIX_SHARD("prefix-shard"),
        /** Remedy: every shard of the source. */
        ALL_SHARDS("all-shards");

        private final String wireName;

        SliceShards(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static SliceShards parse(String s) {
            for (SliceShards v : values()) {
                if (v.wireName.equalsIgnoreCase(s)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("unknown sliceShards \"" + s + "\" (expected prefix-shard or all-shards)");
        }
    }

    /** Which target shard stores an ingested frame. */
    public enum IngestShard {
        /** kevy: the shard that owns hash(prefix) stores every frame, whatever the key's own shard. */
        PREFIX_SHARD("prefix-shard"),
        /** Remedy: each frame goes to the shard that owns its key, where reads will look for it. */
        KEY_SHARD("key-shard");

        private final String wireName;

        IngestShard(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static IngestShard parse(String s) {
            for (IngestShard v : values()) {
                if (v.wireName.equalsIgnoreCase(s)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("unknown ingestShard \"" + s + "\" (expected prefix-shard or key-shard)");
        }
    }

    /** kevy 5.4 as built. */
    public static final Variant KEVY_54 = new Variant(TableLayout.SEED, OptionalLong.empty(),
            SliceShards.PREFIX_SHARD, IngestShard.PREFIX_SHARD, false, true, true, false, false, false, false, false, false,
            false, false);

    /** Every remedy switched on. */
    public static final Variant FIXED = new Variant(TableLayout.ATOMIC, OptionalLong.of(60_000),
            SliceShards.ALL_SHARDS, IngestShard.KEY_SHARD, true, false, false, true, true, true, true, true, true,
            true, true);

    /** The switch names, in vocabulary order. */
    public static final java.util.List<String> SWITCHES = java.util.List.of("tableLayout", "shipWriteTimeoutMs",
            "sliceShards", "ingestShard", "migratedDurable", "neverHeardIsDown", "logMisdirected", "ingestLogged",
            "migratingDurable", "ownershipOnIngest", "retryAmbiguousShip", "shipReleasesShard", "ownershipEpoch",
            "moveRequiresOwnership", "sliceHandover");

    public Variant {
        Objects.requireNonNull(tableLayout, "tableLayout");
        Objects.requireNonNull(shipWriteTimeoutMs, "shipWriteTimeoutMs");
        Objects.requireNonNull(sliceShards, "sliceShards");
        Objects.requireNonNull(ingestShard, "ingestShard");
        if (shipWriteTimeoutMs.isPresent() && shipWriteTimeoutMs.getAsLong() <= 0) {
            throw new IllegalArgumentException("shipWriteTimeoutMs must be > 0, got " + shipWriteTimeoutMs.getAsLong());
        }
    }

    /**
     * The eight switches that existed before {@code migratingDurable}, {@code ownershipOnIngest} and
     * {@code retryAmbiguousShip}; those three take their kevy 5.4 value ({@code false}).
     */
    public Variant(TableLayout tableLayout, OptionalLong shipWriteTimeoutMs, SliceShards sliceShards,
            IngestShard ingestShard, boolean migratedDurable, boolean neverHeardIsDown, boolean logMisdirected,
            boolean ingestLogged) {
        this(tableLayout, shipWriteTimeoutMs, sliceShards, ingestShard, migratedDurable, neverHeardIsDown,
                logMisdirected, ingestLogged, false, false, false);
    }

    /** The eleven switches before shipReleasesShard, ownershipEpoch, moveRequiresOwnership and sliceHandover (all off). */
    public Variant(TableLayout tableLayout, OptionalLong shipWriteTimeoutMs, SliceShards sliceShards,
            IngestShard ingestShard, boolean migratedDurable, boolean neverHeardIsDown, boolean logMisdirected,
            boolean ingestLogged, boolean migratingDurable, boolean ownershipOnIngest, boolean retryAmbiguousShip) {
        this(tableLayout, shipWriteTimeoutMs, sliceShards, ingestShard, migratedDurable, neverHeardIsDown,
                logMisdirected, ingestLogged, migratingDurable, ownershipOnIngest, retryAmbiguousShip, false, false,
                false, false);
    }

    /** {@code kevy-5.4} or {@code fixed} (case-insensitive). */
    public static Variant named(String name) {
        Objects.requireNonNull(name, "name");
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "kevy-5.4" -> KEVY_54;
            case "fixed" -> FIXED;
            default -> throw new IllegalArgumentException("unknown variant \"" + name + "\" (expected kevy-5.4 or fixed)");
        };
    }

    /** {@code kevy-5.4}, {@code fixed}, or {@code custom} for any other combination. */
    public String name() {
        if (equals(KEVY_54)) {
            return "kevy-5.4";
        }
        if (equals(FIXED)) {
            return "fixed";
        }
        return "custom";
    }

    public Variant withTableLayout(TableLayout v) {
        return new Variant(v, shipWriteTimeoutMs, sliceShards, ingestShard, migratedDurable, neverHeardIsDown,
                logMisdirected, ingestLogged, migratingDurable, ownershipOnIngest, retryAmbiguousShip, shipReleasesShard,
                ownershipEpoch, moveRequiresOwnership, sliceHandover);
    }

    public Variant withShipWriteTimeoutMs(OptionalLong v) {
        return new Variant(tableLayout, v, sliceShards, ingestShard, migratedDurable, neverHeardIsDown,
                logMisdirected, ingestLogged, migratingDurable, ownershipOnIngest, retryAmbiguousShip, shipReleasesShard,
                ownershipEpoch, moveRequiresOwnership, sliceHandover);
    }

    public Variant withSliceShards(SliceShards v) {
        return new Variant(tableLayout, shipWriteTimeoutMs, v, ingestShard, migratedDurable, neverHeardIsDown,
                logMisdirected, ingestLogged, migratingDurable, ownershipOnIngest, retryAmbiguousShip, shipReleasesShard,
                ownershipEpoch, moveRequiresOwnership, sliceHandover);
    }

    public Variant withIngestShard(IngestShard v) {
        return new Variant(tableLayout, shipWriteTimeoutMs, sliceShards, v, migratedDurable, neverHeardIsDown,
                logMisdirected, ingestLogged, migratingDurable, ownershipOnIngest, retryAmbiguousShip, shipReleasesShard,
                ownershipEpoch, moveRequiresOwnership, sliceHandover);
    }

    public Variant withMigratedDurable(boolean v) {
        return new Variant(tableLayout, shipWriteTimeoutMs, sliceShards, ingestShard, v, neverHeardIsDown,
                logMisdirected, ingestLogged, migratingDurable, ownershipOnIngest, retryAmbiguousShip, shipReleasesShard,
                ownershipEpoch, moveRequiresOwnership, sliceHandover);
    }

    public Variant withNeverHeardIsDown(boolean v) {
        return new Variant(tableLayout, shipWriteTimeoutMs, sliceShards, ingestShard, migratedDurable, v,
                logMisdirected, ingestLogged, migratingDurable, ownershipOnIngest, retryAmbiguousShip, shipReleasesShard,
                ownershipEpoch, moveRequiresOwnership, sliceHandover);
    }

    public Variant withLogMisdirected(boolean v) {
        return new Variant(tableLayout, shipWriteTimeoutMs, sliceShards, ingestShard, migratedDurable, neverHeardIsDown,
                v, ingestLogged, migratingDurable, ownershipOnIngest, retryAmbiguousShip, shipReleasesShard,
                ownershipEpoch, moveRequiresOwnership, sliceHandover);
    }

    public Variant withIngestLogged(boolean v) {
        return new Variant(tableLayout, shipWriteTimeoutMs, sliceShards, ingestShard, migratedDurable, neverHeardIsDown,
                logMisdirected, v, migratingDurable, ownershipOnIngest, retryAmbiguousShip, shipReleasesShard,
                ownershipEpoch, moveRequiresOwnership, sliceHandover);
    }

    public Variant withMigratingDurable(boolean v) {
        return new Variant(tableLayout, shipWriteTimeoutMs, sliceShards, ingestShard, migratedDurable, neverHeardIsDown,
                logMisdirected, ingestLogged, v, ownershipOnIngest, retryAmbiguousShip, shipReleasesShard,
                ownershipEpoch, moveRequiresOwnership, sliceHandover);
    }

    public Variant withOwnershipOnIngest(boolean v) {
        return new Variant(tableLayout, shipWriteTimeoutMs, sliceShards, ingestShard, migratedDurable, neverHeardIsDown,
                logMisdirected, ingestLogged, migratingDurable, v, retryAmbiguousShip, shipReleasesShard,
                ownershipEpoch, moveRequiresOwnership, sliceHandover);
    }

    public Variant withRetryAmbiguousShip(boolean v) {
        return new Variant(tableLayout, shipWriteTimeoutMs, sliceShards, ingestShard, migratedDurable, neverHeardIsDown,
                logMisdirected, ingestLogged, migratingDurable, ownershipOnIngest, v, shipReleasesShard, ownershipEpoch,
                moveRequiresOwnership, sliceHandover);
    }

    public Variant withShipReleasesShard(boolean v) {
        return new Variant(tableLayout, shipWriteTimeoutMs, sliceShards, ingestShard, migratedDurable, neverHeardIsDown,
                logMisdirected, ingestLogged, migratingDurable, ownershipOnIngest, retryAmbiguousShip, v, ownershipEpoch,
                moveRequiresOwnership, sliceHandover);
    }

    public Variant withOwnershipEpoch(boolean v) {
        return new Variant(tableLayout, shipWriteTimeoutMs, sliceShards, ingestShard, migratedDurable, neverHeardIsDown,
                logMisdirected, ingestLogged, migratingDurable, ownershipOnIngest, retryAmbiguousShip, shipReleasesShard, v,
                moveRequiresOwnership, sliceHandover);
    }

    public Variant withMoveRequiresOwnership(boolean v) {
        return new Variant(tableLayout, shipWriteTimeoutMs, sliceShards, ingestShard, migratedDurable, neverHeardIsDown,
                logMisdirected, ingestLogged, migratingDurable, ownershipOnIngest, retryAmbiguousShip, shipReleasesShard,
                ownershipEpoch, v, sliceHandover);
    }

    public Variant withSliceHandover(boolean v) {
        return new Variant(tableLayout, shipWriteTimeoutMs, sliceShards, ingestShard, migratedDurable, neverHeardIsDown,
                logMisdirected, ingestLogged, migratingDurable, ownershipOnIngest, retryAmbiguousShip, shipReleasesShard,
                ownershipEpoch, moveRequiresOwnership, v);
    }

    /**
     * Sets one switch from its vocabulary spelling, as a scenario file writes it: {@code tableLayout}
     * {@code seed|atomic}; {@code shipWriteTimeoutMs} {@code none|<ms>}; {@code sliceShards}
     * {@code prefix-shard|all-shards}; {@code ingestShard} {@code prefix-shard|key-shard}; the booleans
     * {@code true|false}.
     *
     * @throws IllegalArgumentException naming the switch and the accepted values
     */
    public Variant withSwitch(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return switch (name) {
            case "tableLayout" -> withTableLayout(TableLayout.parse(value));
            case "shipWriteTimeoutMs" -> withShipWriteTimeoutMs(parseTimeout(value));
            case "sliceShards" -> withSliceShards(SliceShards.parse(value));
            case "ingestShard" -> withIngestShard(IngestShard.parse(value));
            case "migratedDurable" -> withMigratedDurable(parseBool(name, value));
            case "neverHeardIsDown" -> withNeverHeardIsDown(parseBool(name, value));
            case "logMisdirected" -> withLogMisdirected(parseBool(name, value));
            case "ingestLogged" -> withIngestLogged(parseBool(name, value));
            case "migratingDurable" -> withMigratingDurable(parseBool(name, value));
            case "ownershipOnIngest" -> withOwnershipOnIngest(parseBool(name, value));
            case "retryAmbiguousShip" -> withRetryAmbiguousShip(parseBool(name, value));
            case "shipReleasesShard" -> withShipReleasesShard(parseBool(name, value));
            case "ownershipEpoch" -> withOwnershipEpoch(parseBool(name, value));
            case "moveRequiresOwnership" -> withMoveRequiresOwnership(parseBool(name, value));
            case "sliceHandover" -> withSliceHandover(parseBool(name, value));
            default -> throw new IllegalArgumentException("unknown variant switch \"" + name + "\" (expected one of "
                    + SWITCHES + ")");
        };
    }

    /** Every switch in its vocabulary spelling, sorted by name (for traces, reports and scenario files). */
    public SortedMap<String, String> switches() {
        TreeMap<String, String> m = new TreeMap<>();
        m.put("tableLayout", tableLayout.wireName());
        m.put("shipWriteTimeoutMs", shipWriteTimeoutMs.isPresent()
                ? Long.toString(shipWriteTimeoutMs.getAsLong()) : "none");
        m.put("sliceShards", sliceShards.wireName());
        m.put("ingestShard", ingestShard.wireName());
        m.put("migratedDurable", Boolean.toString(migratedDurable));
        m.put("neverHeardIsDown", Boolean.toString(neverHeardIsDown));
        m.put("logMisdirected", Boolean.toString(logMisdirected));
        m.put("ingestLogged", Boolean.toString(ingestLogged));
        m.put("migratingDurable", Boolean.toString(migratingDurable));
        m.put("ownershipOnIngest", Boolean.toString(ownershipOnIngest));
        m.put("retryAmbiguousShip", Boolean.toString(retryAmbiguousShip));
        m.put("shipReleasesShard", Boolean.toString(shipReleasesShard));
        m.put("ownershipEpoch", Boolean.toString(ownershipEpoch));
        m.put("moveRequiresOwnership", Boolean.toString(moveRequiresOwnership));
        m.put("sliceHandover", Boolean.toString(sliceHandover));
        return Collections.unmodifiableSortedMap(m);
    }

    private static OptionalLong parseTimeout(String value) {
        if (value.equalsIgnoreCase("none")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad shipWriteTimeoutMs \"" + value + "\" (expected none or milliseconds)", e);
        }
    }

    private static boolean parseBool(String name, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("bad " + name + " \"" + value + "\" (expected true or false)");
    }

    @Override
    public String toString() {
        return name() + switches();
    }
}
