# The registry of built-in functions: each module of this package registers its functions here with @builtin.
# The registry holds code only (immutable); each Engine binds the functions into its own symbols at start-up.
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class BuiltinSpec:
    """One built-in: Lisp name (upper case, in COMMON-LISP unless `package` says otherwise), Python function,
    and whether the function takes the engine as its first argument."""

    name: str
    func: Callable[..., Any]
    needs_engine: bool
    package: str = "COMMON-LISP"


_REGISTRY: list[BuiltinSpec] = []  # filled at import time by the decorators below; never mutated afterwards


def builtin(
    *names: str, engine: bool = False, package: str = "COMMON-LISP"
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a Python function as the Lisp function(s) `names`.

    With engine=True the function is called as f(engine, *lisp_args)."""

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        for name in names:
            _REGISTRY.append(BuiltinSpec(name, func, engine, package))
        if names and not hasattr(func, "lisp_name"):
            func.lisp_name = names[0]  # type: ignore[attr-defined]  (the printer shows #<FUNCTION CAR>)
        return func

    return register


def all_builtins() -> list[BuiltinSpec]:
    """Every registered built-in (importing all built-in modules first, and the macro modules, which register
    the run-time helpers their expansions call)."""
    from clysm.eval import builtins as package  # noqa: F401  (the package __init__ imports every module)
    from clysm.eval import macros  # noqa: F401

    return list(_REGISTRY)
