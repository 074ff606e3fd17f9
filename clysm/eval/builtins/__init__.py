# Built-in functions of Tier 1, one module per chapter of the standard; see registry.py.
