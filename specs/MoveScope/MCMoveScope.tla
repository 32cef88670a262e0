---------------------------- MODULE MCMoveScope ----------------------------
(* Model constants shared by every MCMoveScope_*.cfg: source "a" moves     *)
(* "app:" to target "b". The configs choose the keys, the fallback, the    *)
(* fault budgets and the variant switches. No symmetry: the two nodes play *)
(* different roles.                                                        *)
EXTENDS MoveScope

MC_Nodes     == {"a", "b"}
\* "c" is a bystander: it holds the initial config and is never source or target.
MC_ThreeNodes == {"a", "b", "c"}
MC_OneKey    == {"app:1"}
\* "app:1" hashes to the shard that owns "app:", "app:2" to another one.
MC_TwoKeys   == {"app:1", "app:2"}
MC_ShardKeys == {"app:1"}
=============================================================================
