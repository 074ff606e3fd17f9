# Shared helpers for the macro expanders: building forms from the engine's symbols, picking macro forms apart
# (with PROGRAM-ERRORs for malformed ones), body parsing (declarations and docstrings) and gensyms.
from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from clysm.eval import errors
from clysm.lisp.types import NIL, Char, Cons, LispArray, LispVector, Symbol, T

Form = Any  # a Lisp form: Cons, Symbol, or self-evaluating object


# ---------------------------------------------------------------------------------------------- symbols

def cl(engine: Any, name: str) -> Symbol:
    """The COMMON-LISP symbol `name` (cached by the engine)."""
    return engine.sym(name)


def internal(engine: Any, name: str) -> Symbol:
    """The CLYSM package symbol `name` (helpers such as %DEFUN, %ASET)."""
    return engine.intern(name, "CLYSM")


def kw(engine: Any, name: str) -> Symbol:
    return engine.intern(name, "KEYWORD")


def gensym(engine: Any, prefix: str = "G") -> Symbol:
    return engine.gensym(prefix)


def named(x: Any, *names: str) -> bool:
    """True if x is a symbol whose name is one of names (LOOP keywords and lambda-list keywords match by name)."""
    return isinstance(x, Symbol) and x.name in names


# ---------------------------------------------------------------------------------------------- lists

def L(*items: Form) -> Form:  # noqa: N802  (reads like Lisp's LIST)
    result: Form = NIL
    for item in reversed(items):
        result = Cons(item, result)
    return result


def from_list(items: Iterable[Form], tail: Form = NIL) -> Form:
    result = tail
    for item in reversed(list(items)):
        result = Cons(item, result)
    return result


def to_list(x: Form, what: str = "form") -> list[Form]:
    """The elements of a proper list; a dotted or non-list signals PROGRAM-ERROR naming `what`."""
    out: list[Form] = []
    y = x
    while isinstance(y, Cons):
        out.append(y.car)
        y = y.cdr
    if y is not NIL:
        errors.program_error(f"malformed {what}: {show(x)} is not a proper list")
    return out


def show(x: Any) -> str:
    try:
        from clysm.lisp.printer import prin1_to_string

        return prin1_to_string(x)
    except Exception:  # printing must never hide the real error
        return _fallback_show(x)


def _fallback_show(x: Any) -> str:
    if isinstance(x, Symbol):
        return (":" if x.is_keyword else "") + x.name
    if isinstance(x, Cons):
        parts = []
        while isinstance(x, Cons):
            parts.append(_fallback_show(x.car))
            x = x.cdr
        if x is not NIL:
            parts.append(". " + _fallback_show(x))
        return "(" + " ".join(parts) + ")"
    if isinstance(x, str):
        return '"' + x + '"'
    return repr(x)


def macro_args(form: Form, lo: int, hi: int | None = None) -> list[Form]:
    """The arguments of macro form `form` (a proper list) checked against lo..hi (None: no upper bound)."""
    name = form.car.name if isinstance(form.car, Symbol) else "macro"
    args = to_list(form.cdr, f"{name} form")
    if len(args) < lo or (hi is not None and len(args) > hi):
        want = f"at least {lo}" if hi is None else (f"{lo}" if lo == hi else f"{lo} to {hi}")
        errors.program_error(f"{name}: {len(args)} argument(s) given, {want} expected in {show(form)}")
    return args


# ---------------------------------------------------------------------------------------------- forms

def quote(engine: Any, x: Form) -> Form:
    return L(cl(engine, "QUOTE"), x)


def progn(engine: Any, forms: list[Form]) -> Form:
    """One form doing `forms` in order: NIL, the form itself, or a PROGN."""
    if not forms:
        return NIL
    if len(forms) == 1:
        return forms[0]
    return Cons(cl(engine, "PROGN"), from_list(forms))


def is_declaration(engine: Any, x: Form) -> bool:
    return isinstance(x, Cons) and x.car is cl(engine, "DECLARE")


def parse_body(engine: Any, body: list[Form], doc_allowed: bool = False) -> tuple[list[Form], Form, list[Form]]:
    """Split a body into (declarations, docstring or None, forms). A string is a docstring only if forms follow it."""
    decls: list[Form] = []
    doc: Form = None
    i = 0
    while i < len(body):
        x = body[i]
        if is_declaration(engine, x):
            decls.append(x)
        elif doc_allowed and doc is None and isinstance(x, str) and i + 1 < len(body):
            doc = x
        else:
            break
        i += 1
    return decls, doc, body[i:]


def is_constant_form(engine: Any, x: Form) -> bool:
    """True for forms whose value cannot change and whose evaluation has no effect (no temporary needed)."""
    if isinstance(x, (int, float, Fraction, complex, str, Char, LispVector, LispArray)):
        return True
    if x is NIL or x is T:
        return True
    if isinstance(x, Symbol):
        return x.is_keyword
    return isinstance(x, Cons) and x.car is cl(engine, "QUOTE")


def is_variable(engine: Any, x: Form) -> bool:
    """A symbol that names a variable (not NIL, T or a keyword)."""
    return isinstance(x, Symbol) and x is not NIL and x is not T and not x.is_keyword


def tree_has_symbol_named(x: Form, name: str) -> bool:
    """True if a symbol called `name` occurs anywhere in the cons tree x (iterative along cdrs)."""
    todo = [x]
    seen = 0
    while todo:
        y = todo.pop()
        while isinstance(y, Cons):
            seen += 1
            if seen > 1_000_000:  # circular or absurdly large: give up searching
                return True
            todo.append(y.car)
            y = y.cdr
        if isinstance(y, Symbol) and y.name == name:
            return True
    return False


def macroexpand_1(engine: Any, form: Form, env: Any) -> tuple[Form, bool]:
    """Expand `form` once in `env` (macros and symbol macros) with the engine's expander."""
    method = getattr(engine, "macroexpand_1", None)
    if method is not None:
        result = method(form, env)
    else:
        from clysm.eval.analyze import macroexpand_1 as evaluator_macroexpand_1

        result = evaluator_macroexpand_1(engine, form, env)
    if isinstance(result, tuple):
        return result[0], bool(result[1])
    return result, result is not form
