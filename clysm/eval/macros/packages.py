# Package macros: DEFPACKAGE (expanding into CLYSM::%DEFPACKAGE with the options parsed), DO-SYMBOLS and
# DO-EXTERNAL-SYMBOLS (DOLIST over CLYSM::%DO-SYMBOLS-LIST). The functions are in clysm.eval.packages.
from __future__ import annotations

from typing import Any

from clysm.eval import errors, packages  # noqa: F401  (registers the package built-ins)
from clysm.eval.macros.registry import macro
from clysm.eval.macros.util import Form, L, cl, from_list, internal, kw, macro_args, quote, show, to_list
from clysm.lisp.types import NIL, Cons, Symbol


def _designator_name(x: Form) -> str:
    if isinstance(x, Symbol):
        return x.name
    if isinstance(x, str):
        return x
    errors.program_error(f"DEFPACKAGE: {show(x)} is not a string designator")


@macro("DEFPACKAGE")
def expand_defpackage(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 1)
    name = _designator_name(args[0])
    found: dict[str, list[Form]] = {k: [] for k in ("NICKNAMES", "USE", "EXPORT", "SHADOW", "IMPORT-FROM",
                                                      "INTERN")}
    for opt in args[1:]:
        if not isinstance(opt, Cons) or not isinstance(opt.car, Symbol):
            errors.program_error(f"DEFPACKAGE: malformed option {show(opt)}")
        key = opt.car.name
        items = to_list(opt.cdr, "DEFPACKAGE option")
        if key in ("DOCUMENTATION", "SIZE", "LOCAL-NICKNAMES", "LOCK"):
            continue
        if key == "SHADOWING-IMPORT-FROM":
            key = "IMPORT-FROM"
        if key not in found:
            errors.program_error(f"DEFPACKAGE: unknown option {show(opt.car)}")
        if key == "IMPORT-FROM":
            found[key].append(from_list([_designator_name(x) for x in items]))
        else:
            found[key].extend(_designator_name(x) for x in items)
    q = lambda items: quote(engine, from_list(items))  # noqa: E731
    return L(internal(engine, "%DEFPACKAGE"), name, q(found["NICKNAMES"]), q(found["USE"]), q(found["EXPORT"]),
             q(found["SHADOW"]), q(found["IMPORT-FROM"]), q(found["INTERN"]))


def _do_symbols(engine: Any, form: Form, which: str) -> Form:
    args = macro_args(form, 1)
    spec = to_list(args[0], "DO-SYMBOLS spec")
    if not spec or not isinstance(spec[0], Symbol):
        errors.program_error(f"{form.car.name}: malformed spec {show(args[0])}")
    var = spec[0]
    package = spec[1] if len(spec) > 1 else cl(engine, "*PACKAGE*")
    result = spec[2] if len(spec) > 2 else NIL
    syms = L(internal(engine, "%DO-SYMBOLS-LIST"), package, kw(engine, which))
    return from_list([cl(engine, "DOLIST"), L(var, syms, result), *args[1:]])


@macro("DO-SYMBOLS")
def expand_do_symbols(engine: Any, form: Form, env: Any) -> Form:
    return _do_symbols(engine, form, "ALL")


@macro("DO-EXTERNAL-SYMBOLS")
def expand_do_external_symbols(engine: Any, form: Form, env: Any) -> Form:
    return _do_symbols(engine, form, "EXTERNAL")
