# Generalized references: the setf-expansion machinery (five-value expansions computed in Python), the standard
# places, DEFSETF / DEFINE-SETF-EXPANDER / GET-SETF-EXPANSION, and the SETF macro itself. The modify macros
# (INCF, PUSH, ROTATEF, ...) built on it live in modify.py.
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.mvalues import values
from clysm.eval.builtins.registry import builtin
from clysm.eval.macros.definitions import macro_function_form, split_macro_lambda_list
from clysm.eval.macros.destructuring import destructuring_let
from clysm.eval.macros.registry import macro
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
    parse_body,
    progn,
    quote,
    show,
    to_list,
)
from clysm.lisp.types import NIL, Cons, Symbol


@dataclass
class Expansion:
    """A setf expansion: temporaries bound to value forms (in order), store variables, the store form (which uses
    the temporaries and store variables) and the access form. `setter`, when set, means the store form is
    (setter *refs store) and `direct` holds the place's own subforms, so (SETF place v) can be (setter *direct v)."""

    temps: list[Symbol]
    vals: list[Form]
    stores: list[Symbol]
    store: Form
    access: Form
    setter: Symbol | None = None
    refs: list[Form] = field(default_factory=list)
    direct: list[Form] | None = None

    def store_with(self, engine: Any, value: Form) -> Form:
        """A form storing `value` (one value) into the place, evaluated after the temporaries are bound."""
        if self.setter is not None:
            return from_list([self.setter, *self.refs, value])
        if len(self.stores) == 1 and self.store is not None:
            if is_setq_of(engine, self.store, self.stores[0]):
                return L(cl(engine, "SETQ"), self.store.cdr.car, value)
            return L(cl(engine, "LET"), L(L(self.stores[0], value)), self.store)
        return L(cl(engine, "MULTIPLE-VALUE-BIND"), from_list(self.stores), value, self.store)


def is_setq_of(engine: Any, form: Form, var: Symbol) -> bool:
    """True for (SETQ x var): the store form of a plain variable."""
    return (
        isinstance(form, Cons)
        and form.car is cl(engine, "SETQ")
        and isinstance(form.cdr, Cons)
        and isinstance(form.cdr.cdr, Cons)
        and form.cdr.cdr.car is var
        and form.cdr.cdr.cdr is NIL
    )


@dataclass
class SetfDefinition:
    """What DEFSETF / DEFINE-SETF-EXPANDER stored on a symbol (Symbol.setf_expander)."""

    kind: str  # "short" (update function), "long" (DEFSETF lambda), "expander" (DEFINE-SETF-EXPANDER)
    function: Any
    n_stores: int = 1


class Binder:
    """Accumulates sequential bindings (LET* for single values, MULTIPLE-VALUE-BIND for several) around a body."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.layers: list[tuple[str, Any]] = []  # ("let", [bindings]) or ("mv", (vars, form))

    def let(self, var: Symbol, form: Form) -> None:
        if not self.layers or self.layers[-1][0] != "let":
            self.layers.append(("let", []))
        self.layers[-1][1].append(L(var, form))

    def temps(self, exp: Expansion) -> None:
        for t, v in zip(exp.temps, exp.vals, strict=True):
            self.let(t, v)

    def stores(self, stores: list[Symbol], form: Form) -> None:
        if len(stores) == 1:
            self.let(stores[0], form)
        else:
            self.layers.append(("mv", (stores, form)))

    def wrap(self, body: list[Form]) -> Form:
        engine = self.engine
        if not self.layers:
            return progn(engine, body)
        inner = body
        for kind, data in reversed(self.layers):
            if kind == "let":
                form = from_list([cl(engine, "LET*"), from_list(data), *inner])
            else:
                form = from_list([cl(engine, "MULTIPLE-VALUE-BIND"), from_list(data[0]), data[1], *inner])
            inner = [form]
        return inner[0]


# ---------------------------------------------------------------------------------------------- expansions

def temps_for(engine: Any, args: list[Form]) -> tuple[list[Symbol], list[Form], list[Form]]:
    """Temporaries for the argument forms of a place; constant forms are used directly. Returns
    (temps, vals, refs) where refs stand for each argument inside store and access forms."""
    temps: list[Symbol] = []
    vals: list[Form] = []
    refs: list[Form] = []
    for arg in args:
        if is_constant_form(engine, arg):
            refs.append(arg)
        else:
            t = gensym(engine, "G")
            temps.append(t)
            vals.append(arg)
            refs.append(t)
    return temps, vals, refs


def simple_place(engine: Any, access_op: Symbol, args: list[Form], setter: Symbol) -> Expansion:
    """A place (access_op args...) stored by calling (setter args... new) which returns new."""
    temps, vals, refs = temps_for(engine, args)
    s = gensym(engine, "NEW")
    return Expansion(
        temps, vals, [s], from_list([setter, *refs, s]), from_list([access_op, *refs]), setter, refs, list(args)
    )


def function_place(engine: Any, op: Symbol, args: list[Form]) -> Expansion:
    """A place stored through the setf function (SETF op): (FUNCALL #'(SETF op) new args...)."""
    temps, vals, refs = temps_for(engine, args)
    s = gensym(engine, "NEW")
    setf_fn = L(cl(engine, "FUNCTION"), L(cl(engine, "SETF"), op))
    store = from_list([cl(engine, "FUNCALL"), setf_fn, s, *refs])
    return Expansion(temps, vals, [s], store, from_list([op, *refs]))


def get_setf_expansion(engine: Any, place: Form, env: Any) -> Expansion:
    """The five-value setf expansion of `place` in `env` (CLHS 5.1.2)."""
    while True:
        if isinstance(place, Symbol):
            if not is_variable(engine, place):
                errors.program_error(f"{show(place)} is a constant and cannot be set")
            expanded, changed = macroexpand_1(engine, place, env)
            if changed:
                place = expanded
                continue
            s = gensym(engine, "NEW")
            return Expansion([], [], [s], L(cl(engine, "SETQ"), place, s), place)
        if not isinstance(place, Cons) or not isinstance(place.car, Symbol):
            errors.program_error(f"{show(place)} is not a valid place")
        op = place.car
        args = to_list(place.cdr, "place")
        definition = op.setf_expander
        if isinstance(definition, SetfDefinition):
            return _user_expansion(engine, definition, op, place, args, env)
        if op.package is not None and op.package.name == "COMMON-LISP":
            standard = STANDARD_PLACES.get(op.name)
            if standard is not None:
                return standard(engine, op, args, env)
        expanded, changed = macroexpand_1(engine, place, env)
        if changed:
            place = expanded
            continue
        return function_place(engine, op, args)


def _user_expansion(engine: Any, d: SetfDefinition, op: Symbol, place: Form, args: list[Form], env: Any) -> Expansion:
    if d.kind == "short":
        return simple_place(engine, op, args, d.function)
    if d.kind == "long":
        temps, vals, refs = temps_for(engine, args)
        stores = [gensym(engine, "NEW") for _ in range(d.n_stores)]
        store = d.function(env if env is not None else NIL, from_list(refs), *stores)
        return Expansion(temps, vals, stores, store, from_list([op, *refs]))
    result = to_list(d.function(place, env if env is not None else NIL), "setf expansion")
    if len(result) != 5:
        errors.program_error(f"the setf expander of {show(op)} did not return 5 values")
    return Expansion(
        to_list(result[0], "temporaries"), to_list(result[1], "value forms"), to_list(result[2], "store variables"),
        result[3], result[4],
    )


def _argc(op: Symbol, args: list[Form], lo: int, hi: int) -> None:
    if not lo <= len(args) <= hi:
        errors.program_error(f"wrong number of arguments in the place ({op.name} ...): {len(args)}")


def _cxr_place(path: str) -> Any:
    """Place expander for C{A|D}+R: path is the letters between C and R (outermost operation first)."""

    def expand(engine: Any, op: Symbol, args: list[Form], env: Any) -> Expansion:
        _argc(op, args, 1, 1)
        inner = args[0] if len(path) == 1 else L(cl(engine, "C" + path[1:] + "R"), args[0])
        outer = "CAR" if path[0] == "A" else "CDR"
        setter = internal(engine, "%RPLACA" if path[0] == "A" else "%RPLACD")
        return simple_place(engine, cl(engine, outer), [inner], setter)

    return expand


def _nth_place(index: int) -> Any:
    """Place expander for FIRST..TENTH (index 0..9) and REST (index -1)."""

    def expand(engine: Any, op: Symbol, args: list[Form], env: Any) -> Expansion:
        _argc(op, args, 1, 1)
        if index < 0:
            return simple_place(engine, cl(engine, "CDR"), args, internal(engine, "%RPLACD"))
        inner = args[0] if index == 0 else L(cl(engine, "NTHCDR"), index, args[0])
        return simple_place(engine, cl(engine, "CAR"), [inner], internal(engine, "%RPLACA"))

    return expand


def _setter_place(setter_name: str, lo: int, hi: int, package: str = "CLYSM") -> Any:
    """Place expander for (op args...) stored by (setter args... new)."""

    def expand(engine: Any, op: Symbol, args: list[Form], env: Any) -> Expansion:
        _argc(op, args, lo, hi)
        setter = internal(engine, setter_name) if package == "CLYSM" else cl(engine, setter_name)
        return simple_place(engine, op, args, setter)

    return expand


def _getf_place(engine: Any, op: Symbol, args: list[Form], env: Any) -> Expansion:
    _argc(op, args, 2, 3)
    inner = get_setf_expansion(engine, args[0], env)
    temps, vals, refs = temps_for(engine, args[1:])
    s = gensym(engine, "NEW")
    new_plist = L(internal(engine, "%PUTF"), inner.access, refs[0], s)
    store = L(cl(engine, "PROGN"), inner.store_with(engine, new_plist), s)
    return Expansion(
        inner.temps + temps, inner.vals + vals, [s], store, from_list([op, inner.access, *refs])
    )


def _values_place(engine: Any, op: Symbol, args: list[Form], env: Any) -> Expansion:
    parts = [get_setf_expansion(engine, a, env) for a in args]
    temps: list[Symbol] = []
    vals: list[Form] = []
    stores: list[Symbol] = []
    store_forms: list[Form] = []
    for p in parts:
        temps += p.temps
        vals += p.vals
        # only the first store variable of each place receives a value; extra ones are bound to NIL
        stores.append(p.stores[0] if p.stores else gensym(engine, "NEW"))
        store_forms.append(p.store if len(p.stores) <= 1 else L(cl(engine, "LET"), from_list(p.stores[1:]), p.store))
    store = from_list([cl(engine, "VALUES"), *store_forms])
    access = from_list([cl(engine, "VALUES"), *[p.access for p in parts]])
    return Expansion(temps, vals, stores, store, access)


def _the_place(engine: Any, op: Symbol, args: list[Form], env: Any) -> Expansion:
    _argc(op, args, 2, 2)
    inner = get_setf_expansion(engine, args[1], env)
    type_spec = args[0]
    if len(inner.stores) == 1:
        s = inner.stores[0]
        store = L(cl(engine, "LET"), L(L(s, L(cl(engine, "THE"), type_spec, s))), inner.store)
    else:
        store = inner.store
    return Expansion(inner.temps, inner.vals, inner.stores, store, L(cl(engine, "THE"), type_spec, inner.access))


def _subseq_place(engine: Any, op: Symbol, args: list[Form], env: Any) -> Expansion:
    """(SUBSEQ seq start [end]): stored by (%SET-SUBSEQ seq start end new)."""
    _argc(op, args, 2, 3)
    return simple_place(engine, op, args if len(args) == 3 else [*args, NIL], internal(engine, "%SET-SUBSEQ"))


def _gethash_place(engine: Any, op: Symbol, args: list[Form], env: Any) -> Expansion:
    """(GETHASH key table [default]): stored by (%PUTHASH key table new); the default is evaluated, not stored."""
    _argc(op, args, 2, 3)
    if len(args) == 2:
        return simple_place(engine, op, args, internal(engine, "%PUTHASH"))
    temps, vals, refs = temps_for(engine, args)
    s = gensym(engine, "NEW")
    store = L(internal(engine, "%PUTHASH"), refs[0], refs[1], s)
    return Expansion(temps, vals, [s], store, from_list([op, *refs]))


STANDARD_PLACES: dict[str, Any] = {
    "AREF": _setter_place("%ASET", 1, 130),
    "ROW-MAJOR-AREF": _setter_place("%ROW-MAJOR-ASET", 2, 2),
    "BIT": _setter_place("%BITSET", 1, 130),
    "SBIT": _setter_place("%BITSET", 1, 130),
    "SVREF": _setter_place("%SVSET", 2, 2),
    "CHAR": _setter_place("%SETCHAR", 2, 2),
    "SCHAR": _setter_place("%SETCHAR", 2, 2),
    "ELT": _setter_place("%SETELT", 2, 2),
    "NTH": _setter_place("%SETNTH", 2, 2),
    "GETHASH": _gethash_place,
    "GET": _setter_place("%PUT", 2, 3),
    "SYMBOL-VALUE": _setter_place("SET", 1, 1, package="COMMON-LISP"),
    "SYMBOL-FUNCTION": _setter_place("%SET-FDEFINITION", 1, 1),
    "FDEFINITION": _setter_place("%SET-FDEFINITION", 1, 1),
    "FILL-POINTER": _setter_place("%SET-FILL-POINTER", 1, 1),
    "GETF": _getf_place,
    "VALUES": _values_place,
    "THE": _the_place,
    "SUBSEQ": _subseq_place,
    "REST": _nth_place(-1),
}
for _i, _name in enumerate(["FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH", "SEVENTH", "EIGHTH", "NINTH",
                            "TENTH"]):
    STANDARD_PLACES[_name] = _nth_place(_i)
for _n in range(1, 5):
    for _k in range(2**_n):
        _path = "".join("A" if (_k >> (_n - 1 - _j)) & 1 == 0 else "D" for _j in range(_n))
        STANDARD_PLACES["C" + _path + "R"] = _cxr_place(_path)


# ---------------------------------------------------------------------------------------------- SETF

def setf_one(engine: Any, place: Form, value: Form, env: Any) -> Form:
    if isinstance(place, Symbol):
        expanded, changed = macroexpand_1(engine, place, env)
        if not changed:
            if not is_variable(engine, place):
                errors.program_error(f"{show(place)} is a constant and cannot be set")
            return L(cl(engine, "SETQ"), place, value)
    exp = get_setf_expansion(engine, place, env)
    if exp.setter is not None and exp.direct is not None:
        return from_list([exp.setter, *exp.direct, value])
    b = Binder(engine)
    b.temps(exp)
    b.stores(exp.stores, value)
    return b.wrap([exp.store])


@macro("SETF")
def expand_setf(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 0)
    if len(args) % 2:
        errors.program_error(f"odd number of arguments to SETF: {show(form)}")
    forms = [setf_one(engine, args[i], args[i + 1], env) for i in range(0, len(args), 2)]
    return progn(engine, forms)


# ---------------------------------------------------------------------------------------------- user expanders

@macro("DEFSETF")
def expand_defsetf(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 2)
    name = args[0]
    if not isinstance(name, Symbol) or name is NIL:
        errors.program_error(f"DEFSETF: {show(name)} is not an access function name")
    if isinstance(args[1], Symbol) and args[1] is not NIL:  # short form: (defsetf access update [doc])
        if len(args) > 3:
            errors.program_error(f"malformed DEFSETF: {show(form)}")
        return L(internal(engine, "%DEFSETF"), quote(engine, name), quote(engine, args[1]), 1)
    if len(args) < 3:
        errors.program_error(f"malformed DEFSETF: {show(form)}")
    ll, _whole, env_var = split_macro_lambda_list(engine, args[1])
    stores = to_list(args[2], "DEFSETF store variables")
    for s in stores:
        if not is_variable(engine, s):
            errors.program_error(f"DEFSETF: {show(s)} is not a store variable name")
    env_g = gensym(engine, "ENV")
    args_g = gensym(engine, "ARGS")
    decls, _doc, forms = parse_body(engine, args[3:], doc_allowed=True)
    body = destructuring_let(engine, ll, args_g, [*decls, from_list([cl(engine, "BLOCK"), name, *forms])],
                             f"DEFSETF {name.name}")
    if env_var is not None:
        body = L(cl(engine, "LET"), L(L(env_var, env_g)), body)
    ignorable = L(cl(engine, "DECLARE"), L(cl(engine, "IGNORABLE"), env_g))
    fn = L(cl(engine, "FUNCTION"), L(cl(engine, "LAMBDA"), from_list([env_g, args_g, *stores]), ignorable, body))
    return L(internal(engine, "%DEFSETF"), quote(engine, name), fn, len(stores))


@macro("DEFINE-SETF-EXPANDER")
def expand_define_setf_expander(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 2)
    name = args[0]
    if not isinstance(name, Symbol) or name is NIL:
        errors.program_error(f"DEFINE-SETF-EXPANDER: {show(name)} is not an access function name")
    decls, _doc, forms = parse_body(engine, args[2:], doc_allowed=True)
    body = [*decls, L(cl(engine, "MULTIPLE-VALUE-LIST"), progn(engine, forms) if forms else NIL)]
    fn = macro_function_form(engine, name, args[1], body, f"DEFINE-SETF-EXPANDER {name.name}")
    return L(internal(engine, "%DEFSETF"), quote(engine, name), fn, -1)


@builtin("%DEFSETF", package="CLYSM")
def defsetf(name: Any, definition: Any, n_stores: int) -> Any:
    """Record a setf definition on the access function's symbol: a symbol (short DEFSETF), a function of
    (env args-list . stores) returning the store form (long DEFSETF, n_stores >= 0), or a function of
    (form env) returning the list of the five values (DEFINE-SETF-EXPANDER, n_stores = -1)."""
    if not isinstance(name, Symbol):
        errors.type_error(name, "SYMBOL", "DEFSETF")
    if isinstance(definition, Symbol):
        name.setf_expander = SetfDefinition("short", definition)
    elif n_stores < 0:
        name.setf_expander = SetfDefinition("expander", definition)
    else:
        name.setf_expander = SetfDefinition("long", definition, n_stores)
    return name


@builtin("GET-SETF-EXPANSION", engine=True)
def lisp_get_setf_expansion(engine: Any, place: Any, env: Any = NIL) -> Any:
    """(GET-SETF-EXPANSION place &optional env): the five values vars, vals, stores, store form, access form."""
    exp = get_setf_expansion(engine, place, None if env is NIL else env)
    return values(from_list(exp.temps), from_list(exp.vals), from_list(exp.stores), exp.store, exp.access)
