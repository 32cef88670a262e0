---- MODULE Forever ----
\* An unbounded counter: TLC never finishes, so only the runner's time limit ends it.
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = x + 1
====
