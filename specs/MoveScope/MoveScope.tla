------------------------------ MODULE MoveScope ------------------------------
(***************************************************************************)
(* MOVE-SCOPE across nodes, as kevy 5.4 implements it, with each known     *)
(* hazard behind a variant switch so the kevy-5.4 and the fixed protocol   *)
(* are checked side by side.                                               *)
(*                                                                         *)
(* WHAT IS MODELLED                                                        *)
(*  - One scope prefix (Prefix) and a few keys under it. Each node has a   *)
(*    static config for the prefix, [writer, fallback], read at boot; the  *)
(*    operator may push a new one (PushConfig), which takes effect at the  *)
(*    node's next Restart.                                                 *)
(*  - The source's migration table, reduced to the one prefix: "none",    *)
(*    "migrating" (MIGRATING) or "migrated" (MIGRATED). Each table         *)
(*    operation is atomic here; the seed's two-lock commit window is       *)
(*    MigrationTableImpl's subject.                                        *)
(*  - One MOVE-SCOPE attempt, Source -> Target: Start, Ship (one INGEST    *)
(*    message carrying the slice), then Commit on a `+` reply, Abort on an *)
(*    error reply, a ReadTimeout or a failed connect. A send may Stall     *)
(*    (the target alive but not reading); kevy has no write timeout, so a  *)
(*    stalled send blocks forever unless ShipWriteTimeout (a crash of the  *)
(*    target resets it). A read timeout while the answer is still on its   *)
(*    way (slow target, spurious EINTR) is a bounded fault. Each message   *)
(*    is tagged with whether it belongs to the ship attempt in progress   *)
(*    (`cur`): the source reads only its current attempt's connection, so *)
(*    when an attempt ends (a failure, Commit, Abort, a source crash)      *)
(*    every message of it turns stale, and a stale reply is Discarded.     *)
(*  - INGEST on the target: a merge (set union) into the target's store,   *)
(*    or a refusal at some frame with the earlier frames applied. The      *)
(*    target's tables and routing do not change (kevy 5.4).                *)
(*  - The network: a set of messages; delivery in any order (Delay), Drop  *)
(*    and Duplicate as bounded faults. A crash closes the node's           *)
(*    connections: messages addressed to it are lost.                     *)
(*  - Client writes with unique ids: a node's store maps each key to the   *)
(*    set of write ids it holds, so merges are unions. Replies: accepted   *)
(*    (= acknowledged), QUIESCED, MISDIRECTED. Accepted writes are logged; *)
(*    MISDIRECTED ones too when LogMisdirected.                            *)
(*  - Crash / Restart with what kevy loses (kevy-move-scope.md §6): the     *)
(*    migration table, the store in memory and the DOWN view are lost;     *)
(*    at boot the store is the last Snapshot plus the log entries appended *)
(*    after it, replayed through the write path under the config then in   *)
(*    force (a replayed write the new config misdirects is dropped, a      *)
(*    logged MISDIRECTED write it accepts is applied). The snapshot covers *)
(*    the log before it (kevy: else an RPUSH would apply twice), so only   *)
(*    the log since the last Snapshot is kept: nothing reads the rest.     *)
(*  - The DOWN view (only tracked when the prefix has a fallback): a node's *)
(*    view of a peer may flip to DOWN when the peer is crashed, or when    *)
(*    heartbeats are lost (a bounded fault, i.e. a partition of the        *)
(*    election port); Heartbeat flips it back. After a restart every peer  *)
(*    is unheard, which counts as DOWN when NeverHeardIsDown.              *)
(*                                                                         *)
(* WHAT IS NOT MODELLED                                                    *)
(*  Client retries and the client's redirect cache (RedirectsConverge     *)
(*  states what a following client would meet); reads; value types (a     *)
(*  refusal is a nondeterministic choice, standing for WRONGTYPE); TTLs;   *)
(*  the election plane; several prefixes or MOVE-SCOPE commands (one      *)
(*  move, which may ship several times); the `ingesting` rule (ingest is  *)
(*  one atomic step, so no write can observe it); a key's shard other     *)
(*  than "on the prefix's shard or not" (PrefixShardKeys).                *)
(*                                                                         *)
(* THE FIX FOR "NO GOSSIP". kevy 5.4 has no way for the target to learn    *)
(* that it owns the prefix short of PushConfig + Restart, so right after  *)
(* a Commit the source redirects to the target and the target redirects   *)
(* back. The remedy chosen here (switch OwnershipOnIngest): the target    *)
(* durably records ownership of the prefix when an INGEST succeeds, and    *)
(* routes it as Owned from then on. That makes an Abort after a           *)
(* successful Ingest unsafe, so it comes with RetryAmbiguousShip: the      *)
(* source aborts only on an explicit refusal; on a read timeout, a stalled *)
(* send (after the write timeout) or a failed connect it stays MIGRATING   *)
(* and ships again, and the target answers a repeated INGEST with its      *)
(* first outcome (it remembers it durably, keyed by the move). And with   *)
(* MigratingDurable the source's MIGRATING entry survives a restart and    *)
(* the move resumes, because an INGEST still in flight can hand the prefix *)
(* to the target after the source rebooted.                                *)
(*                                                                         *)
(* HANDOVER (switch SliceHandover): a move hands the slice over instead    *)
(* of copying it. At Commit the source deletes the keys it shipped, in the *)
(* same step that records MIGRATED; before an INGEST the target deletes    *)
(* the copy it holds without owning it (the INGEST replaces, not merges),  *)
(* and a refused INGEST leaves nothing applied. Each delete is a DEL        *)
(* logged under the ingest rule, which every boot replays after what it    *)
(* covers: modelled as clearing the keys from the store, the snapshot and  *)
(* the log at once. An Abort keeps the source's copy (it still owns it).   *)
(*                                                                         *)
(* FENCING (switch WriterLease, FallbackFence.tla): a writer whose prefix  *)
(* has a fallback accepts only under a lease its fallback granted, and the *)
(* fallback counts it DOWN only after the lease ended.                      *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, Sequences

CONSTANTS
    Nodes, Source, Target,  \* node ids; the move is Source -> Target
    Prefix,                 \* the scope prefix being moved (a string)
    Keys,                   \* keys under Prefix that clients write
    PrefixShardKeys,        \* the keys that hash to the shard owning Prefix
    Fallback,               \* the prefix's fallback in the initial config, or "none"
    MaxWrites,              \* client writes in a behaviour
    MaxCrashes,             \* Crash steps (faults and operator restarts)
    MaxDrops, MaxDups,      \* network faults
    MaxStalls,              \* sends that stall (target stops reading)
    MaxEarlyTimeouts,       \* read timeouts while the answer is still on its way
    MaxSnapshots,           \* Snapshot steps
    MaxPartitions,          \* DOWN flips of a live peer (lost heartbeats)
    MaxHops,                \* RedirectsConverge's bound (2)
    \* -- variant switches (docs/vocabulary.md; kevy-5.4 value first) --
    MigratedDurable,        \* FALSE: MIGRATED is lost at a source restart
    MigratingDurable,       \* FALSE: MIGRATING is lost too, the move ends
    LogMisdirected,         \* TRUE: MISDIRECTED writes are logged and replayed
    IngestLogged,           \* FALSE: ingested frames are not logged
    NeverHeardIsDown,       \* TRUE: an unheard peer counts as DOWN
    ShipWriteTimeout,       \* FALSE: a stalled send blocks forever
    SliceAllShards,         \* FALSE: the slice holds the prefix shard's keys only
    IngestKeyShard,         \* FALSE: every frame lands on the prefix's shard
    OwnershipOnIngest,      \* FALSE: the target never learns ownership
    RetryAmbiguousShip,     \* FALSE: read timeout / failed send -> Abort
    WriterLease,            \* FALSE: a writer with a fallback accepts without a lease (FallbackFence.tla)
    SliceHandover           \* FALSE: the source keeps the shipped slice; an INGEST merges into a stale copy

None == "none"

ASSUME /\ Source \in Nodes /\ Target \in Nodes /\ Source # Target
       /\ PrefixShardKeys \subseteq Keys
       /\ Fallback \in Nodes \cup {None}
       /\ \A k \in Keys : Len(Prefix) <= Len(k) /\ SubSeq(k, 1, Len(Prefix)) = Prefix
       /\ \A b \in {MigratedDurable, MigratingDurable, LogMisdirected, IngestLogged,
                    NeverHeardIsDown, ShipWriteTimeout, SliceAllShards, IngestKeyShard,
                    OwnershipOnIngest, RetryAmbiguousShip, WriterLease, SliceHandover} : b \in BOOLEAN

WriteIds == 1..MaxWrites
Config   == [writer : Nodes, fallback : Nodes \cup {None}]
InitCfg  == [writer |-> Source, fallback |-> Fallback]
\* What the operator pushes once the move answered +OK: the target is the
\* writer; a prefix that had a fallback gets the old writer as fallback.
NewCfg   == [writer |-> Target, fallback |-> IF Fallback = None THEN None ELSE Source]
NoCfg    == [writer |-> None, fallback |-> None]   \* no pushed config
TrackView == Fallback # None   \* the DOWN view only matters with a fallback
EmptyStore == [k \in Keys |-> {}]
LogEntry == [id : WriteIds, key : Keys]
Slice    == UNION {[S -> SUBSET WriteIds] : S \in SUBSET Keys}
\* Every message has the same fields (TLC compares the elements of a set).
\* cur: the message belongs to the ship attempt in progress. kevy opens one
\* connection per attempt and reads only the current one, so a reply to an
\* earlier attempt never reaches Commit/Abort. Only "current or not" matters
\* (an attempt never becomes current again, and the target treats every
\* attempt alike), so a flag stands for the attempt number and keeps the
\* state space finite without a bound on attempts.
NoSlice  == [k \in {} |-> {}]
Msg      == [type : {"ingest"}, slice : Slice, ok : {FALSE}, cur : BOOLEAN]
              \cup [type : {"reply"}, slice : {NoSlice}, ok : BOOLEAN, cur : BOOLEAN]
IngestMsg(sl)     == [type |-> "ingest", slice |-> sl, ok |-> FALSE, cur |-> TRUE]
ReplyMsg(ok, cur) == [type |-> "reply", slice |-> NoSlice, ok |-> ok, cur |-> cur]
\* The attempt in progress ends: every message of it turns stale.
Staled(ms) == {[m EXCEPT !.cur = FALSE] : m \in ms}
MoveStates == {"idle", "started", "stalled", "awaiting", "suspended",
               "committed", "aborted", "lost"}
InFlight   == {"started", "stalled", "awaiting", "suspended"}

VARIABLES
    \* -- durable, per node (kept across Crash/Restart) --
    cfg,         \* config in force: [writer, fallback] of Prefix
    pending,     \* config pushed by the operator, effective at Restart, or NoCfg
    learned,     \* OwnershipOnIngest: this node owns Prefix by a successful Ingest
    ingestOutcome, \* RetryAmbiguousShip: the target's first INGEST outcome (None|"ok"|"refused")
    snap,        \* last Snapshot: key -> write ids
    log,         \* the log since the last Snapshot: set of [id, key] (replayed at boot)
    \* -- volatile, per node (lost at Crash) --
    up,          \* the process is running
    store,       \* key -> write ids in memory
    mig,         \* migration table entry for Prefix: None | "migrating" | "migrated"
    view,        \* view[n][m]: n's DOWN view of peer m ("up" | "down")
    \* -- the move (the source's MOVE-SCOPE command) --
    move,        \* see MoveStates
    \* -- environment --
    net,         \* messages in flight (a set: copies are the Duplicate fault)
    writes,      \* write id -> [node, key, verdict] for every answered write
    used,        \* fault budgets used so far
    lease        \* WriterLease: lease[n] = n holds a lease from its config's fallback (volatile)

vars == <<lease, cfg, pending, learned, ingestOutcome, snap, log, up, store, mig, view,
          move, net, writes, used>>

(***************************************************************************)
(* Routing a checked write (kevy-move-scope.md §3), as a function of the   *)
(* node's state so that replay at boot can use the post-restart state.     *)
(* Every key in Keys is under Prefix and every node declares the scope,    *)
(* has a node_id and peers, so rules 4 and "Unknown" never apply.          *)
(***************************************************************************)
RouteWith(n, migN, cfgN, viewN, learnedN) ==
    IF migN = "migrating" THEN [v |-> "QUIESCED", to |-> Target]
    ELSE IF migN = "migrated" THEN [v |-> "MISDIRECTED", to |-> Target]
    ELSE LET w      == IF learnedN THEN n ELSE cfgN.writer
             active == IF /\ cfgN.fallback # None /\ w # n
                           /\ TrackView /\ viewN[w] = "down"
                       THEN cfgN.fallback ELSE w
         IN  IF active = n THEN [v |-> "accepted", to |-> n]
             ELSE [v |-> "MISDIRECTED", to |-> active]

\* WriterLease (specs/MoveScope/FallbackFence.tla): a node that accepts as the
\* config's writer of a prefix with another node as fallback needs a lease
\* from it; without one it fences itself and redirects to the fallback. Only
\* live routing: the log replay at boot keeps the node's own copy.
NeedsLease(n) == /\ TrackView /\ cfg[n].fallback \notin {None, n} /\ cfg[n].writer = n
                 /\ ~learned[n] /\ mig[n] = None
Route(n) == LET r == RouteWith(n, mig[n], cfg[n], view[n], learned[n])
            IN  IF WriterLease /\ r.v = "accepted" /\ NeedsLease(n) /\ ~lease[n]
                THEN [v |-> "MISDIRECTED", to |-> cfg[n].fallback] ELSE r
Accepts(n) == up[n] /\ Route(n).v = "accepted"

\* State at the next boot of n.
BootCfg(n)  == IF pending[n] # NoCfg THEN pending[n] ELSE cfg[n]
BootMig(n)  == CASE mig[n] = "migrated"  /\ MigratedDurable  -> "migrated"
                 [] mig[n] = "migrating" /\ MigratingDurable -> "migrating"
                 [] OTHER -> None
\* Without a fallback the view never reaches routing and stays all "up".
BootView(n) == [m \in Nodes |-> IF TrackView /\ NeverHeardIsDown /\ m # n
                               THEN "down" ELSE "up"]
\* The store rebuilt at boot: the snapshot, plus every write logged after
\* it that the write path accepts under the boot state (the verdict depends
\* on the key only, and every key is under Prefix, so it is one verdict for
\* all). Entries logged before the snapshot are not replayed: the snapshot
\* covers them (an RPUSH replayed over it would apply twice), and one that
\* is not in it (a logged MISDIRECTED write, or one an earlier boot dropped)
\* stays out.
\* The log is replayed before the node serves anything, with an empty
\* migration table: in kevy 5.4 the table is always empty at boot, and with
\* the durable-table remedies it is restored after the replay (a logged
\* write was accepted once; the table must not drop it from the node's own
\* copy).
BootAccepts(n) == RouteWith(n, None, BootCfg(n), BootView(n), learned[n]).v = "accepted"
BootStore(n) == [k \in Keys |-> snap[n][k] \cup
                   IF BootAccepts(n) THEN {e.id : e \in {e \in log[n] : e.key = k}} ELSE {}]

(***************************************************************************)
(* Initial state: every node up with the initial config, all stores and   *)
(* logs empty, every peer heard.                                           *)
(***************************************************************************)
Init ==
    /\ cfg = [n \in Nodes |-> InitCfg]
    /\ pending = [n \in Nodes |-> NoCfg]
    /\ learned = [n \in Nodes |-> FALSE]
    /\ ingestOutcome = None
    /\ snap = [n \in Nodes |-> EmptyStore]
    /\ log = [n \in Nodes |-> {}]
    /\ up = [n \in Nodes |-> TRUE]
    /\ store = [n \in Nodes |-> EmptyStore]
    /\ mig = [n \in Nodes |-> None]
    /\ view = [n \in Nodes |-> [m \in Nodes |-> "up"]]
    /\ move = "idle"
    /\ net = {}
    /\ writes = <<>>
    /\ used = [crash |-> 0, drop |-> 0, dup |-> 0, stall |-> 0, early |-> 0, snap |-> 0, part |-> 0]
    /\ lease = [n \in Nodes |-> FALSE]

(***************************************************************************)
(* ClientWrite(n, k): a client sends a checked write for k to node n. The  *)
(* verdict is n's route; an accepted write is applied and logged (the      *)
(* acknowledgement), a MISDIRECTED one is logged but not applied when      *)
(* LogMisdirected, a QUIESCED one leaves no trace on the node.            *)
(***************************************************************************)
ClientWrite(n, k) ==
    /\ up[n] /\ Len(writes) < MaxWrites
    /\ LET id == Len(writes) + 1
           r  == Route(n)
       IN  /\ writes' = Append(writes, [node |-> n, key |-> k, verdict |-> r.v])
           /\ store' = IF r.v = "accepted"
                       THEN [store EXCEPT ![n][k] = @ \cup {id}] ELSE store
           /\ log' = IF r.v = "accepted" \/ (r.v = "MISDIRECTED" /\ LogMisdirected)
                     THEN [log EXCEPT ![n] = @ \cup {[id |-> id, key |-> k]}] ELSE log
    /\ UNCHANGED <<lease, cfg, pending, learned, ingestOutcome, snap, up, mig, view, move, net, used>>

(***************************************************************************)
(* Start: the operator's MOVE-SCOPE Prefix FROM Source TO Target passes its *)
(* checks and start() puts Prefix in MIGRATING: writes are QUIESCED.       *)
(***************************************************************************)
Start ==
    /\ move = "idle" /\ up[Source] /\ mig[Source] = None
    /\ mig' = [mig EXCEPT ![Source] = "migrating"]
    /\ move' = "started"
    /\ UNCHANGED <<lease, cfg, pending, learned, ingestOutcome, snap, log, up, store, view, net, writes, used>>

\* The slice: one frame per key held on the serialized shard(s).
SliceNow == LET ks == {k \in (IF SliceAllShards THEN Keys ELSE PrefixShardKeys) :
                          store[Source][k] # {}}
            IN  [k \in ks |-> store[Source][k]]

\* The move ends without a commit: abort() removes Prefix from MIGRATING.
\* With RetryAmbiguousShip the source instead stays MIGRATING and ships again.
FailShip ==
    /\ net' = Staled(net)
    /\ IF RetryAmbiguousShip
       THEN /\ move' = "started" /\ UNCHANGED mig
       ELSE /\ move' = "aborted" /\ mig' = [mig EXCEPT ![Source] = None]

(***************************************************************************)
(* Ship: connect to the target and send MOVE-SCOPE-INGEST Prefix <slice>.  *)
(* Connect fails when the target is down (-> FailShip). The send either    *)
(* completes (the message is in the network) or stalls because the target  *)
(* stops reading (a bounded fault).                                        *)
(***************************************************************************)
Ship ==
    /\ move = "started" /\ up[Source]
    /\ IF up[Target]
       THEN /\ move' = "awaiting"
            /\ net' = net \cup {IngestMsg(SliceNow)}
            /\ UNCHANGED <<mig, used>>
       ELSE /\ FailShip /\ UNCHANGED used
    /\ UNCHANGED <<lease, cfg, pending, learned, ingestOutcome, snap, log, up, store, view, writes>>

Stall ==
    /\ move = "started" /\ up[Source] /\ up[Target]
    /\ used.stall < MaxStalls
    /\ move' = "stalled"
    /\ used' = [used EXCEPT !.stall = @ + 1]
    /\ UNCHANGED <<lease, cfg, pending, learned, ingestOutcome, snap, log, up, store, mig, view, net, writes>>

\* Only with a write timeout does a stalled send ever return (no byte of the
\* request was processed: the target never read it completely).
WriteTimeout ==
    /\ ShipWriteTimeout /\ move = "stalled" /\ up[Source]
    /\ FailShip
    /\ UNCHANGED <<lease, cfg, pending, learned, ingestOutcome, snap, log, up, store, view, writes, used>>

(***************************************************************************)
(* IngestOf(m, keep): the target reads an INGEST request and applies it.   *)
(* A frame for a key off the prefix's shard lands on the prefix's shard    *)
(* unless IngestKeyShard: no command for that key ever reads it there, so *)
(* it is not counted as held.                                              *)
(* Success merges every frame and replies `+`; with OwnershipOnIngest the  *)
(* target now owns Prefix. With RetryAmbiguousShip a repeated request gets *)
(* the first outcome again, and nothing is applied.                        *)
(***************************************************************************)
Visible(k) == k \in PrefixShardKeys \/ IngestKeyShard

Merge(st, sl, ks) == [k \in Keys |-> IF k \in ks /\ Visible(k) THEN st[k] \cup sl[k] ELSE st[k]]

\* The target reads m and queues its reply; keep = TRUE is the Duplicate
\* fault (m stays in the network, so it can be read again).
Consume(m, keep, reply) ==
    /\ m \in net
    /\ keep => used.dup < MaxDups
    /\ net' = (IF keep THEN net ELSE net \ {m}) \cup {reply}
    /\ used' = IF keep THEN [used EXCEPT !.dup = @ + 1] ELSE used

\* SliceHandover: a node holds a stale copy of the prefix when its write path
\* (the lease aside: a writer without a lease still owns the prefix) does not
\* accept it and it is not the prefix's fallback. Every key is under Prefix.
Stale(n) == RouteWith(n, mig[n], cfg[n], view[n], learned[n]).v # "accepted" /\ cfg[n].fallback # n
\* The deletes of the keys ks on n: DELs logged under the ingest rule, which
\* every boot replays after the entries they follow and over the snapshot.
DropStore(st, ks) == [k \in Keys |-> IF k \in ks THEN {} ELSE st[k]]
DropLog(lg, ks)   == {e \in lg : e.key \notin ks}

\* With SliceHandover the INGEST first drops the target's stale copy: it
\* replaces, not merges, what the target held under the prefix.
IngestApply(m, ks) ==
    LET drop == IF SliceHandover /\ Stale(Target) THEN Keys ELSE {}
    IN  /\ store' = [store EXCEPT ![Target] = Merge(DropStore(@, drop), m.slice, ks)]
        /\ log' = [log EXCEPT ![Target] = DropLog(@, drop) \cup
                      IF IngestLogged
                      THEN UNION {{[id |-> i, key |-> k] : i \in m.slice[k]} : k \in {x \in ks : Visible(x)}}
                      ELSE {}]
        /\ snap' = [snap EXCEPT ![Target] = DropStore(@, drop)]

IngestOf(m, keep) ==
    /\ m.type = "ingest" /\ up[Target]
    /\ Consume(m, keep, ReplyMsg(TRUE, m.cur))
    /\ (RetryAmbiguousShip => ingestOutcome \in {None, "ok"})
    \* A repeat gets the first outcome again and applies nothing: frames are
    \* not idempotent (RPUSH), and the owner may have accepted newer writes.
    /\ IF RetryAmbiguousShip /\ ingestOutcome = "ok"
       THEN UNCHANGED <<store, log, snap>>
       ELSE IngestApply(m, DOMAIN m.slice)
    /\ learned' = IF OwnershipOnIngest THEN [learned EXCEPT ![Target] = TRUE] ELSE learned
    /\ ingestOutcome' = IF RetryAmbiguousShip THEN "ok" ELSE ingestOutcome
    /\ UNCHANGED <<lease, cfg, pending, up, mig, view, move, writes>>

\* A frame is refused (WRONGTYPE): the frames before it stay applied, the
\* reply is an error. Any proper subset of the frames may precede it. With
\* SliceHandover the frames applied before the refusal are taken back (and the
\* stale copy dropped): nothing of the slice stays on the target.
IngestRefusedOf(m, keep) ==
    /\ m.type = "ingest" /\ up[Target]
    /\ DOMAIN m.slice # {}
    /\ Consume(m, keep, ReplyMsg(FALSE, m.cur))
    /\ (RetryAmbiguousShip => ingestOutcome \in {None, "refused"})
    /\ IF RetryAmbiguousShip /\ ingestOutcome = "refused"
       THEN UNCHANGED <<store, log, snap>>
       ELSE \E ks \in SUBSET DOMAIN m.slice :
               /\ ks # DOMAIN m.slice
               /\ IngestApply(m, IF SliceHandover THEN {} ELSE ks)
    /\ ingestOutcome' = IF RetryAmbiguousShip THEN "refused" ELSE ingestOutcome
    /\ UNCHANGED <<lease, cfg, pending, learned, up, mig, view, move, writes>>

\* The actions over the messages in flight (named for TLC's traces).
Ingest        == \E m \in net, keep \in BOOLEAN : IngestOf(m, keep)
IngestRefused == \E m \in net, keep \in BOOLEAN : IngestRefusedOf(m, keep)

(***************************************************************************)
(* The source reads the target's reply to its current attempt: `+` ->     *)
(* Commit (MIGRATED, the command answers +OK), an error -> Abort. The move *)
(* is over, so what is left of it in the network turns stale. A reply to  *)
(* an earlier attempt (its connection was closed when that attempt ended)  *)
(* is never read for the move: Discard.                                    *)
(***************************************************************************)
\* SliceHandover: the source deletes the keys it shipped (those of the shards
\* it serializes) in the same step: a crash cannot fall between MIGRATED and
\* the deletes (one log write), so no boot finds the one without the other.
Shipped == IF SliceAllShards THEN Keys ELSE PrefixShardKeys
Commit ==
    /\ move = "awaiting" /\ up[Source]
    /\ ReplyMsg(TRUE, TRUE) \in net
    /\ net' = Staled(net \ {ReplyMsg(TRUE, TRUE)})
    /\ mig' = [mig EXCEPT ![Source] = "migrated"]
    /\ move' = "committed"
    /\ IF SliceHandover
       THEN /\ store' = [store EXCEPT ![Source] = DropStore(@, Shipped)]
            /\ snap' = [snap EXCEPT ![Source] = DropStore(@, Shipped)]
            /\ log' = [log EXCEPT ![Source] = DropLog(@, Shipped)]
       ELSE UNCHANGED <<store, snap, log>>
    /\ UNCHANGED <<lease, cfg, pending, learned, ingestOutcome, up, view, writes, used>>

Abort ==
    /\ move = "awaiting" /\ up[Source]
    /\ ReplyMsg(FALSE, TRUE) \in net
    /\ net' = Staled(net \ {ReplyMsg(FALSE, TRUE)})
    /\ mig' = [mig EXCEPT ![Source] = None]
    /\ move' = "aborted"
    /\ UNCHANGED <<lease, cfg, pending, learned, ingestOutcome, snap, log, up, store, view, writes, used>>

\* The single read times out (60 s) or fails. When nothing can answer any
\* more (the target is down, or neither the request nor a reply is in the
\* network) this is the ordinary timeout. While an answer is still on its
\* way it is a bounded fault: a slow target, or the spurious read failure
\* (EINTR) observed on live clusters. Bounding it keeps MigrationEnds about
\* the protocol rather than about a clock that always fires too early.
\* Only the current attempt's request or reply can answer it.
AnswerComing == up[Target] /\ \E m \in net : m.cur
ReadTimeout ==
    /\ move = "awaiting" /\ up[Source]
    /\ IF AnswerComing
       THEN used.early < MaxEarlyTimeouts /\ used' = [used EXCEPT !.early = @ + 1]
       ELSE UNCHANGED used
    /\ FailShip
    /\ UNCHANGED <<lease, cfg, pending, learned, ingestOutcome, snap, log, up, store, view, writes>>

DiscardOf(m) ==
    /\ m \in net /\ m.type = "reply" /\ ~m.cur
    /\ net' = net \ {m}
    /\ UNCHANGED <<lease, cfg, pending, learned, ingestOutcome, snap, log, up, store, mig, view, move, writes, used>>

DropOf(m) ==
    /\ m \in net /\ used.drop < MaxDrops
    /\ net' = net \ {m}
    /\ used' = [used EXCEPT !.drop = @ + 1]
    /\ UNCHANGED <<lease, cfg, pending, learned, ingestOutcome, snap, log, up, store, mig, view, move, writes>>

(***************************************************************************)
(* Crash(n): the process dies. Its store in memory and DOWN view are gone  *)
(* (the view is set to what it will be at boot), the migration table      *)
(* keeps only what the switches make durable, and its connections close:  *)
(* messages addressed to it are lost (the ingest request for the target,   *)
(* the reply for the source); a source crash ends the ship attempt in      *)
(* progress (what is left of it turns stale). A MOVE-SCOPE in flight on    *)
(* the source ends ("lost") unless MigratingDurable, where it is           *)
(* "suspended" and resumes at Restart. A send stalled on a crashing target *)
(* fails (SendReset), which ends that attempt too.                         *)
(***************************************************************************)
Discard == \E m \in net : DiscardOf(m)
Drop    == \E m \in net : DropOf(m)

MsgTo(m) == IF m.type = "ingest" THEN Target ELSE Source
\* A crash of the target resets the connection a stalled send is blocked
\* on: the send fails (FailShip). Only a target that is alive but does not
\* read keeps a send blocked.
SendReset(n) == n = Target /\ move = "stalled"

Crash(n) ==
    /\ up[n] /\ used.crash < MaxCrashes
    /\ up' = [up EXCEPT ![n] = FALSE]
    /\ store' = [store EXCEPT ![n] = EmptyStore]
    /\ mig' = [x \in Nodes |->
                 CASE x = n -> BootMig(n)
                   [] x = Source /\ SendReset(n) /\ ~RetryAmbiguousShip -> None
                   [] OTHER -> mig[x]]
    /\ view' = [view EXCEPT ![n] = BootView(n)]
    /\ net' = LET kept == {m \in net : MsgTo(m) # n}
              IN  IF n = Source \/ SendReset(n) THEN Staled(kept) ELSE kept
    /\ move' = CASE n = Source /\ move \in InFlight ->
                      IF MigratingDurable THEN "suspended" ELSE "lost"
                  [] SendReset(n) -> IF RetryAmbiguousShip THEN "started" ELSE "aborted"
                  [] OTHER -> move
    /\ used' = [used EXCEPT !.crash = @ + 1]
    /\ lease' = [lease EXCEPT ![n] = FALSE]
    /\ UNCHANGED <<cfg, pending, learned, ingestOutcome, snap, log, writes>>

(***************************************************************************)
(* Restart(n): boot with the pushed config if any; the store is the last   *)
(* snapshot plus the log since it, replayed through the write path under   *)
(* the boot state; every peer is unheard. A suspended move resumes: a new  *)
(* ship attempt (the old one's messages turned stale at the crash).        *)
(***************************************************************************)
Restart(n) ==
    /\ ~up[n]
    /\ up' = [up EXCEPT ![n] = TRUE]
    /\ cfg' = [cfg EXCEPT ![n] = BootCfg(n)]
    /\ pending' = [pending EXCEPT ![n] = NoCfg]
    /\ store' = [store EXCEPT ![n] = BootStore(n)]
    /\ move' = IF n = Source /\ move = "suspended" THEN "started" ELSE move
    /\ UNCHANGED <<lease, learned, ingestOutcome, snap, log, mig, view, net, writes, used>>

(***************************************************************************)
(* PushConfig(n): once MOVE-SCOPE answered +OK, the operator writes the    *)
(* new config (Target is the writer) into n's config file; it takes effect *)
(* at n's next Restart (the operator restarts a node with Crash+Restart).  *)
(***************************************************************************)
PushConfig(n) ==
    /\ move = "committed"
    /\ pending[n] = NoCfg /\ cfg[n] # NewCfg
    /\ pending' = [pending EXCEPT ![n] = NewCfg]
    /\ UNCHANGED <<lease, cfg, learned, ingestOutcome, snap, log, up, store, mig, view, move, net, writes, used>>

\* Snapshot(n): n saves its store image (kept across restarts) with the log
\* position it covers: a boot replays only what is logged after it. Enabled
\* when it changes what a boot would start from.
Snapshot(n) ==
    /\ up[n] /\ used.snap < MaxSnapshots /\ (snap[n] # store[n] \/ log[n] # {})
    /\ snap' = [snap EXCEPT ![n] = store[n]]
    /\ log' = [log EXCEPT ![n] = {}]
    /\ used' = [used EXCEPT !.snap = @ + 1]
    /\ UNCHANGED <<lease, cfg, pending, learned, ingestOutcome, up, store, mig, view, move, net, writes>>

(***************************************************************************)
(* The DOWN view (only when the prefix has a fallback). ViewDown: n stops  *)
(* hearing m because m is crashed, or because heartbeats are lost (a       *)
(* bounded fault standing for a partition of the election port).          *)
(* Heartbeat: n hears m again.                                             *)
(***************************************************************************)
ViewDown(n, m) ==
    /\ TrackView /\ n # m /\ up[n] /\ view[n][m] = "up"
    \* WriterLease: the fallback counts its writer DOWN only after the writer's
    \* lease ended (DOWN_AFTER > lease + drift since it last heard it).
    /\ (WriterLease /\ up[m] /\ cfg[m].fallback = n) => ~lease[m]
    /\ \/ ~up[m] /\ UNCHANGED used
       \/ up[m] /\ used.part < MaxPartitions /\ used' = [used EXCEPT !.part = @ + 1]
    /\ view' = [view EXCEPT ![n][m] = "down"]
    /\ UNCHANGED <<lease, cfg, pending, learned, ingestOutcome, snap, log, up, store, mig, move, net, writes>>

Heartbeat(n, m) ==
    /\ TrackView /\ n # m /\ up[n] /\ up[m] /\ view[n][m] = "down"
    /\ view' = [view EXCEPT ![n][m] = "up"]
    /\ UNCHANGED <<lease, cfg, pending, learned, ingestOutcome, snap, log, up, store, mig, move, net, writes, used>>

\* The fallback grants its writer a lease while each hears the other; a lease
\* may run out at any time.
LeaseGrant(n) ==
    LET f == cfg[n].fallback IN
    /\ WriterLease /\ up[n] /\ NeedsLease(n) /\ ~lease[n]
    /\ up[f] /\ view[f][n] = "up" /\ view[n][f] = "up"
    /\ lease' = [lease EXCEPT ![n] = TRUE]
    /\ UNCHANGED <<cfg, pending, learned, ingestOutcome, snap, log, up, store, mig, view, move, net, writes, used>>
LeaseExpire(n) ==
    /\ lease[n] /\ lease' = [lease EXCEPT ![n] = FALSE]
    /\ UNCHANGED <<cfg, pending, learned, ingestOutcome, snap, log, up, store, mig, view, move, net, writes, used>>

-----------------------------------------------------------------------------
Next ==
    \/ \E n \in Nodes, k \in Keys : ClientWrite(n, k)
    \/ Start \/ Ship \/ Stall \/ WriteTimeout \/ Commit \/ Abort \/ ReadTimeout
    \/ Ingest \/ IngestRefused \/ Discard \/ Drop
    \/ \E n \in Nodes : Crash(n)
    \/ \E n \in Nodes : Restart(n)
    \/ \E n \in Nodes : PushConfig(n)
    \/ \E n \in Nodes : Snapshot(n)
    \/ \E n, m \in Nodes : ViewDown(n, m)
    \/ \E n, m \in Nodes : Heartbeat(n, m)
    \/ \E n \in Nodes : LeaseGrant(n) \/ LeaseExpire(n)

Spec == Init /\ [][Next]_vars

\* For MigrationEnds: the protocol's own steps are fair; faults and the
\* environment (writes, crashes, drops, pushes) are not, and are bounded.
\* Commit and Abort are strongly fair: with RetryAmbiguousShip a timeout can
\* disable them again and again.
Deliveries == \E m \in net : IngestOf(m, FALSE) \/ IngestRefusedOf(m, FALSE)
LiveSpec ==
    /\ Spec
    /\ WF_vars(Start) /\ WF_vars(Ship) /\ WF_vars(WriteTimeout) /\ WF_vars(ReadTimeout)
    /\ WF_vars(Deliveries) /\ SF_vars(Commit) /\ SF_vars(Abort)
    /\ \A n \in Nodes : WF_vars(Restart(n))

-----------------------------------------------------------------------------
(***************************************************************************)
(* Type correctness.                                                       *)
(***************************************************************************)
Store == [Keys -> SUBSET WriteIds]
TypeOK ==
    /\ cfg \in [Nodes -> Config]
    /\ pending \in [Nodes -> Config \cup {NoCfg}]
    /\ learned \in [Nodes -> BOOLEAN]
    /\ ingestOutcome \in {None, "ok", "refused"}
    /\ snap \in [Nodes -> Store]
    /\ log \in [Nodes -> SUBSET LogEntry]
    /\ up \in [Nodes -> BOOLEAN]
    /\ store \in [Nodes -> Store]
    /\ mig \in [Nodes -> {None, "migrating", "migrated"}]
    /\ view \in [Nodes -> [Nodes -> {"up", "down"}]]
    /\ move \in MoveStates
    /\ net \subseteq Msg
    /\ Len(writes) <= MaxWrites
    /\ \A i \in 1..Len(writes) : writes[i] \in [node : Nodes, key : Keys,
                                    verdict : {"accepted", "QUIESCED", "MISDIRECTED"}]
    /\ used \in [{"crash", "drop", "dup", "stall", "early", "snap", "part"} -> Nat]
    /\ lease \in [Nodes -> BOOLEAN]

(***************************************************************************)
(* Safety, as claims (docs/vocabulary.md).                                 *)
(***************************************************************************)
Acked == {i \in 1..Len(writes) : writes[i].verdict = "accepted"}

\* At most one live node accepts checked writes for a key. Every key in Keys
\* is under Prefix, so a node's verdict is the same for all of them.
SingleWriter == Cardinality({n \in Nodes : Accepts(n)}) <= 1

\* Every acknowledged write is held by some node: in memory when the node is
\* up, in what it will rebuild at its next boot (BootStore: the snapshot +
\* the log since it, replayed under the config it will boot with) when it
\* is down.
Held(n, i) == IF up[n] THEN i \in store[n][writes[i].key]
              ELSE i \in BootStore(n)[writes[i].key]
NoLostWrite == \A i \in Acked : \E n \in Nodes : Held(n, i)

\* Every acknowledged write on k is held by every node that now accepts
\* writes for k (the acceptor's copy is the one clients will build on).
NoStrandedWrite == \A i \in Acked : \A n \in Nodes :
                      Accepts(n) => i \in store[n][writes[i].key]

\* A node answers QUIESCED only while a MOVE-SCOPE of the prefix is in
\* flight on it.
QuiescedOnlyInFlight == \A n \in Nodes :
                           up[n] /\ Route(n).v = "QUIESCED" => n = Source /\ move \in InFlight

\* From every live node, following MISDIRECTED replies reaches, within
\* MaxHops hops, a node that does not redirect: one that accepts, answers
\* QUIESCED (the client waits there), or is down (the client gets a
\* connection error, not a loop).
RECURSIVE Settles(_, _)
Settles(n, h) == \/ ~up[n]
                 \/ Route(n).v # "MISDIRECTED"
                 \/ h > 0 /\ Settles(Route(n).to, h - 1)
RedirectsConverge == \A n \in Nodes : up[n] => Settles(n, MaxHops)

\* Every write in a node's store was acknowledged: a write answered
\* MISDIRECTED (or QUIESCED) never shows up later.
NoPhantomWrite == \A n \in Nodes, k \in Keys : \A i \in store[n][k] : i \in Acked

\* Once the move ended (Commit or Abort), neither of its parties holds a
\* write under the prefix unless it owns the prefix: it accepts writes for
\* it, is its fallback, or is the Target of the committed move (the owner
\* the operator is about to configure). What is left is an orphan copy a
\* later config push or restart can bring back. Violated without
\* SliceHandover (the source's store is unchanged at Commit); holds with it.
OrphanCopy == move \in {"committed", "aborted"} =>
                 \A n \in {Source, Target} :
                    (up[n] /\ ~Accepts(n) /\ cfg[n].fallback # n
                           /\ ~(move = "committed" /\ n = Target))
                       => \A k \in Keys : store[n][k] = {}

(***************************************************************************)
(* Liveness: every started migration ends (Commit or Abort, or it dies     *)
(* with the source process).                                               *)
(***************************************************************************)
MigrationEnds == (move \in InFlight) ~> (move \notin InFlight)

(***************************************************************************)
(* Baits: reachability goals as invariants TLC must violate.               *)
(***************************************************************************)
BaitCommitted == move # "committed"
BaitAborted   == move # "aborted"
BaitQuiesced  == \A i \in 1..Len(writes) : writes[i].verdict # "QUIESCED"
=============================================================================
