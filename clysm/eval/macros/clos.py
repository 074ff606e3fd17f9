# CLOS macros: DEFCLASS, DEFGENERIC, DEFMETHOD, WITH-SLOTS, WITH-ACCESSORS, PRINT-UNREADABLE-OBJECT. They expand
# into the installers of clysm.eval.instances (%DEFCLASS) and clysm.eval.generic (%DEFGENERIC, %DEFMETHOD; a
# method is a function of (next args . lambda-list) with local CALL-NEXT-METHOD and NEXT-METHOD-P).
from __future__ import annotations

from typing import Any

from clysm.eval import clos, errors, generic, instances, structs  # noqa: F401  (registers their built-ins)
from clysm.eval.macros.definitions import function_block_name
from clysm.eval.macros.registry import macro
from clysm.eval.macros.util import (
    Form,
    L,
    cl,
    from_list,
    gensym,
    internal,
    macro_args,
    parse_body,
    quote,
    show,
    to_list,
    tree_has_symbol_named,
)
from clysm.lisp.types import NIL, Cons, Symbol

_LL_KEYWORDS = ("&OPTIONAL", "&REST", "&KEY", "&AUX", "&ALLOW-OTHER-KEYS", "&BODY", "&WHOLE", "&ENVIRONMENT")


def _thunk(engine: Any, form: Form) -> Form:
    return L(cl(engine, "FUNCTION"), L(cl(engine, "LAMBDA"), NIL, form))


@macro("DEFCLASS")
def expand_defclass(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 3)
    name, supers, slot_list = args[0], args[1], args[2]
    if not isinstance(name, Symbol) or name is NIL:
        errors.program_error(f"DEFCLASS: {show(name)} is not a valid class name")
    setf = cl(engine, "SETF")
    specs: list[Form] = []
    for spec in to_list(slot_list, "DEFCLASS slot list"):
        if isinstance(spec, Symbol):
            spec = L(spec)
        items = to_list(spec, "DEFCLASS slot")
        sname = items[0]
        initargs: list[Form] = []
        readers: list[Form] = []
        writers: list[Form] = []
        initfn: Form = NIL
        allocation = engine.keyword("INSTANCE")
        opts = items[1:]
        if len(opts) % 2:
            errors.program_error(f"DEFCLASS: malformed slot specification {show(spec)}")
        for key, value in zip(opts[::2], opts[1::2], strict=True):
            k = key.name if isinstance(key, Symbol) else ""
            if k == "INITARG":
                initargs.append(value)
            elif k == "INITFORM":
                initfn = _thunk(engine, value)
            elif k == "ACCESSOR":
                readers.append(value)
                writers.append(L(setf, value))
            elif k == "READER":
                readers.append(value)
            elif k == "WRITER":
                writers.append(value)
            elif k == "ALLOCATION":
                allocation = value
        q = lambda x: quote(engine, x)  # noqa: E731
        specs.append(L(cl(engine, "LIST"), q(sname), q(from_list(initargs)), initfn, q(from_list(readers)),
                       q(from_list(writers)), q(allocation)))
    defaults: list[Form] = []
    for opt in args[3:]:
        if isinstance(opt, Cons) and isinstance(opt.car, Symbol) and opt.car.name == "DEFAULT-INITARGS":
            items = to_list(opt.cdr, "DEFAULT-INITARGS")
            for key, value in zip(items[::2], items[1::2], strict=False):
                defaults.extend([key, _thunk(engine, value)])
    return L(internal(engine, "%DEFCLASS"), quote(engine, name), quote(engine, supers),
             from_list([cl(engine, "LIST"), *specs]), from_list([cl(engine, "LIST"), *defaults]))


def _method_parts(engine: Any, items: list[Form]) -> tuple[list[Form], Form, list[Form]]:
    """(qualifiers, specialized lambda list, body) of DEFMETHOD's arguments after the name."""
    quals: list[Form] = []
    i = 0
    while i < len(items) and not isinstance(items[i], Cons) and items[i] is not NIL:
        quals.append(items[i])
        i += 1
    if i >= len(items):
        errors.program_error("DEFMETHOD: missing lambda list")
    return quals, items[i], items[i + 1:]


def method_lambda(engine: Any, name: Form, ll: Form, body: list[Form]) -> tuple[Form, list[Form]]:
    """(FUNCTION (LAMBDA (next args . plain-ll) ...)) and the specializer forms of a method."""
    plain: list[Form] = []
    specs: list[Form] = []
    required = True
    has_key = has_aok = False
    for item in to_list(ll, "specialized lambda list"):
        if isinstance(item, Symbol) and item.name in _LL_KEYWORDS:
            required = False
            has_key = has_key or item.name == "&KEY"
            has_aok = has_aok or item.name == "&ALLOW-OTHER-KEYS"
            plain.append(item)
            continue
        if required:
            if isinstance(item, Cons):
                var, spec = item.car, item.cdr.car if isinstance(item.cdr, Cons) else cl(engine, "T")
            else:
                var, spec = item, cl(engine, "T")
            plain.append(var)
            if isinstance(spec, Cons) and isinstance(spec.car, Symbol) and spec.car.name == "EQL":
                specs.append(L(cl(engine, "LIST"), quote(engine, spec.car), spec.cdr.car))
            else:
                specs.append(quote(engine, spec))
        else:
            plain.append(item)
    if has_key and not has_aok:
        plain.append(cl(engine, "&ALLOW-OTHER-KEYS"))
    nxt, args = gensym(engine, "NEXT"), gensym(engine, "ARGS")
    decls, _doc, forms = parse_body(engine, body, doc_allowed=True)
    required_vars = [v for v in plain[: len(specs)]]
    ignorable = L(cl(engine, "DECLARE"), from_list([cl(engine, "IGNORABLE"), nxt, args, *required_vars]))
    inner: Form = from_list([cl(engine, "BLOCK"), function_block_name(engine, name), *forms])
    uses_cnm = any(tree_has_symbol_named(f, "CALL-NEXT-METHOD") for f in forms)
    uses_nmp = any(tree_has_symbol_named(f, "NEXT-METHOD-P") for f in forms)
    local: list[Form] = []
    if uses_cnm:
        rest = gensym(engine, "CNM-ARGS")
        local.append(L(cl(engine, "CALL-NEXT-METHOD"), L(cl(engine, "&REST"), rest),
                       L(internal(engine, "%CALL-NEXT"), nxt, args, rest)))
    if uses_nmp:
        local.append(L(cl(engine, "NEXT-METHOD-P"), NIL, L(internal(engine, "%NEXT-METHOD-P"), nxt)))
    if local:
        inner = L(cl(engine, "FLET"), from_list(local), inner)
    lam = from_list([cl(engine, "LAMBDA"), from_list([nxt, args, *plain]), ignorable, *decls, inner])
    return L(cl(engine, "FUNCTION"), lam), specs


def _defmethod_form(engine: Any, name: Form, items: list[Form]) -> Form:
    quals, ll, body = _method_parts(engine, items)
    fn, specs = method_lambda(engine, name, ll, body)
    return L(internal(engine, "%DEFMETHOD"), quote(engine, name), quote(engine, from_list(quals)),
             from_list([cl(engine, "LIST"), *specs]), fn)


@macro("DEFMETHOD")
def expand_defmethod(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 2)
    function_block_name(engine, args[0])
    return _defmethod_form(engine, args[0], args[1:])


@macro("DEFGENERIC")
def expand_defgeneric(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 2)
    name, ll = args[0], args[1]
    function_block_name(engine, name)
    parts: list[Form] = [L(internal(engine, "%DEFGENERIC"), quote(engine, name), quote(engine, ll))]
    for opt in args[2:]:
        if isinstance(opt, Cons) and isinstance(opt.car, Symbol) and opt.car.name == "METHOD":
            parts.append(_defmethod_form(engine, name, to_list(opt.cdr, "DEFGENERIC :METHOD")))
        elif isinstance(opt, Cons) and opt.car is engine.keyword("DOCUMENTATION") and isinstance(name, Symbol) \
                and isinstance(opt.cdr, Cons) and isinstance(opt.cdr.car, str):
            parts.insert(1, L(internal(engine, "%SET-DOCUMENTATION"), quote(engine, name),
                              quote(engine, cl(engine, "FUNCTION")), opt.cdr.car))
    parts.append(L(cl(engine, "FUNCTION"), name))
    return from_list([cl(engine, "PROGN"), *parts])


def _symbol_macrolet(engine: Any, obj: Form, bindings: list[Form], body: list[Form]) -> Form:
    decls, _doc, forms = parse_body(engine, body)
    return L(cl(engine, "SYMBOL-MACROLET"), from_list(bindings), *decls, *forms)


@macro("WITH-SLOTS")
def expand_with_slots(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 2)
    obj = gensym(engine, "OBJ")
    bindings: list[Form] = []
    for entry in to_list(args[0], "WITH-SLOTS slots"):
        var, slot = (entry, entry) if isinstance(entry, Symbol) else (entry.car, entry.cdr.car)
        bindings.append(L(var, L(cl(engine, "SLOT-VALUE"), obj, quote(engine, slot))))
    return L(cl(engine, "LET"), L(L(obj, args[1])), _symbol_macrolet(engine, obj, bindings, args[2:]))


@macro("WITH-ACCESSORS")
def expand_with_accessors(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 2)
    obj = gensym(engine, "OBJ")
    bindings: list[Form] = []
    for entry in to_list(args[0], "WITH-ACCESSORS entries"):
        parts = to_list(entry, "WITH-ACCESSORS entry")
        if len(parts) != 2:
            errors.program_error(f"WITH-ACCESSORS: malformed entry {show(entry)}")
        bindings.append(L(parts[0], L(parts[1], obj)))
    return L(cl(engine, "LET"), L(L(obj, args[1])), _symbol_macrolet(engine, obj, bindings, args[2:]))


@macro("PRINT-UNREADABLE-OBJECT")
def expand_print_unreadable_object(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 1)
    spec = to_list(args[0], "PRINT-UNREADABLE-OBJECT spec")
    if len(spec) < 2:
        errors.program_error("PRINT-UNREADABLE-OBJECT: expected (object stream &key type identity)")
    obj, stream = spec[0], spec[1]
    keys = spec[2:]
    opts = {k.name: v for k, v in zip(keys[::2], keys[1::2], strict=False) if isinstance(k, Symbol)}
    body = args[1:]
    thunk: Form = NIL
    if body:
        thunk = L(cl(engine, "FUNCTION"), from_list([cl(engine, "LAMBDA"), NIL, *body]))
    return L(internal(engine, "%PRINT-UNREADABLE"), obj, stream, opts.get("TYPE", NIL), opts.get("IDENTITY", NIL),
             thunk)
