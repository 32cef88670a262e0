---- MODULE Broken ----
\* A parse error on line 6: two binary operators in a row.
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = x + + 1
====
