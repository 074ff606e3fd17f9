# The macros of the development tools: TIME, TRACE, UNTRACE (expanding into the engine's CLYSM::%TIME / %TRACE /
# %UNTRACE, bound from clysm/devtools.py), DEFTYPE (type abbreviations TYPEP, TYPECASE and CHECK-TYPE expand
# through the engine's typep hook) and the function PROCLAIM (what DECLAIM does: SPECIAL takes effect).
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.registry import builtin
from clysm.eval.macros.definitions import macro_function_form
from clysm.eval.macros.registry import macro
from clysm.eval.macros.util import Form, L, cl, from_list, internal, macro_args, parse_body, quote, show, to_list
from clysm.lisp.types import NIL, Cons, Symbol


@macro("TIME")
def expand_time(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 1, 1)
    return L(internal(engine, "%TIME"), L(cl(engine, "FUNCTION"), L(cl(engine, "LAMBDA"), NIL, args[0])))


@macro("TRACE")
def expand_trace(engine: Any, form: Form, env: Any) -> Form:
    return L(internal(engine, "%TRACE"), quote(engine, form.cdr))


@macro("UNTRACE")
def expand_untrace(engine: Any, form: Form, env: Any) -> Form:
    return L(internal(engine, "%UNTRACE"), quote(engine, form.cdr))


def _star_defaults(engine: Any, ll: Form) -> Form:
    """A DEFTYPE lambda list with `*` as the default of optional and keyword parameters without one."""
    items: list[Form] = []
    mode = None
    x = ll
    while isinstance(x, Cons):
        item = x.car
        if isinstance(item, Symbol) and item.name.startswith("&"):
            mode = item.name
        elif mode in ("&OPTIONAL", "&KEY") and isinstance(item, Symbol):
            item = L(item, quote(engine, cl(engine, "*")))
        items.append(item)
        x = x.cdr
    return from_list(items, x)


@macro("DEFTYPE")
def expand_deftype(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 2)
    name = args[0]
    if not isinstance(name, Symbol) or name is NIL:
        errors.program_error(f"DEFTYPE: {show(name)} is not a valid type name")
    _decls, doc, _forms = parse_body(engine, args[2:], doc_allowed=True)
    fn = macro_function_form(engine, name, _star_defaults(engine, args[1]), args[2:], f"DEFTYPE {name.name}")
    return L(internal(engine, "%DEFTYPE"), quote(engine, name), quote(engine, args[1]), fn,
             doc if doc is not None else NIL)


@builtin("%DEFTYPE", package="CLYSM", engine=True)
def deftype(engine: Any, name: Any, lambda_list: Any, expander: Any, doc: Any) -> Any:
    if name.package is engine.cl_package:
        errors.signal_error("PACKAGE-ERROR", f"Lock on package COMMON-LISP violated when defining {name.name} as "
                            f"a type while in package COMMON-LISP-USER.")
    tools = engine.devtools
    tools.deftypes[name] = (expander, lambda_list)
    tools.set_doc(name, "TYPE", doc)
    return name


def expand_type(engine: Any, spec: Any) -> Any:
    """The expansion of a DEFTYPE type specifier (one step), or None when spec is not one."""
    deftypes = engine.devtools.deftypes
    if isinstance(spec, Symbol):
        found = deftypes.get(spec)
        form = Cons(spec, NIL)
    elif isinstance(spec, Cons) and isinstance(spec.car, Symbol):
        found = deftypes.get(spec.car)
        form = spec
    else:
        return None
    if found is None:
        return None
    engine.mv = None
    return found[0](form, NIL)


def install_type_hooks(engine: Any) -> None:
    """Chain DEFTYPE expansion into the engine's TYPEP and SUBTYPEP hooks (clysm.eval.builtins.predicates)."""
    from clysm.eval.builtins.predicates import subtypep, typep_impl
    from clysm.eval.values import MultipleValues

    old_typep = getattr(engine, "typep_hook", None)
    old_subtypep = getattr(engine, "subtypep_hook", None)

    def typep_hook(x: Any, spec: Any) -> Any:
        exp = expand_type(engine, spec)
        if exp is not None:
            return typep_impl(engine, x, exp)
        return old_typep(x, spec) if old_typep is not None else None

    def sure_subtype(a: Any, b: Any) -> bool | None:
        """Is type a a subtype of b (True / False), or None when SUBTYPEP cannot tell? A compound specifier whose
        head names a type is a subtype of what its head is a subtype of ((INTEGER 0 9) of INTEGER); AND / OR
        are taken apart."""
        ea = expand_type(engine, a)
        if ea is not None:
            return sure_subtype(ea, b)
        if isinstance(a, Cons) and isinstance(a.car, Symbol):
            head = a.car.name
            parts = to_list(a.cdr, "type specifier") if head in ("AND", "OR") else []
            if head == "AND" and any(sure_subtype(p, b) for p in parts):
                return True
            if head == "OR" and parts and all(sure_subtype(p, b) for p in parts):
                return True
            if head not in ("AND", "OR", "NOT", "MEMBER", "EQL", "SATISFIES", "VALUES") and \
                    sure_subtype(a.car, b):
                return True
            return None
        eb = expand_type(engine, b)
        r = subtypep(engine, a, b if eb is None else eb)
        if type(r) is MultipleValues and len(r) > 1 and r[1] is not NIL:
            return r[0] is not NIL
        return None

    def subtypep_hook(a: Any, b: Any) -> Any:
        ea, eb = expand_type(engine, a), expand_type(engine, b)
        if ea is not None or eb is not None:
            return sure_subtype(a if ea is None else ea, b if eb is None else eb)
        return old_subtypep(a, b) if old_subtypep is not None else None

    engine.typep_hook = typep_hook
    engine.subtypep_hook = subtypep_hook


@builtin("PROCLAIM", engine=True)
def proclaim(engine: Any, spec: Any) -> Any:
    """PROCLAIM: as DECLAIM, SPECIAL takes effect; other declarations (OPTIMIZE, TYPE, INLINE, ...) are accepted
    and ignored."""
    if not isinstance(spec, Cons):
        errors.type_error(spec, "LIST", "PROCLAIM")
    if isinstance(spec.car, Symbol) and spec.car is cl(engine, "SPECIAL"):
        for var in to_list(spec.cdr, "SPECIAL proclamation"):
            if not isinstance(var, Symbol) or var is NIL or var.constant:
                errors.type_error(var, "(AND SYMBOL (NOT (SATISFIES CONSTANTP)))", "PROCLAIM")
            var.special = True
    return NIL
