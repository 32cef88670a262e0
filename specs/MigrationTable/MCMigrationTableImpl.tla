------------------------ MODULE MCMigrationTableImpl ------------------------
(* Model constants for MigrationTableImpl: the source "a" moves "app:" to  *)
(* "b"; two routers write "app:1"; the operator races a second start.      *)
(* Routers are interchangeable, so they are declared symmetric.            *)
EXTENDS MigrationTableImpl, TLC

CONSTANTS r1, r2   \* model values: the router threads

MC_Routers  == {r1, r2}
MC_Symmetry == Permutations(MC_Routers)
=============================================================================
