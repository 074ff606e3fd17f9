# Restart macros: RESTART-CASE (a TAGBODY whose restart functions store their arguments and GO to the clause,
# around CLYSM::%WITH-RESTARTS) and WITH-SIMPLE-RESTART. The functions are in clysm.eval.restarts.
from __future__ import annotations

from typing import Any

from clysm.eval import errors, restarts  # noqa: F401  (registers the restart built-ins)
from clysm.eval.macros.registry import macro
from clysm.eval.macros.util import Form, L, cl, from_list, gensym, internal, macro_args, quote, show, to_list
from clysm.lisp.types import NIL, Cons, Symbol


def _clause(engine: Any, clause: Form) -> tuple[Form, Form, Form, Form, Form, list[Form]]:
    """(name lambda-list report interactive test body) of a RESTART-CASE clause."""
    items = to_list(clause, "RESTART-CASE clause")
    if len(items) < 2 or not isinstance(items[0], Symbol):
        errors.program_error(f"RESTART-CASE: malformed clause {show(clause)}")
    name, ll, rest = items[0], items[1], items[2:]
    report: Form = NIL
    interactive: Form = NIL
    test: Form = NIL
    while len(rest) >= 2 and isinstance(rest[0], Symbol) and rest[0].is_keyword and \
            rest[0].name in ("REPORT", "INTERACTIVE", "TEST"):
        key, value = rest[0].name, rest[1]
        rest = rest[2:]
        if key == "REPORT":
            report = value if isinstance(value, str) else L(cl(engine, "FUNCTION"), value)
        elif key == "INTERACTIVE":
            interactive = L(cl(engine, "FUNCTION"), value)
        else:
            test = L(cl(engine, "FUNCTION"), value)
    return name, ll, report, interactive, test, rest


@macro("RESTART-CASE")
def expand_restart_case(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 1)
    body_form, clauses = args[0], [_clause(engine, c) for c in args[1:]]
    block = gensym(engine, "RESTART-BLOCK")
    argvar = gensym(engine, "RESTART-ARGS")
    fn = lambda x: L(cl(engine, "FUNCTION"), x)  # noqa: E731
    makers: list[Form] = []
    tagged: list[Form] = []
    for name, ll, report, interactive, test, body in clauses:
        tag = gensym(engine, "RESTART-TAG")
        rest = gensym(engine, "ARGS")
        transfer = fn(L(cl(engine, "LAMBDA"), L(cl(engine, "&REST"), rest),
                        L(cl(engine, "SETQ"), argvar, rest), L(cl(engine, "GO"), tag)))
        makers.append(L(internal(engine, "%MAKE-RESTART"), quote(engine, name), transfer, report, interactive, test))
        handler = fn(from_list([cl(engine, "LAMBDA"), ll, *body]))
        tagged.extend([tag, L(cl(engine, "RETURN-FROM"), block, L(cl(engine, "APPLY"), handler, argvar))])
    thunk = fn(L(cl(engine, "LAMBDA"), NIL, body_form))
    establish = L(internal(engine, "%WITH-RESTARTS"), from_list([cl(engine, "LIST"), *makers]), thunk)
    tagbody = from_list([cl(engine, "TAGBODY"), L(cl(engine, "RETURN-FROM"), block, establish), *tagged])
    return L(cl(engine, "BLOCK"), block, L(cl(engine, "LET"), L(L(argvar, NIL)), tagbody))


@macro("WITH-SIMPLE-RESTART")
def expand_with_simple_restart(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 1)
    spec = to_list(args[0], "WITH-SIMPLE-RESTART spec")
    if not spec:
        errors.program_error("WITH-SIMPLE-RESTART: missing restart name")
    name, fmt = spec[0], spec[1:]
    stream = gensym(engine, "STREAM")
    report = L(cl(engine, "LAMBDA"), L(stream), from_list([cl(engine, "FORMAT"), stream, *fmt]))
    clause = L(name, NIL, engine.keyword("REPORT"), report, L(cl(engine, "VALUES"), NIL, cl(engine, "T")))
    return L(cl(engine, "RESTART-CASE"), progn_of(engine, args[1:]), clause)


def progn_of(engine: Any, forms: list[Form]) -> Form:
    return from_list([cl(engine, "PROGN"), *forms]) if len(forms) != 1 else forms[0]


__all__ = ["Cons"]
