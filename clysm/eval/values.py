# Multiple values in Tier 1: one cheap scheme shared by the evaluator, the built-ins and the Tier 2 bridge.
#
# The scheme (a register plus a marker type):
# - A Lisp function made by Tier 1 returns its PRIMARY value (a plain Python object) and leaves the engine's
#   register `engine.mv` describing all of its values: None means "exactly the primary value", a tuple means
#   "these values" (possibly empty: `(values)` returns NIL with engine.mv == ()). So Python code that calls a
#   Lisp function as a callback (mapcar, sort, ...) only ever sees primary values.
# - A Python built-in returns `MultipleValues((v1, v2, ...))` (a tuple subclass, from `values(...)` in
#   clysm.eval.builtins.mvalues) when it returns other than one value, and a plain object otherwise. It never
#   touches the register.
# - Tier 1 call sites convert: where only one value is wanted, a MultipleValues result from a built-in that may
#   return several (FLOOR, GETHASH, FUNCALL, ... see MV_FUNCTIONS) is reduced to its primary value; where all
#   values are wanted (tail of a function body, MULTIPLE-VALUE-CALL, MULTIPLE-VALUE-PROG1, RETURN-FROM/THROW
#   values), the call site clears the register before calling a function that might not set it, and turns a
#   MultipleValues result into register form. Forms in tail position that are not calls (constants, variables,
#   open-coded arithmetic) clear the register.
# - Any other callable stored as a Lisp function (a Tier 2 wrapper, ...) should follow the Lisp-function rule:
#   return the primary value and set engine.mv to a tuple when it returns other than one value.
from __future__ import annotations

from typing import Any

from clysm.eval.builtins.mvalues import MultipleValues
from clysm.lisp.types import NIL

# COMMON-LISP functions that may return other than one value (their Python built-ins return MultipleValues).
MV_FUNCTIONS = frozenset(
    """FLOOR CEILING TRUNCATE ROUND FFLOOR FCEILING FTRUNCATE FROUND GETHASH VALUES VALUES-LIST PARSE-INTEGER
    READ-FROM-STRING MACROEXPAND MACROEXPAND-1 GET-PROPERTIES DECODE-FLOAT INTEGER-DECODE-FLOAT FIND-SYMBOL INTERN
    SUBTYPEP READ-LINE GET-DECODED-TIME DECODE-UNIVERSAL-TIME FUNCTION-LAMBDA-EXPRESSION COMPILE
    GET-SETF-EXPANSION EVAL FUNCALL APPLY COMPILE-FILE READ-CHAR-NO-HANG READ-PRESERVING-WHITESPACE
    FLOAT-SIGN-AND-DIGITS GETF ROOM TIME""".split()
)
# COMMON-LISP functions whose values are the values of a function they call: a call site that wants all values
# must clear the register before calling them (the callee may be a Lisp function that sets it).
PASS_THROUGH_FUNCTIONS = frozenset(["FUNCALL", "APPLY", "EVAL"])


def may_return_values(fn: Any) -> bool:
    """True for a built-in marked @returns_values (clysm.eval.builtins.mvalues)."""
    try:
        from clysm.eval.builtins.mvalues import may_return_values as marked
    except ImportError:  # pragma: no cover
        return False
    return marked(fn)


def primary(value: Any) -> Any:
    """The primary value of a result that may be a MultipleValues."""
    if type(value) is MultipleValues:
        return value[0] if value else NIL
    return value


def call_values(engine: Any, fn: Any, *args: Any) -> tuple[Any, ...]:
    """Call a Lisp function from Python and return ALL its values as a tuple."""
    engine.mv = None
    r = fn(*args)
    if type(r) is MultipleValues:
        return tuple(r)
    m = engine.mv
    engine.mv = None
    return m if m is not None else (r,)


def result_values(engine: Any, r: Any) -> tuple[Any, ...]:
    """All values of a call that just returned `r` (the register was cleared before the call)."""
    if type(r) is MultipleValues:
        return tuple(r)
    m = engine.mv
    return m if m is not None else (r,)


def as_builtin_result(values: tuple[Any, ...]) -> Any:
    """The Python built-in form of a tuple of values: the value itself, or a MultipleValues."""
    if len(values) == 1:
        return values[0]
    return MultipleValues(values)


__all__ = ["MultipleValues", "MV_FUNCTIONS", "PASS_THROUGH_FUNCTIONS", "primary", "call_values", "result_values",
           "as_builtin_result", "may_return_values"]
