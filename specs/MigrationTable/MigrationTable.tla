--------------------------- MODULE MigrationTable ---------------------------
(***************************************************************************)
(* kevy-scope 2.0.20's MigrationTable (the seed), each operation atomic.   *)
(*                                                                         *)
(* What it models: the two maps MIGRATING and MIGRATED (prefix -> {from,   *)
(* to}) and the three mutating operations start / commit / abort, plus the *)
(* read-only lookups and longest-prefix matches, exactly as the crate      *)
(* defines them. Every operation is one atomic step here: the window that  *)
(* the seed's commit opens between its two locks is modelled separately   *)
(* in MigrationTableImpl.tla.                                              *)
(*                                                                         *)
(* What it does not model: who calls the table (MOVE-SCOPE, routing), the  *)
(* network, crashes (the table is volatile: a crash is a fresh table, see  *)
(* specs/MoveScope), and byte strings (prefixes are TLA+ strings; the      *)
(* crate compares bytes, which is the same for the ASCII used here).       *)
(*                                                                         *)
(* The state graph of this module is a contract: the checker module dumps *)
(* it (-dump dot,actionlabels) and replays every edge against the Java     *)
(* table. `last` records each step's operation, arguments and result so   *)
(* the replay can compare results as well as states.                       *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Prefixes,   \* prefixes the operator may name (strings; may nest, may be "")
    Nodes,      \* node ids usable as from / to
    Keys        \* probe keys for the match operators (not part of the state)

ASSUME Prefixes # {} /\ Nodes # {}

None == "none"   \* the result of a match / lookup that finds nothing
Dash == "-"      \* a field that does not apply

MigrationState == [from : Nodes, to : Nodes]

\* A partial map Prefixes -> MigrationState, written as a TLA+ function
\* whose DOMAIN is the set of prefixes present. The empty map is
\* [p \in {} |-> ...].
EmptyMap == [p \in {} |-> [from |-> Dash, to |-> Dash]]

IsMap(m) == /\ DOMAIN m \subseteq Prefixes
            /\ \A p \in DOMAIN m : m[p] \in MigrationState

Put(m, p, st) == [x \in DOMAIN m \cup {p} |-> IF x = p THEN st ELSE m[x]]
Remove(m, p)  == [x \in DOMAIN m \ {p} |-> m[x]]

VARIABLES
    migrating,  \* MIGRATING: prefix -> [from, to], in-flight migrations
    migrated,   \* MIGRATED:  prefix -> [from, to], committed migrations
    last        \* the last operation and its result (history, for the replay)

vars == <<migrating, migrated, last>>

Ops     == {"Init", "Start", "Commit", "Abort"}
Results == {"ok", "AlreadyMigrating", "AlreadyMigrated", "none", Dash}

(***************************************************************************)
(* Prefix matching over strings.                                           *)
(***************************************************************************)
IsPrefix(p, k) == /\ Len(p) <= Len(k)
                  /\ (Len(p) = 0 \/ SubSeq(k, 1, Len(p)) = p)

\* The seed's match_*: a linear scan that keeps the candidate with the
\* greater length (`p.len() > prev.len()`); the scan order is whatever
\* CHOOSE picks, which is as arbitrary as a HashMap's iteration order.
RECURSIVE Scan(_, _, _)
Scan(m, k, todo) ==
    IF todo = {} THEN None
    ELSE LET p    == CHOOSE x \in todo : TRUE
             rest == Scan(m, k, todo \ {p})
         IN  IF IsPrefix(p, k) /\ (rest = None \/ Len(p) > Len(rest))
             THEN p ELSE rest

\* lookup_*: exact prefix. Returns the prefix itself when present.
LookupMigrating(p) == IF p \in DOMAIN migrating THEN p ELSE None
LookupMigrated(p)  == IF p \in DOMAIN migrated  THEN p ELSE None

\* match_*: the longest prefix of k present in the map, or "none".
MatchMigrating(k) == Scan(migrating, k, DOMAIN migrating)
MatchMigrated(k)  == Scan(migrated,  k, DOMAIN migrated)

(***************************************************************************)
(* Initial state: both maps empty.                                         *)
(***************************************************************************)
Init == /\ migrating = EmptyMap
        /\ migrated  = EmptyMap
        /\ last = [op |-> "Init", prefix |-> Dash, from |-> Dash, to |-> Dash,
                   result |-> Dash]

(***************************************************************************)
(* start(p, f, t): under MIGRATING's lock, refuse AlreadyMigrating if p is *)
(* in flight; then, still holding it, refuse AlreadyMigrated if p is in    *)
(* MIGRATED; else insert. The order of the two checks decides the result  *)
(* when both would apply (they cannot both apply in this atomic model,     *)
(* see NotBothMaps). Exact prefix only: nested prefixes may both be in     *)
(* flight. f = t is accepted: neither the crate nor kevy checks it.        *)
(***************************************************************************)
Start(p, f, t) ==
    LET res == IF p \in DOMAIN migrating THEN "AlreadyMigrating"
               ELSE IF p \in DOMAIN migrated THEN "AlreadyMigrated"
               ELSE "ok"
    IN  /\ migrating' = IF res = "ok" THEN Put(migrating, p, [from |-> f, to |-> t])
                        ELSE migrating
        /\ UNCHANGED migrated
        /\ last' = [op |-> "Start", prefix |-> p, from |-> f, to |-> t, result |-> res]

(***************************************************************************)
(* commit(p): remove p from MIGRATING and insert the removed state into    *)
(* MIGRATED (overwriting). Absent p is a no-op step with result "none".    *)
(***************************************************************************)
Commit(p) ==
    IF p \in DOMAIN migrating
    THEN /\ migrating' = Remove(migrating, p)
         /\ migrated'  = Put(migrated, p, migrating[p])
         /\ last' = [op |-> "Commit", prefix |-> p, from |-> migrating[p].from,
                     to |-> migrating[p].to, result |-> "ok"]
    ELSE /\ UNCHANGED <<migrating, migrated>>
         /\ last' = [op |-> "Commit", prefix |-> p, from |-> Dash, to |-> Dash,
                     result |-> "none"]

(***************************************************************************)
(* abort(p): remove p from MIGRATING only; MIGRATED is untouched.         *)
(***************************************************************************)
Abort(p) ==
    IF p \in DOMAIN migrating
    THEN /\ migrating' = Remove(migrating, p)
         /\ UNCHANGED migrated
         /\ last' = [op |-> "Abort", prefix |-> p, from |-> migrating[p].from,
                     to |-> migrating[p].to, result |-> "ok"]
    ELSE /\ UNCHANGED <<migrating, migrated>>
         /\ last' = [op |-> "Abort", prefix |-> p, from |-> Dash, to |-> Dash,
                     result |-> "none"]

Next == \/ \E p \in Prefixes, f, t \in Nodes : Start(p, f, t)
        \/ \E p \in Prefixes : Commit(p)
        \/ \E p \in Prefixes : Abort(p)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Type and safety.                                                        *)
(***************************************************************************)
TypeOK ==
    /\ IsMap(migrating)
    /\ IsMap(migrated)
    /\ last.op \in Ops
    /\ last.result \in Results
    /\ last.prefix \in Prefixes \cup {Dash}
    /\ last.from \in Nodes \cup {Dash}
    /\ last.to \in Nodes \cup {Dash}

\* A prefix is never in both MIGRATING and MIGRATED.
NotBothMaps == DOMAIN migrating \cap DOMAIN migrated = {}

\* match_* returns the longest prefix of the key present in that map, and
\* "none" exactly when no prefix of the key is present. The scan above is
\* checked against this declarative statement for every probe key.
IsLongestMatch(m, k, r) ==
    LET cands == {p \in DOMAIN m : IsPrefix(p, k)}
    IN  IF cands = {} THEN r = None
        ELSE /\ r \in cands
             /\ \A q \in cands : Len(q) <= Len(r)

MatchIsLongest ==
    \A k \in Keys : /\ IsLongestMatch(migrating, k, MatchMigrating(k))
                    /\ IsLongestMatch(migrated,  k, MatchMigrated(k))

\* Nothing is ever removed from MIGRATED, and an entry never changes
\* (an action property, checked by TLC as PROPERTY).
MigratedOnlyGrows ==
    [][\A p \in DOMAIN migrated : p \in DOMAIN migrated' /\ migrated'[p] = migrated[p]]_vars

(***************************************************************************)
(* Baits: reachability goals stated as invariants that TLC must VIOLATE.   *)
(* A model in which no commit / no abort can succeed would pass the safety *)
(* invariants vacuously; these configs prove the states are reached.       *)
(***************************************************************************)
BaitCommitted == ~(last.op = "Commit" /\ last.result = "ok")
BaitAborted   == ~(last.op = "Abort"  /\ last.result = "ok")
=============================================================================
