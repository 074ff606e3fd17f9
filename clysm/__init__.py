# clysm: a Common Lisp engine with a tiered JIT (Tier 1 in Python, Tier 2 compiled to WebAssembly GC).
"""clysm public entry points."""

__version__ = "0.1.0"
