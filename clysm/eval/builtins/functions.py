# The Data and Control Flow chapter's function utilities: funcall, apply, identity, constantly, complement,
# functionp, fdefinition, values-list. A Lisp function is any Python callable; a symbol designates its global function.
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.common import as_function, list_to_pylist, show
from clysm.eval.builtins.mvalues import returns_values, values
from clysm.eval.builtins.registry import builtin
from clysm.eval.builtins.symbols import function_face
from clysm.lisp.types import NIL, Cons, Symbol, T


@builtin("FUNCALL")
@returns_values
def funcall(fn: Any, *args: Any) -> Any:
    if callable(fn) and not isinstance(fn, type):
        return fn(*args)
    return as_function(fn)(*args)


@builtin("APPLY")
@returns_values
def apply(fn: Any, arg: Any, *more: Any) -> Any:
    f = fn if callable(fn) and not isinstance(fn, type) else as_function(fn)
    if not more:
        return f(*list_to_pylist(arg, "APPLY"))
    spread = more[-1]
    return f(arg, *more[:-1], *list_to_pylist(spread, "APPLY"))


@builtin("IDENTITY")
def identity(x: Any) -> Any:
    return x


@builtin("CONSTANTLY")
def constantly(value: Any) -> Any:
    def constant(*_args: Any) -> Any:
        return value

    return constant


@builtin("COMPLEMENT")
def complement(fn: Any) -> Any:
    f = as_function(fn)

    def complemented(*args: Any) -> Any:
        return T if f(*args) is NIL else NIL

    return complemented


def is_function(x: Any) -> bool:
    """Lisp FUNCTIONP: a callable that is not a Lisp data object (symbols, conses and classes are not)."""
    return callable(x) and not isinstance(x, (type, Symbol, Cons))


@builtin("FUNCTIONP")
def functionp(x: Any) -> Any:
    return T if is_function(x) else NIL


@builtin("COMPILED-FUNCTION-P")
def compiled_function_p(x: Any) -> Any:
    return T if is_function(x) else NIL


def _setf_name(name: Any) -> Symbol | None:
    """The symbol of a (SETF symbol) function name, else None."""
    if (
        isinstance(name, Cons)
        and isinstance(name.car, Symbol)
        and name.car.name == "SETF"
        and isinstance(name.cdr, Cons)
        and isinstance(name.cdr.car, Symbol)
        and name.cdr.cdr is NIL
    ):
        return name.cdr.car
    return None


@builtin("FDEFINITION", engine=True)
def fdefinition(engine: Any, name: Any) -> Any:
    if isinstance(name, Symbol):
        fn = name.function
        if fn is None:
            fn = function_face(engine, name)  # a macro or special operator: SYMBOL-FUNCTION's object
            if fn is None:
                errors.undefined_function(show(name))
        return fn
    if _setf_name(name) is not None:
        lookup: Callable[[Any], Any] | None = getattr(engine, "fdefinition", None)
        fn = lookup(name) if lookup is not None else None
        if fn is None:
            errors.undefined_function(show(name))
        return fn
    errors.type_error(name, "(OR SYMBOL (CONS (EQL SETF) (CONS SYMBOL NULL)))")


@builtin("VALUES")
@returns_values
def values_(*args: Any) -> Any:
    """The function VALUES (calls written (values ...) are compiled by the evaluator; this is #'VALUES)."""
    return args[0] if len(args) == 1 else values(*args)


@builtin("VALUES-LIST")
@returns_values
def values_list(lst: Any) -> Any:
    return values(*list_to_pylist(lst, "VALUES-LIST"))
