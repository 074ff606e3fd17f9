# Multiple values as built-ins return them (the scheme is described in clysm/eval/values.py): a built-in returns a
# MultipleValues tuple when it returns other than one value. Built-ins that may do so are marked with
# @returns_values, so that code calling a function as a callback (mapcar, sort, :key ...) can keep only the primary.
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class MultipleValues(tuple):
    """The values of a built-in that returns other than one value (item 0 is the primary value)."""

    __slots__ = ()


def values(*vals: Any) -> Any:
    """Return several values from a built-in (primary value first)."""
    return MultipleValues(vals)


def returns_values(fn: F) -> F:
    """Mark a built-in whose result may be a MultipleValues."""
    fn.lisp_multiple_values = True  # type: ignore[attr-defined]
    return fn


def may_return_values(fn: Any) -> bool:
    """True for a marked built-in, also when wrapped by functools.partial or functools.wraps, or bound by the
    engine (a wrapper whose lisp_name is a COMMON-LISP function listed in clysm.eval.values.MV_FUNCTIONS)."""
    while True:
        if getattr(fn, "lisp_multiple_values", False):
            return True
        name = getattr(fn, "lisp_name", None)
        package = getattr(name, "package", None)
        if package is not None and package.name == "COMMON-LISP":
            from clysm.eval.values import MV_FUNCTIONS

            if name.name in MV_FUNCTIONS:
                return True
        if isinstance(fn, functools.partial):
            fn = fn.func
            continue
        inner = getattr(fn, "__wrapped__", None)
        if inner is None:
            return False
        fn = inner


def primary_only(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A callable returning only the primary value of fn (a built-in that may return MultipleValues)."""

    def primary(*args: Any) -> Any:
        r = fn(*args)
        if type(r) is MultipleValues:
            from clysm.lisp.types import NIL

            return r[0] if r else NIL
        return r

    return primary
