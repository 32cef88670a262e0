---- MODULE Eval ----
\* Parses, but the invariant adds a string to a number in the third state: an evaluation error.
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 2 /\ x' = x + 1
Inv == IF x = 2 THEN x + "a" > 0 ELSE TRUE
====
