# Standard macros written in Python, one module per family; see registry.py.
