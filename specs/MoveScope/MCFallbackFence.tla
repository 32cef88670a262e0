--------------------------- MODULE MCFallbackFence ---------------------------
(* Model constants for MCFallbackFence_*.cfg: writer a, fallback b,        *)
(* bystander c (it only redirects, but its view and links are modelled).   *)
EXTENDS FallbackFence

MC_Nodes == {"a", "b", "c"}
=============================================================================
