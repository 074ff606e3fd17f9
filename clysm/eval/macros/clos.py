# CLOS macros: DEFCLASS, DEFGENERIC, DEFMETHOD, WITH-SLOTS, WITH-ACCESSORS, PRINT-UNREADABLE-OBJECT. They expand
# into the installers of clysm.eval.clos and clysm.eval.generic.
from __future__ import annotations

from clysm.eval import clos, structs  # noqa: F401  (registers their built-ins)
