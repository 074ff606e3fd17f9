# The registry of standard macros written in Python: each module of this package registers expanders with @macro.
# An expander is called as expander(engine, form, env) and returns the expansion (a Lisp form made of the
# engine's symbols: use engine.sym("IF") etc.).
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MacroSpec:
    name: str
    expander: Callable[..., Any]
    package: str = "COMMON-LISP"


_REGISTRY: list[MacroSpec] = []  # filled at import time; never mutated afterwards


def macro(*names: str, package: str = "COMMON-LISP") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register `expander(engine, form, env) -> form` as the macro(s) `names`."""

    def register(expander: Callable[..., Any]) -> Callable[..., Any]:
        for name in names:
            _REGISTRY.append(MacroSpec(name, expander, package))
        return expander

    return register


def all_macros() -> list[MacroSpec]:
    from clysm.eval import macros as package  # noqa: F401  (the package __init__ imports every module)

    return list(_REGISTRY)
