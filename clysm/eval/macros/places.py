# Run-time helpers that SETF expansions call: store functions for the standard places that the built-in modules do
# not already provide, each taking the place's subforms then the new value and returning the new value
# (CLYSM::%ASET, %SVSET, %SETCHAR, %PUT, %SET-FILL-POINTER, %SET-FDEFINITION). The others (%RPLACA, %RPLACD,
# %SETNTH, %SETELT, %SET-SUBSEQ, %PUTHASH, %PUTF, %REMF, %HASH-TABLE-ENTRIES) live in clysm/eval/builtins/.
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.arrays import array_store
from clysm.eval.builtins.registry import builtin
from clysm.lisp.types import NIL, Char, Cons, LispArray, LispVector, Symbol


def _show(x: Any) -> str:
    from clysm.eval.macros.util import show

    return show(x)


def _check_index(obj: Any, index: Any, length: int, where: str) -> int:
    if type(index) is not int or not 0 <= index < length:
        errors.signal_error(
            "TYPE-ERROR",
            f"Invalid index {_show(index)} for {_show(obj)} of length {length}, "
            f"should be a non-negative integer below {length}. (in {where})",
            DATUM=index,
            EXPECTED_TYPE=f"(INTEGER 0 ({length}))",
        )
    return index


def _immutable_string(s: str, where: str) -> Any:
    errors.simple_error(
        f"cannot modify the simple string {_show(s)} (in {where}): clysm strings are immutable; "
        f"use (make-array n :element-type 'character ...) for a mutable string"
    )


def _store_vector(vec: Any, index: Any, new: Any, where: str) -> Any:
    if isinstance(vec, LispVector):
        _check_index(vec, index, len(vec.items), where)
        if vec.element_type == "character" and not isinstance(new, Char):
            errors.type_error(new, "CHARACTER", where)
        vec.items[index] = new
        return new
    if isinstance(vec, str):
        _immutable_string(vec, where)
    errors.type_error(vec, "VECTOR", where)


@builtin("%ASET", package="CLYSM")
def aset(array: Any, *args: Any) -> Any:
    """(%ASET array subscripts... new): store into an array (a vector ignoring any fill pointer, as AREF does)."""
    if len(args) == 2 and not isinstance(array, LispArray):
        return _store_vector(array, args[0], args[1], "(SETF AREF)")
    if not args:
        errors.arg_count_error("(SETF AREF)", 1, "at least 2")
    return array_store(array, args[:-1], args[-1])


@builtin("%SVSET", package="CLYSM")
def svset(vec: Any, index: Any, new: Any) -> Any:
    if not isinstance(vec, LispVector) or vec.element_type != "t" or vec.fill_pointer is not None:
        errors.type_error(vec, "SIMPLE-VECTOR", "(SETF SVREF)")
    return _store_vector(vec, index, new, "(SETF SVREF)")


@builtin("%SETCHAR", package="CLYSM")
def setchar(string: Any, index: Any, new: Any) -> Any:
    if isinstance(string, LispVector) and string.element_type == "character":
        return _store_vector(string, index, new, "(SETF CHAR)")
    if isinstance(string, str):
        _immutable_string(string, "(SETF CHAR)")
    errors.type_error(string, "STRING", "(SETF CHAR)")


@builtin("%PUT", package="CLYSM")
def put(symbol: Any, indicator: Any, *args: Any) -> Any:
    """(%PUT symbol indicator [default] new): set a symbol's property."""
    if not isinstance(symbol, Symbol):
        errors.type_error(symbol, "SYMBOL", "(SETF GET)")
    if len(args) not in (1, 2):
        errors.arg_count_error("(SETF GET)", len(args) + 2, "3 or 4")
    new = args[-1]
    plist = symbol.plist if symbol.plist is not None else NIL
    x = plist
    while isinstance(x, Cons) and isinstance(x.cdr, Cons):
        if x.car is indicator:
            x.cdr.car = new
            return new
        x = x.cdr.cdr
    symbol.plist = Cons(indicator, Cons(new, plist))
    return new


@builtin("%SET-FILL-POINTER", package="CLYSM")
def set_fill_pointer(vec: Any, new: Any) -> Any:
    if not isinstance(vec, LispVector) or vec.fill_pointer is None:
        errors.type_error(vec, "(AND VECTOR (SATISFIES ARRAY-HAS-FILL-POINTER-P))", "(SETF FILL-POINTER)")
    if type(new) is not int or not 0 <= new <= len(vec.items):
        errors.type_error(new, f"(INTEGER 0 {len(vec.items)})", "(SETF FILL-POINTER)")
    vec.fill_pointer = new
    return new


@builtin("%SET-FDEFINITION", package="CLYSM", engine=True)
def set_fdefinition(engine: Any, name: Any, new: Any) -> Any:
    """(SETF SYMBOL-FUNCTION) / (SETF FDEFINITION): install a function object under a function name (a symbol or
    (SETF symbol)); the name's tiering record is dropped and compiled callers are told."""
    if not callable(new):
        errors.type_error(new, "FUNCTION", "(SETF FDEFINITION)")
    sym = name
    if isinstance(name, Cons) and isinstance(name.cdr, Cons) and isinstance(name.cdr.car, Symbol):
        sym = engine.setf_function_symbol(name.cdr.car)
    if not isinstance(sym, Symbol) or sym is NIL:
        errors.type_error(name, "(OR SYMBOL (CONS (EQL SETF) (CONS SYMBOL NULL)))", "(SETF FDEFINITION)")
    sym.function = new
    sym.macro = None
    forget = getattr(getattr(engine, "tiering", None), "forget", None)
    if forget is not None:
        forget(sym)
    changed = getattr(engine, "function_changed", None)
    if changed is not None:
        changed(sym)
    return new
