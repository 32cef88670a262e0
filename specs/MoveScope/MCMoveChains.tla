---------------------------- MODULE MCMoveChains ----------------------------
(* Model constants for MCMoveChains_*.cfg. Nodes a, b, c; "app:" and the   *)
(* nested "app:x:" are written by a; "p:" by a and "q:" by b (crossed      *)
(* moves). Symmetry: b and c play the same role when a writes everything.  *)
EXTENDS MoveChains

MC_TwoNodes   == {"a", "b"}
MC_ThreeNodes == {"a", "b", "c"}
MC_OnePrefix  == {"app:"}
MC_OneKey     == {"app:1"}
MC_Nested     == {"app:", "app:x:"}
MC_NestedKeys == {"app:1", "app:x:1"}
MC_Disjoint   == {"p:", "q:"}
MC_DisjointKeys == {"p:1", "q:1"}
MC_AllByA     == [p \in Prefixes |-> "a"]
MC_Crossed    == [p \in Prefixes |-> IF p = "p:" THEN "a" ELSE "b"]
=============================================================================
