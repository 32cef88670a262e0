---- MODULE MCCounter ----
\* A counter that climbs 0..3 and then has no enabled action: small enough to know every number
\* TLC must report (4 distinct states, depth 4), with one config per outcome the runner must tell apart.
EXTENDS Naturals
VARIABLES x, log

vars == <<x, log>>

Init == x = 0 /\ log = <<>>

Inc == x < 3 /\ x' = x + 1 /\ log' = [last |-> "inc", seen |-> x]

Next == Inc

Spec == Init /\ [][Next]_vars /\ WF_vars(Next)

TypeOK == x \in 0..3
Small == x < 2
Reach5 == <>(x = 5)
Jumps == [][x' = x + 2]_x
====
