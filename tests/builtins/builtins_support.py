# Helpers for the built-in tests: a tiny stand-in for the Engine (packages, intern, gensym, output) and helpers
# to build Lisp data (keywords, lists, vectors) and read multiple values.
from __future__ import annotations

import io
from typing import Any

from clysm.eval.builtins import mvalues
from clysm.lisp.types import NIL, Cons, LispVector, Package, Symbol, T, char


class FakeEngine:
    """Just what engine=True built-ins use: intern/sym/gensym and an output stream."""

    def __init__(self) -> None:
        self.cl = Package("COMMON-LISP")
        self.cl.symbols["NIL"] = NIL
        self.cl.symbols["T"] = T
        self.keyword = Package("KEYWORD")
        self.clysm = Package("CLYSM", [self.cl])
        self.user = Package("COMMON-LISP-USER", [self.cl])
        self.packages = {p.name: p for p in (self.cl, self.keyword, self.clysm, self.user)}
        self.output = io.StringIO()
        self.counter = 0

    def intern(self, name: str, package: str = "COMMON-LISP-USER") -> Symbol:
        return self.packages[package].intern(name)

    def sym(self, name: str) -> Symbol:
        return self.cl.intern(name)

    def gensym(self, prefix: str = "G") -> Symbol:
        self.counter += 1
        return Symbol(f"{prefix}{self.counter}")


_KEYWORDS = Package("KEYWORD")


def kw(name: str) -> Symbol:
    return _KEYWORDS.intern(name.upper())


def L(*items: Any) -> Any:  # noqa: N802
    result: Any = NIL
    for item in reversed(items):
        result = Cons(item, result)
    return result


def to_py(x: Any) -> Any:
    """A Lisp list (recursively) as a Python list, for comparisons."""
    if isinstance(x, Cons):
        out = []
        while isinstance(x, Cons):
            out.append(to_py(x.car))
            x = x.cdr
        if x is not NIL:
            out.append(("dot", to_py(x)))
        return out
    return x


def vec(*items: Any) -> LispVector:
    return LispVector(list(items))


def chars(text: str) -> list[Any]:
    return [char(ord(c)) for c in text]


def mv(result: Any) -> tuple[Any, ...]:
    """All values of a built-in's result."""
    if isinstance(result, mvalues.MultipleValues):
        return tuple(result)
    return (result,)
