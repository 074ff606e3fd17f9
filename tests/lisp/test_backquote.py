# Backquote is expanded at read time into calls of COMMON-LISP functions. These tests evaluate the expansions with
# a tiny evaluator (QUOTE, LIST, LIST*, APPEND, CONS, APPLY #'VECTOR and variables) and compare with SBCL, including
# nested backquotes evaluated several times. Expected values come from SBCL (re-checked by the `sbcl` test).
from __future__ import annotations

from typing import Any

import pytest

from clysm.lisp.printer import prin1_to_string
from clysm.lisp.types import NIL, Cons, LispVector, Symbol, T, iter_list, lisp_list

from .conftest import World
from .sbcl_oracle import have_sbcl, sbcl_eval

BACKQUOTE_CASES: list[tuple[str, int, str]] = [
    ("`(a ,x ,@x ,y)", 1, "(A (1 2) 1 2 3)"),
    ("`(,@x . ,y)", 1, "(1 2 . 3)"),
    ("`(a . ,y)", 1, "(A . 3)"),
    ("`#(a ,y ,@x)", 1, "#(A 3 1 2)"),
    ("`(1 ,@x 2)", 1, "(1 1 2 2)"),
    ("`((,y) (,@x))", 1, "((3) (1 2))"),
    ("``(a ,,y)", 2, "(A 3)"),
    ("``(a ,',x)", 2, "(A (1 2))"),
    ("``(a ,@,z)", 2, "(A 1 2)"),
    ("``(a ,,@w)", 2, "(A P Q)"),
    ("`',x", 1, "'(1 2)"),
    ("`(a #(b ,y) c)", 1, "(A #(B 3) C)"),
    ("``(,,y ,y)", 2, "(3 3)"),
    ("`(,@x ,@x)", 1, "(1 2 1 2)"),
    ("`nil", 1, "NIL"),
    ("`5", 1, "5"),
    ('`"s"', 1, '"s"'),
    ("`:k", 1, ":K"),
    ("`(a (b (c ,y)))", 1, "(A (B (C 3)))"),
    ("`(,y . ,y)", 1, "(3 . 3)"),
    ("`(,x . ,x)", 1, "((1 2) 1 2)"),
    ("`#(,@x)", 1, "#(1 2)"),
    ("```(,,,y)", 3, "(3)"),
    ("`(a b)", 1, "(A B)"),
    ("`#(a b)", 1, "#(A B)"),
    ("`(,@x)", 1, "(1 2)"),
    ("`(,@nil a)", 1, "(A)"),
    ("`(a ,@nil)", 1, "(A)"),
    ("`(a ,.x b)", 1, "(A 1 2 B)"),
    ("``(a ,,@w b)", 2, "(A P Q B)"),
    ("``(,@,z ,y)", 2, "(1 2 3)"),
    ("`(#'car ,y)", 1, "(#'CAR 3)"),
    ("`(,y #(,y (,@x)))", 1, "(3 #(3 (1 2)))"),
]

_BINDINGS = "(x '(1 2)) (y 3) (z '(list 1 2)) (w '('p 'q))"


def _evaluate(form: Any, env: dict[str, Any]) -> Any:
    """Just enough of EVAL for backquote expansions."""
    if isinstance(form, Symbol):
        if form is NIL or form is T or form.is_keyword:
            return form
        return env[form.name]
    if isinstance(form, LispVector) or not isinstance(form, Cons):
        return form
    op = form.car.name
    if op == "QUOTE":
        return form.cdr.car
    if op == "FUNCTION":
        return form.cdr.car.name
    args = [_evaluate(a, env) for a in iter_list(form.cdr)]
    if op == "LIST":
        return lisp_list(*args)
    if op == "LIST*":
        return lisp_list(*args[:-1], tail=args[-1])
    if op == "CONS":
        return Cons(args[0], args[1])
    if op == "APPEND":
        result = args[-1] if args else NIL
        for arg in reversed(args[:-1]):
            result = lisp_list(*iter_list(arg), tail=result)
        return result
    if op == "APPLY" and args[0] == "VECTOR":
        return LispVector(list(iter_list(args[-1])))
    raise AssertionError(f"unexpected operator {op} in a backquote expansion")


@pytest.mark.parametrize(("template", "times", "expected"), BACKQUOTE_CASES)
def test_backquote_expansion_evaluates_like_sbcl(world: World, template: str, times: int, expected: str) -> None:
    """Read-time backquote expansion, evaluated `times` times (nested backquotes), gives SBCL's value."""
    env = {"X": world.read("(1 2)"), "Y": 3, "Z": world.read("(list 1 2)"), "W": world.read("('p 'q)")}
    value = world.read(template)
    for _ in range(times):
        value = _evaluate(value, env)
    assert prin1_to_string(value) == expected


def _symbols(form: Any) -> set[Symbol]:
    found: set[Symbol] = set()
    todo = [form]
    while todo:
        x = todo.pop()
        if isinstance(x, Symbol):
            found.add(x)
        elif isinstance(x, Cons):
            todo += [x.car, x.cdr]
        elif isinstance(x, LispVector):
            todo += x.items
    return found


def test_backquote_expands_to_common_lisp_functions_only(world: World) -> None:
    """The expansion mentions only COMMON-LISP operators and the template's own symbols (nothing engine-internal)."""
    form = world.read("`(a ,b ,@c #(d ,e) . ,f)")
    names = {s.name for s in _symbols(form) if s.package is world.cl}
    assert names <= {"QUOTE", "FUNCTION", "LIST", "LIST*", "APPEND", "APPLY", "VECTOR", "NIL"}
    others = {s.name for s in _symbols(form) if s.package is not world.cl and s is not NIL}
    assert others == {"A", "B", "C", "D", "E", "F"}


def test_constant_template_reads_as_quoted_constant(world: World) -> None:
    """A template without commas is just a quoted constant; self-evaluating atoms stay unquoted."""
    assert prin1_to_string(world.read("`(a (b) c)")) == "'(A (B) C)"
    assert world.read("`5") == 5
    assert world.read("`:k") is world.sym("K", "KEYWORD")


def test_comma_inside_vector_inside_list(world: World) -> None:
    """`#(...)` with commas inside a backquoted list is rebuilt with APPLY #'VECTOR."""
    assert prin1_to_string(world.read("`(a #(b ,c))")) == "(LIST 'A (APPLY #'VECTOR (LIST 'B C)))"


@pytest.mark.sbcl
@pytest.mark.skipif(not have_sbcl(), reason="needs sbcl")
def test_backquote_table_is_what_sbcl_says() -> None:
    """The expectations above are really SBCL's."""
    forms = []
    for template, times, _ in BACKQUOTE_CASES:
        expr = "'" + template
        for _ in range(times):
            expr = f"(eval {expr})"
        forms.append(f"(let ({_BINDINGS}) (declare (special x y z w)) {expr})")
    assert sbcl_eval(forms) == [e for _, _, e in BACKQUOTE_CASES]
