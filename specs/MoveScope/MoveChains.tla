----------------------------- MODULE MoveChains -----------------------------
(***************************************************************************)
(* Any sequence of MOVE-SCOPE commands, for the fixed protocol: several    *)
(* moves of a prefix (there and back, chains), two prefixes (disjoint or   *)
(* a nested pair), three nodes, crossed and concurrent moves, busy shards. *)
(*                                                                         *)
(* MoveScope.tla checks one move under every fault kevy meets (crashes,    *)
(* snapshots, the log replay, drops, stalls); the toolchain notes measured *)
(* 2 moves of a prefix there as unaffordable. This module asks the other   *)
(* question -- what a sequence of moves needs -- so it keeps only what     *)
(* ownership and progress depend on, and assumes the remedies MoveScope    *)
(* proves needed for one move (ownershipOnIngest, retryAmbiguousShip, the  *)
(* durable tables; no crashes, so durability does not show here).          *)
(*                                                                         *)
(* WHAT IS MODELLED                                                        *)
(*  - Each node's static config: InitOwner[p] writes prefix p.             *)
(*  - Per node and prefix: the migration table entry ("none",              *)
(*    "migrating", "migrated" with its target), the epoch at which the     *)
(*    node learned ownership by INGEST (0 = never: ownershipOnIngest), and *)
(*    the epoch of its newest ownership record (ownershipEpoch).           *)
(*  - One shard per node that every prefix hashes to (the worst case for   *)
(*    busy shards): busy[n] is the move holding it, 0 if none.             *)
(*  - Moves: the operator issues up to MaxMoves MOVE-SCOPE commands, any   *)
(*    prefix, from any node to any other, at any time (concurrent, crossed *)
(*    and nested moves included). A move ships one INGEST; an ambiguous    *)
(*    failure (read timeout) re-ships it (retryAmbiguousShip); the target  *)
(*    answers a repeat with its first outcome; Commit on `+`, Abort on an  *)
(*    error reply.                                                          *)
(*  - Routing, as KevyNode.route: MIGRATING of a prefix of the key ->      *)
(*    QUIESCED; else MIGRATED of one -> MISDIRECTED to its target (the     *)
(*    longest); else ownership by ingest of any prefix of the key ->       *)
(*    accepted; else the static writer of the longest prefix.              *)
(*                                                                         *)
(* NOT MODELLED: data (MoveScope.tla's NoLostWrite/NoStrandedWrite/        *)
(* NoPhantomWrite are about one move's copies; here every write path is   *)
(* checked, not the values), crashes, fallbacks (FallbackFence.tla), the  *)
(* network's drops and duplicates (a retry is a duplicate), config pushes. *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, Sequences

CONSTANTS
    Nodes,
    Prefixes,            \* scope prefixes (strings); two may nest
    Keys,                \* keys clients write (each under some prefix)
    InitOwner,           \* prefix -> its static writer
    MaxMoves,            \* MOVE-SCOPE commands in a behaviour
    MaxEarlyTimeouts,    \* read timeouts while the answer is on its way
    MaxHops,             \* RedirectsConverge's bound
    \* -- remedy switches (docs/vocabulary.md); FALSE is the protocol without it --
    OwnershipEpoch,      \* a newer INGEST supersedes the node's own MIGRATED entry; stale INGESTs refused
    ShipReleasesShard,   \* a move holds its shard only while it serializes the slice
    MoveRequiresOwnership \* MOVE-SCOPE p starts only on a node that owns every key under p

None == "none"
Under(k, p) == Len(p) <= Len(k) /\ SubSeq(k, 1, Len(p)) = p
\* q is nested strictly inside p
Inside(q, p) == q # p /\ Under(q, p)

ASSUME /\ InitOwner \in [Prefixes -> Nodes]
       /\ \A k \in Keys : \E p \in Prefixes : Under(k, p)
       /\ \A b \in {OwnershipEpoch, ShipReleasesShard, MoveRequiresOwnership} : b \in BOOLEAN

MoveIds   == 1..MaxMoves
InFlight  == {"started", "awaiting"}
MoveState == {"started", "awaiting", "committed", "aborted"}
Msg == [type : {"ingest", "reply"}, m : MoveIds, ok : BOOLEAN]

VARIABLES
    mig,       \* mig[n][p]: None | "migrating" | "migrated"
    migTo,     \* migTo[n][p]: the target of that entry (None when "none")
    learned,   \* learned[n][p]: the epoch n owns p at by an INGEST (0: never)
    epochOf,   \* epochOf[n][p]: the epoch of n's newest ownership record for p (ownershipEpoch)
    busy,      \* busy[n]: the move holding n's shard, 0 if none
    mv,        \* the moves issued so far: [p, from, to, ep, st]
    outcome,   \* outcome[i]: the target's remembered first INGEST outcome of move i
    net,       \* messages in flight (a set: a re-ship repeats the request)
    early      \* early read timeouts used

vars == <<mig, migTo, learned, epochOf, busy, mv, outcome, net, early>>

(***************************************************************************)
(* Routing of a checked write of key k on node n (KevyNode.route).         *)
(***************************************************************************)
Matching(k, S) == {p \in S : Under(k, p)}
Longest(S) == CHOOSE p \in S : \A q \in S : Len(q) <= Len(p)
\* With OwnershipEpoch the node's records for prefixes of the key -- MIGRATED
\* (it gave the prefix away at epochOf) and ownership by ingest (at learned)
\* -- are compared: the newest epoch decides, a tie goes to the longer prefix.
\* Without it, kevy's order: MIGRATED, then ownership by ingest.
\* Epochs of nested prefixes are comparable: a move's epoch is one more than
\* the source's newest record for any prefix related to the moved one.
Related(p, q) == Under(p, q) \/ Under(q, p)
NewestEpoch(n, p) == LET es == {epochOf[n][q] : q \in {q \in Prefixes : Related(p, q)}}
                     IN  CHOOSE e \in es : \A f \in es : f <= e
Records(n, k) == {r \in [p : Matching(k, Prefixes), owned : BOOLEAN] :
                    IF r.owned THEN learned[n][r.p] > 0 ELSE mig[n][r.p] = "migrated"}
RecEpoch(n, r) == IF r.owned THEN learned[n][r.p] ELSE epochOf[n][r.p]
Newest(n, k) == CHOOSE r \in Records(n, k) : \A s \in Records(n, k) :
                    \/ RecEpoch(n, s) < RecEpoch(n, r)
                    \/ RecEpoch(n, s) = RecEpoch(n, r) /\ Len(s.p) <= Len(r.p)
Route(n, k) ==
    LET migrating == Matching(k, {p \in Prefixes : mig[n][p] = "migrating"})
        migrated  == Matching(k, {p \in Prefixes : mig[n][p] = "migrated"})
        owned     == Matching(k, {p \in Prefixes : learned[n][p] > 0})
        static    == Longest(Matching(k, Prefixes))
    IN  IF migrating # {} THEN [v |-> "QUIESCED", to |-> migTo[n][Longest(migrating)]]
        ELSE IF OwnershipEpoch /\ Records(n, k) # {}
             THEN IF Newest(n, k).owned THEN [v |-> "accepted", to |-> n]
                  ELSE [v |-> "MISDIRECTED", to |-> migTo[n][Newest(n, k).p]]
        ELSE IF migrated # {} THEN [v |-> "MISDIRECTED", to |-> migTo[n][Longest(migrated)]]
        ELSE IF owned # {} \/ InitOwner[static] = n THEN [v |-> "accepted", to |-> n]
        ELSE [v |-> "MISDIRECTED", to |-> InitOwner[static]]

Accepts(n, k) == Route(n, k).v = "accepted"

Init ==
    /\ mig = [n \in Nodes |-> [p \in Prefixes |-> None]]
    /\ migTo = [n \in Nodes |-> [p \in Prefixes |-> None]]
    /\ learned = [n \in Nodes |-> [p \in Prefixes |-> 0]]
    /\ epochOf = [n \in Nodes |-> [p \in Prefixes |-> 0]]
    /\ busy = [n \in Nodes |-> 0]
    /\ mv = <<>>
    /\ outcome = [i \in MoveIds |-> None]
    /\ net = {}
    /\ early = 0

(***************************************************************************)
(* Start(p, n, t): the operator's MOVE-SCOPE p FROM n TO t on n. It waits  *)
(* for n's shard (kevy queues it), then the table's start: refused while   *)
(* p is MIGRATING or MIGRATED on n. With MoveRequiresOwnership it is also  *)
(* refused unless n accepts writes under p -- its own route for p -- and   *)
(* for every prefix nested inside p (it owns every key under p). A refused *)
(* command changes nothing, so it is no step.                              *)
(***************************************************************************)
Owns(n, p) == \A q \in Prefixes : Under(q, p) => Accepts(n, q)
Start(p, n, t) ==
    /\ Len(mv) < MaxMoves /\ n # t
    /\ busy[n] = 0
    /\ mig[n][p] = None
    /\ MoveRequiresOwnership => Owns(n, p)
    /\ LET i == Len(mv) + 1 IN
       /\ mv' = Append(mv, [p |-> p, from |-> n, to |-> t, ep |-> NewestEpoch(n, p) + 1, st |-> "started"])
       /\ busy' = IF ShipReleasesShard THEN busy ELSE [busy EXCEPT ![n] = i]
    /\ mig' = [mig EXCEPT ![n][p] = "migrating"]
    /\ migTo' = [migTo EXCEPT ![n][p] = t]
    /\ UNCHANGED <<learned, epochOf, outcome, net, early>>

\* Ship(i): connect and send MOVE-SCOPE-INGEST p <slice> <move-id> <epoch>.
Ship(i) ==
    /\ i \in DOMAIN mv /\ mv[i].st = "started"
    /\ net' = net \cup {[type |-> "ingest", m |-> i, ok |-> FALSE]}
    /\ mv' = [mv EXCEPT ![i].st = "awaiting"]
    /\ UNCHANGED <<mig, migTo, learned, epochOf, busy, outcome, early>>

(***************************************************************************)
(* The target runs the INGEST once its shard is free (kevy queues a        *)
(* command behind a busy shard). A repeat gets the first outcome. A first  *)
(* INGEST succeeds (the target owns p at the move's epoch) unless the      *)
(* frames are refused (WRONGTYPE, any time) or, with OwnershipEpoch, the   *)
(* epoch is not newer than the target's record for p. With OwnershipEpoch *)
(* a success supersedes the target's own older MIGRATED entry for p.       *)
(***************************************************************************)
ShardFree(n, i) == busy[n] = 0 \/ busy[n] = i
IngestOf(i, refuse) ==
    LET t == mv[i].to  p == mv[i].p  ep == mv[i].ep
        req == [type |-> "ingest", m |-> i, ok |-> FALSE]
        stale == OwnershipEpoch /\ ep <= NewestEpoch(t, p)
        ok == IF outcome[i] # None THEN outcome[i] = "ok" ELSE ~refuse /\ ~stale
    IN
    /\ i \in DOMAIN mv /\ req \in net /\ ShardFree(t, i)
    /\ refuse => outcome[i] = None
    /\ net' = (net \ {req}) \cup {[type |-> "reply", m |-> i, ok |-> ok]}
    /\ IF outcome[i] = None
       THEN /\ outcome' = [outcome EXCEPT ![i] = IF ok THEN "ok" ELSE "refused"]
            /\ IF ok
               THEN /\ learned' = [learned EXCEPT ![t][p] = ep]
                    /\ epochOf' = IF OwnershipEpoch THEN [epochOf EXCEPT ![t][p] = ep] ELSE epochOf
                    /\ IF OwnershipEpoch /\ mig[t][p] = "migrated"
                       THEN /\ mig' = [mig EXCEPT ![t][p] = None]
                            /\ migTo' = [migTo EXCEPT ![t][p] = None]
                       ELSE UNCHANGED <<mig, migTo>>
               ELSE UNCHANGED <<learned, epochOf, mig, migTo>>
       ELSE UNCHANGED <<outcome, learned, epochOf, mig, migTo>>
    /\ UNCHANGED <<busy, mv, early>>

Ingest(i) == IngestOf(i, FALSE)
IngestRefused(i) == IngestOf(i, TRUE)

(***************************************************************************)
(* The source reads the reply: `+` -> Commit (MIGRATED; with                *)
(* OwnershipEpoch its record for p is now the move's epoch), else Abort.   *)
(* Either ends the move and frees the shard.                               *)
(***************************************************************************)
Reply(i, ok) == [type |-> "reply", m |-> i, ok |-> ok]
\* With OwnershipEpoch a commit whose epoch is not newer than the source's
\* record (the prefix came back to it while the move was in flight) is
\* superseded at once: the newer ownership wins, no MIGRATED entry is left.
Superseded(i) == OwnershipEpoch /\ mv[i].ep <= epochOf[mv[i].from][mv[i].p]
Finish(i, ok) ==
    LET n == mv[i].from  p == mv[i].p  keep == ok /\ ~Superseded(i) IN
    /\ i \in DOMAIN mv /\ mv[i].st = "awaiting" /\ Reply(i, ok) \in net
    /\ net' = net \ {Reply(i, ok)}
    /\ mv' = [mv EXCEPT ![i].st = IF ok THEN "committed" ELSE "aborted"]
    /\ mig' = [mig EXCEPT ![n][p] = IF keep THEN "migrated" ELSE None]
    /\ migTo' = [migTo EXCEPT ![n][p] = IF keep THEN @ ELSE None]
    /\ epochOf' = IF keep /\ OwnershipEpoch THEN [epochOf EXCEPT ![n][p] = mv[i].ep] ELSE epochOf
    /\ busy' = IF busy[n] = i THEN [busy EXCEPT ![n] = 0] ELSE busy
    /\ UNCHANGED <<learned, outcome, early>>
Commit(i) == Finish(i, TRUE)
Abort(i) == Finish(i, FALSE)

(***************************************************************************)
(* ReadTimeout(i): no answer in time; the source ships again (a new        *)
(* attempt: the old connection's reply is never read). The ordinary case   *)
(* is when nothing can answer (the INGEST waits behind the target's busy   *)
(* shard, or is lost); a timeout while the answer is on its way is a       *)
(* bounded fault.                                                          *)
(***************************************************************************)
AnswerComing(i) == \/ \E ok \in BOOLEAN : Reply(i, ok) \in net
                   \/ [type |-> "ingest", m |-> i, ok |-> FALSE] \in net /\ ShardFree(mv[i].to, i)
ReadTimeout(i) ==
    /\ i \in DOMAIN mv /\ mv[i].st = "awaiting"
    /\ IF AnswerComing(i) THEN early < MaxEarlyTimeouts /\ early' = early + 1 ELSE UNCHANGED early
    /\ net' = net \ {Reply(i, TRUE), Reply(i, FALSE)}
    /\ mv' = [mv EXCEPT ![i].st = "started"]
    /\ UNCHANGED <<mig, migTo, learned, epochOf, busy, outcome>>

\* A reply nobody reads any more (its move ended).
Discard(i) ==
    /\ i \in DOMAIN mv /\ mv[i].st \notin InFlight
    /\ \E ok \in BOOLEAN : Reply(i, ok) \in net /\ net' = net \ {Reply(i, ok)}
    /\ UNCHANGED <<mig, migTo, learned, epochOf, busy, mv, outcome, early>>

Next ==
    \/ \E p \in Prefixes, n, t \in Nodes : Start(p, n, t)
    \/ \E i \in MoveIds : Ship(i) \/ Ingest(i) \/ IngestRefused(i) \/ Commit(i) \/ Abort(i)
                          \/ ReadTimeout(i) \/ Discard(i)

Spec == Init /\ [][Next]_vars
\* The protocol's own steps are fair; the operator (Start) and refusals are not.
LiveSpec == Spec /\ \A i \in MoveIds : /\ WF_vars(Ship(i)) /\ WF_vars(Ingest(i)) /\ WF_vars(ReadTimeout(i))
                                       /\ SF_vars(Commit(i)) /\ SF_vars(Abort(i))

-----------------------------------------------------------------------------
TypeOK ==
    /\ mig \in [Nodes -> [Prefixes -> {None, "migrating", "migrated"}]]
    /\ migTo \in [Nodes -> [Prefixes -> Nodes \cup {None}]]
    /\ learned \in [Nodes -> [Prefixes -> Nat]]
    /\ epochOf \in [Nodes -> [Prefixes -> Nat]]
    /\ busy \in [Nodes -> 0..MaxMoves]
    /\ Len(mv) <= MaxMoves
    /\ \A i \in DOMAIN mv : mv[i].st \in MoveState /\ mv[i].from # mv[i].to
    /\ outcome \in [MoveIds -> {None, "ok", "refused"}]
    /\ net \subseteq Msg

\* At most one node accepts checked writes for a key.
SingleWriter == \A k \in Keys : Cardinality({n \in Nodes : Accepts(n, k)}) <= 1

\* From every node, following MISDIRECTED replies reaches within MaxHops
\* hops a node that does not redirect (accepts, or QUIESCED: the client waits).
RECURSIVE Settles(_, _, _)
Settles(n, k, h) == \/ Route(n, k).v # "MISDIRECTED"
                    \/ h > 0 /\ Settles(Route(n, k).to, k, h - 1)
RedirectsConverge == \A n \in Nodes, k \in Keys : Settles(n, k, MaxHops)

\* A node answers QUIESCED for k only while a move of a prefix of k from it is in flight.
QuiescedOnlyInFlight == \A n \in Nodes, k \in Keys :
    Route(n, k).v = "QUIESCED" =>
        \E i \in DOMAIN mv : mv[i].from = n /\ Under(k, mv[i].p) /\ mv[i].st \in InFlight

\* Every started migration ends (Commit or Abort).
MigrationEnds == \A i \in MoveIds :
    (i \in DOMAIN mv /\ mv[i].st \in InFlight) ~> (i \in DOMAIN mv /\ mv[i].st \notin InFlight)

\* Baits: a prefix comes back to a node that gave it away; every move commits.
BaitMovedBack == ~\E i, j \in DOMAIN mv : i < j /\ mv[i].p = mv[j].p /\ mv[j].to = mv[i].from
                                       /\ mv[j].st = "committed"
BaitAllCommitted == ~(Len(mv) = MaxMoves /\ \A i \in DOMAIN mv : mv[i].st = "committed")
=============================================================================
