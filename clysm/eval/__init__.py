# Tier 1: analysis of Lisp forms into Python closures, macros, built-ins and the condition system.
