# Condition macros (HANDLER-BIND, HANDLER-CASE with :NO-ERROR, IGNORE-ERRORS, ASSERT, CHECK-TYPE) and the
# string-stream macros (WITH-OUTPUT-TO-STRING, WITH-INPUT-FROM-STRING). HANDLER-BIND expands into the engine's
# primitive (CLYSM::%HANDLER-BIND (LIST 'type handler ...) (FUNCTION (LAMBDA () . body))); the rest are built on it.
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.registry import builtin
from clysm.eval.macros.registry import macro
from clysm.eval.macros.util import (
    Form,
    L,
    cl,
    from_list,
    gensym,
    internal,
    macro_args,
    named,
    parse_body,
    progn,
    quote,
    show,
    to_list,
)
from clysm.lisp.types import NIL, Cons


@macro("HANDLER-BIND")
def expand_handler_bind(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 1)
    handlers: list[Form] = []
    for binding in to_list(args[0], "HANDLER-BIND bindings"):
        parts = to_list(binding, "HANDLER-BIND binding")
        if len(parts) != 2:
            errors.program_error(f"malformed HANDLER-BIND binding: {show(binding)}")
        handlers += [quote(engine, parts[0]), parts[1]]
    thunk = L(cl(engine, "FUNCTION"), from_list([cl(engine, "LAMBDA"), NIL, *args[1:]]))
    return L(internal(engine, "%HANDLER-BIND"), from_list([cl(engine, "LIST"), *handlers]), thunk)


def _clause_parts(clause: Form) -> tuple[Form, Form, list[Form]]:
    parts = to_list(clause, "HANDLER-CASE clause")
    if len(parts) < 2:
        errors.program_error(f"malformed HANDLER-CASE clause: {show(clause)}")
    ll = parts[1]
    if ll is not NIL and not (isinstance(ll, Cons) and ll.cdr is NIL):
        if not named(parts[0], "NO-ERROR"):
            errors.program_error(f"HANDLER-CASE clause lambda list must have at most one variable: {show(clause)}")
    return parts[0], ll, parts[2:]


@macro("HANDLER-CASE")
def expand_handler_case(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 1)
    expression = args[0]
    clauses = [_clause_parts(c) for c in args[1:]]
    no_error = [c for c in clauses if c[0] is engine.intern("NO-ERROR", "KEYWORD")]
    clauses = [c for c in clauses if c[0] is not engine.intern("NO-ERROR", "KEYWORD")]
    if len(no_error) > 1:
        errors.program_error("HANDLER-CASE: more than one :NO-ERROR clause")
    if no_error:
        _type, ll, body = no_error[0]
        error_return, normal_return = gensym(engine, "ERROR-RETURN"), gensym(engine, "NORMAL-RETURN")
        inner = from_list(
            [cl(engine, "HANDLER-CASE"), L(cl(engine, "RETURN-FROM"), normal_return, expression),
             *[from_list([t, v, *b]) for t, v, b in clauses]]
        )
        fn = L(cl(engine, "FUNCTION"), from_list([cl(engine, "LAMBDA"), ll, *body]))
        return L(
            cl(engine, "BLOCK"),
            error_return,
            L(
                cl(engine, "MULTIPLE-VALUE-CALL"),
                fn,
                L(cl(engine, "BLOCK"), normal_return, L(cl(engine, "RETURN-FROM"), error_return, inner)),
            ),
        )
    if not clauses:
        return expression
    block = gensym(engine, "HANDLER-CASE")
    cvar = gensym(engine, "CONDITION")
    handlers: list[Form] = []
    tagged: list[Form] = []
    for type_spec, ll, body in clauses:
        tag = gensym(engine, "HANDLER")
        arg = gensym(engine, "C")
        if ll is NIL:
            handler = L(cl(engine, "LAMBDA"), L(arg), L(cl(engine, "DECLARE"), L(cl(engine, "IGNORE"), arg)),
                        L(cl(engine, "GO"), tag))
            clause_form = progn(engine, body)
        else:
            handler = L(cl(engine, "LAMBDA"), L(arg), L(cl(engine, "SETQ"), cvar, arg), L(cl(engine, "GO"), tag))
            clause_form = from_list([cl(engine, "LET"), L(L(ll.car, cvar)), *body])
        handlers.append(L(type_spec, L(cl(engine, "FUNCTION"), handler)))
        tagged += [tag, L(cl(engine, "RETURN-FROM"), block, clause_form)]
    bind = L(cl(engine, "HANDLER-BIND"), from_list(handlers), expression)
    tagbody = from_list([cl(engine, "TAGBODY"), L(cl(engine, "RETURN-FROM"), block, bind), *tagged])
    ignorable = L(cl(engine, "DECLARE"), L(cl(engine, "IGNORABLE"), cvar))
    return L(cl(engine, "BLOCK"), block, L(cl(engine, "LET"), L(L(cvar, NIL)), ignorable, tagbody))


@macro("IGNORE-ERRORS")
def expand_ignore_errors(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 0)
    c = gensym(engine, "CONDITION")
    clause = L(cl(engine, "ERROR"), L(c), L(cl(engine, "VALUES"), NIL, c))
    return L(cl(engine, "HANDLER-CASE"), from_list([cl(engine, "PROGN"), *args]), clause)


@macro("ASSERT")
def expand_assert(engine: Any, form: Form, env: Any) -> Form:
    """ASSERT without the CONTINUE restart: signals the error when the test fails (places are not offered)."""
    args = macro_args(form, 1)
    test = args[0]
    if len(args) > 2:
        signal = from_list([cl(engine, "ERROR"), *args[2:]])
    else:
        signal = L(cl(engine, "ERROR"), "The assertion ~S failed.", quote(engine, test))
    return L(cl(engine, "IF"), test, NIL, signal)


@macro("CHECK-TYPE")
def expand_check_type(engine: Any, form: Form, env: Any) -> Form:
    """CHECK-TYPE without the STORE-VALUE restart: signals SIMPLE-TYPE-ERROR as SBCL words it."""
    args = macro_args(form, 2, 3)
    place, type_spec = args[0], args[1]
    value = gensym(engine, "VALUE")
    fail = [internal(engine, "%CHECK-TYPE-ERROR"), quote(engine, place), value, quote(engine, type_spec)]
    if len(args) == 3:
        fail.append(args[2])
    test = L(cl(engine, "TYPEP"), value, quote(engine, type_spec))
    return L(cl(engine, "LET"), L(L(value, place)), L(cl(engine, "IF"), test, NIL, from_list(fail)))


@builtin("%CHECK-TYPE-ERROR", package="CLYSM")
def check_type_error(place: Any, value: Any, type_spec: Any, description: Any = None) -> Any:
    """Signal CHECK-TYPE's SIMPLE-TYPE-ERROR: 'The value of X is 1, which is not of type STRING.'"""
    what = description if isinstance(description, str) else f"of type {show(type_spec)}"
    message = f"The value of {show(place)} is {show(value)}, which is not {what}."
    errors.signal_error("SIMPLE-TYPE-ERROR", message, DATUM=value, EXPECTED_TYPE=type_spec)


# ---------------------------------------------------------------------------------------------- string streams

@macro("WITH-OUTPUT-TO-STRING")
def expand_with_output_to_string(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 1)
    spec = to_list(args[0], "WITH-OUTPUT-TO-STRING spec")
    if not spec:
        errors.program_error(f"malformed WITH-OUTPUT-TO-STRING: {show(form)}")
    var = spec[0]
    decls, _, body = parse_body(engine, args[1:])
    if len(spec) > 1 and spec[1] is not NIL:
        errors.program_error("WITH-OUTPUT-TO-STRING into an existing string is not supported")
    make = L(cl(engine, "MAKE-STRING-OUTPUT-STREAM"))
    return from_list([cl(engine, "LET"), L(L(var, make)), *decls, *body,
                      L(cl(engine, "GET-OUTPUT-STREAM-STRING"), var)])


@macro("WITH-INPUT-FROM-STRING")
def expand_with_input_from_string(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 1)
    spec = to_list(args[0], "WITH-INPUT-FROM-STRING spec")
    if len(spec) < 2:
        errors.program_error(f"malformed WITH-INPUT-FROM-STRING: {show(form)}")
    var, string = spec[0], spec[1]
    options: dict[str, Form] = {}
    rest = spec[2:]
    if len(rest) % 2:
        errors.program_error(f"malformed WITH-INPUT-FROM-STRING options: {show(args[0])}")
    for i in range(0, len(rest), 2):
        if not named(rest[i], "INDEX", "START", "END"):
            errors.program_error(f"unknown WITH-INPUT-FROM-STRING option {show(rest[i])}")
        options[rest[i].name] = rest[i + 1]
    decls, _, body = parse_body(engine, args[1:])
    make = from_list([cl(engine, "MAKE-STRING-INPUT-STREAM"), string, options.get("START", 0),
                      options.get("END", NIL)])
    if "INDEX" in options:
        update = L(cl(engine, "SETF"), options["INDEX"], L(cl(engine, "FILE-POSITION"), var))
        inner = L(cl(engine, "MULTIPLE-VALUE-PROG1"), progn(engine, body), update)
        return from_list([cl(engine, "LET"), L(L(var, make)), *decls, inner])
    return from_list([cl(engine, "LET"), L(L(var, make)), *decls, *body])
