# Backquote, expanded at read time (the reader calls expand_backquote when a ` form is complete): the template,
# with commas read as Unquote objects, becomes calls of COMMON-LISP functions (LIST, LIST*, APPEND, APPLY, VECTOR,
# QUOTE), so neither tier needs a quasiquote special form.
from __future__ import annotations

from collections.abc import Callable

from clysm.lisp.types import NIL, Cons, LispObject, LispVector, Symbol, T


class Unquote:
    """`,form` or `,@form` inside a backquote template; consumed by the backquote expansion."""

    __slots__ = ("form", "splice")

    def __init__(self, form: LispObject, splice: bool) -> None:
        self.form = form
        self.splice = splice


def expand_backquote(template: LispObject, cl: Callable[[str], Symbol],
                     error: Callable[[str], Exception]) -> LispObject:
    """The form that builds `template` at run time (commas inside it are Unquote objects); `cl(name)` gives a
    COMMON-LISP symbol, `error(message)` the exception to raise for a malformed template."""
    if isinstance(template, Unquote):
        if template.splice:
            raise error("`,@form is not a well-formed backquote expression")
        return template.form
    if isinstance(template, LispVector):
        if not _has_unquote(template):
            return template
        items = expand_backquote(_to_list(template.items), cl, error)
        return _call(cl("APPLY"), _call(cl("FUNCTION"), cl("VECTOR")), items)
    if not isinstance(template, Cons):
        return _quote(template, cl)
    if not _has_unquote(template):
        return _quote(template, cl)
    forms: list[LispObject] = []  # arguments of APPEND
    group: list[LispObject] = []  # pending arguments of LIST / LIST*
    cell: LispObject = template
    while isinstance(cell, Cons):
        item = cell.car
        if isinstance(item, Unquote) and item.splice:
            if group:
                forms.append(_call(cl("LIST"), *group))
                group = []
            forms.append(item.form)
        else:
            group.append(expand_backquote(item, cl, error))
        cell = cell.cdr
    tail: LispObject | None = None
    if isinstance(cell, Unquote):
        if cell.splice:
            raise error("a splicing comma ,@ after a dot in a backquote template")
        tail = cell.form
    elif cell is not NIL:
        tail = expand_backquote(cell, cl, error)
    if group:
        if tail is None:
            forms.append(_call(cl("LIST"), *group))
        else:
            forms.append(_call(cl("LIST*"), *group, tail))
    elif tail is not None:
        forms.append(tail)
    if len(forms) == 1:
        return forms[0]
    return _call(cl("APPEND"), *forms)


def _quote(x: LispObject, cl: Callable[[str], Symbol]) -> LispObject:
    if isinstance(x, Symbol):
        if x is NIL or x is T or x.is_keyword:
            return x
    elif not isinstance(x, Cons):
        return x  # numbers, strings, characters, vectors evaluate to themselves
    return _call(cl("QUOTE"), x)


def _call(op: Symbol, *args: LispObject) -> Cons:
    result: LispObject = NIL
    for arg in reversed(args):
        result = Cons(arg, result)
    return Cons(op, result)


def _to_list(items: list[LispObject]) -> LispObject:
    result: LispObject = NIL
    for item in reversed(items):
        result = Cons(item, result)
    return result


def _has_unquote(x: LispObject) -> bool:
    todo = [x]
    while todo:
        x = todo.pop()
        if isinstance(x, Unquote):
            return True
        if isinstance(x, Cons):
            todo.append(x.cdr)
            todo.append(x.car)
        elif isinstance(x, LispVector):
            todo.extend(x.items)
    return False
