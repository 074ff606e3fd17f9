# The DEFSTRUCT macro: parses the name-and-options and slot descriptions and expands into the installer
# CLYSM::%DEFSTRUCT (type, accessors, SETF functions, predicate, copier: clysm.eval.structs) followed by one
# %DEFUN per constructor (keyword constructors and BOA constructors) calling CLYSM::%MAKE-STRUCT.
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.macros.registry import macro
from clysm.eval.macros.util import Form, L, cl, from_list, gensym, internal, kw, macro_args, quote, show, to_list
from clysm.eval.objstate import state
from clysm.lisp.types import NIL, Cons, Symbol, T

_LL_KEYWORDS = ("&OPTIONAL", "&REST", "&KEY", "&AUX", "&ALLOW-OTHER-KEYS", "&BODY", "&WHOLE")


class _Slot:
    def __init__(self, name: Symbol, initform: Form, type_: Form, read_only: bool) -> None:
        self.name = name
        self.initform = initform
        self.type = type_
        self.read_only = read_only


def _parse_slot(engine: Any, spec: Form) -> _Slot:
    if isinstance(spec, Symbol) and spec is not NIL:
        return _Slot(spec, NIL, T, False)
    items = to_list(spec, "DEFSTRUCT slot description")
    if not items or not isinstance(items[0], Symbol):
        errors.program_error(f"DEFSTRUCT: malformed slot description {show(spec)}")
    initform = items[1] if len(items) > 1 else NIL
    opts = items[2:]
    type_: Form = T
    read_only = False
    for i in range(0, len(opts) - 1, 2):
        key, value = opts[i], opts[i + 1]
        if isinstance(key, Symbol) and key.name == "TYPE":
            type_ = value
        elif isinstance(key, Symbol) and key.name == "READ-ONLY":
            read_only = value is not NIL
    return _Slot(items[0], initform, type_, read_only)


def _sym(engine: Any, text: str) -> Symbol:
    return engine.intern(text)


@macro("DEFSTRUCT")
def expand_defstruct(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 1)
    head = args[0]
    options: list[Form] = []
    if isinstance(head, Cons):
        name = head.car
        options = to_list(head.cdr, "DEFSTRUCT options")
    else:
        name = head
    if not isinstance(name, Symbol) or name is NIL:
        errors.program_error(f"DEFSTRUCT: {show(name)} is not a valid structure name")
    body = args[1:]
    if body and isinstance(body[0], str):
        body = body[1:]
    own = [_parse_slot(engine, s) for s in body]

    conc: Any = name.name + "-"
    constructors: list[tuple[Symbol, Form | None]] = []
    default_constructor = True
    predicate: Any = _sym(engine, name.name + "-P")
    copier: Any = _sym(engine, "COPY-" + name.name)
    parent: Any = NIL
    overrides: list[_Slot] = []
    print_kind: Any = NIL
    print_fn: Any = NIL
    for opt in options:
        key, rest = (opt, []) if isinstance(opt, Symbol) else (opt.car, to_list(opt.cdr, "DEFSTRUCT option"))
        if not isinstance(key, Symbol):
            errors.program_error(f"DEFSTRUCT: malformed option {show(opt)}")
        k = key.name
        if k == "CONC-NAME":
            c = rest[0] if rest else NIL
            conc = "" if c is NIL else (c.name if isinstance(c, Symbol) else str(c))
        elif k == "CONSTRUCTOR":
            default_constructor = False
            if not rest:
                constructors.append((_sym(engine, "MAKE-" + name.name), None))
            elif rest[0] is not NIL:
                constructors.append((rest[0], rest[1] if len(rest) > 1 else None))
        elif k == "PREDICATE":
            predicate = rest[0] if rest else predicate
        elif k == "COPIER":
            copier = rest[0] if rest else copier
        elif k == "INCLUDE":
            parent = rest[0]
            overrides = [_parse_slot(engine, s) for s in rest[1:]]
        elif k in ("PRINT-FUNCTION", "PRINT-OBJECT"):
            print_kind = cl(engine, "FUNCTION") if k == "PRINT-FUNCTION" else cl(engine, "PRINT-OBJECT")
            fn = rest[0] if rest else NIL
            print_fn = L(cl(engine, "FUNCTION"), fn)
        elif k in ("TYPE", "NAMED", "INITIAL-OFFSET"):
            errors.simple_error(f"DEFSTRUCT: the {k} option (list or vector structures) is not supported")
        else:
            errors.program_error(f"DEFSTRUCT: unknown option {show(opt)}")
    if default_constructor:
        constructors.append((_sym(engine, "MAKE-" + name.name), None))

    slots: list[_Slot] = []
    if parent is not NIL:
        pt = state(engine).structs.get(parent)
        if pt is None:
            errors.simple_error(f"DEFSTRUCT {name.name}: the included structure {show(parent)} is not defined")
        slots = [_Slot(s.name, s.initform, s.type, s.read_only) for s in pt.slots]
        for o in overrides:
            for i, s in enumerate(slots):
                if s.name.name == o.name.name:
                    slots[i] = o
    changed = list(own) + [o for o in overrides]
    for s in own:
        if any(x.name.name == s.name.name for x in slots):
            errors.simple_error(f"DEFSTRUCT {name.name}: duplicate slot name {s.name.name}")
        slots.append(s)

    q = lambda x: quote(engine, x)  # noqa: E731
    specs = from_list([L(s.name, s.initform, s.type, T if s.read_only else NIL) for s in changed])
    parts: list[Form] = [
        from_list([internal(engine, "%DEFSTRUCT"), q(name), q(parent), q(specs), conc, q(predicate or NIL),
                   q(copier or NIL), q(print_kind), print_fn]),
    ]
    for cname, boa in constructors:
        lam = _keyword_constructor(engine, name, slots) if boa is None else _boa_constructor(engine, name, slots, boa)
        parts.append(L(internal(engine, "%DEFUN"), q(cname), L(cl(engine, "FUNCTION"), lam)))
    parts.append(q(name))
    return from_list([cl(engine, "PROGN"), *parts])


def _var_for(engine: Any, slot: _Slot) -> Symbol:
    s = slot.name
    if s.constant or s.is_keyword or (s.package is not None and s.package.name == "COMMON-LISP"):
        return gensym(engine, s.name)
    return s


def _keyword_constructor(engine: Any, name: Symbol, slots: list[_Slot]) -> Form:
    keys: list[Form] = []
    vars_: list[Symbol] = []
    for slot in slots:
        var = _var_for(engine, slot)
        vars_.append(var)
        keys.append(L(L(kw(engine, slot.name.name), var), slot.initform))
    ll = from_list([cl(engine, "&KEY"), *keys])
    call = from_list([internal(engine, "%MAKE-STRUCT"), quote(engine, name), *vars_])
    return L(cl(engine, "LAMBDA"), ll, call)


def _boa_constructor(engine: Any, name: Symbol, slots: list[_Slot], boa: Form) -> Form:
    """A BOA constructor: slots named in the lambda list take those values; &optional / &key parameters
    without a default take the slot's initform; other slots their initforms."""
    by_name = {s.name.name: s for s in slots}
    bound: set[str] = set()
    out: list[Form] = []
    mode = "required"
    for item in to_list(boa, "BOA lambda list"):
        if isinstance(item, Symbol) and item.name in _LL_KEYWORDS:
            mode = item.name
            out.append(item)
            continue
        if mode in ("&OPTIONAL", "&KEY"):
            if isinstance(item, Symbol):
                var = item
                slot = by_name.get(var.name)
                out.append(L(var, slot.initform) if slot is not None else var)
            else:
                parts = to_list(item, "BOA parameter")
                var = parts[0].cdr.car if isinstance(parts[0], Cons) else parts[0]
                slot = by_name.get(var.name) if isinstance(var, Symbol) else None
                if len(parts) == 1 and slot is not None:
                    out.append(L(parts[0], slot.initform))
                else:
                    out.append(item)
        else:
            var = item if isinstance(item, Symbol) else to_list(item, "BOA parameter")[0]
            out.append(item)
        if isinstance(var, Symbol):
            bound.add(var.name)
    values: list[Form] = []
    for slot in slots:
        if slot.name.name in bound:
            values.append(next(_find_var(boa, slot.name.name)))
        else:
            values.append(slot.initform)
    call = from_list([internal(engine, "%MAKE-STRUCT"), quote(engine, name), *values])
    return L(cl(engine, "LAMBDA"), from_list(out), call)


def _find_var(boa: Form, name: str) -> Any:
    x = boa
    while isinstance(x, Cons):
        item = x.car
        if isinstance(item, Cons):
            item = item.car
            if isinstance(item, Cons):
                item = item.cdr.car
        if isinstance(item, Symbol) and item.name == name:
            yield item
        x = x.cdr
