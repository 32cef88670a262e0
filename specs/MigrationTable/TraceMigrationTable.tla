------------------------- MODULE TraceMigrationTable -------------------------
(***************************************************************************)
(* Trace validation: the simulator's NDJSON traces, projected onto each   *)
(* node's migration table, replayed against MigrationTable.tla.            *)
(*                                                                         *)
(* The checker (movescope.checker.trace) reads a trace, keeps the lines    *)
(* that touch a node's table (Start, StartRefused, Commit, CommitRemove,   *)
(* CommitInsert, Abort, Crash, Restart) or are decided by it (checked      *)
(* ClientWrite), and writes them as the constant `Traces` into a generated *)
(* module that EXTENDS this one. TLC then walks each trace: state `i` has  *)
(* consumed i events of trace `k`; the only successor of a state is the    *)
(* step that the next event describes, and it exists only if the spec     *)
(* allows that step with the result the simulator reported. So           *)
(*   accepted  = TLC finishes without error (every trace reached its end); *)
(*   rejected  = TLC reports a deadlock in the state (k, i): event i+1 of  *)
(*               trace k is no step of the spec (its `line` field is the   *)
(*               trace's line number), or NotBothMapsEverywhere is        *)
(*               violated after event i.                                   *)
(* Several traces go into one TLC run (one initial state each; they share *)
(* nothing): a JVM start costs more than all the steps.                    *)
(*                                                                         *)
(* Which spec decides what:                                                *)
(*  - Start / StartRefused / Commit (atomic layout) / Abort: the actions   *)
(*    of MigrationTable.tla, through a per-node INSTANCE. The event gives  *)
(*    the post-state and the result the simulator claims; the spec's      *)
(*    action must hold between the two states, including its `last`       *)
(*    record (operation, arguments, result). A refusal with the wrong      *)
(*    reason, a start of a prefix in flight reported ok, a commit of a     *)
(*    prefix that is not in MIGRATING or with other from/to: no step.      *)
(*  - CommitRemove / CommitInsert (seed layout): the two steps of          *)
(*    MigrationTableImpl.tla's mover (remove under MIGRATING's lock, keep  *)
(*    the entry in hand, insert it under MIGRATED's lock), generalised to  *)
(*    any prefix; the entry in hand is `held`.                             *)
(*  - Crash: the table is volatile; what survives is MIGRATED when the     *)
(*    variant has migratedDurable, MIGRATING when it has migratingDurable, *)
(*    never an entry in hand (both are forgotten at CommitRemove, and the  *)
(*    MIGRATED copy is written only at CommitInsert). Restart: the node    *)
(*    comes back with that, and its `migratedRestored` /                   *)
(*    `migratingRestored` counts must equal the sizes of the maps.         *)
(*  - checked ClientWrite: kevy's write path consults the table before    *)
(*    any static route (kevy-move-scope.md §3 steps 2-3). With a MIGRATING *)
(*    entry matching the key the verdict must be QUIESCED naming that     *)
(*    entry's target; else with a MIGRATED match MISDIRECTED naming its    *)
(*    target; else it may be anything but QUIESCED (QuiescedOnlyInFlight). *)
(*    The matches are MigrationTable's MatchMigrating / MatchMigrated.     *)
(*  - A node that crashed does nothing until its Restart; a Restart comes  *)
(*    only to a node that is down (kevy crashes a running node first and  *)
(*    traces that Crash) or that has done nothing yet (a boot error at    *)
(*    time 0).                                                             *)
(*                                                                         *)
(* Not checked here: anything beyond the table (ship, ingest, ownership,  *)
(* the static route's verdicts, replies): see specs/MoveScope.            *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets

CONSTANTS
    Traces,         \* <<[name, variant |-> [layout, migratedDurable, migratingDurable],
                    \*    events |-> <<event, ...>>], ...>>; an event is a record
                    \*  [line, op, node, prefix, from, to, error, key, verdict, reason,
                    \*   ok, migratedRestored, migratingRestored]; "-" / -1 = absent.
    NodeIds,        \* every event's node, over all traces
    TracePrefixes,  \* every event's prefix
    TraceNodes      \* every node id named as node, from or to
\* Performance: TLC 2.18 re-evaluates a constant that the config binds to a
\* definition (Traces <- TraceData) at every use, so each access to Traces costs
\* as much as parsing all the trace data (about 9 ms for 54 traces). Traces is
\* therefore read only in Init, which copies the chosen trace into the state
\* (variables `events`, `variant`), and the three sets are computed by the
\* generator rather than by a comprehension over Traces.

None == "none"
Dash == "-"

EmptyMap == [p \in {} |-> [from |-> Dash, to |-> Dash]]
Put(m, p, st) == [x \in DOMAIN m \cup {p} |-> IF x = p THEN st ELSE m[x]]
Remove(m, p)  == [x \in DOMAIN m \ {p} |-> m[x]]

FreshTable == [migrating |-> EmptyMap, migrated |-> EmptyMap, held |-> EmptyMap]
NoOp == [op |-> "Init", prefix |-> Dash, from |-> Dash, to |-> Dash, result |-> Dash]

VARIABLES
    k,       \* which trace
    events,  \* Traces[k].events
    variant, \* Traces[k].variant
    i,       \* how many of its events have been replayed
    tbl,     \* node -> [migrating, migrated, held]: the node's table (+ the entry in hand)
    lastOp,  \* node -> MigrationTable's `last`: the node's last table operation and result
    life     \* node -> "init" (nothing seen yet) | "up" | "down"

vars == <<k, events, variant, i, tbl, lastOp, life>>

\* One MigrationTable per node: its variables are that node's part of tbl / lastOp.
\* Prefixes and Nodes only feed MigrationTable's Next / TypeOK (not used here) and
\* its ASSUME; "" keeps Prefixes non-empty for a trace without moves.
MT(n) == INSTANCE MigrationTable
             WITH migrating <- tbl[n].migrating,
                  migrated  <- tbl[n].migrated,
                  last      <- lastOp[n],
                  Prefixes  <- TracePrefixes,
                  Nodes     <- TraceNodes,
                  Keys      <- {}

Init == /\ k \in 1..Len(Traces)
        /\ events = Traces[k].events
        /\ variant = Traces[k].variant
        /\ i = 0
        /\ tbl = [n \in NodeIds |-> FreshTable]
        /\ lastOp = [n \in NodeIds |-> NoOp]
        /\ life = [n \in NodeIds |-> "init"]

Live(n) == life[n] \in {"init", "up"}
BecomesUp(n) == life' = [life EXCEPT ![n] = "up"]

Entry(e) == [from |-> e.from, to |-> e.to]
Did(n, op, e, res) ==
    lastOp' = [lastOp EXCEPT ![n] = [op |-> op, prefix |-> e.prefix, from |-> e.from,
                                      to |-> e.to, result |-> res]]

\* StartRefused's `error` (model's MigrationError) -> MigrationTable's result.
RefusalResult(err) == CASE err = "ALREADY_MIGRATING" -> "AlreadyMigrating"
                        [] err = "ALREADY_MIGRATED"  -> "AlreadyMigrated"
                        [] OTHER                     -> "unknown refusal " \o err

\* start(p, f, t): ok inserts the entry; a refusal changes nothing. The event's
\* post-state and result must be what MigrationTable!Start(p, f, t) produces.
StartStep(n, e, res) ==
    /\ tbl' = IF res = "ok"
              THEN [tbl EXCEPT ![n].migrating = Put(@, e.prefix, Entry(e))]
              ELSE tbl
    /\ Did(n, "Start", e, res)
    /\ MT(n)!Start(e.prefix, e.from, e.to)

\* Atomic layout: commit(p) in one step, exactly MigrationTable!Commit(p) with result ok.
CommitStep(n, e) ==
    /\ variant.layout = "atomic"
    /\ tbl' = [tbl EXCEPT ![n].migrating = Remove(@, e.prefix),
                          ![n].migrated  = Put(@, e.prefix, Entry(e))]
    /\ Did(n, "Commit", e, "ok")
    /\ MT(n)!Commit(e.prefix)

\* Seed layout: MigrationTableImpl's CommitRemove (the entry leaves MIGRATING and is
\* held) and CommitInsert (the held entry goes into MIGRATED).
CommitRemoveStep(n, e) ==
    /\ variant.layout = "seed"
    /\ e.prefix \in DOMAIN tbl[n].migrating
    /\ tbl[n].migrating[e.prefix] = Entry(e)
    /\ e.prefix \notin DOMAIN tbl[n].held
    /\ tbl' = [tbl EXCEPT ![n].migrating = Remove(@, e.prefix),
                          ![n].held      = Put(@, e.prefix, Entry(e))]
    /\ UNCHANGED lastOp

CommitInsertStep(n, e) ==
    /\ variant.layout = "seed"
    /\ e.prefix \in DOMAIN tbl[n].held
    /\ tbl[n].held[e.prefix] = Entry(e)
    /\ tbl' = [tbl EXCEPT ![n].migrated = Put(@, e.prefix, tbl[n].held[e.prefix]),
                          ![n].held     = Remove(@, e.prefix)]
    /\ lastOp' = [lastOp EXCEPT ![n] = [op |-> "Commit", prefix |-> e.prefix, from |-> e.from,
                                        to |-> e.to, result |-> "ok"]]

\* abort(p): exactly MigrationTable!Abort(p) with result ok.
AbortStep(n, e) ==
    /\ tbl' = [tbl EXCEPT ![n].migrating = Remove(@, e.prefix)]
    /\ Did(n, "Abort", e, "ok")
    /\ MT(n)!Abort(e.prefix)

\* What a crash leaves of a node's table.
Durable(t) ==
    [migrating |-> IF variant.migratingDurable THEN t.migrating ELSE EmptyMap,
     migrated  |-> IF variant.migratedDurable  THEN t.migrated  ELSE EmptyMap,
     held      |-> EmptyMap]

CrashStep(n) ==
    /\ Live(n)
    /\ tbl' = [tbl EXCEPT ![n] = Durable(tbl[n])]
    /\ lastOp' = [lastOp EXCEPT ![n] = NoOp]
    /\ life' = [life EXCEPT ![n] = "down"]

RestartStep(n, e) ==
    /\ life[n] \in {"init", "down"}
    /\ tbl' = [tbl EXCEPT ![n] = Durable(tbl[n])]
    /\ e.migratedRestored  \in {-1, Cardinality(DOMAIN tbl'[n].migrated)}
    /\ e.migratingRestored \in {-1, Cardinality(DOMAIN tbl'[n].migrating)}
    /\ lastOp' = [lastOp EXCEPT ![n] = NoOp]
    /\ life' = [life EXCEPT ![n] = IF e.ok THEN "up" ELSE "down"]

\* The ownershipEpoch remedy: a first INGEST at a newer epoch drops the node's own
\* MIGRATED entry for the prefix (if any): it owns the prefix again.
SupersedeStep(n, e) ==
    /\ tbl' = [tbl EXCEPT ![n].migrated = Remove(@, e.prefix)]
    /\ UNCHANGED lastOp

\* A checked write's verdict, as far as the table decides it.
VerdictAgrees(n, e) ==
    LET mm == MT(n)!MatchMigrating(e.key)
        md == MT(n)!MatchMigrated(e.key)
    IN  IF mm # None THEN e.verdict = "QUIESCED" /\ e.reason = tbl[n].migrating[mm].to
        ELSE IF md # None THEN e.verdict = "MISDIRECTED" /\ e.reason = tbl[n].migrated[md].to
        ELSE e.verdict # "QUIESCED"

WriteStep(n, e) ==
    /\ VerdictAgrees(n, e)
    /\ UNCHANGED <<tbl, lastOp>>

\* One event on node n. Every op but Restart needs a live node.
Event(n, e) ==
    \/ /\ e.op = "Restart"
       /\ RestartStep(n, e)
    \/ /\ e.op # "Restart"
       /\ Live(n)
       /\ \/ e.op = "Crash"        /\ CrashStep(n)
          \/ e.op # "Crash"        /\ BecomesUp(n)
             /\ \/ e.op = "Start"        /\ StartStep(n, e, "ok")
                \/ e.op = "StartRefused" /\ e.error # "NotOwner" /\ StartStep(n, e, RefusalResult(e.error))
                \* moveRequiresOwnership refuses before the table is asked: no table step.
                \/ e.op = "StartRefused" /\ e.error = "NotOwner" /\ UNCHANGED <<tbl, lastOp>>
                \/ e.op = "Supersede"    /\ SupersedeStep(n, e)
                \/ e.op = "Commit"       /\ CommitStep(n, e)
                \/ e.op = "CommitRemove" /\ CommitRemoveStep(n, e)
                \/ e.op = "CommitInsert" /\ CommitInsertStep(n, e)
                \/ e.op = "Abort"        /\ AbortStep(n, e)
                \/ e.op = "ClientWrite"  /\ WriteStep(n, e)

\* The next event as a value (\E over a singleton), so that no primed expression
\* inside the instance ever mentions i.
Step == /\ i < Len(events)
        /\ \E e \in {events[i + 1]} : \E n \in {e.node} : Event(n, e)
        /\ i' = i + 1
        /\ UNCHANGED <<k, events, variant>>

\* The end of a trace: stutter, so that only an unmatched event is a deadlock.
Done == /\ i = Len(events)
        /\ UNCHANGED vars

Next == Step \/ Done

Spec == Init /\ [][Next]_vars

\* MigrationTable's NotBothMaps on every node's table after every event.
NotBothMapsEverywhere == \A n \in NodeIds : MT(n)!NotBothMaps
=============================================================================
