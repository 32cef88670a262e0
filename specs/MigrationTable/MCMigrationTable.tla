-------------------------- MODULE MCMigrationTable --------------------------
(* Model-checking constants for MigrationTable: nested prefixes including  *)
(* the empty prefix (which matches every key), two nodes, probe keys that  *)
(* match three, two and one of the prefixes. No symmetry: the checker      *)
(* replays the dumped state graph edge by edge, which needs plain states.  *)
EXTENDS MigrationTable

MC_Prefixes == {"", "app:", "app:billing:"}
MC_Nodes    == {"a", "b"}
MC_Keys     == {"app:billing:1", "app:x", "zz"}
=============================================================================
