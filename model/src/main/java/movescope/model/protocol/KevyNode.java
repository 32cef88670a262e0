package movescope.model.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import movescope.model.migration.MigrationError;
import movescope.model.migration.MigrationState;
import movescope.model.migration.MigrationTable;
import movescope.model.migration.SeedLayoutMigrationTable;
import movescope.model.protocol.remedy.MoveOwnership;
import movescope.model.protocol.remedy.OwnershipEpochs;
import movescope.model.protocol.remedy.SupersededMigrated;
import movescope.model.routing.AcceptReason;
import movescope.model.routing.Commands;
import movescope.model.routing.Peers;
import movescope.model.routing.RoutingContext;
import movescope.model.routing.WriteRouter;
import movescope.model.routing.WriteVerdict;
import movescope.model.scope.OwnershipTable;
import movescope.model.scope.Scope;
import movescope.model.scope.ScopeConfigException;
import movescope.model.store.FrameCodec;
import movescope.model.store.Reply;
import movescope.model.store.Store;
import movescope.model.store.Value;

/**
 * One kevy 5.4 node (kevy-move-scope.md §1–§6), or a variant with remedies, as a pure step function: {@link #step(Input)} takes one
 * input and returns the effects, in order. No clock, thread, I/O or randomness: time is the input's
 * {@code nowMs}; ids are counters. The same inputs always give the same effects. A {@link Variant}
 * switches single behaviours to their remedies.
 *
 * <h2>State</h2>
 * {@link DurableState} (config file incl. a pushed config, append-only log, last snapshot image; MIGRATED
 * with {@code migratedDurable}; MIGRATING with {@code migratingDurable}; prefixes owned by ingest with
 * {@code ownershipOnIngest}; first INGEST outcomes by move id with {@code retryAmbiguousShip}) and {@link VolatileState} (live stores per shard, ownership table,
 * migration table, per-shard ingesting prefix, moves in flight, heartbeat view, per-shard busy flag and
 * the queue of client commands behind it). A crash drops the volatile part; while down the node ignores
 * every input except {@link Input.Restart} and {@link Input.PushConfig} (it returns no effects).
 *
 * <h2>Inputs → effects</h2>
 * <ul>
 * <li>{@link Input.ClientCommand}: a command on connection {@code conn}. It belongs to the shards it
 *   touches (a key's shard = {@link Sharding#shardOf}; MOVE-SCOPE / MOVE-SCOPE-INGEST: the shard of the
 *   prefix string; keyless: shard 0; multi-key: every key's shard, see {@link ShardedStores}). If one of
 *   them is BUSY (running a MOVE-SCOPE), or an earlier queued command waits for one of them, it is queued
 *   and runs — with its {@link Effect.Reply} — when the move ends, in arrival order. Otherwise it runs now:
 *   <ul>
 *   <li>a write verb first meets the replication gate ({@link #replicationGate}: refused → answered, not
 *     executed, not logged). Checked writes go through {@link WriteRouter}: accepted → store; every
 *     reply — accepted, WRONGTYPE, {@code -QUIESCED …}, {@code -MISDIRECTED …} — is logged with
 *     {@code logMisdirected} (kevy), only accepted successful ones without; a relative-TTL write is
 *     followed by {@code PEXPIREAT k <deadline>} when the key then has one; SPOP is logged as
 *     {@code SREM k <popped…>}. Trace {@code ClientWrite} with {@code verdict} =
 *     {@code accepted}/{@code QUIESCED}/{@code MISDIRECTED}.</li>
 *   <li>unchecked writes (MSET, multi-key DEL, FLUSH*, …) run and log their effect frames per shard
 *     ({@code MSET} of the shard's pairs, {@code DEL} of its keys when one existed, {@code FLUSHALL});
 *     trace {@code ClientWrite}
 *     ({@code checked=false}). Reads run on the key's shard; trace {@code ClientRead}. Anything else
 *     (PING, unknown commands) just gets the store's reply.</li>
 *   <li>{@code MOVE-SCOPE p FROM f TO t}: §4 checks in order, each with kevy's text
 *     ({@link KevyTexts}); {@code start} refused → {@code StartRefused}. Else {@code Start}: the prefix's
 *     shard becomes BUSY, the slice is serialized (that shard's keys; {@code sliceShards=all-shards}: every
 *     shard's), and the effects are {@link Effect.Connect}{@code (moveId, t, addr, 10000)} and
 *     {@link Effect.SetTimer}{@code (moveId+"/connect", 10000)}.</li>
 *   <li>{@code MOVE-SCOPE-INGEST p bulk}: §5; applies the frames in one step; trace {@code Ingest} or
 *     {@code IngestRefused}; reply {@code +OK <applied>} or the error.</li>
 *   </ul></li>
 * <li>{@link Input.ConnectResult}: ok → {@link Effect.CancelTimer}(connect), {@link Effect.SendIngest}
 *   {@code (moveId, t, [MOVE-SCOPE-INGEST, p, bulk])}, trace {@code Ship}, and with a
 *   {@code shipWriteTimeoutMs} a {@code moveId+"/write"} timer. Not ok → Abort with its error (default
 *   {@link ShipFailure#CONNECTION_REFUSED}).</li>
 * <li>{@link Input.SendComplete}: the request is fully written; the 60 s read timer
 *   ({@code moveId+"/read"}) starts now, as in kevy (and the write timer is cancelled).</li>
 * <li>{@link Input.PeerReply}: starts with {@code +} → commit; else Abort with
 *   {@code target replied non-OK: "<first read>"} ({@link ShipFailure#nonOk}). A reply while still SENDING
 *   is taken as proof the send completed.</li>
 * <li>{@link Input.PeerError}: Abort with its reason (e.g. {@link ShipFailure#INTERRUPTED}); with
 *   {@code retryAmbiguousShip}, a retry instead (see "The fixed variant").</li>
 * <li>{@link Input.TimerFired}: {@code /connect} → Abort {@code connect "<addr>": connection timed out};
 *   {@code /write} → Abort {@link ShipFailure#WRITE_TIMED_OUT}; {@code /read} → Abort
 *   {@link ShipFailure#READ_TIMED_OUT}; {@code /commit} → {@code CommitInsert}. Unknown or stale ids are
 *   ignored, as are all move inputs whose move is gone or in another phase.</li>
 * <li>Commit: atomic layout → trace {@code Commit}, reply {@code +OK <frames>}. Seed layout →
 *   {@code CommitRemove} (prefix in neither map), {@link Effect.SetTimer}{@code (moveId+"/commit", 0)};
 *   when it fires, {@code CommitInsert} and the reply. The shard stays BUSY until the reply.</li>
 * <li>Abort: trace {@code Abort} with {@code reason}, cancel the move's timers, reply
 *   {@code -ERR MOVE-SCOPE ship failed: <reason>}. After Commit/Abort the queued commands run.</li>
 * <li>{@link Input.HeartbeatFrom}: records the time; trace {@code Heartbeat}. A peer is DOWN when its
 *   last heartbeat is more than 5000 ms before the routing time; never heard → DOWN iff
 *   {@code neverHeardIsDown}; the node itself and ids not in {@code peers} are never DOWN.</li>
 * <li>[election plane] With {@link NodeConfig#electionPlane()}: {@link Input.ElectDeliver} and the
 *   {@code elect/tick} timer each run one pump of kevy-elect ({@link ElectionDriver}); the elector's heartbeat
 *   view is then the DOWN view ({@code HeartbeatFrom} is ignored); write verbs first pass the replication gate
 *   ({@code -NOREPLICAS …} / {@code -READONLY …}, not executed, not logged, {@code ClientWrite} verdict
 *   {@code NOREPLICAS}/{@code READONLY}); {@code elect.meta} is durable; {@code ROLE} answers from the
 *   elector ({@link movescope.model.election.RoleReply}). The gate also applies without the plane
 *   ({@code role = "replica"} with an upstream).</li>
 * <li>{@link Input.Crash}: trace {@code Crash}; queued commands and moves vanish without replies (their
 *   connections die with the process).</li>
 * <li>{@link Input.Restart}: a running node is crashed first. The boot reads the config file (a pushed
 *   config becomes the config), builds the ownership table — a bad table leaves the node down with
 *   {@link #bootError()} = {@code kevy: bad [cluster] scopes config: <error>} — then loads the last
 *   snapshot (if any) and replays the log entries after it through the write path, checked against this
 *   boot's config with an empty migration table and every peer unseen; {@code MSET} is checked on its
 *   first key during replay. With {@code migratedDurable}, MIGRATED is restored after the replay. Trace
 *   {@code Restart} ({@code ok}, {@code error} or {@code replayed}/{@code applied}/{@code dropped}).</li>
 * <li>{@link Input.PushConfig}: stored as the pending config; trace {@code PushConfig}.</li>
 * <li>{@link Input.Snapshot}: copies every shard's store and the log position; trace {@code Snapshot}.</li>
 * </ul>
 *
 * <h2>Read-only accessors</h2>
 * {@link #isUp()}, {@link #bootError()}, {@link #config()}, {@link #nodeId()}, {@link #routeWrite},
 * {@link #acceptsWrite}, {@link #read}, {@link #storeEntries}, {@link #migratingSnapshot()},
 * {@link #migratedSnapshot()}, {@link #movesInFlight()}, {@link #busyShards()}, {@link #queuedCommands()},
 * {@link #isDown(String, long)}, {@link #durable()}, {@link #volatileState()}, {@link #recoverableStores}
 * (what a restart now would rebuild). None changes state. {@link #copy()} branches a node.
 *
 * <h2>Modelling choices (where kevy-move-scope.md says nothing)</h2>
 * <ul>
 * <li>The node has one log (kevy: one per shard); replay routes each frame to its key's shard, which is the
 *   same shard kevy replays it into as long as the shard count does not change.</li>
 * <li>An ingest runs inside one step, so its "ingesting" mark is never visible between steps; its
 *   duration on the wire is the simulator's delivery delay.</li>
 * <li>Log entries replay at the boot's time, as kevy's do; relative TTLs get their live deadline back
 *   from the logged {@code PEXPIREAT} that follows them. The routing of the replay uses the boot's time and
 *   DOWN view (every peer unseen).</li>
 * <li>A snapshot taken with another shard count is re-homed key by key at boot.</li>
 * <li>Heartbeats are traced ({@code Heartbeat}) like every other state change; queueing a command behind a
 *   busy shard is not (the vocabulary has no action for it): the absence of its Reply shows it.</li>
 * </ul>
 * Inputs are told apart with {@code instanceof} chains ending in an exception rather than a pattern
 * {@code switch}, which Java 17 (this project's release) does not have.
 *
 * <h2>The fixed variant (specs/MoveScope, "the fix for no gossip")</h2>
 * kevy 5.4 never tells the target it owns the prefix, so after a commit the source redirects to the target
 * and the target redirects back. Three switches together fix that; {@link Variant#FIXED} has all three.
 * <ul>
 * <li>{@code ownershipOnIngest}: when an INGEST succeeds the target durably records the prefix
 *   ({@link DurableState#ownedByIngest()}) before its {@code +OK} leaves, and its write path answers Owned
 *   for keys under it: after §3 steps 1–3 and before the static route (steps 4–5), whatever writer or
 *   fallback the config names. The node's own MIGRATING/MIGRATED come first, so a target that moves the
 *   prefix on quiesces and then redirects like any source (the record stays; the table overrides it).
 *   The log replay at boot routes with it too (spec {@code RouteWith(…, learned)}). A refused INGEST
 *   grants nothing. A node that once moved a prefix away keeps redirecting it even if it ingests it back
 *   (MIGRATED never shrinks), as in kevy. Trace {@code Ingest} gains {@code owned=true}.</li>
 * <li>{@code retryAmbiguousShip}: because the target may own the prefix after an INGEST the source never
 *   heard back from, the source aborts only on an explicit refusal — a reply line from the target that
 *   does not start with {@code +}. A refused or timed-out connect, a write or read timeout, EOF, reset or
 *   EINTR ({@link Input.PeerError}) instead: cancels the attempt's timers, keeps the prefix MIGRATING
 *   (writes stay QUIESCED) and the shard BUSY (the MOVE-SCOPE command has not returned), traces
 *   {@code ShipRetry} ({@code attempt}, {@code reason}, {@code retryInMs}, {@code nextShipId}) and sets
 *   {@code <nextShipId>/retry} for {@link #SHIP_RETRY_DELAY_MS}; when it fires the next attempt serializes
 *   the slice afresh and connects again. Retries are unbounded: the move ends only by a commit or a
 *   refusal (the spec's {@code MigrationEnds} holds once faults stop). The request is then
 *   {@code MOVE-SCOPE-INGEST <prefix> <bulk> <move-id>} (arity other than 4 →
 *   {@link KevyTexts#INGEST_ARITY_WITH_MOVE_ID}; with the switch off kevy's 3-argument form and text stay).
 *   The target remembers durably the reply to the first INGEST of each move id
 *   ({@link DurableState#ingestOutcomes()}: {@code +OK n}, a refused frame, a malformed bulk) and answers a
 *   repeat with it, applying nothing (traced {@code Ingest}/{@code IngestRefused} with
 *   {@code remembered=true}, {@code applied=0}). The spec re-merges the slice on a repeated success,
 *   which is a no-op for its set-valued stores; here SET/RPUSH frames are not idempotent and an owner by
 *   ingest may have accepted newer writes since, so nothing is re-applied.</li>
 * <li>{@code migratingDurable}: the MIGRATING entry is persisted at Start ({@link MigratingEntry}: move id,
 *   from, to, attempt number) and dropped when the move commits or aborts (seed layout: at
 *   {@code CommitRemove}, mirroring the table, so a crash in its window loses both entries — the fixed
 *   variant uses the atomic layout). A crash then suspends the move (trace {@code Crash} gains
 *   {@code movesSuspended}); the boot restores MIGRATING after the log replay (like MIGRATED) and resumes
 *   each move from the start: a new attempt with a freshly serialized slice of the rebuilt store, same move
 *   id, the shard BUSY again, {@link Effect.Connect} and its timer among the {@code Restart} step's
 *   effects (no {@code Start} trace; {@code Restart} gains {@code migratingRestored}). The move is not
 *   re-validated against the boot's config. Its Commit/Abort is traced ({@code resumed=true}) but
 *   answered to nobody: the operator's connection died with the process. A target that already applied
 *   the INGEST answers the remembered {@code +OK}, so the resumed move commits.</li>
 * </ul>
 * Remedy-only trace fields appear only when their remedy is on (or, for {@code attempts}/{@code resumed}
 * on Ship/Commit/Abort, only when a move shipped more than once or was resumed), so kevy 5.4's effects
 * are exactly what they were before these switches existed. Vocabulary note: {@code ShipRetry} is the
 * one action name these remedies add.
 *
 * <p><b>Crossing moves (a liveness hazard the spec cannot see).</b> The spec has one prefix and no busy
 * shards. Here a MOVE-SCOPE holds its shard until it returns, and with {@code retryAmbiguousShip} it
 * returns only on a commit or a refusal: two moves that cross (a ships to b while b ships to a, each
 * INGEST landing on the other's busy shard) queue behind each other forever — kevy 5.4 ends them by read
 * timeouts and aborts (RetryShipTest pins both behaviours).
 *
 * <h2>Ids</h2>
 * {@code moveId} = {@code <name>/m<n>}, timer ids = {@code <shipId>/connect|write|read|commit|retry}, where
 * the ship id (the {@code moveId} field of {@link Effect.Connect}, {@link Effect.SendIngest} and the
 * connection inputs) is the move id for its first attempt and {@code <moveId>#<attempt>} for later ones
 * (retries, resumed moves), so events of an abandoned connection never match the current one. The
 * counters are bookkeeping of the model, not kevy state: they survive crashes (the attempt number in the
 * durable MIGRATING entry) so that an event of a previous incarnation can never be taken for one of the
 * current one.
 */
public final class KevyNode {
    /** kevy's connect timeout for the ship connection. */
    public static final long CONNECT_TIMEOUT_MS = 10_000;
    /** kevy's timeout on the one read of the target's reply. */
    public static final long READ_TIMEOUT_MS = 60_000;
    /** A peer whose last heartbeat is older than this is DOWN. */
    public static final long DOWN_AFTER_MS = 5_000;
    /**
     * {@code retryAmbiguousShip}: the pause between a failed ship attempt and the next (not kevy's: kevy
     * never retries). Long enough not to hammer a target that is down, short against the 10 s connect and
     * 60 s read timeouts that usually precede it.
     */
    public static final long SHIP_RETRY_DELAY_MS = 1_000;

    private final String name;
    private final Variant variant;
    private final DurableState durable;
    /** Null while the node is down. */
    private VolatileState vol;
    private Optional<String> bootError = Optional.empty();
    private long nextMoveNumber = 1;
    /** remedy ownershipEpoch: durable, like {@link #durable} (kept across crashes). */
    private final OwnershipEpochs epochs;
    /** [election plane] The timer effects of the boot at construction (the election tick), see {@link #startEffects()}. */
    private List<Effect> startEffects = List.of();

    /** A node named after its {@code node_id} (or {@code "node"} without one), booted at time 0. */
    public KevyNode(NodeConfig config, Variant variant) {
        this(config.nodeId().orElse("node"), config, variant);
    }

    /**
     * A node booted at virtual time 0 with empty stores. {@code name} is the simulator's handle for it,
     * used in traces and ids (normally its node id). If the config's scopes do not build, the node is
     * down with {@link #bootError()} set.
     */
    public KevyNode(String name, NodeConfig config, Variant variant) {
        this.name = Objects.requireNonNull(name, "name");
        this.variant = Objects.requireNonNull(variant, "variant");
        this.durable = new DurableState(config);
        this.epochs = new OwnershipEpochs();
        List<Effect> first = new ArrayList<>();
        boot(0, first);
        // [election plane] the boot's traces are set-up, but its election tick must be scheduled.
        List<Effect> timers = new ArrayList<>();
        for (Effect e : first) {
            if (e instanceof Effect.SetTimer) {
                timers.add(e);
            }
        }
        this.startEffects = List.copyOf(timers);
    }

    private KevyNode(KevyNode other) {
        this.name = other.name;
        this.variant = other.variant;
        this.durable = other.durable.copy();
        this.vol = other.vol == null ? null : other.vol.copy();
        this.bootError = other.bootError;
        this.nextMoveNumber = other.nextMoveNumber;
        this.epochs = other.epochs.copy();
        this.startEffects = other.startEffects;
    }

    /**
     * [election plane] The timers the boot at construction (time 0) set, which its caller must schedule: the
     * election plane's first 200 ms tick when the config runs the plane, else nothing.
     */
    public List<Effect> startEffects() {
        return startEffects;
    }

    /**
     * An independent copy of this node, durable and volatile state included: stepping one never affects
     * the other, and both answer the same inputs with the same effects. For explorers that branch a run
     * (e.g. replaying the model over every edge of a state graph) and for shrinkers.
     */
    public KevyNode copy() {
        return new KevyNode(this);
    }

    // ------------------------------------------------------------------------------------------------
    // The step function

    /** The node's whole behaviour: one input in, the effects out (see the class comment). */
    public List<Effect> step(Input input) {
        Objects.requireNonNull(input, "input");
        List<Effect> out = new ArrayList<>();
        if (input instanceof Input.Restart r) {
            if (vol != null) {
                crash(out);
            }
            boot(r.nowMs(), out);
        } else if (input instanceof Input.PushConfig p) {
            durable.push(p.config());
            trace(out, "PushConfig", "nodeId", p.config().nodeId().orElse(""), "peers", p.config().peersString(),
                    "scopes", p.config().scopesString(), "shards", p.config().shards());
        } else if (vol == null) {
            return List.of(); // down: the process is not there to see anything else
        } else if (input instanceof Input.Crash) {
            crash(out);
        } else if (input instanceof Input.ClientCommand c) {
            onClientCommand(c, out);
        } else if (input instanceof Input.ConnectResult c) {
            onConnectResult(c, out);
        } else if (input instanceof Input.SendComplete s) {
            onSendComplete(s, out);
        } else if (input instanceof Input.PeerReply r) {
            onPeerReply(r, out);
        } else if (input instanceof Input.PeerError e) {
            vol.moveById(e.moveId())
                    .filter(m -> m.phase != MoveInFlight.Phase.COMMITTING
                            && m.phase != MoveInFlight.Phase.WAITING_TO_RETRY)
                    .ifPresent(m -> shipFailed(m, e.reason(), e.nowMs(), out));
        } else if (input instanceof Input.ElectDeliver d) {
            // [election plane] a message on the election listener: one orchestrator pump.
            if (vol.elector != null) {
                ElectionDriver.pump(name, vol, durable, d.nowMs(), Optional.of(d.message()), out);
            }
        } else if (input instanceof Input.TimerFired t && t.timerId().equals(ElectionDriver.TICK_TIMER)) {
            if (vol.elector != null) {
                ElectionDriver.pump(name, vol, durable, t.nowMs(), Optional.empty(), out);
            }
        } else if (input instanceof Input.TimerFired t) {
            onTimer(t, out);
        } else if (input instanceof Input.HeartbeatFrom h) {
            if (vol.elector != null) {
                return List.of(); // [election plane] its own heartbeats are the one DOWN view
            }
            vol.lastHeard.merge(h.peerId(), h.nowMs(), Math::max);
            trace(out, "Heartbeat", "from", h.peerId());
        } else if (input instanceof Input.Snapshot s) {
            int position = durable.log().size();
            durable.saveSnapshot(new SnapshotImage(s.nowMs(), vol.stores.all(), position));
            trace(out, "Snapshot", "logPosition", position);
        } else {
            throw new IllegalStateException("unhandled input " + input);
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------------------------------------
    // Client commands and the busy queue

    private void onClientCommand(Input.ClientCommand c, List<Effect> out) {
        SortedSet<Integer> shards = shardsWaitedOn(c);
        TreeSet<Integer> blocked = new TreeSet<>(vol.busy.keySet());
        for (VolatileState.Pending p : vol.pending) {
            blocked.addAll(p.shards());
        }
        if (!Collections.disjoint(shards, blocked)) {
            // The shard is inside a MOVE-SCOPE (or behind commands that wait for one): it does
            // nothing else until the move returns, so the command waits, in arrival order.
            vol.pending.add(new VolatileState.Pending(c, footprint(c, shards, blocked)));
            return;
        }
        execute(c, c.nowMs(), out);
    }

    /**
     * The shards a waiting command holds up for later ones: all it waits on — unless its connection's own shard
     * is blocked, for then kevy has not even read it (kevy-source-facts §3), and it holds up that shard alone.
     */
    private SortedSet<Integer> footprint(Input.ClientCommand c, SortedSet<Integer> shards, Set<Integer> blocked) {
        if (c.connShard() != Input.ClientCommand.KEY_SHARD && blocked.contains(connShard(c))) {
            return new TreeSet<>(Set.of(connShard(c)));
        }
        return shards;
    }

    /**
     * The shards {@code c} would wait on if one of them were busy (see {@link #shardsWaitedOn}): the routing fact
     * a simulator needs to hold a command back while a shard of this node is busy with work the model does at
     * once (applying an INGEST). Empty when the node is down.
     */
    public SortedSet<Integer> waitsOn(Input.ClientCommand c) {
        return vol == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(shardsWaitedOn(c));
    }

    /**
     * The shards a command needs free to run (kevy-source-facts §3): those its keys live on (one, or all for
     * DBSIZE/KEYS/FLUSHALL), and the connection's own shard, which reads nothing while it runs a MOVE-SCOPE —
     * so a write sees {@code -QUIESCED} only if neither its connection's shard nor its key's shard is the busy
     * one. PING and ROLE run on the connection's shard alone.
     */
    private SortedSet<Integer> shardsWaitedOn(Input.ClientCommand c) {
        SortedSet<Integer> keyShards = vol.stores.shardsTouched(c.args());
        if (c.connShard() == Input.ClientCommand.KEY_SHARD) {
            return keyShards;
        }
        int own = connShard(c);
        String cmd = Commands.name(c.args());
        TreeSet<Integer> out = new TreeSet<>();
        if (!cmd.equals("PING") && !cmd.equals("ROLE")) {
            out.addAll(keyShards);
        }
        out.add(own);
        return out;
    }

    /** The shard of {@code c}'s connection (its key's shard, or shard 0, for {@link Input.ClientCommand#KEY_SHARD}). */
    private int connShard(Input.ClientCommand c) {
        if (c.connShard() != Input.ClientCommand.KEY_SHARD) {
            return c.connShard() % vol.config.shards();
        }
        return c.args().size() >= 2 ? vol.stores.shardOf(c.args().get(1)) : 0;
    }

    /** Runs the queued commands whose shards are free, in arrival order, at {@code nowMs}. */
    private void drain(long nowMs, List<Effect> out) {
        TreeSet<Integer> blocked = new TreeSet<>(vol.busy.keySet());
        List<VolatileState.Pending> waiting = new ArrayList<>(vol.pending);
        vol.pending.clear();
        for (VolatileState.Pending p : waiting) {
            SortedSet<Integer> needs = shardsWaitedOn(p.command());
            if (Collections.disjoint(needs, blocked)) {
                execute(p.command(), nowMs, out);
                // A queued MOVE-SCOPE makes its shard busy again; everything after it on that shard waits.
                blocked.addAll(vol.busy.keySet());
            } else {
                SortedSet<Integer> held = footprint(p.command(), needs, blocked);
                vol.pending.add(new VolatileState.Pending(p.command(), held));
                blocked.addAll(held);
            }
        }
    }

    /**
     * The replication gate (kevy-source-facts §7, state/replication.rs:439-462): a write verb it refuses
     * is answered with the refusal and neither executed nor logged (exec.rs:108-112). Empty here: the
     * election plane (quorum fence, READONLY follower) plugs in at this one place. MOVE-SCOPE and
     * MOVE-SCOPE-INGEST are not write verbs and never meet it.
     */
    private Optional<String> replicationGate(List<String> args, long nowMs) {
        return Optional.empty();
    }

    private void execute(Input.ClientCommand c, long nowMs, List<Effect> out) {
        List<String> args = c.args();
        String cmd = Commands.name(args);
        Optional<String> gated = Commands.isWrite(args) ? replicationGate(args, nowMs) : Optional.empty();
        if (gated.isPresent()) {
            out.add(new Effect.Reply(c.conn(), c.reqId(), gated.get()));
            return;
        }
        if (cmd.equals("MOVE-SCOPE")) {
            moveScope(c, nowMs, out);
        } else if (cmd.equals("MOVE-SCOPE-INGEST")) {
            ingest(c, nowMs, out);
        } else if (cmd.equals("ROLE")) {
            // [election plane] ROLE runs on the connection's shard (ops/replication.rs:122-158).
            out.add(new Effect.Reply(c.conn(), c.reqId(), args.size() != 1
                    ? "-ERR wrong number of arguments for 'role' command"
                    : movescope.model.election.RoleReply.of(Optional.ofNullable(vol.elector), vol.config.peers(),
                            vol.config.election()).wire()));
        } else if (Commands.isWrite(args) && vol.gate.writeDenied().isPresent()) {
            // [election plane] the replication gate, before the scope check: refused writes are neither
            // executed nor logged (exec.rs:108-112, exec_dispatch.rs:77-81, state/replication.rs:439-462).
            String wire = vol.gate.writeDenied().get();
            out.add(new Effect.Reply(c.conn(), c.reqId(), wire));
            trace(out, "ClientWrite", "conn", c.conn(), "reqId", c.reqId(), "cmd", cmd,
                    "key", args.size() >= 2 ? args.get(1) : "", "checked", Commands.isCheckedWrite(args),
                    "verdict", wire.substring(1, wire.indexOf(' ')), "reason", "GATE", "reply", wire, "logged", false);
        } else if (Commands.isCheckedWrite(args)) {
            checkedWrite(c, nowMs, out);
        } else if (Commands.isWrite(args)) {
            boolean logged;
            Reply r;
            if (Commands.isRuntimeStore(args)) {
                // The *STORE family runs as a runtime op; the destination's shard logs DEL dst, then ZADD/SADD
                // dst … when the result is not empty (exec_op.rs:141-186). Parse errors and WRONGTYPE log nothing.
                movescope.model.store.AlgebraStore.Outcome o = vol.stores.storeFamily(args, nowMs);
                r = o.reply();
                for (List<String> f : o.frames()) {
                    appendLog(frameShard(f), nowMs, f, Optional.empty(), "effect"); // dst's shard
                }
                logged = !o.frames().isEmpty();
            } else if (isRuntimeMove(args)) {
                // RENAME / RPOPLPUSH / LMOVE run as runtime ops and log their effects, not the verb.
                MoveBefore before = moveBefore(args, nowMs);
                r = vol.stores.execute(args, nowMs);
                List<List<String>> frames = moveEffects(args, r, before, nowMs);
                for (List<String> f : frames) {
                    appendLog(frameShard(f), nowMs, f, Optional.empty(), "effect");
                }
                logged = !frames.isEmpty();
            } else if (args.size() >= 2) {
                // The multi-shard ops (MSET, multi-key DEL, …): each shard logs the effect of its part.
                List<List<String>> effects = multiKeyEffects(args, nowMs);
                r = vol.stores.execute(args, nowMs);
                logged = logEffects(args, r, effects, nowMs);
            } else {
                // Keyless: FLUSHALL/FLUSHDB log FLUSHALL on every shard (exec_op.rs:68-102); anything else
                // is an arity error of a write verb, logged verbatim by kevy whatever it replied.
                r = vol.stores.execute(args, nowMs);
                List<List<String>> flush = flushEffects(args);
                if (flush != null) {
                    logged = logEffects(args, r, flush, nowMs);
                } else {
                    logged = variant.logMisdirected() || !r.isError();
                    if (logged) {
                        // Keyless: Route::Local, so it ran, and is logged, on the connection's shard
                        // (cmd_resolve.rs:46, exec.rs:146-148).
                        appendLog(c.connShard() == Input.ClientCommand.KEY_SHARD ? 0 : connShard(c), nowMs, args,
                                Optional.empty(), "accepted");
                    }
                }
            }
            out.add(new Effect.Reply(c.conn(), c.reqId(), r.wire()));
            trace(out, "ClientWrite", "conn", c.conn(), "reqId", c.reqId(), "cmd", cmd,
                    "key", args.size() >= 2 ? args.get(1) : "", "checked", false, "verdict", "accepted",
                    "reason", "NOT_CHECKED", "reply", r.wire(), "logged", logged);
        } else if (Commands.isRead(args)) {
            Reply r = vol.stores.execute(args, nowMs,
                    c.connShard() == Input.ClientCommand.KEY_SHARD ? 0 : connShard(c));
            out.add(new Effect.Reply(c.conn(), c.reqId(), r.wire()));
            trace(out, "ClientRead", "conn", c.conn(), "reqId", c.reqId(), "cmd", cmd,
                    "key", args.size() >= 2 ? args.get(1) : "", "reply", r.wire());
        } else {
            // PING, unknown commands, …: no state change, just the store's answer.
            out.add(new Effect.Reply(c.conn(), c.reqId(), vol.stores.execute(args, nowMs).wire()));
        }
    }

    private void checkedWrite(Input.ClientCommand c, long nowMs, List<Effect> out) {
        List<String> args = c.args();
        String key = args.get(1);
        int shard = vol.stores.shardOf(key);
        WriteVerdict v = route(context(nowMs, Optional.ofNullable(vol.ingesting.get(shard))), args);
        String wire;
        String verdict;
        String reason;
        boolean logged;
        if (v instanceof WriteVerdict.Accept a) {
            Optional<Value> before = vol.stores.shard(shard).get(key, nowMs);
            Reply r = vol.stores.execute(args, nowMs);
            wire = r.wire();
            verdict = "accepted";
            reason = a.reason().name();
            logged = logSingleKey(args, shard, r.isError(), before, "accepted", nowMs);
        } else if (v instanceof WriteVerdict.Quiesced q) {
            wire = q.wireReply().orElseThrow();
            verdict = "QUIESCED";
            reason = q.to();
            logged = logSingleKey(args, shard, true, Optional.empty(), "QUIESCED", nowMs);
        } else if (v instanceof WriteVerdict.Misdirected m) {
            wire = m.wireReply().orElseThrow();
            verdict = "MISDIRECTED";
            reason = m.writer();
            logged = logSingleKey(args, shard, true, Optional.empty(), "MISDIRECTED", nowMs);
        } else {
            throw new IllegalStateException("unhandled verdict " + v);
        }
        out.add(new Effect.Reply(c.conn(), c.reqId(), wire));
        trace(out, "ClientWrite", "conn", c.conn(), "reqId", c.reqId(), "cmd", Commands.name(args), "key", key,
                "shard", shard, "checked", true, "verdict", verdict, "reason", reason, "reply", wire, "logged", logged);
    }

    // ------------------------------------------------------------------------------------------------
    // The append-only log (kevy-source-facts §6)

    /**
     * A single-key write verb that ran on {@code shard}: kevy's post-write housekeeping appends it verbatim
     * whatever it replied — MISDIRECTED, QUIESCED, WRONGTYPE, a syntax or arity error
     * (exec_dispatch.rs:214-216, 242-244; exec_op.rs:38-40 → exec.rs:322-350). With {@code logMisdirected}
     * off (the fixed variant) only writes that were accepted and succeeded are logged. SPOP is the one
     * rewritten frame: {@code SREM k <popped…>}, nothing when it popped nothing (cmd_data.rs:62-81). A
     * relative-TTL write is followed by {@code PEXPIREAT k <deadline>} when the key then has a TTL
     * (exec.rs:322-350, exec_fold.rs:243-261): for a refused write that is the key's existing deadline.
     * Writes refused by the replication gate never get here (see {@link #replicationGate}).
     */
    private boolean logSingleKey(List<String> args, int shard, boolean refusedOrFailed, Optional<Value> before,
            String liveVerdict, long nowMs) {
        if (refusedOrFailed && !variant.logMisdirected()) {
            return false;
        }
        String key = args.get(1);
        List<String> frame = args;
        if (Commands.name(args).equals("SPOP") && !refusedOrFailed) {
            List<String> popped = poppedMembers(before, vol.stores.shard(shard).get(key, nowMs));
            if (popped.isEmpty()) {
                return false;
            }
            List<String> srem = new ArrayList<>(List.of("SREM", key));
            srem.addAll(popped);
            frame = srem;
        }
        appendLog(shard, nowMs, frame, Optional.empty(), liveVerdict);
        if (isRelativeTtlWrite(args)) {
            Store st = vol.stores.shard(shard);
            Optional<Long> deadline = st.get(key, nowMs).isPresent() ? st.deadline(key) : Optional.empty();
            deadline.ifPresent(d -> appendLog(shard, nowMs, List.of("PEXPIREAT", key, Long.toString(d)),
                    Optional.empty(), "ttl"));
        }
        return true;
    }

    private static List<String> poppedMembers(Optional<Value> before, Optional<Value> after) {
        List<String> popped = new ArrayList<>();
        if (before.isPresent() && before.get() instanceof Value.SetVal b) {
            java.util.Set<String> left = after.isPresent() && after.get() instanceof Value.SetVal a
                    ? new TreeSet<>(a.members()) : new TreeSet<>();
            for (String m : b.members()) {
                if (!left.contains(m)) {
                    popped.add(m);
                }
            }
        }
        return popped;
    }

    /** EXPIRE, PEXPIRE, SETEX, PSETEX, or SET with an EX/PX token at index 3 or later (exec.rs:322-350). */
    static boolean isRelativeTtlWrite(List<String> args) {
        String n = Commands.name(args);
        if (n.equals("EXPIRE") || n.equals("PEXPIRE") || n.equals("SETEX") || n.equals("PSETEX")) {
            return true;
        }
        if (n.equals("SET")) {
            for (int i = 3; i < args.size(); i++) {
                String t = args.get(i);
                if (t.equalsIgnoreCase("EX") || t.equalsIgnoreCase("PX")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The effect frames a multi-shard write leaves in the shards' logs, computed before it runs:
     * {@code MSET k v …} per shard for its pairs (exec_op.rs:104-119), {@code DEL k …} per shard for its
     * keys when at least one of them exists (exec_op.rs:49-63). RENAME, RPOPLPUSH and LMOVE log their effects
     * ({@link #moveEffects}); the *STORE family logs {@code DEL dst} and its result
     * ({@link movescope.model.store.AlgebraStore}). Empty when nothing would be logged.
     */
    private List<List<String>> multiKeyEffects(List<String> args, long nowMs) {
        String n = Commands.name(args);
        TreeMap<Integer, List<String>> perShard = new TreeMap<>();
        TreeSet<Integer> removes = new TreeSet<>();
        if (n.equals("MSET") && args.size() % 2 == 1) {
            for (int i = 1; i + 1 < args.size(); i += 2) {
                perShard.computeIfAbsent(vol.stores.shardOf(args.get(i)), s -> new ArrayList<>(List.of("MSET")))
                        .addAll(List.of(args.get(i), args.get(i + 1)));
            }
            return new ArrayList<>(perShard.values());
        }
        if ((n.equals("DEL") || n.equals("UNLINK")) && args.size() > 2) {
            for (int i = 1; i < args.size(); i++) {
                int sh = vol.stores.shardOf(args.get(i));
                perShard.computeIfAbsent(sh, s -> new ArrayList<>(List.of("DEL"))).add(args.get(i));
                if (vol.stores.shard(sh).get(args.get(i), nowMs).isPresent()) {
                    removes.add(sh);
                }
            }
            List<List<String>> out = new ArrayList<>();
            for (Map.Entry<Integer, List<String>> e : perShard.entrySet()) {
                if (removes.contains(e.getKey())) {
                    out.add(e.getValue());
                }
            }
            return out;
        }
        return null; // verbatim on success
    }

    /** RENAME/RENAMENX with 2 keys, RPOPLPUSH with exactly 3 args, LMOVE with exactly 5 (kevy-source-facts §8). */
    private static boolean isRuntimeMove(List<String> args) {
        String n = Commands.name(args);
        return ((n.equals("RENAME") || n.equals("RENAMENX") || n.equals("RPOPLPUSH")) && args.size() == 3)
                || (n.equals("LMOVE") && args.size() == 5);
    }

    /** What a runtime move's effect frames depend on, read before it runs. */
    private record MoveBefore(boolean sameShard, String endElement) {}

    private MoveBefore moveBefore(List<String> args, long nowMs) {
        String src = args.get(1);
        boolean same = vol.stores.shardOf(src) == vol.stores.shardOf(args.get(2));
        String end = null;
        String n = Commands.name(args);
        if (n.equals("RPOPLPUSH") || n.equals("LMOVE")) {
            Boolean fromLeft = n.equals("RPOPLPUSH") ? Boolean.FALSE : movescope.model.store.Store.side(args.get(3));
            Optional<Value> v = vol.stores.shard(vol.stores.shardOf(src)).get(src, nowMs);
            if (fromLeft != null && v.isPresent() && v.get() instanceof Value.ListVal l && !l.elements().isEmpty()) {
                end = fromLeft ? l.elements().get(0) : l.elements().get(l.elements().size() - 1);
            }
        }
        return new MoveBefore(same, end);
    }

    /**
     * The effect frames kevy logs for a runtime move (kevy-source-facts §5; crates/kevy-rt/src/exec_op.rs:245-298,
     * exec_listmove.rs:272-383, exec_mutated.rs:65-110):
     * <ul>
     *   <li>RENAME/RENAMENX on one shard: the verb itself, when it renamed; across shards: the destination's
     *       rebuild frames ({@code log_value_placed}), then {@code DEL src};</li>
     *   <li>RPOPLPUSH/LMOVE across shards: {@code LPOP|RPOP src} and {@code LPUSH|RPUSH dst <element>}; refused by
     *       a destination that is not a list: the pop and the push back onto the source's end;</li>
     *   <li>RPOPLPUSH/LMOVE on one shard: {@code LPOP|RPOP src} only — {@code after_list_move} logs the pop and
     *       nothing logs the push [inferred from the code: its comment says both effects are logged, but only
     *       {@code log_list_pop} is called], so a replay of the log loses the moved element.</li>
     * </ul>
     */
    private List<List<String>> moveEffects(List<String> args, Reply r, MoveBefore b, long nowMs) {
        String n = Commands.name(args);
        String src = args.get(1);
        String dst = args.get(2);
        if (n.equals("RENAME") || n.equals("RENAMENX")) {
            boolean renamed = r.wire().equals("+OK") || r.wire().equals(":1");
            if (!renamed) {
                return List.of();
            }
            if (b.sameShard()) {
                return List.of(List.of(n, src, dst));
            }
            List<List<String>> out = new ArrayList<>(vol.stores.shard(vol.stores.shardOf(dst)).framesOfKey(dst, nowMs));
            out.add(List.of("DEL", src));
            return out;
        }
        boolean fromLeft = n.equals("RPOPLPUSH") ? false : Boolean.TRUE.equals(movescope.model.store.Store.side(args.get(3)));
        boolean toLeft = n.equals("RPOPLPUSH") ? true : Boolean.TRUE.equals(movescope.model.store.Store.side(args.get(4)));
        List<String> pop = List.of(fromLeft ? "LPOP" : "RPOP", src);
        if (r instanceof Reply.Bulk moved) {
            return b.sameShard() ? List.of(pop)
                    : List.of(pop, List.of(toLeft ? "LPUSH" : "RPUSH", dst, moved.value()));
        }
        if (!b.sameShard() && r.isError() && b.endElement() != null && r.wire().startsWith("-WRONGTYPE")) {
            return List.of(pop, List.of(fromLeft ? "LPUSH" : "RPUSH", src, b.endElement()));
        }
        return List.of();
    }

    /**
     * Appends {@code frame} to shard {@code shard}'s log ({@code aof-<shard>.aof}): the log of the shard that
     * executed it (exec_dispatch.rs:378-389 → exec.rs:322-350; effect frames: exec_op.rs:49-162).
     */
    private void appendLog(int shard, long nowMs, List<String> frame, Optional<String> ingestPrefix, String verdict) {
        durable.append(new LogEntry(shard, nowMs, frame, ingestPrefix, verdict));
    }

    /**
     * The shard an effect frame is logged on: its key's. Each shard logs its own part of a multi-shard op, so
     * every key of a keyed effect frame is on that shard; a keyless one ({@code FLUSHALL}) is logged on every
     * shard by {@link #logEffects}.
     */
    private int frameShard(List<String> frame) {
        return frame.size() >= 2 ? vol.stores.shardOf(frame.get(1)) : 0;
    }

    private List<List<String>> flushEffects(List<String> args) {
        String n = Commands.name(args);
        if (n.equals("FLUSHALL") || n.equals("FLUSHDB")) {
            List<List<String>> out = new ArrayList<>();
            for (int i = 0; i < vol.stores.shards(); i++) {
                out.add(List.of("FLUSHALL"));
            }
            return out;
        }
        return null;
    }

    /** Appends {@code effects} (null: {@code args} itself when it succeeded, or always with logMisdirected). */
    private boolean logEffects(List<String> args, Reply r, List<List<String>> effects, long nowMs) {
        if (effects == null) {
            if (r.isError()) {
                return false; // a multi-shard op that failed changed nothing and logs nothing
            }
            appendLog(frameShard(args), nowMs, args, Optional.empty(), "accepted");
            return true;
        }
        if (r.isError()) {
            return false;
        }
        for (int i = 0; i < effects.size(); i++) {
            List<String> e = effects.get(i);
            // FLUSHALL: one frame per shard, in shard order (flushEffects); keyed frames: their key's shard.
            appendLog(e.size() >= 2 ? frameShard(e) : i, nowMs, e, Optional.empty(), "effect");
        }
        return !effects.isEmpty();
    }

    // ------------------------------------------------------------------------------------------------
    // MOVE-SCOPE on the source

    private void moveScope(Input.ClientCommand c, long nowMs, List<Effect> out) {
        List<String> a = c.args();
        Optional<String> error = validateMove(a);
        if (error.isPresent()) {
            out.add(new Effect.Reply(c.conn(), c.reqId(), error.get()));
            return;
        }
        String prefix = a.get(1);
        String from = a.get(3);
        String to = a.get(5);
        String self = vol.config.nodeId().orElseThrow();
        Optional<String> notOwned = notOwned(prefix, nowMs);
        if (notOwned.isPresent()) {
            String wire = MoveOwnership.refusedText(prefix, notOwned.get());
            out.add(new Effect.Reply(c.conn(), c.reqId(), wire));
            trace(out, "StartRefused", "prefix", prefix, "from", from, "to", to, "error", MoveOwnership.ERROR,
                    "reply", wire);
            return;
        }
        Optional<MigrationError> refused = vol.migrations.start(prefix, self, to);
        if (refused.isPresent()) {
            String wire = KevyTexts.moveStartRefused(refused.get().text());
            out.add(new Effect.Reply(c.conn(), c.reqId(), wire));
            trace(out, "StartRefused", "prefix", prefix, "from", from, "to", to, "error", refused.get().name(),
                    "reply", wire);
            return;
        }
        int shard = vol.stores.shardOf(prefix);
        List<List<String>> frames = serializeSlice(prefix, shard, nowMs);
        String moveId = name + "/m" + nextMoveNumber++;
        MoveInFlight m = new MoveInFlight(moveId, prefix, self, to, c.conn(), c.reqId(), shard, frames.size(),
                FrameCodec.encode(frames));
        vol.moves.put(prefix, m);
        // remedy shipReleasesShard: the shard is busy only while the slice is serialized (this step).
        if (!variant.shipReleasesShard()) {
            vol.busy.put(shard, moveId);
        }
        if (variant.migratingDurable()) {
            durable.persistMigrating(prefix, new MigratingEntry(moveId, self, to, m.attempt));
        }
        if (variant.ownershipEpoch()) {
            epochs.moveEpoch(moveId, prefix); // remedy ownershipEpoch: the move's epoch is fixed here
        }
        trace(out, "Start", "moveId", moveId, "prefix", prefix, "from", self, "to", to, "shard", shard,
                "frames", frames.size(), "sliceShards", variant.sliceShards().wireName());
        connect(m, nowMs, out);
    }

    /**
     * kevy parses the target address as an IP socket address after serializing and before connecting
     * (scope_move.rs:189-192): a DNS name or an unbracketed IPv6 host ends the move at once with
     * {@code bad target addr "<addr>": invalid socket address syntax} (no Connect, no retry: nothing was sent).
     */
    private void connect(MoveInFlight m, long nowMs, List<Effect> out) {
        String addr = vol.peers.addr(m.to);
        if (!SocketAddrSyntax.isSocketAddr(addr)) {
            abort(m, ShipFailure.badTargetAddr(addr), nowMs, out);
            return;
        }
        out.add(new Effect.Connect(m.shipId(), m.to, addr, CONNECT_TIMEOUT_MS));
        setTimer(m, "connect", CONNECT_TIMEOUT_MS, out);
    }

    /**
     * remedy moveRequiresOwnership: the first prefix under {@code prefix} (itself first) whose keys this
     * node's write path does not accept now — MIGRATING, MIGRATED, owned elsewhere — or empty when the
     * node owns every key under it. The prefixes looked at are the moved one and every prefix nested in
     * it that this node has a record of (migration table, ownership records, scopes).
     */
    private Optional<String> notOwned(String prefix, long nowMs) {
        if (!variant.moveRequiresOwnership()) {
            return Optional.empty();
        }
        java.util.TreeSet<String> nested = new java.util.TreeSet<>();
        nested.addAll(vol.migrations.migratingSnapshot().keySet());
        nested.addAll(vol.migrations.migratedSnapshot().keySet());
        nested.addAll(epochs.prefixes());
        for (movescope.model.scope.Scope sc : vol.config.scopes()) {
            nested.add(sc.prefix());
        }
        List<String> check = new ArrayList<>(List.of(prefix));
        for (String q : nested) {
            if (!q.equals(prefix) && q.startsWith(prefix)) {
                check.add(q);
            }
        }
        for (String q : check) {
            if (!route(context(nowMs, Optional.empty()), List.of("SET", q, "")).accepted()) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    /** The rebuild frames of the slice: the prefix's shard's keys, or every shard's with {@code all-shards}. */
    private List<List<String>> serializeSlice(String prefix, int shard, long nowMs) {
        List<List<String>> frames = new ArrayList<>();
        switch (variant.sliceShards()) {
            case PREFIX_SHARD -> frames.addAll(vol.stores.shard(shard).serializeSlice(prefix, nowMs));
            case ALL_SHARDS -> {
                for (int i = 0; i < vol.stores.shards(); i++) {
                    frames.addAll(vol.stores.shard(i).serializeSlice(prefix, nowMs));
                }
            }
            default -> throw new IllegalStateException("unhandled sliceShards " + variant.sliceShards());
        }
        return frames;
    }

    /**
     * Begins ship attempt {@code m.attempt} after a retry pause or a resume at boot: the slice is serialized
     * afresh (checked writes are QUIESCED meanwhile, but unchecked ones — MSET, FLUSHALL, … — and expiries
     * still change it, and a resumed move's bulk died with the old process), then connect as Start does.
     * kevy 5.4 never gets here: its only attempt begins in {@link #moveScope}.
     */
    private void beginAttempt(MoveInFlight m, long nowMs, List<Effect> out) {
        List<List<String>> frames = serializeSlice(m.prefix, m.shard, nowMs);
        m.frames = frames.size();
        m.bulk = FrameCodec.encode(frames);
        m.phase = MoveInFlight.Phase.CONNECTING;
        if (variant.migratingDurable()) {
            durable.persistMigrating(m.prefix, new MigratingEntry(m.moveId, m.from, m.to, m.attempt));
        }
        connect(m, nowMs, out);
    }

    /**
     * The ship failed without an answer from the target (connect refused or timed out, write or read
     * timeout, EOF, reset, EINTR). kevy 5.4 aborts. With {@code retryAmbiguousShip} the target may well have
     * applied the INGEST, so the source keeps the prefix MIGRATING (writes stay QUIESCED) and ships again
     * after {@link #SHIP_RETRY_DELAY_MS}: trace {@code ShipRetry}, timer {@code <next shipId>/retry}.
     */
    private void shipFailed(MoveInFlight m, String reason, long nowMs, List<Effect> out) {
        if (!variant.retryAmbiguousShip()) {
            abort(m, reason, nowMs, out);
            return;
        }
        for (String timer : new ArrayList<>(m.timers)) {
            out.add(new Effect.CancelTimer(timer));
        }
        m.timers.clear();
        int failed = m.attempt;
        // The next attempt gets a new connection id now, so late events of the abandoned connection
        // (a reply, an error, a SendComplete) no longer match this move.
        m.attempt++;
        m.phase = MoveInFlight.Phase.WAITING_TO_RETRY;
        if (variant.migratingDurable()) {
            // A boot during the pause resumes with the attempt after this one: no connection or timer id
            // announced by this incarnation is ever reused by the next.
            durable.persistMigrating(m.prefix, new MigratingEntry(m.moveId, m.from, m.to, m.attempt));
        }
        trace(out, "ShipRetry", "moveId", m.moveId, "prefix", m.prefix, "from", m.from, "to", m.to,
                "attempt", failed, "reason", reason, "retryInMs", SHIP_RETRY_DELAY_MS, "nextShipId", m.shipId());
        setTimer(m, "retry", SHIP_RETRY_DELAY_MS, out);
    }

    /** §4 steps 1–5 (step 6 is {@code start} itself); empty when the command may start. */
    private Optional<String> validateMove(List<String> a) {
        if (a.size() != 6) {
            return Optional.of(KevyTexts.MOVE_ARITY);
        }
        if (!a.get(2).equalsIgnoreCase("FROM") || !a.get(4).equalsIgnoreCase("TO")) {
            return Optional.of(KevyTexts.MOVE_SYNTAX);
        }
        Optional<String> self = vol.config.nodeId();
        if (self.isEmpty()) {
            return Optional.of(KevyTexts.MOVE_NO_NODE_ID);
        }
        if (!a.get(3).equals(self.get())) {
            return Optional.of(KevyTexts.moveFromNotSelf(a.get(3), self.get()));
        }
        if (!vol.peers.contains(a.get(5))) {
            return Optional.of(KevyTexts.moveTargetNotInPeers(a.get(5)));
        }
        if (vol.config.scopes().isEmpty()) {
            return Optional.of(KevyTexts.MOVE_NO_SCOPES);
        }
        return Optional.empty();
    }

    private void onConnectResult(Input.ConnectResult r, List<Effect> out) {
        Optional<MoveInFlight> found = vol.moveById(r.moveId());
        if (found.isEmpty() || found.get().phase != MoveInFlight.Phase.CONNECTING) {
            return; // stale: the move already ended (e.g. the connect timer fired first)
        }
        MoveInFlight m = found.get();
        cancelTimer(m, "connect", out);
        if (!r.ok()) {
            // scope_move.rs:191-195: format!("connect {target_addr:?}: {e}").
            shipFailed(m, ShipFailure.connect(vol.peers.addr(m.to),
                    r.error() == null ? ShipFailure.CONNECTION_REFUSED : r.error()), r.nowMs(), out);
            return;
        }
        m.phase = MoveInFlight.Phase.SENDING;
        // retryAmbiguousShip: the move id rides along, so the target can answer a repeat with its first outcome.
        List<String> request = new ArrayList<>(variant.retryAmbiguousShip()
                ? List.of("MOVE-SCOPE-INGEST", m.prefix, m.bulk, m.moveId)
                : List.of("MOVE-SCOPE-INGEST", m.prefix, m.bulk));
        if (variant.ownershipEpoch()) {
            // remedy ownershipEpoch: the move hands the prefix over one epoch after the source's record.
            request.add(Long.toString(epochs.moveEpoch(m.moveId, m.prefix)));
        }
        request = List.copyOf(request);
        out.add(new Effect.SendIngest(m.shipId(), m.to, request));
        if (m.attempt == 1 && !m.resumed) {
            trace(out, "Ship", "moveId", m.moveId, "prefix", m.prefix, "from", m.from, "to", m.to, "frames", m.frames,
                    "bulkChars", m.bulk.length());
        } else {
            trace(out, "Ship", "moveId", m.moveId, "prefix", m.prefix, "from", m.from, "to", m.to, "frames", m.frames,
                    "bulkChars", m.bulk.length(), "attempt", m.attempt, "shipId", m.shipId(), "resumed", m.resumed);
        }
        // kevy writes with no timeout at all; the remedy bounds the send.
        if (variant.shipWriteTimeoutMs().isPresent()) {
            setTimer(m, "write", variant.shipWriteTimeoutMs().getAsLong(), out);
        }
    }

    private void onSendComplete(Input.SendComplete s, List<Effect> out) {
        Optional<MoveInFlight> found = vol.moveById(s.moveId());
        if (found.isEmpty() || found.get().phase != MoveInFlight.Phase.SENDING) {
            return;
        }
        MoveInFlight m = found.get();
        cancelTimer(m, "write", out);
        m.phase = MoveInFlight.Phase.AWAITING_REPLY;
        // kevy's 60 s read timeout starts only once the request is written.
        setTimer(m, "read", READ_TIMEOUT_MS, out);
    }

    private void onPeerReply(Input.PeerReply r, List<Effect> out) {
        Optional<MoveInFlight> found = vol.moveById(r.moveId());
        if (found.isEmpty()) {
            return;
        }
        MoveInFlight m = found.get();
        if (m.phase != MoveInFlight.Phase.SENDING && m.phase != MoveInFlight.Phase.AWAITING_REPLY) {
            return;
        }
        cancelTimer(m, "write", out);
        cancelTimer(m, "read", out);
        if (r.reply().startsWith("+")) {
            commit(m, r.nowMs(), out);
        } else {
            // scope_move.rs:215-221: any first byte but '+' aborts, quoting that one read.
            abort(m, ShipFailure.nonOk(r.firstRead()), r.nowMs(), out);
        }
    }

    private void onTimer(Input.TimerFired t, List<Effect> out) {
        Optional<MoveInFlight> found = vol.moveByTimer(t.timerId());
        if (found.isEmpty()) {
            return; // cancelled, or set by a previous incarnation
        }
        MoveInFlight m = found.get();
        m.timers.remove(t.timerId());
        String kind = t.timerId().substring(t.timerId().lastIndexOf('/') + 1);
        switch (kind) {
            case "connect" -> shipFailed(m, ShipFailure.connectTimedOut(vol.peers.addr(m.to)), t.nowMs(), out);
            case "write" -> shipFailed(m, ShipFailure.WRITE_TIMED_OUT, t.nowMs(), out);
            case "read" -> shipFailed(m, ShipFailure.READ_TIMED_OUT, t.nowMs(), out);
            case "commit" -> commitInsert(m, t.nowMs(), out);
            case "retry" -> beginAttempt(m, t.nowMs(), out);
            default -> throw new IllegalStateException("unknown timer kind " + t.timerId());
        }
    }

    private void commit(MoveInFlight m, long nowMs, List<Effect> out) {
        MigrationTable t = vol.migrations;
        if (t instanceof SeedLayoutMigrationTable seed) {
            // kevy's commit releases MIGRATING before it locks MIGRATED: the prefix is in neither map
            // until CommitInsert, and the simulator may deliver other events in between.
            Optional<MigrationState> removed = seed.commitRemove(m.prefix);
            checkState(removed.isPresent(), "CommitRemove found no MIGRATING entry for %s", m.prefix);
            m.removed = removed;
            m.phase = MoveInFlight.Phase.COMMITTING;
            // The durable copy mirrors the table: a crash inside the window loses both entries, exactly
            // like the in-memory seed layout (the fixed variant uses the atomic layout).
            forgetMigrating(m.prefix);
            trace(out, "CommitRemove", "moveId", m.moveId, "prefix", m.prefix, "from", m.from, "to", m.to);
            setTimer(m, "commit", 0, out);
        } else {
            Optional<MigrationState> st = t.commit(m.prefix);
            checkState(st.isPresent(), "Commit found no MIGRATING entry for %s", m.prefix);
            forgetMigrating(m.prefix);
            persistMigrated(m.prefix, st.get());
            boolean superseded = recordGaveAway(m);
            traceEnd(out, "Commit", m, commitFields(m, superseded, nowMs));
            finish(m, KevyTexts.moveOk(m.frames), nowMs, out);
        }
    }

    private void commitInsert(MoveInFlight m, long nowMs, List<Effect> out) {
        checkState(m.phase == MoveInFlight.Phase.COMMITTING && m.removed.isPresent(),
                "commit timer fired for %s outside the commit window", m.moveId);
        ((SeedLayoutMigrationTable) vol.migrations).commitInsert(m.prefix, m.removed.get());
        persistMigrated(m.prefix, m.removed.get());
        boolean superseded = recordGaveAway(m);
        traceEnd(out, "CommitInsert", m, commitFields(m, superseded, nowMs));
        finish(m, KevyTexts.moveOk(m.frames), nowMs, out);
    }

    /**
     * The extra fields of a move's Commit/CommitInsert line: {@code frames}, {@code superseded=true} when a
     * newer ownership won (ownershipEpoch), and with sliceHandover {@code dropped=<keys>}: the source's copy
     * of the prefix, deleted in the same step that recorded MIGRATED (after a superseded commit the node owns
     * the prefix again and keeps everything).
     */
    private Object[] commitFields(MoveInFlight m, boolean superseded, long nowMs) {
        List<Object> kv = new ArrayList<>(List.of("frames", m.frames));
        if (superseded) {
            kv.addAll(List.of("superseded", true));
        }
        if (variant.sliceHandover()) {
            // Only the shards the slice was serialized from: a key sliceShards=prefix-shard never shipped stays
            // (stranded, not lost).
            boolean all = variant.sliceShards() == Variant.SliceShards.ALL_SHARDS;
            kv.addAll(List.of("dropped", dropStaleCopy(m.prefix, all ? -1 : m.shard, nowMs)));
        }
        return kv.toArray();
    }

    /**
     * remedy sliceHandover: deletes every live key under {@code prefix} that this node's write
     * path does not accept and whose scope does not name this node the fallback — a copy nobody writes to
     * any more. Each delete is logged as {@code DEL k} under the ingest rule of {@code prefix} (§3 rule 1,
     * as a logged ingest frame), so a boot replays it whatever config it boots with, after the writes it
     * covers and over any snapshot taken before it: a restart cannot bring the copy back. Returns how many
     * keys were deleted. {@code onlyShard} &ge; 0 limits it to that shard (in the store and the snapshot).
     */
    private int dropStaleCopy(String prefix, int onlyShard, long nowMs) {
        RoutingContext ctx = context(nowMs, Optional.empty());
        int dropped = 0;
        TreeSet<String> logged = new TreeSet<>();
        for (int i = 0; i < vol.stores.shards(); i++) {
            if (onlyShard >= 0 && i != onlyShard) {
                continue;
            }
            Store shard = vol.stores.shard(i);
            for (String k : shard.keysWithPrefix(prefix, nowMs)) {
                if (stale(ctx, k)) {
                    List<String> del = List.of("DEL", k);
                    shard.execute(del, nowMs);
                    if (logged.add(k)) {
                        appendLog(i, nowMs, del, Optional.of(prefix), "drop"); // the shard that held it
                    }
                    dropped++;
                }
            }
        }
        // A key the store no longer holds may still be in the snapshot, deleted by a logged DEL that a boot
        // under another config drops as MISDIRECTED (stories/orphan-copy-resurrected.json): its DEL is logged
        // under the ingest rule too, so no boot brings it back.
        if (durable.snapshot().isPresent()) {
            SnapshotImage img = durable.snapshot().get();
            for (int i = 0; i < img.shards(); i++) {
                if (onlyShard >= 0 && i != onlyShard) {
                    continue;
                }
                for (String k : img.copyOfShard(i).keysInSlotOrder()) {
                    if (k.startsWith(prefix) && !logged.contains(k) && stale(ctx, k)) {
                        logged.add(k);
                        appendLog(i, nowMs, List.of("DEL", k), Optional.of(prefix), "drop");
                    }
                }
            }
        }
        return dropped;
    }

    /** A key this node holds without owning it: its write path refuses it and its scope's fallback is not this node. */
    private boolean stale(RoutingContext ctx, String key) {
        return !route(ctx, List.of("SET", key, "")).accepted() && !fallbackOf(key);
    }

    /** Whether this node's table names it the fallback of {@code key}'s scope. */
    private boolean fallbackOf(String key) {
        Optional<Scope> s = vol.table.lookup(key);
        return s.isPresent() && s.get().fallback().map(name::equals).orElse(false);
    }

    private void persistMigrated(String prefix, MigrationState st) {
        if (variant.migratedDurable()) {
            durable.persistMigrated(prefix, st);
        }
    }

    /**
     * remedy ownershipEpoch: the commit is this node's newest record for the prefix (it gave it away at the
     * move's epoch) — unless the prefix came back to this node at a newer epoch while the move was in
     * flight: then the newer ownership wins and the MIGRATED entry just written is dropped again (traced
     * {@code superseded=true} on the commit). Returns whether it was.
     */
    private boolean recordGaveAway(MoveInFlight m) {
        if (variant.ownershipEpoch() && epochs.commit(m.prefix, epochs.moveEpoch(m.moveId, m.prefix), m.to)) {
            vol.migrations = SupersededMigrated.without(vol.migrations, m.prefix);
            durable.forgetMigrated(m.prefix);
            return true;
        }
        return false;
    }

    private void forgetMigrating(String prefix) {
        if (variant.migratingDurable()) {
            durable.forgetMigrating(prefix);
        }
    }

    /**
     * The trace of a move's end: kevy 5.4's fields, plus {@code attempts} and {@code resumed} when the move
     * shipped more than once or was resumed at a boot (which only the remedies do), so kevy 5.4 traces
     * stay exactly as they were.
     */
    private void traceEnd(List<Effect> out, String action, MoveInFlight m, Object... extra) {
        List<Object> kv = new ArrayList<>(List.of("moveId", m.moveId, "prefix", m.prefix, "from", m.from, "to", m.to));
        kv.addAll(List.of(extra));
        if (m.attempt > 1 || m.resumed) {
            kv.addAll(List.of("attempts", m.attempt, "resumed", m.resumed));
        }
        trace(out, action, kv.toArray());
    }

    private void abort(MoveInFlight m, String reason, long nowMs, List<Effect> out) {
        for (String timer : new ArrayList<>(m.timers)) {
            out.add(new Effect.CancelTimer(timer));
        }
        m.timers.clear();
        Optional<MigrationState> removed = vol.migrations.abort(m.prefix);
        checkState(removed.isPresent(), "Abort found no MIGRATING entry for %s", m.prefix);
        forgetMigrating(m.prefix);
        traceEnd(out, "Abort", m, "reason", reason);
        finish(m, KevyTexts.shipFailed(reason), nowMs, out);
    }

    /** The MOVE-SCOPE command returns: answer the operator, free the shard, run what queued behind it. */
    private void finish(MoveInFlight m, String wire, long nowMs, List<Effect> out) {
        if (!m.resumed) {
            out.add(new Effect.Reply(m.conn, m.reqId, wire));
        } // else: the operator's connection died with the process that started the move.
        vol.moves.remove(m.prefix);
        vol.busy.remove(m.shard);
        // Only a resume after a shard-count change can put two moves on one shard (see resumeMoves); the
        // shard stays busy with the last remaining one in prefix order.
        for (MoveInFlight other : vol.moves.values()) {
            if (other.shard == m.shard && !variant.shipReleasesShard()) {
                vol.busy.put(m.shard, other.moveId);
            }
        }
        drain(nowMs, out);
    }

    private void setTimer(MoveInFlight m, String kind, long delayMs, List<Effect> out) {
        String id = m.timerId(kind);
        m.timers.add(id);
        out.add(new Effect.SetTimer(id, delayMs));
    }

    private void cancelTimer(MoveInFlight m, String kind, List<Effect> out) {
        String id = m.timerId(kind);
        if (m.timers.remove(id)) {
            out.add(new Effect.CancelTimer(id));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // MOVE-SCOPE-INGEST on the target

    private void ingest(Input.ClientCommand c, long nowMs, List<Effect> out) {
        List<String> a = c.args();
        // retryAmbiguousShip: the request carries the move id as a fourth argument; kevy's form has three.
        boolean keyed = variant.retryAmbiguousShip();
        // remedy ownershipEpoch: the epoch is the last argument.
        boolean epoched = variant.ownershipEpoch();
        if (a.size() != (keyed ? 4 : 3) + (epoched ? 1 : 0)) {
            out.add(new Effect.Reply(c.conn(), c.reqId(), epoched ? OwnershipEpochs.arityText(keyed)
                    : keyed ? KevyTexts.INGEST_ARITY_WITH_MOVE_ID : KevyTexts.INGEST_ARITY));
            return;
        }
        String prefix = a.get(1);
        int prefixShard = vol.stores.shardOf(prefix);
        Optional<String> moveId = keyed ? Optional.of(a.get(3)) : Optional.empty();
        if (moveId.isPresent()) {
            String first = durable.ingestOutcomes().get(moveId.get());
            if (first != null) {
                // A repeat (a re-ship after an ambiguous failure, a resumed move, a duplicated request): the
                // first outcome again, and nothing applied — re-running SET/RPUSH frames is not idempotent,
                // and an owner by ingest may have accepted newer writes since.
                trace(out, first.startsWith("+") ? "Ingest" : "IngestRefused", "prefix", prefix,
                        "shard", prefixShard, "applied", 0, "moveId", moveId.get(), "remembered", true,
                        "reply", first);
                out.add(new Effect.Reply(c.conn(), c.reqId(), first));
                return;
            }
        }
        if (epoched && !epochGate(c, prefix, prefixShard, moveId, a.get(a.size() - 1), out)) {
            return;
        }
        // scope_move_ingest.rs:72-101: parse a command, dispatch it, parse the next; a malformed command
        // ends the loop after the ones before it were applied.
        IngestParser.Result parsed = IngestParser.parse(a.get(2));
        List<List<String>> frames = parsed.commands();
        // remedy sliceHandover: the INGEST replaces what this node held under the prefix and does not own (a
        // copy left by an earlier move, which the frames would otherwise be merged into).
        int replaced = variant.sliceHandover() ? dropStaleCopy(prefix, -1, nowMs) : 0;
        // §3 rule 1: while the ingest runs, this shard accepts every write under the prefix.
        vol.ingesting.put(prefixShard, prefix);
        int applied = 0;
        String wire = null;
        List<Object> refusal = null;
        try {
            for (List<String> frame : frames) {
                String key = frame.size() >= 2 ? frame.get(1) : "";
                // dispatch_into's scope gate (dispatch.rs:80-94): every write verb with an args[1].
                WriteVerdict v = route(context(nowMs, Optional.of(prefix)), dispatcherChecked(frame));
                Reply r;
                if (v.accepted()) {
                    r = switch (variant.ingestShard()) {
                        case PREFIX_SHARD -> vol.stores.shard(prefixShard).execute(frame, nowMs);
                        // a *STORE frame meets kevy's dispatcher, which does not know the verb, on either shard
                        case KEY_SHARD -> Commands.isRuntimeStore(frame)
                                ? vol.stores.shard(vol.stores.shardOf(key)).execute(frame, nowMs)
                                : vol.stores.execute(frame, nowMs);
                    };
                } else {
                    r = Reply.error(v.wireReply().orElseThrow().substring(1));
                }
                if (r.isError()) {
                    String errorText = KevyTexts.refusalMessage(r.wire());
                    wire = frame.size() >= 2 ? KevyTexts.ingestRefused(key, errorText)
                            : KevyTexts.ingestRefusedKeyless(errorText);
                    List<Object> kv = new ArrayList<>(List.of("prefix", prefix, "shard", prefixShard, "applied",
                            applied, "key", key, "reason", errorText, "reply", wire));
                    moveId.ifPresent(id -> kv.addAll(List.of("moveId", id, "remembered", false)));
                    refusal = kv;
                    break;
                }
                applied++;
                if (variant.ingestLogged()) {
                    // On the shard the frame was applied to, whose store a boot replays it into.
                    int at = variant.ingestShard() == Variant.IngestShard.PREFIX_SHARD ? prefixShard : frameShard(frame);
                    appendLog(at, nowMs, frame, Optional.of(prefix), "ingest");
                }
            }
        } finally {
            vol.ingesting.remove(prefixShard);
        }
        if (wire == null && parsed.malformed()) {
            wire = KevyTexts.INGEST_MALFORMED;
            List<Object> kv = new ArrayList<>(List.of("prefix", prefix, "shard", prefixShard, "applied", applied,
                    "reason", "malformed bulk", "detail", parsed.detail(), "reply", wire));
            moveId.ifPresent(id -> kv.addAll(List.of("moveId", id, "remembered", false)));
            refusal = kv;
        }
        if (refusal != null) {
            if (variant.sliceHandover()) {
                // remedy sliceHandover: a refused INGEST leaves nothing of the slice here (the source keeps the
                // prefix), so the frames applied before the refusal are taken back.
                refusal.addAll(List.of("replaced", replaced, "rolledBack", dropStaleCopy(prefix, -1, nowMs)));
            }
            trace(out, "IngestRefused", refusal.toArray());
        }
        if (wire == null) {
            wire = KevyTexts.ingestOk(applied);
            if (variant.ownershipOnIngest()) {
                // Durable before the +OK leaves: the source commits on it and stops accepting.
                durable.learnOwnership(prefix);
            }
            if (epoched && variant.ownershipOnIngest()) {
                recordOwned(prefix, OwnershipEpochs.parseEpoch(a.get(a.size() - 1)).orElseThrow());
            }
            List<Object> kv = new ArrayList<>(List.of("prefix", prefix, "shard", prefixShard, "applied", applied,
                    "ingestShard", variant.ingestShard().wireName(), "logged", variant.ingestLogged()));
            // Remedy fields only when a remedy is on, so kevy 5.4's trace is exactly what it was.
            if (moveId.isPresent()) {
                kv.addAll(List.of("moveId", moveId.get(), "remembered", false));
            }
            if (variant.ownershipOnIngest()) {
                kv.addAll(List.of("owned", true));
            }
            if (epoched) {
                kv.addAll(List.of("epoch", epochs.epoch(prefix)));
            }
            if (variant.sliceHandover()) {
                kv.addAll(List.of("replaced", replaced));
            }
            trace(out, "Ingest", kv.toArray());
        }
        String reply = wire;
        moveId.ifPresent(id -> durable.rememberIngestOutcome(id, reply));
        out.add(new Effect.Reply(c.conn(), c.reqId(), wire));
    }

    /**
     * remedy ownershipEpoch, before anything is applied: a bad epoch argument, or one not newer than this
     * node's record for the prefix (a late request of an older move), is refused — traced
     * {@code IngestRefused} with {@code applied=0}, remembered for the move like any first outcome.
     * Returns true when the INGEST may go on.
     */
    private boolean epochGate(Input.ClientCommand c, String prefix, int prefixShard, Optional<String> moveId,
            String arg, List<Effect> out) {
        Optional<Long> epoch = OwnershipEpochs.parseEpoch(arg);
        if (epoch.isPresent() && epochs.isNewer(prefix, epoch.get())) {
            return true;
        }
        String wire = epoch.isEmpty() ? OwnershipEpochs.badEpochText(arg)
                : OwnershipEpochs.staleEpochText(prefix, epoch.get(), epochs.epoch(prefix));
        moveId.ifPresent(id -> durable.rememberIngestOutcome(id, wire));
        List<Object> kv = new ArrayList<>(List.of("prefix", prefix, "shard", prefixShard, "applied", 0,
                "reason", epoch.isEmpty() ? "bad epoch" : "stale epoch", "reply", wire, "epoch", arg));
        moveId.ifPresent(id -> kv.addAll(List.of("moveId", id, "remembered", false)));
        trace(out, "IngestRefused", kv.toArray());
        out.add(new Effect.Reply(c.conn(), c.reqId(), wire));
        return false;
    }

    /**
     * remedy ownershipEpoch: a successful INGEST at {@code epoch} is this node's newest record for the
     * prefix, so it supersedes the node's own older MIGRATED entry (it gave the prefix away at an older
     * epoch), in the table and on disk: the prefix routes Owned again, and a later move of it can start.
     */
    private void recordOwned(String prefix, long epoch) {
        epochs.owned(prefix, epoch);
        if (vol.migrations.lookupMigrated(prefix).isPresent()) {
            vol.migrations = SupersededMigrated.without(vol.migrations, prefix);
            durable.forgetMigrated(prefix);
        }
    }

    /**
     * The args the write path checks when a command goes through kevy's dispatcher directly (ingest frames,
     * log replay): every write verb with an {@code args[1]} is checked on it (dispatch.rs:80-94), MSET and
     * multi-key DEL included — unlike the live path, where those run as multi-shard ops without the check.
     */
    private static List<String> dispatcherChecked(List<String> args) {
        if (Commands.isWrite(args) && args.size() >= 2 && !Commands.isCheckedWrite(args)) {
            return List.of("SET", args.get(1), "");
        }
        return args;
    }

    // ------------------------------------------------------------------------------------------------
    // Crash, boot, replay

    private void crash(List<Effect> out) {
        List<String> moves = new ArrayList<>();
        for (MoveInFlight m : vol.moves.values()) {
            moves.add(m.moveId);
        }
        int dropped = vol.pending.size();
        vol = null;
        if (variant.migratingDurable()) {
            // The moves' MIGRATING entries are on disk: the next boot resumes them.
            trace(out, "Crash", "movesLost", moves, "queuedLost", dropped,
                    "movesSuspended", suspendedMoveIds());
        } else {
            trace(out, "Crash", "movesLost", moves, "queuedLost", dropped);
        }
    }

    private List<String> suspendedMoveIds() {
        List<String> ids = new ArrayList<>();
        for (MigratingEntry e : durable.migrating().values()) {
            ids.add(e.moveId());
        }
        return ids;
    }

    private void boot(long nowMs, List<Effect> out) {
        NodeConfig cfg = durable.adoptPending();
        BootResult b = bootFrom(cfg, nowMs);
        if (b.error().isPresent()) {
            vol = null;
            bootError = b.error();
            trace(out, "Restart", "ok", false, "error", b.error().get(), "nodeId", cfg.nodeId().orElse(""),
                    "scopes", cfg.scopesString());
            return;
        }
        vol = b.state();
        bootError = Optional.empty();
        if (vol.elector != null) {
            ElectionDriver.start(out); // [election plane] the transport spawns with the boot
        }
        List<Object> kv = new ArrayList<>(List.of("ok", true, "nodeId", cfg.nodeId().orElse(""),
                "peers", cfg.peersString(), "scopes", cfg.scopesString(), "shards", cfg.shards(),
                "fromSnapshot", durable.snapshot().isPresent(), "replayed", b.replayed(), "applied", b.applied(),
                "dropped", b.dropped(), "migratedRestored", b.state().migrations.migratedSnapshot().size()));
        if (variant.migratingDurable()) {
            kv.addAll(List.of("migratingRestored", durable.migrating().size()));
        }
        if (b.resharded().isPresent()) {
            // Only on a re-shard, so every other boot's trace is what it was.
            DurableState.Layout old = b.layoutBefore().orElseThrow();
            kv.addAll(List.of("resharded", old.shards() + (old.clusterSlots() ? "/slots" : "") + "->" + cfg.shards()
                    + (cfg.clusterEnabled() ? "/slots" : "")));
            durable.saveSnapshot(b.resharded().get());
        }
        durable.recordLayout(new DurableState.Layout(cfg.shards(), cfg.clusterEnabled()));
        trace(out, "Restart", kv.toArray());
        if (variant.migratingDurable()) {
            resumeMoves(nowMs, out);
        }
    }

    /**
     * {@code migratingDurable}: every persisted MIGRATING entry (already back in the table, see
     * {@link #bootFrom}) becomes a move in flight again and ships from the start — a new attempt with a
     * freshly serialized slice of the rebuilt store, on the prefix's shard, which is BUSY again as under the
     * original MOVE-SCOPE. The move is not re-validated against the boot's config (it passed §4 at Start);
     * its end is traced as usual but answered to nobody: the operator's connection died with the process.
     */
    private void resumeMoves(long nowMs, List<Effect> out) {
        for (Map.Entry<String, MigratingEntry> e : durable.migrating().entrySet()) {
            String prefix = e.getKey();
            MigratingEntry d = e.getValue();
            int shard = vol.stores.shardOf(prefix);
            MoveInFlight m = new MoveInFlight(d.moveId(), prefix, d.from(), d.to(), "", -1, shard, true,
                    d.attempts() + 1, 0, "");
            vol.moves.put(prefix, m);
            // Two resumed moves share a shard only if the shard count changed with a pushed config; both
            // run (each passed Start on its own shard), and the shard names the last in prefix order.
            if (!variant.shipReleasesShard()) {
                vol.busy.put(shard, m.moveId);
            }
            beginAttempt(m, nowMs, out);
        }
    }

    /**
     * @param resharded present when the boot re-sharded the data dir ({@code shards.meta} named another shard
     *                  count or routing scheme): the new per-shard snapshot it committed, every log folded in
     */
    private record BootResult(Optional<String> error, VolatileState state, int replayed, int applied, int dropped,
            Optional<SnapshotImage> resharded, Optional<DurableState.Layout> layoutBefore) {
        static BootResult failed(String error) {
            return new BootResult(Optional.of(error), null, 0, 0, 0, Optional.empty(), Optional.empty());
        }
    }

    /**
     * What a boot with {@code cfg} at {@code nowMs} produces from the durable state, without touching
     * anything: the node's restart and {@link #recoverableStores} share it.
     *
     * <p>Per shard {@code i} (shard_run.rs:67-125): {@code dump-<i>.rdb} straight into shard {@code i}'s store,
     * no scope check; then the whole {@code aof-<i>.aof}, frame by frame, through the scope check, into the
     * same store — a frame is never re-routed to another shard (replay_dispatch, shard_run.rs:36-43, runs the
     * store-level dispatcher on this shard's store).
     *
     * <p>When the recorded layout ({@code shards.meta}: shard count and routing scheme) differs from the
     * config's, kevy re-shards first, before any shard runs (runtime_run.rs:173-195 → reshard.rs:23-123):
     * every old shard's snapshot then log, shard 0 first, into one store (the logs through the same scope
     * check, kevy-persist/src/reshard.rs:66-88), every key re-homed by the new layout, the result committed as
     * the new snapshots and every log left empty. A logged {@code FLUSHALL} is one frame per shard, so in that
     * one store the last shard's {@code FLUSHALL} also wipes what the shards before it wrote after it.
     */
    private BootResult bootFrom(NodeConfig cfg, long nowMs) {
        OwnershipTable table;
        try {
            table = OwnershipTable.build(cfg.scopes());
        } catch (ScopeConfigException e) {
            return BootResult.failed(KevyTexts.badScopesConfig(e.getMessage()));
        }
        DurableState.Layout want = new DurableState.Layout(cfg.shards(), cfg.clusterEnabled());
        Optional<DurableState.Layout> had = durable.layout();
        boolean reshard = had.isPresent() && !had.get().equals(want);
        ShardedStores stores = ShardedStores.empty(cfg.shards(), cfg.clusterEnabled());
        int from = durable.snapshot().map(SnapshotImage::logPosition).orElse(0);
        if (!reshard && durable.snapshot().isPresent()) {
            SnapshotImage img = durable.snapshot().get();
            checkState(img.shards() == cfg.shards(), "snapshot of %s shards under a %s-shard layout", img.shards(),
                    cfg.shards());
            List<Store> copies = new ArrayList<>();
            for (int i = 0; i < img.shards(); i++) {
                copies.add(img.copyOfShard(i));
            }
            stores = new ShardedStores(copies, cfg.clusterEnabled());
        }
        VolatileState v = new VolatileState(cfg, table, variant.tableLayout().create(), stores, nowMs);
        // [election plane] every peer unseen at boot; elect.meta restored (state/election.rs:254-304).
        v.elector = cfg.electionPlane() ? ElectionDriver.newElector(cfg, durable) : null;
        v.gate = movescope.model.election.ReplicationGate.atBoot(cfg.election(), v.elector != null);
        List<LogEntry> log = durable.log();
        int[] counts = new int[2]; // applied, dropped
        Optional<SnapshotImage> resharded = Optional.empty();
        if (reshard) {
            int oldShards = had.get().shards();
            Store merged = new Store();
            for (int i = 0; i < oldShards; i++) {
                if (durable.snapshot().isPresent() && i < durable.snapshot().get().shards()) {
                    // load_snapshot into the merge store: the image's keys, rebuilt from their frames.
                    for (List<String> frame : durable.snapshot().get().copyOfShard(i).serializeSlice("", nowMs)) {
                        merged.execute(frame, nowMs);
                    }
                }
                replayShard(v, merged, i, log, from, nowMs, counts);
            }
            // redistribute (reshard.rs:125-143): every merged key to its shard under the new layout.
            for (List<String> frame : merged.serializeSlice("", nowMs)) {
                v.stores.shard(v.stores.shardOf(frame.get(1))).execute(frame, nowMs);
            }
            resharded = Optional.of(new SnapshotImage(nowMs, v.stores.all(), log.size()));
        } else {
            for (int i = 0; i < cfg.shards(); i++) {
                replayShard(v, v.stores.shard(i), i, log, from, nowMs, counts);
            }
        }
        if (variant.migratedDurable()) {
            for (Map.Entry<String, MigrationState> m : durable.migrated().entrySet()) {
                v.migrations.start(m.getKey(), m.getValue().from(), m.getValue().to());
                v.migrations.commit(m.getKey());
            }
        }
        if (variant.migratingDurable()) {
            // After the replay, like MIGRATED: the log was accepted once and must not be dropped from the
            // node's own copy by its own table. A prefix committed then is never still in here.
            for (Map.Entry<String, MigratingEntry> m : durable.migrating().entrySet()) {
                Optional<MigrationError> refused = v.migrations.start(m.getKey(), m.getValue().from(),
                        m.getValue().to());
                checkState(refused.isEmpty(), "durable MIGRATING entry %s refused at boot: %s", m.getKey(),
                        refused.map(Enum::name).orElse(""));
            }
        }
        return new BootResult(Optional.empty(), v, log.size() - from, counts[0], counts[1], resharded, had);
    }

    /**
     * Replays the frames logged on shard {@code shard} after position {@code from} into {@code into}: each through
     * the scope check, applied or dropped whole, never re-routed. Adds to {@code counts} (applied, dropped).
     */
    private void replayShard(VolatileState v, Store into, int shard, List<LogEntry> log, int from, long nowMs,
            int[] counts) {
        for (int i = from; i < log.size(); i++) {
            LogEntry e = log.get(i);
            if (e.shard() != shard) {
                continue;
            }
            if (replayAccepts(v, e, nowMs)) {
                // kevy replays at boot, on the boot's clock: a relative TTL is re-based on it and then
                // corrected by the logged PEXPIREAT that follows it (exec.rs:322-350).
                into.execute(e.args(), nowMs);
                counts[0]++;
            } else {
                counts[1]++;
            }
        }
    }

    /**
     * Replay runs each logged write through the write path of the booting node (shard_run.rs:36-43 →
     * commands.rs:27-29): this boot's config, an empty migration table, every peer unseen — DOWN, when the
     * election listener is up ({@code neverHeardIsDown}). Multi-key frames, unchecked live, are checked on
     * their args[1] here.
     */
    private boolean replayAccepts(VolatileState v, LogEntry e, long bootMs) {
        // Every logged frame, effect frames included, is checked on its args[1] only and kept or dropped
        // whole (dispatch_replay.rs:68-91): a logged MSET a 1 b 2 lives or dies by a.
        List<String> routed = dispatcherChecked(e.args());
        RoutingContext ctx = new RoutingContext(v.config.nodeId(), v.peers, v.table, v.migrations, e.ingestPrefix(),
                peer -> isDown(v, peer, bootMs));
        // The ownership records (ownershipEpoch) are today's, not those of when the write was logged: the
        // replay keeps the node's own copy, as it does with the migration table empty.
        return baseRoute(ctx, routed).accepted();
    }

    // ------------------------------------------------------------------------------------------------
    // Routing context and the DOWN view

    /**
     * kevy's write path ({@link WriteRouter}), plus the {@code ownershipOnIngest} remedy: a key under a
     * prefix this node owns by a successful INGEST is Owned — after §3 steps 1–3 (the ingest rule, then
     * this node's own MIGRATING and MIGRATED, so a target that moves the prefix on quiesces and redirects
     * as any source does) and before the static route of steps 4–5, whatever writer or fallback the config
     * names. The same function routes the log replay at boot (with the table empty then, as always).
     */
    private WriteVerdict route(RoutingContext ctx, List<String> args) {
        WriteVerdict base = baseRoute(ctx, args);
        if (!variant.ownershipEpoch() || base instanceof WriteVerdict.Quiesced
                || (base instanceof WriteVerdict.Accept acc && acc.reason() != AcceptReason.OWNED)) {
            return base; // no checked write, the ingest rule, a move in flight here (QUIESCED), or the remedy off
        }
        // remedy ownershipEpoch: the newest of this node's ownership records for a prefix of the key decides,
        // over MIGRATED entries and static routes alike (a tie goes to the longer prefix).
        Optional<OwnershipEpochs.Entry> rec = epochs.decisive(args.get(1));
        if (rec.isEmpty()) {
            return base;
        }
        return rec.get().owned() ? new WriteVerdict.Accept(AcceptReason.OWNED)
                : new WriteVerdict.Misdirected(rec.get().to(), ctx.peers().addr(rec.get().to()));
    }

    /** kevy's write path plus the {@code ownershipOnIngest} hook (the log replay uses this one). */
    private WriteVerdict baseRoute(RoutingContext ctx, List<String> args) {
        WriteVerdict v = WriteRouter.route(ctx, args);
        if (!variant.ownershipOnIngest() || !(v instanceof WriteVerdict.Misdirected)) {
            return v; // accepted already, QUIESCED (step 2), or the remedy is off
        }
        String key = args.get(1);
        if (ctx.migrations().matchMigrating(key).isPresent() || ctx.migrations().matchMigrated(key).isPresent()) {
            return v; // step 3: this node moved the prefix (or a prefix of the key) away itself
        }
        for (String owned : durable.ownedByIngest()) {
            if (key.startsWith(owned)) {
                return new WriteVerdict.Accept(AcceptReason.OWNED);
            }
        }
        return v;
    }

    private RoutingContext context(long nowMs, Optional<String> ingesting) {
        VolatileState v = vol;
        return new RoutingContext(v.config.nodeId(), v.peers, v.table, v.migrations, ingesting,
                peer -> isDown(v, peer, nowMs));
    }

    private boolean isDown(VolatileState v, String peer, long nowMs) {
        if (v.config.nodeId().isPresent() && v.config.nodeId().get().equals(peer)) {
            return false; // a node never counts itself
        }
        if (!v.peers.contains(peer)) {
            return false; // a writer not listed in peers is never DOWN
        }
        if (v.elector != null) {
            // [election plane] the elector's heartbeat view: DOWN at >= 5 s (elector_inbound.rs:166-171).
            Optional<Long> seen = v.elector.lastSeenMs(peer);
            return seen.isEmpty() ? variant.neverHeardIsDown()
                    : nowMs - seen.get() >= movescope.model.election.Elector.DOWN_AFTER_MS;
        }
        Long last = v.lastHeard.get(peer);
        if (last == null) {
            return variant.neverHeardIsDown();
        }
        return nowMs - last > DOWN_AFTER_MS;
    }

    // ------------------------------------------------------------------------------------------------
    // Read-only accessors (for the simulator's invariant checker); none of them changes state.

    public String name() {
        return name;
    }

    public Variant variant() {
        return variant;
    }

    public boolean isUp() {
        return vol != null;
    }

    /** Why the last boot failed ({@code kevy: bad [cluster] scopes config: …}); empty after a good boot. */
    public Optional<String> bootError() {
        return bootError;
    }

    /** The config the running node booted with (or the config file, while down). */
    public NodeConfig config() {
        return vol != null ? vol.config : durable.config();
    }

    public Optional<String> nodeId() {
        return config().nodeId();
    }

    public DurableState durable() {
        return durable;
    }

    /** The volatile state, empty while down. */
    public Optional<VolatileState> volatileState() {
        return Optional.ofNullable(vol);
    }

    /** The shard of this node that owns {@code key}. */
    public int shardOf(String key) {
        return config().shardOf(key);
    }

    /** What the write path would answer for a {@code SET key …} at {@code nowMs}. */
    public WriteVerdict routeWrite(String key, long nowMs) {
        VolatileState v = up();
        int shard = v.stores.shardOf(key);
        return route(context(nowMs, Optional.ofNullable(v.ingesting.get(shard))), List.of("SET", key, ""));
    }

    /** True when the node is up and would execute a checked write of {@code key} at {@code nowMs}. */
    public boolean acceptsWrite(String key, long nowMs) {
        return vol != null && routeWrite(key, nowMs).accepted();
    }

    /** The value a GET/LRANGE of {@code key} at {@code nowMs} would see: the key's own shard only. */
    public Optional<Value> read(String key, long nowMs) {
        VolatileState v = up();
        return v.stores.shard(v.stores.shardOf(key)).get(key, nowMs);
    }

    /** Live keys and values of shard {@code shard} at {@code nowMs}. */
    public SortedMap<String, Value> storeEntries(int shard, long nowMs) {
        return up().stores.shard(shard).entries(nowMs);
    }

    public int shards() {
        return config().shards();
    }

    public SortedMap<String, MigrationState> migratingSnapshot() {
        return up().migrations.migratingSnapshot();
    }

    public SortedMap<String, MigrationState> migratedSnapshot() {
        return up().migrations.migratedSnapshot();
    }

    /** prefix → the MOVE-SCOPE in flight on this node (as source). */
    public SortedMap<String, MoveView> movesInFlight() {
        TreeMap<String, MoveView> m = new TreeMap<>();
        if (vol != null) {
            for (MoveInFlight f : vol.moves.values()) {
                m.put(f.prefix, f.view());
            }
        }
        return Collections.unmodifiableSortedMap(m);
    }

    /** Shards busy with a MOVE-SCOPE: shard → moveId. */
    public SortedMap<Integer, String> busyShards() {
        return vol == null ? Collections.emptySortedMap() : vol.busyShards();
    }

    /** Number of client commands queued behind busy shards. */
    public int queuedCommands() {
        return vol == null ? 0 : vol.pending.size();
    }

    /** The node's DOWN view of {@code peer} at {@code nowMs}. */
    public boolean isDown(String peer, long nowMs) {
        return isDown(up(), peer, nowMs);
    }

    /**
     * The stores a restart at {@code nowMs} would rebuild from the durable state (snapshot + replay,
     * under the config the next boot reads), one per shard; empty when that boot would fail. Computes a
     * boot on the side: nothing of this node changes. For {@code NoLostWrite}-style checks.
     */
    public Optional<List<Store>> recoverableStores(long nowMs) {
        BootResult b = bootFrom(durable.configForNextBoot(), nowMs);
        return b.error().isPresent() ? Optional.empty() : Optional.of(b.state().stores.all());
    }

    private VolatileState up() {
        checkState(vol != null, "node %s is down", name);
        return vol;
    }

    // ------------------------------------------------------------------------------------------------

    private void trace(List<Effect> out, String action, Object... kv) {
        checkState(kv.length % 2 == 0, "trace fields come in pairs");
        TreeMap<String, Object> f = new TreeMap<>();
        f.put("node", name);
        for (int i = 0; i < kv.length; i += 2) {
            f.put((String) kv[i], kv[i + 1]);
        }
        out.add(new Effect.Trace(action, f));
    }

    private static void checkState(boolean cond, String fmt, Object... args) {
        if (!cond) {
            throw new IllegalStateException(String.format(fmt, args));
        }
    }

    @Override
    public String toString() {
        return "KevyNode{" + name + ", " + variant.name() + (vol == null ? ", down" : ", up") + "}";
    }

    /** remedy ownershipEpoch: this node's durable ownership records (empty with the switch off). */
    public OwnershipEpochs ownershipEpochs() {
        return epochs.copy();
    }

    /** Peers of the running config (for tests and tools). */
    Peers peers() {
        return up().peers;
    }
}
