# Standard macros written in Python, one module per family; see registry.py. Importing this package registers
# every expander (and the run-time helper built-ins the expansions call, in the CLYSM package).
from clysm.eval.macros import (  # noqa: F401  (imported for their @macro / @builtin registrations)
    clos,
    control,
    definitions,
    destructuring,
    devtools,
    handlers,
    iteration,
    loop,
    modify,
    packages,
    places,
    restarts,
    setf,
    structs,
)
