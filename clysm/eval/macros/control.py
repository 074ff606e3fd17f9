# Control-flow macros: COND, WHEN, UNLESS, AND, OR, the CASE and TYPECASE families, PROG1, PROG2, RETURN,
# and the multiple-value macros (MULTIPLE-VALUE-BIND, MULTIPLE-VALUE-LIST, NTH-VALUE).
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
    is_variable,
    macro_args,
    progn,
    quote,
    show,
    to_list,
)
from clysm.lisp.types import NIL, Cons, Symbol, T


@macro("WHEN")
def expand_when(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 1)
    return L(cl(engine, "IF"), args[0], progn(engine, args[1:]), NIL)


@macro("UNLESS")
def expand_unless(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 1)
    return L(cl(engine, "IF"), args[0], NIL, progn(engine, args[1:]))


@macro("AND")
def expand_and(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 0)
    if not args:
        return T
    result = args[-1]
    for test in reversed(args[:-1]):
        result = L(cl(engine, "IF"), test, result, NIL)
    return result


@macro("OR")
def expand_or(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 0)
    if not args:
        return NIL
    result = args[-1]
    for test in reversed(args[:-1]):
        g = gensym(engine, "OR")
        result = L(cl(engine, "LET"), L(L(g, test)), L(cl(engine, "IF"), g, g, result))
    return result


@macro("COND")
def expand_cond(engine: Any, form: Form, env: Any) -> Form:
    clauses = macro_args(form, 0)
    result: Form = NIL
    for clause in reversed(clauses):
        if not isinstance(clause, Cons):
            errors.program_error(f"COND clause is not a list: {show(clause)}")
        test = clause.car
        body = to_list(clause.cdr, "COND clause")
        if body:
            if test is T:
                result = progn(engine, body)
            else:
                result = L(cl(engine, "IF"), test, progn(engine, body), result)
        elif result is NIL:
            result = L(cl(engine, "VALUES"), test)
        else:
            result = L(cl(engine, "OR"), test, result)
    return result


@macro("PROG1")
def expand_prog1(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 1)
    g = gensym(engine, "PROG1")
    return from_list([cl(engine, "LET"), L(L(g, args[0])), *args[1:], g])


@macro("PROG2")
def expand_prog2(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 2)
    return L(cl(engine, "PROGN"), args[0], from_list([cl(engine, "PROG1"), *args[1:]]))


@macro("RETURN")
def expand_return(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 0, 1)
    return L(cl(engine, "RETURN-FROM"), NIL, args[0] if args else NIL)


# ---------------------------------------------------------------------------------------------- CASE family

def _case_keys(engine: Any, keys: Form) -> list[Form]:
    return to_list(keys, "CASE keys") if isinstance(keys, Cons) or keys is NIL else [keys]


def _key_test(engine: Any, var: Symbol, keys: list[Form]) -> Form:
    if len(keys) == 1:
        return L(cl(engine, "EQL"), var, quote(engine, keys[0]))
    if len(keys) <= 4:
        return from_list([cl(engine, "OR"), *[L(cl(engine, "EQL"), var, quote(engine, k)) for k in keys]])
    return L(cl(engine, "MEMBER"), var, quote(engine, from_list(keys)))


def _failure(engine: Any, var: Symbol, keys: list[Form], kind: str) -> Form:
    return L(internal(engine, "%CASE-FAILURE"), var, quote(engine, from_list(keys)), quote(engine, cl(engine, kind)))


def _expand_case(engine: Any, form: Form, kind: str) -> Form:
    args = macro_args(form, 1)
    var = gensym(engine, "KEY")
    clauses = args[1:]
    all_keys: list[Form] = []
    result: Form = NIL
    branches: list[tuple[Form, Form]] = []  # (test or None for the default clause, body form)
    for i, clause in enumerate(clauses):
        if not isinstance(clause, Cons):
            errors.program_error(f"{kind} clause is not a list: {show(clause)}")
        body = progn(engine, to_list(clause.cdr, f"{kind} clause"))
        keys = clause.car
        is_last = i == len(clauses) - 1
        if kind == "CASE" and (keys is T or keys is cl(engine, "OTHERWISE")):
            if not is_last:
                errors.program_error(f"{show(keys)} clause is not the last in CASE: {show(form)}")
            branches.append((None, body))
            continue
        key_list = _case_keys(engine, keys)
        all_keys.extend(key_list)
        if key_list:
            branches.append((_key_test(engine, var, key_list), body))
    if kind != "CASE":
        result = _failure(engine, var, all_keys, kind)
    for test, body in reversed(branches):
        result = body if test is None else L(cl(engine, "IF"), test, body, result)
    return L(cl(engine, "LET"), L(L(var, args[0])), result)


@macro("CASE")
def expand_case(engine: Any, form: Form, env: Any) -> Form:
    return _expand_case(engine, form, "CASE")


@macro("ECASE")
def expand_ecase(engine: Any, form: Form, env: Any) -> Form:
    return _expand_case(engine, form, "ECASE")


@macro("CCASE")
def expand_ccase(engine: Any, form: Form, env: Any) -> Form:
    """CCASE without the STORE-VALUE restart: behaves as ECASE (signals the same error)."""
    return _expand_case(engine, form, "CCASE")


def _expand_typecase(engine: Any, form: Form, kind: str) -> Form:
    args = macro_args(form, 1)
    var = gensym(engine, "KEY")
    clauses = args[1:]
    types: list[Form] = []
    branches: list[tuple[Form, Form]] = []
    for i, clause in enumerate(clauses):
        if not isinstance(clause, Cons):
            errors.program_error(f"{kind} clause is not a list: {show(clause)}")
        body = progn(engine, to_list(clause.cdr, f"{kind} clause"))
        type_spec = clause.car
        if kind == "TYPECASE" and type_spec is cl(engine, "OTHERWISE"):
            if i != len(clauses) - 1:
                errors.program_error(f"OTHERWISE clause is not the last in TYPECASE: {show(form)}")
            branches.append((None, body))
            continue
        types.append(type_spec)
        branches.append((L(cl(engine, "TYPEP"), var, quote(engine, type_spec)), body))
    result: Form = NIL
    if kind != "TYPECASE":
        result = _failure(engine, var, types, kind)
    for test, body in reversed(branches):
        result = body if test is None else L(cl(engine, "IF"), test, body, result)
    return L(cl(engine, "LET"), L(L(var, args[0])), result)


@macro("TYPECASE")
def expand_typecase(engine: Any, form: Form, env: Any) -> Form:
    return _expand_typecase(engine, form, "TYPECASE")


@macro("ETYPECASE")
def expand_etypecase(engine: Any, form: Form, env: Any) -> Form:
    return _expand_typecase(engine, form, "ETYPECASE")


@macro("CTYPECASE")
def expand_ctypecase(engine: Any, form: Form, env: Any) -> Form:
    """CTYPECASE without the STORE-VALUE restart: behaves as ETYPECASE."""
    return _expand_typecase(engine, form, "CTYPECASE")


@builtin("%CASE-FAILURE", package="CLYSM", engine=True)
def case_failure(engine: Any, datum: Any, keys: Any, kind: Any) -> Any:
    """Signal the TYPE-ERROR of an ECASE/ETYPECASE (and C-) that no clause matched, in SBCL's words."""
    name = kind.name if isinstance(kind, Symbol) else str(kind)
    wanted = show(keys)
    expected = Cons(cl(engine, "OR" if name.endswith("TYPECASE") else "MEMBER"), keys)
    errors.signal_error(
        "TYPE-ERROR",
        f"{show(datum)} fell through {name} expression. Wanted one of {wanted}.",
        DATUM=datum,
        EXPECTED_TYPE=expected,
    )


# ---------------------------------------------------------------------------------------------- multiple values

def _mv_lambda(engine: Any, vars_: list[Form], body: list[Form]) -> Form:
    """(LAMBDA (&OPTIONAL v... &REST ignore) (DECLARE (IGNORE ignore)) . body)"""
    rest = gensym(engine, "REST")
    ll = from_list([cl(engine, "&OPTIONAL"), *vars_, cl(engine, "&REST"), rest])
    decl = L(cl(engine, "DECLARE"), L(cl(engine, "IGNORE"), rest))
    return from_list([cl(engine, "LAMBDA"), ll, decl, *body])


@macro("MULTIPLE-VALUE-BIND")
def expand_multiple_value_bind(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 2)
    vars_ = to_list(args[0], "MULTIPLE-VALUE-BIND variable list")
    for v in vars_:
        if not is_variable(engine, v):
            errors.program_error(f"MULTIPLE-VALUE-BIND: {show(v)} is not a variable name")
    fn = L(cl(engine, "FUNCTION"), _mv_lambda(engine, vars_, args[2:]))
    return L(cl(engine, "MULTIPLE-VALUE-CALL"), fn, args[1])


@macro("MULTIPLE-VALUE-LIST")
def expand_multiple_value_list(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 1, 1)
    return L(cl(engine, "MULTIPLE-VALUE-CALL"), L(cl(engine, "FUNCTION"), cl(engine, "LIST")), args[0])


@macro("NTH-VALUE")
def expand_nth_value(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 2, 2)
    return L(cl(engine, "NTH"), args[0], L(cl(engine, "MULTIPLE-VALUE-LIST"), args[1]))
