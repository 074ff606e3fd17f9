# Modify macros built on the setf expansions of setf.py: INCF, DECF, PUSH, PUSHNEW, POP, REMF, ROTATEF, SHIFTF,
# PSETF, PSETQ, MULTIPLE-VALUE-SETQ and DEFINE-MODIFY-MACRO. Each evaluates the subforms of a place only once.
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.registry import builtin
from clysm.eval.macros.registry import macro
from clysm.eval.macros.setf import Binder, get_setf_expansion
from clysm.eval.macros.util import (
    Form,
    L,
    cl,
    from_list,
    gensym,
    internal,
    is_constant_form,
    is_variable,
    macro_args,
    macroexpand_1,
    show,
    to_list,
)
from clysm.lisp.types import NIL, Symbol


def plain_variable(engine: Any, place: Form, env: Any) -> bool:
    """True if `place` is a variable that is not a symbol macro (so SETQ can store into it directly)."""
    if not isinstance(place, Symbol):
        return False
    if not is_variable(engine, place):
        errors.program_error(f"{show(place)} is a constant and cannot be set")
    return not macroexpand_1(engine, place, env)[1]


def modify(engine: Any, place: Form, env: Any, update: Any, before: list[tuple[Symbol, Form]] | None = None) -> Form:
    """Store (update access-form) into place. `before` binds temporaries evaluated before the place's subforms."""
    if plain_variable(engine, place, env) and not before:
        return L(cl(engine, "SETQ"), place, update(place))
    exp = get_setf_expansion(engine, place, env)
    b = Binder(engine)
    for var, form in before or []:
        b.let(var, form)
    b.temps(exp)
    return b.wrap([exp.store_with(engine, update(exp.access))])


def _evaluated_first(engine: Any, form: Form, prefix: str) -> tuple[Form, list[tuple[Symbol, Form]]]:
    """A reference to form's value and the binding needed to evaluate it before a place's subforms."""
    if is_constant_form(engine, form):
        return form, []
    g = gensym(engine, prefix)
    return g, [(g, form)]


def _incf(engine: Any, form: Form, env: Any, op: str) -> Form:
    args = macro_args(form, 1, 2)
    place = args[0]
    if len(args) == 1:
        one = "1+" if op == "+" else "1-"
        return modify(engine, place, env, lambda acc: L(cl(engine, one), acc))
    delta = args[1]
    return modify(engine, place, env, lambda acc: L(cl(engine, op), acc, delta))


@macro("INCF")
def expand_incf(engine: Any, form: Form, env: Any) -> Form:
    return _incf(engine, form, env, "+")


@macro("DECF")
def expand_decf(engine: Any, form: Form, env: Any) -> Form:
    return _incf(engine, form, env, "-")


@macro("PUSH")
def expand_push(engine: Any, form: Form, env: Any) -> Form:
    item, place = macro_args(form, 2, 2)
    if plain_variable(engine, place, env):
        return L(cl(engine, "SETQ"), place, L(cl(engine, "CONS"), item, place))
    ref, before = _evaluated_first(engine, item, "ITEM")
    return modify(engine, place, env, lambda acc: L(cl(engine, "CONS"), ref, acc), before)


@macro("PUSHNEW")
def expand_pushnew(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 2)
    item, place, keys = args[0], args[1], args[2:]
    if plain_variable(engine, place, env):
        return L(cl(engine, "SETQ"), place, from_list([cl(engine, "ADJOIN"), item, place, *keys]))
    ref, before = _evaluated_first(engine, item, "ITEM")
    return modify(engine, place, env, lambda acc: from_list([cl(engine, "ADJOIN"), ref, acc, *keys]), before)


@macro("POP")
def expand_pop(engine: Any, form: Form, env: Any) -> Form:
    (place,) = macro_args(form, 1, 1)
    if plain_variable(engine, place, env):
        advance = L(cl(engine, "SETQ"), place, L(cl(engine, "CDR"), place))
        return L(cl(engine, "PROG1"), L(cl(engine, "CAR"), place), advance)
    exp = get_setf_expansion(engine, place, env)
    b = Binder(engine)
    b.temps(exp)
    lst = gensym(engine, "LIST")
    b.let(lst, exp.access)
    store = exp.store_with(engine, L(cl(engine, "CDR"), lst))
    return b.wrap([L(cl(engine, "PROG1"), L(cl(engine, "CAR"), lst), store)])


@macro("REMF")
def expand_remf(engine: Any, form: Form, env: Any) -> Form:
    place, indicator = macro_args(form, 2, 2)
    exp = get_setf_expansion(engine, place, env)
    b = Binder(engine)
    b.temps(exp)
    ind = gensym(engine, "INDICATOR")
    b.let(ind, indicator)
    new, found = gensym(engine, "NEW"), gensym(engine, "FOUND")
    body = L(
        cl(engine, "MULTIPLE-VALUE-BIND"),
        L(new, found),
        L(internal(engine, "%REMF"), exp.access, ind),
        exp.store_with(engine, new),
        found,
    )
    return b.wrap([body])


@macro("ROTATEF")
def expand_rotatef(engine: Any, form: Form, env: Any) -> Form:
    places = macro_args(form, 0)
    if len(places) < 2:
        return L(cl(engine, "PROGN"), *places, NIL) if places else NIL
    exps = [get_setf_expansion(engine, p, env) for p in places]
    b = Binder(engine)
    for exp in exps:
        b.temps(exp)
    for i, exp in enumerate(exps):
        b.stores(exp.stores, exps[(i + 1) % len(exps)].access)
    return b.wrap([*[exp.store for exp in exps], NIL])


@macro("SHIFTF")
def expand_shiftf(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 2)
    places, new_value = args[:-1], args[-1]
    exps = [get_setf_expansion(engine, p, env) for p in places]
    b = Binder(engine)
    for exp in exps:
        b.temps(exp)
    old = gensym(engine, "OLD")
    b.let(old, exps[0].access)
    for i, exp in enumerate(exps):
        b.stores(exp.stores, exps[i + 1].access if i + 1 < len(exps) else new_value)
    return b.wrap([*[exp.store for exp in exps], old])


def _psetf(engine: Any, form: Form, env: Any, only_variables: bool) -> Form:
    args = macro_args(form, 0)
    name = form.car.name
    if len(args) % 2:
        errors.program_error(f"odd number of arguments to {name}: {show(form)}")
    if not args:
        return NIL
    b = Binder(engine)
    stores: list[Form] = []
    for i in range(0, len(args), 2):
        place = args[i]
        if only_variables and not isinstance(place, Symbol):
            errors.program_error(f"{name}: {show(place)} is not a variable")
        exp = get_setf_expansion(engine, place, env)
        b.temps(exp)
        b.stores(exp.stores, args[i + 1])
        stores.append(exp.store)
    return b.wrap([*stores, NIL])


@macro("PSETF")
def expand_psetf(engine: Any, form: Form, env: Any) -> Form:
    return _psetf(engine, form, env, False)


@macro("PSETQ")
def expand_psetq(engine: Any, form: Form, env: Any) -> Form:
    return _psetf(engine, form, env, True)


@macro("MULTIPLE-VALUE-SETQ")
def expand_multiple_value_setq(engine: Any, form: Form, env: Any) -> Form:
    variables, value = macro_args(form, 2, 2)
    places = to_list(variables, "MULTIPLE-VALUE-SETQ variable list")
    for v in places:
        if not isinstance(v, Symbol):
            errors.program_error(f"MULTIPLE-VALUE-SETQ: {show(v)} is not a variable")
    if not places:
        return L(cl(engine, "VALUES"), value)
    return L(cl(engine, "VALUES"), L(cl(engine, "SETF"), from_list([cl(engine, "VALUES"), *places]), value))


@macro("DEFINE-MODIFY-MACRO")
def expand_define_modify_macro(engine: Any, form: Form, env: Any) -> Form:
    """(DEFINE-MODIFY-MACRO name lambda-list function [doc]): a macro (name place . args) storing
    (function place-value . args) into place."""
    args = macro_args(form, 3, 4)
    name, _lambda_list, function = args[0], args[1], args[2]
    whole, env_var, rest = gensym(engine, "FORM"), gensym(engine, "ENV"), gensym(engine, "ARGS")
    ll = L(cl(engine, "&WHOLE"), whole, cl(engine, "&ENVIRONMENT"), env_var, cl(engine, "&REST"), rest)
    decl = L(cl(engine, "DECLARE"), L(cl(engine, "IGNORE"), rest))
    call = L(internal(engine, "%MODIFY-MACRO-EXPAND"), whole, env_var, L(cl(engine, "QUOTE"), function))
    return L(cl(engine, "DEFMACRO"), name, ll, decl, call)


@builtin("%MODIFY-MACRO-EXPAND", package="CLYSM", engine=True)
def modify_macro_expand(engine: Any, form: Any, env: Any, function: Any) -> Any:
    """The expansion of a use of a DEFINE-MODIFY-MACRO macro: (name place . args)."""
    items = to_list(form.cdr, "modify macro form")
    if not items:
        errors.program_error(f"{show(form)}: a place is required")
    place, extra = items[0], items[1:]
    return modify(engine, place, None if env is NIL else env, lambda acc: from_list([function, acc, *extra]))
