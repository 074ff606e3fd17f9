# Built-in functions of Tier 1, one module per chapter of the standard; see registry.py.
# Importing this package registers every built-in (the modules register themselves with @builtin on import).
from clysm.eval.builtins import (  # noqa: F401
    arrays,
    arrays_vectors,
    characters,
    conses,
    conses_search,
    environment,
    functions,
    hashtables,
    numbers,
    numbers_bits,
    numbers_float,
    predicates,
    printer_io,
    sequences,
    sequences_search,
    streams,
    strings,
    symbols,
)
