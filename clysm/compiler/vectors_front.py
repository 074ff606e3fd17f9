# Tier 2 front end, simple vectors (docs/ABI.md, "Simple vectors"): the vector primitives' argument counts and how
# a call of one becomes a primitive node for emit_prims.py (or stays a plain call). Used by front.py.
from __future__ import annotations

from typing import Any

# name -> (min args, max args); %SVSET %ASET %SETELT are CLYSM:: (what SETF of SVREF AREF ELT expands to)
VECTOR_PRIMS: dict[str, tuple[int, int]] = {
    "SVREF": (2, 2), "AREF": (2, 2), "ELT": (2, 2), "LENGTH": (1, 1), "SIMPLE-VECTOR-P": (1, 1), "VECTORP": (1, 1),
    "ARRAYP": (1, 1), "%SVSET": (3, 3), "%ASET": (3, 3), "%SETELT": (3, 3), "VECTOR": (0, 64), "MAKE-ARRAY": (1, 3),
    "COERCE": (2, 2),
}  # fmt: skip
CLYSM_PRIMS = ("%SVSET", "%ASET", "%SETELT")


def register_clysm_prims(syms: Any, engine: Any) -> None:
    """Add the CLYSM:: primitives to `syms.prims` (once per engine's Syms)."""
    if syms.clysm_prims:
        return
    syms.clysm_prims = True
    try:
        for n in CLYSM_PRIMS:
            syms.prims[engine.intern(n, "CLYSM")] = n
    except Exception:  # noqa: BLE001  (an engine without the CLYSM package: no such calls to open-code)
        pass


def vector_node(front: Any, prim: str, args: list[Any], op: Any) -> Any:
    """The IR node of a call of vector primitive `prim`, or None when `prim` is not one of those handled here."""
    if prim == "COERCE":  # (coerce x 'simple-vector / 'vector): a Wasm list becomes a vector made in Wasm
        names = ("SIMPLE-VECTOR", "VECTOR")
        intern = front.ctx.engine.intern
        if args[1][0] == "k" and any(args[1][1] is intern(n, "COMMON-LISP") for n in names):
            return ("prim", prim, args, op)
        return ("call", op, args)
    if prim == "MAKE-ARRAY":  # only (make-array n) and (make-array n :initial-element x) are made in Wasm
        try:
            kw = front.ctx.keyword("INITIAL-ELEMENT")
        except Exception:  # noqa: BLE001  (an engine without keywords)
            kw = None
        if len(args) == 1 or (len(args) == 3 and args[1][0] == "k" and args[1][1] is kw):
            return ("prim", prim, args, op)
        return ("call", op, args)
    if prim == "LENGTH":  # not a migrated vector: the prelude's %LENGTH (Wasm lists) or CL LENGTH
        return ("prim", prim, args, front.prelude_symbol("LENGTH", 1) or op)
    return None
