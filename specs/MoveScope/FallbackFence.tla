---------------------------- MODULE FallbackFence ----------------------------
(***************************************************************************)
(* Fencing a prefix's writer against its fallback (the WriterLease        *)
(* remedy). kevy's fallback takes over when its DOWN view of the writer   *)
(* says DOWN -- a guess: a writer that is alive but unheard keeps          *)
(* accepting (MCMoveScope_fixed_fallback, stories/                         *)
(* fallback-partition-two-writers.json).                                   *)
(*                                                                         *)
(* The remedy: the writer accepts only while it holds a lease granted by  *)
(* its fallback. The fallback grants it (on the heartbeat plane) only      *)
(* while it hears the writer; the writer starts the lease clock before it *)
(* asks, so its lease ends at most L after the grant was sent; the         *)
(* fallback counts the writer DOWN only DOWN_AFTER > L + clock drift after *)
(* it last heard it, hence after the last grant, hence after the lease     *)
(* ended. Untimed here: ViewDown of the writer by the fallback requires    *)
(* the lease to have expired (that inequality), LeaseExpire may happen   *)
(* at any time, and a grant needs both directions of the heartbeat link  *)
(* up (the request reaches the fallback, the grant comes back).          *)
(*                                                                         *)
(* Why a lease: the fence must work with two nodes and with the node that *)
(* can take over being the only witness, using the heartbeats the DOWN     *)
(* view already has. An epoch check alone cannot stop a writer cut off     *)
(* from everyone (it never hears of the newer epoch); the election plane's *)
(* quorum needs three voters and is not part of the model. The cost: a     *)
(* writer that cannot reach its fallback stops accepting (it answers       *)
(* MISDIRECTED to the fallback), so a fallback trades availability of the  *)
(* writer for the fallback's.                                              *)
(*                                                                         *)
(* Modelled: nodes Writer, Fallback and bystanders; crashes and restarts   *)
(* (the lease and the DOWN view are volatile); directed cuts of the        *)
(* heartbeat links (one-way and symmetric partitions) and heals; each      *)
(* node's DOWN view of the writer. Not modelled: moves (MoveScope.tla,     *)
(* MoveChains.tla), data.                                                  *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS Nodes, Writer, Fallback,
          MaxCrashes, MaxCuts,
          WriterLease,        \* the remedy
          NeverHeardIsDown    \* kevy-5.4: TRUE

ASSUME Writer \in Nodes /\ Fallback \in Nodes /\ Writer # Fallback

VARIABLES up, link, view, lease, used
vars == <<up, link, view, lease, used>>

Init == /\ up = [n \in Nodes |-> TRUE]
        /\ link = [n \in Nodes |-> [m \in Nodes |-> TRUE]]   \* link[n][m]: n's heartbeats reach m
        /\ view = [n \in Nodes |-> "up"]                      \* view[n]: n's DOWN view of the writer
        /\ lease = FALSE
        /\ used = [crash |-> 0, cut |-> 0]

\* Who accepts checked writes for the prefix.
WriterAccepts   == up[Writer] /\ (WriterLease => lease)
FallbackAccepts == up[Fallback] /\ view[Fallback] = "down"
Accepts(n) == IF n = Writer THEN WriterAccepts ELSE IF n = Fallback THEN FallbackAccepts ELSE FALSE

Partition(n, m) == /\ n # m /\ link[n][m] /\ used.cut < MaxCuts
             /\ link' = [link EXCEPT ![n][m] = FALSE] /\ used' = [used EXCEPT !.cut = @ + 1]
             /\ UNCHANGED <<up, view, lease>>
Heal(n, m) == /\ ~link[n][m] /\ link' = [link EXCEPT ![n][m] = TRUE]
              /\ UNCHANGED <<up, view, lease, used>>

\* n hears the writer's heartbeat.
Heartbeat(n) == /\ n # Writer /\ up[n] /\ up[Writer] /\ link[Writer][n] /\ view[n] = "down"
                /\ view' = [view EXCEPT ![n] = "up"]
                /\ UNCHANGED <<up, link, lease, used>>
\* n stops hearing the writer (5 s without a heartbeat). The fallback's flip
\* waits for the writer's lease to be over (DOWN_AFTER > L + drift).
ViewDown(n) == /\ n # Writer /\ up[n] /\ view[n] = "up"
               /\ ~up[Writer] \/ ~link[Writer][n]
               /\ (WriterLease /\ n = Fallback) => ~lease
               /\ view' = [view EXCEPT ![n] = "down"]
               /\ UNCHANGED <<up, link, lease, used>>

\* The fallback grants the writer a lease: it hears the writer (and counts
\* it up), and the grant reaches the writer.
LeaseGrant == /\ WriterLease /\ up[Writer] /\ up[Fallback] /\ ~lease
         /\ link[Writer][Fallback] /\ link[Fallback][Writer] /\ view[Fallback] = "up"
         /\ lease' = TRUE
         /\ UNCHANGED <<up, link, view, used>>
LeaseExpire == /\ lease /\ lease' = FALSE /\ UNCHANGED <<up, link, view, used>>

Crash(n) == /\ up[n] /\ used.crash < MaxCrashes
            /\ up' = [up EXCEPT ![n] = FALSE]
            /\ lease' = IF n = Writer THEN FALSE ELSE lease
            /\ used' = [used EXCEPT !.crash = @ + 1]
            /\ UNCHANGED <<link, view>>
\* At boot the writer is unheard: DOWN when NeverHeardIsDown (the fixed
\* variant counts it up until 5 s pass without its heartbeat: ViewDown).
Restart(n) == /\ ~up[n] /\ up' = [up EXCEPT ![n] = TRUE]
              /\ view' = [view EXCEPT ![n] = IF n # Writer /\ NeverHeardIsDown THEN "down" ELSE "up"]
              /\ UNCHANGED <<link, lease, used>>

Next == \/ \E n, m \in Nodes : Partition(n, m) \/ Heal(n, m)
        \/ \E n \in Nodes : Heartbeat(n) \/ ViewDown(n) \/ Crash(n) \/ Restart(n)
        \/ LeaseGrant \/ LeaseExpire

Spec == Init /\ [][Next]_vars

TypeOK == /\ up \in [Nodes -> BOOLEAN] /\ link \in [Nodes -> [Nodes -> BOOLEAN]]
          /\ view \in [Nodes -> {"up", "down"}] /\ lease \in BOOLEAN

\* At most one live node accepts checked writes for the prefix.
SingleWriter == Cardinality({n \in Nodes : Accepts(n)}) <= 1

\* Baits: the fallback takes over; the writer writes under its lease.
BaitFallbackAccepts == ~FallbackAccepts
BaitWriterAccepts   == ~(WriterAccepts /\ WriterLease)
=============================================================================
