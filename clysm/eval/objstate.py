# Per-engine state of the object systems (DEFSTRUCT types, CLOS classes and generic functions, restarts): one
# ObjectState hangs off each Engine as `engine.objects`, created on first use; creating it installs the engine's
# TYPEP / SUBTYPEP hooks so structure and class names are types.
from __future__ import annotations

from typing import Any


class ObjectState:
    """Everything DEFSTRUCT, DEFCLASS, DEFGENERIC and RESTART-CASE define in one engine."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.structs: dict[Any, Any] = {}  # struct name symbol -> StructType
        self.classes: dict[Any, Any] = {}  # class name symbol -> LispClass (standard and structure classes)
        self.builtin_classes: dict[str, Any] = {}  # built-in class name -> LispClass (made on demand)
        self.generics: dict[Any, Any] = {}  # function name symbol -> GenericFunction
        self.restarts: list[Any] = []  # the dynamic restart stack (innermost last)


def state(engine: Any) -> ObjectState:
    st = getattr(engine, "objects", None)
    if st is None:
        st = ObjectState(engine)
        engine.objects = st
        from clysm.eval.clos import install_hooks

        install_hooks(engine, st)
    return st


def install_objects(engine: Any) -> None:
    """Called once by the Engine: the object state, the TYPEP hooks and the SETF functions of SLOT-VALUE."""
    state(engine)
    from clysm.eval.instances import install_defaults

    install_defaults(engine)
