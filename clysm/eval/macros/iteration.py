# Iteration macros: DO, DO*, DOLIST, DOTIMES, PROG, PROG* (expanded into BLOCK NIL + LET + TAGBODY + GO).
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.macros.registry import macro
from clysm.eval.macros.util import (
    Form,
    L,
    cl,
    from_list,
    gensym,
    is_variable,
    macro_args,
    parse_body,
    progn,
    show,
    to_list,
)
from clysm.lisp.types import NIL, Cons, Symbol


def has_tags(body: list[Form]) -> bool:
    """True if a TAGBODY body holds go tags (symbols or integers), so it must stay a TAGBODY."""
    return any(isinstance(x, (Symbol, int)) for x in body)


def tagbody_forms(engine: Any, body: list[Form]) -> list[Form]:
    """A body with implicit TAGBODY semantics, as forms to splice: wrapped in TAGBODY only if it has tags."""
    if has_tags(body):
        return [Cons(cl(engine, "TAGBODY"), from_list(body))]
    return list(body)


def _expand_do(engine: Any, form: Form, sequential: bool) -> Form:
    name = "DO*" if sequential else "DO"
    args = macro_args(form, 2)
    bindings: list[Form] = []
    steps: list[Form] = []
    for spec in to_list(args[0], f"{name} variable list"):
        if isinstance(spec, Symbol):
            var, init, step = spec, NIL, None
        else:
            parts = to_list(spec, f"{name} variable spec")
            if not parts or len(parts) > 3:
                errors.program_error(f"malformed {name} variable spec: {show(spec)}")
            var = parts[0]
            init = parts[1] if len(parts) > 1 else NIL
            step = parts[2] if len(parts) > 2 else None
        if not is_variable(engine, var):
            errors.program_error(f"{name}: {show(var)} is not a variable name")
        bindings.append(L(var, init))
        if step is not None:
            steps.extend([var, step])
    end = args[1]
    if not isinstance(end, Cons):
        errors.program_error(f"malformed {name} end clause: {show(end)}")
    end_test = end.car
    results = to_list(end.cdr, f"{name} end clause")
    decls, _, body = parse_body(engine, args[2:])
    top = gensym(engine, "LOOP")
    exit_form = L(cl(engine, "RETURN-FROM"), NIL, progn(engine, results))
    loop: list[Form] = [top]
    if end_test is not NIL:
        loop.append(L(cl(engine, "IF"), end_test, exit_form))
    loop.extend(body)
    if steps:
        setter = "SETQ" if sequential or len(steps) == 2 else "PSETQ"
        loop.append(from_list([cl(engine, setter), *steps]))
    loop.append(L(cl(engine, "GO"), top))
    let = cl(engine, "LET*" if sequential else "LET")
    tagbody = Cons(cl(engine, "TAGBODY"), from_list(loop))
    return L(cl(engine, "BLOCK"), NIL, from_list([let, from_list(bindings), *decls, tagbody]))


@macro("DO")
def expand_do(engine: Any, form: Form, env: Any) -> Form:
    return _expand_do(engine, form, False)


@macro("DO*")
def expand_do_star(engine: Any, form: Form, env: Any) -> Form:
    return _expand_do(engine, form, True)


def _var_spec(engine: Any, form: Form, name: str, lo: int, hi: int) -> list[Form]:
    args = macro_args(form, 1)
    spec = to_list(args[0], f"{name} variable spec")
    if not lo <= len(spec) <= hi or not is_variable(engine, spec[0]):
        errors.program_error(f"malformed {name} variable spec: {show(args[0])}")
    return spec


@macro("DOLIST")
def expand_dolist(engine: Any, form: Form, env: Any) -> Form:
    spec = _var_spec(engine, form, "DOLIST", 2, 3)
    var, list_form = spec[0], spec[1]
    decls, _, body = parse_body(engine, to_list(form.cdr.cdr))
    lst = gensym(engine, "LIST")
    start = gensym(engine, "START")
    element = from_list(
        [
            cl(engine, "LET"),
            L(L(var, L(cl(engine, "CAR"), lst))),
            *decls,
            L(cl(engine, "SETQ"), lst, L(cl(engine, "CDR"), lst)),
            *tagbody_forms(engine, body),
        ]
    )
    loop = L(
        cl(engine, "TAGBODY"),
        start,
        L(
            cl(engine, "IF"),
            L(cl(engine, "ENDP"), lst),
            NIL,
            L(cl(engine, "PROGN"), element, L(cl(engine, "GO"), start)),
        ),
    )
    parts = [cl(engine, "BLOCK"), NIL, L(cl(engine, "LET"), L(L(lst, list_form)), loop)]
    if len(spec) == 3:
        ignorable = L(cl(engine, "DECLARE"), L(cl(engine, "IGNORABLE"), var))
        parts.append(L(cl(engine, "LET"), L(L(var, NIL)), ignorable, spec[2]))
    return from_list(parts)


@macro("DOTIMES")
def expand_dotimes(engine: Any, form: Form, env: Any) -> Form:
    spec = _var_spec(engine, form, "DOTIMES", 2, 3)
    var, count = spec[0], spec[1]
    decls, _, body = parse_body(engine, to_list(form.cdr.cdr))
    top = gensym(engine, "LOOP")
    if isinstance(count, int):
        limit: Form = count
        bindings = L(L(var, 0))
    else:
        limit = gensym(engine, "COUNT")
        bindings = L(L(limit, count), L(var, 0))
    result = spec[2] if len(spec) == 3 else NIL
    loop = from_list(
        [
            cl(engine, "TAGBODY"),
            top,
            L(cl(engine, "IF"), L(cl(engine, ">="), var, limit), L(cl(engine, "RETURN-FROM"), NIL, result)),
            *body,
            L(cl(engine, "SETQ"), var, L(cl(engine, "1+"), var)),
            L(cl(engine, "GO"), top),
        ]
    )
    return L(cl(engine, "BLOCK"), NIL, from_list([cl(engine, "LET"), bindings, *decls, loop]))


def _expand_prog(engine: Any, form: Form, sequential: bool) -> Form:
    args = macro_args(form, 1)
    decls, _, body = parse_body(engine, args[1:])
    let = cl(engine, "LET*" if sequential else "LET")
    tagbody = Cons(cl(engine, "TAGBODY"), from_list(body))
    return L(cl(engine, "BLOCK"), NIL, from_list([let, args[0], *decls, tagbody]))


@macro("PROG")
def expand_prog(engine: Any, form: Form, env: Any) -> Form:
    return _expand_prog(engine, form, False)


@macro("PROG*")
def expand_prog_star(engine: Any, form: Form, env: Any) -> Form:
    return _expand_prog(engine, form, True)

