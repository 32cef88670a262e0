------------------------ MODULE MigrationTableImpl -------------------------
(***************************************************************************)
(* The MigrationTable as threads on the source node use it: the lock       *)
(* layout matters, not just the operations.                                *)
(*                                                                         *)
(* Layout = "seed": kevy-scope 2.0.20 as built. MIGRATING and MIGRATED     *)
(* each have their own mutex. commit(p) locks MIGRATING, removes p,        *)
(* RELEASES MIGRATING, then locks MIGRATED and inserts: two atomic steps,  *)
(* CommitRemove and CommitInsert, with a window between them in which p   *)
(* is in neither map. start(p) locks MIGRATING, checks, then (still        *)
(* holding it) locks MIGRATED, checks and inserts into MIGRATING.          *)
(* Layout = "atomic": one lock around the whole table (the remedy):        *)
(* start and commit are one step each.                                     *)
(*                                                                         *)
(* Threads on the source node:                                             *)
(*  - the mover: the MOVE-SCOPE command of the prefix: Start, Ship (the    *)
(*    slice has left the node: from now on the source must not accept a   *)
(*    write for the prefix), then the commit on the target's `+` reply.    *)
(*  - routers: each routes one checked write for a key under the prefix,  *)
(*    in kevy 5.4's order, as three steps: match_migrating (found ->       *)
(*    QUIESCED), match_migrated (found -> MISDIRECTED), then the static    *)
(*    route, where the source is the prefix's writer, so it accepts.       *)
(*    Each match takes its map's lock for that step only.                  *)
(*  - the operator: a racing second `start` of the same prefix (a second   *)
(*    MOVE-SCOPE). Only its `start` is modelled; what it would ship is     *)
(*    MoveScope's concern. In kevy 5.4 the server runs MOVE-SCOPE on the   *)
(*    shard owning the prefix, so a second MOVE-SCOPE waits behind the     *)
(*    first; the race is the crate's contract ("the caller is expected to  *)
(*    hold a higher-level lock") tested against any caller that does not.  *)
(*                                                                         *)
(* Not modelled: the ship's failure and Abort (abort only removes from     *)
(* MIGRATING, after which the source is the writer again, so an accept is  *)
(* then legitimate; MoveScope covers it), other prefixes and nested ones   *)
(* (MigrationTable.tla covers matching), the network and the target.       *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Layout,       \* "seed" | "atomic"
    Prefix,       \* the prefix being moved
    Key,          \* the key the routers write (under Prefix)
    Source,       \* the source node (from)
    Target,       \* the target node (to)
    Routers,      \* router threads, one write each
    RacingStart   \* TRUE: an operator thread races a second start(Prefix)

IsPrefix(p, k) == /\ Len(p) <= Len(k)
                  /\ (Len(p) = 0 \/ SubSeq(k, 1, Len(p)) = p)

ASSUME /\ Layout \in {"seed", "atomic"}
       /\ IsPrefix(Prefix, Key)
       /\ RacingStart \in BOOLEAN

Dash == "-"
EmptyMap == [p \in {} |-> [from |-> Dash, to |-> Dash]]
Put(m, p, st) == [x \in DOMAIN m \cup {p} |-> IF x = p THEN st ELSE m[x]]
Remove(m, p)  == [x \in DOMAIN m \ {p} |-> m[x]]
Move == [from |-> Source, to |-> Target]
NoEntry == [from |-> Dash, to |-> Dash]   \* `held` when CommitRemove holds nothing

VARIABLES
    \* -- the table --
    migrating,   \* MIGRATING map (prefix -> [from, to])
    migrated,    \* MIGRATED map
    lockM,       \* MIGRATING's mutex across steps: "free" | "operator"
                 \* (only the racing start holds it across two steps)
    \* -- the mover (MOVE-SCOPE thread) --
    mpc,         \* "idle" | "started" | "shipped" | "removed" | "done" | "refused"
    held,        \* seed layout: the entry CommitRemove took out, until CommitInsert
    \* -- the operator's racing start --
    opc,         \* "idle" | "holdM" | "done"
    opResult,    \* its start's result: "-" | "ok" | "AlreadyMigrating" | "AlreadyMigrated"
    \* -- routers --
    rpc,         \* router -> "idle" | "migrating" | "migrated" | "static" | "done"
    afterShip,   \* router -> TRUE when its decision started after Ship
    verdict      \* router -> "-" | "accepted" | "QUIESCED" | "MISDIRECTED"

vars == <<migrating, migrated, lockM, mpc, held, opc, opResult, rpc, afterShip, verdict>>

Shipped == mpc \in {"shipped", "removed", "done"}

Init == /\ migrating = EmptyMap
        /\ migrated = EmptyMap
        /\ lockM = "free"
        /\ mpc = "idle"
        /\ held = NoEntry
        /\ opc = IF RacingStart THEN "idle" ELSE "done"
        /\ opResult = Dash
        /\ rpc = [r \in Routers |-> "idle"]
        /\ afterShip = [r \in Routers |-> FALSE]
        /\ verdict = [r \in Routers |-> Dash]

StartResult == IF Prefix \in DOMAIN migrating THEN "AlreadyMigrating"
               ELSE IF Prefix \in DOMAIN migrated THEN "AlreadyMigrated"
               ELSE "ok"

(* The mover's start(Prefix, Source, Target), one step (it takes both     *)
(* locks and releases them within the step; it waits while the operator  *)
(* holds MIGRATING's lock). A refused start ends the MOVE-SCOPE command.   *)
Start ==
    /\ mpc = "idle" /\ lockM = "free"
    /\ IF StartResult = "ok"
       THEN /\ migrating' = Put(migrating, Prefix, Move)
            /\ mpc' = "started"
       ELSE /\ UNCHANGED migrating
            /\ mpc' = "refused"
    /\ UNCHANGED <<migrated, lockM, held, opc, opResult, rpc, afterShip, verdict>>

(* The slice is serialized and sent: from here on it lives on the target. *)
Ship ==
    /\ mpc = "started"
    /\ mpc' = "shipped"
    /\ UNCHANGED <<migrating, migrated, lockM, held, opc, opResult, rpc, afterShip, verdict>>

(* Atomic layout: commit is one step.                                      *)
Commit ==
    /\ Layout = "atomic"
    /\ mpc = "shipped"
    /\ migrating' = Remove(migrating, Prefix)
    /\ migrated' = Put(migrated, Prefix, migrating[Prefix])
    /\ mpc' = "done"
    /\ UNCHANGED <<lockM, held, opc, opResult, rpc, afterShip, verdict>>

(* Seed layout, first half of commit: lock MIGRATING, remove, release.     *)
CommitRemove ==
    /\ Layout = "seed"
    /\ mpc = "shipped" /\ lockM = "free"
    /\ held' = migrating[Prefix]
    /\ migrating' = Remove(migrating, Prefix)
    /\ mpc' = "removed"
    /\ UNCHANGED <<migrated, lockM, opc, opResult, rpc, afterShip, verdict>>

(* Seed layout, second half: lock MIGRATED, insert (overwriting).          *)
CommitInsert ==
    /\ Layout = "seed"
    /\ mpc = "removed"
    /\ migrated' = Put(migrated, Prefix, held)
    /\ held' = NoEntry
    /\ mpc' = "done"
    /\ UNCHANGED <<migrating, lockM, opc, opResult, rpc, afterShip, verdict>>

(* The operator's racing start. Seed layout: two steps, holding MIGRATING's *)
(* lock across them (OpStartLockMigrating checks MIGRATING,                 *)
(* OpStartLockMigrated checks MIGRATED and inserts, then releases both).   *)
(* Atomic layout: one step.                                                 *)
OpStartLockMigrating ==
    /\ Layout = "seed"
    /\ opc = "idle" /\ lockM = "free"
    /\ IF Prefix \in DOMAIN migrating
       THEN /\ opc' = "done" /\ opResult' = "AlreadyMigrating" /\ UNCHANGED lockM
       ELSE /\ opc' = "holdM" /\ lockM' = "operator" /\ UNCHANGED opResult
    /\ UNCHANGED <<migrating, migrated, mpc, held, rpc, afterShip, verdict>>

OpStartLockMigrated ==
    /\ Layout = "seed"
    /\ opc = "holdM"
    /\ IF Prefix \in DOMAIN migrated
       THEN /\ opResult' = "AlreadyMigrated" /\ UNCHANGED migrating
       ELSE /\ opResult' = "ok" /\ migrating' = Put(migrating, Prefix, Move)
    /\ opc' = "done" /\ lockM' = "free"
    /\ UNCHANGED <<migrated, mpc, held, rpc, afterShip, verdict>>

OpStart ==
    /\ Layout = "atomic"
    /\ opc = "idle"
    /\ opResult' = StartResult
    /\ migrating' = IF StartResult = "ok" THEN Put(migrating, Prefix, Move) ELSE migrating
    /\ opc' = "done"
    /\ UNCHANGED <<migrated, lockM, mpc, held, rpc, afterShip, verdict>>

(* A router takes a write for Key: the decision starts here.               *)
RouteBegin(r) ==
    /\ rpc[r] = "idle"
    /\ rpc' = [rpc EXCEPT ![r] = "migrating"]
    /\ afterShip' = [afterShip EXCEPT ![r] = Shipped]
    /\ UNCHANGED <<migrating, migrated, lockM, mpc, held, opc, opResult, verdict>>

(* match_migrating(Key) under MIGRATING's lock: found -> QUIESCED.         *)
RouteMatchMigrating(r) ==
    /\ rpc[r] = "migrating" /\ lockM = "free"
    /\ IF \E p \in DOMAIN migrating : IsPrefix(p, Key)
       THEN /\ rpc' = [rpc EXCEPT ![r] = "done"]
            /\ verdict' = [verdict EXCEPT ![r] = "QUIESCED"]
       ELSE /\ rpc' = [rpc EXCEPT ![r] = "migrated"]
            /\ UNCHANGED verdict
    /\ UNCHANGED <<migrating, migrated, lockM, mpc, held, opc, opResult, afterShip>>

(* match_migrated(Key) under MIGRATED's lock: found -> MISDIRECTED.        *)
RouteMatchMigrated(r) ==
    /\ rpc[r] = "migrated"
    /\ IF \E p \in DOMAIN migrated : IsPrefix(p, Key)
       THEN /\ rpc' = [rpc EXCEPT ![r] = "done"]
            /\ verdict' = [verdict EXCEPT ![r] = "MISDIRECTED"]
       ELSE /\ rpc' = [rpc EXCEPT ![r] = "static"]
            /\ UNCHANGED verdict
    /\ UNCHANGED <<migrating, migrated, lockM, mpc, held, opc, opResult, afterShip>>

(* The static ownership route: the source is the prefix's writer: accept. *)
RouteStatic(r) ==
    /\ rpc[r] = "static"
    /\ rpc' = [rpc EXCEPT ![r] = "done"]
    /\ verdict' = [verdict EXCEPT ![r] = "accepted"]
    /\ UNCHANGED <<migrating, migrated, lockM, mpc, held, opc, opResult, afterShip>>

(* Every thread has finished: the system stutters (so that TLC's deadlock *)
(* check still reports any other state without a successor).              *)
Finished ==
    /\ mpc \in {"done", "refused"}
    /\ opc = "done"
    /\ \A r \in Routers : rpc[r] = "done"
    /\ UNCHANGED vars

Next == \/ Start \/ Ship \/ Commit \/ CommitRemove \/ CommitInsert
        \/ OpStartLockMigrating \/ OpStartLockMigrated \/ OpStart
        \/ \E r \in Routers : \/ RouteBegin(r) \/ RouteMatchMigrating(r)
                              \/ RouteMatchMigrated(r) \/ RouteStatic(r)
        \/ Finished

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
MState == [from : {Source}, to : {Target}]

TypeOK ==
    /\ DOMAIN migrating \subseteq {Prefix} /\ \A p \in DOMAIN migrating : migrating[p] \in MState
    /\ DOMAIN migrated  \subseteq {Prefix} /\ \A p \in DOMAIN migrated  : migrated[p]  \in MState
    /\ lockM \in {"free", "operator"}
    /\ mpc \in {"idle", "started", "shipped", "removed", "done", "refused"}
    /\ held \in MState \cup {NoEntry}
    /\ opc \in {"idle", "holdM", "done"}
    /\ opResult \in {Dash, "ok", "AlreadyMigrating", "AlreadyMigrated"}
    /\ rpc \in [Routers -> {"idle", "migrating", "migrated", "static", "done"}]
    /\ afterShip \in [Routers -> BOOLEAN]
    /\ verdict \in [Routers -> {Dash, "accepted", "QUIESCED", "MISDIRECTED"}]

\* A router on the source never accepts a write for the prefix when its
\* decision started after the slice was shipped (the write would exist only
\* on the source, which is giving the prefix away).
NoAcceptAfterShip == \A r \in Routers : ~(verdict[r] = "accepted" /\ afterShip[r])

\* A prefix is never in both MIGRATING and MIGRATED.
NotBothMaps == DOMAIN migrating \cap DOMAIN migrated = {}
=============================================================================
