# Lambda lists: parsing (clysm.eval.lambdalist) and binding in Tier 1 functions, including the fast path for
# all-required parameters and the errors for wrong argument counts and bad keywords.
from __future__ import annotations

import pytest

from clysm.eval.lambdalist import UNSUPPLIED, LambdaList, bind_arguments, parse_lambda_list
from clysm.lisp.types import LispError
from tests.eval.conftest import error_of

CASES = [
    ("(defun f (a b) (list a b)) (f 1 2)", "(1 2)"),
    ("(defun f (a &optional b (c 3) (d a d-p)) (list a b c d d-p)) (list (f 1) (f 1 2 4 5))",
     "((1 NIL 3 1 NIL) (1 2 4 5 T))"),
    ("(defun f (&rest r) r) (list (f) (f 1 2 3))", "(NIL (1 2 3))"),
    ("(defun f (a &optional b &rest r) (list a b r)) (list (f 1) (f 1 2 3 4))", "((1 NIL NIL) (1 2 (3 4)))"),
    ("(defun f (&key a (b 2) (c 3 c-p) ((:dee d) 4)) (list a b c c-p d)) (list (f) (f :c 30 :dee 40 :a 10))",
     "((NIL 2 3 NIL 4) (10 2 30 T 40))"),
    ("(defun f (&key a) a) (f :a 1 :a 2)", "1"),
    ("(defun f (&key a &allow-other-keys) a) (f :b 1 :a 2)", "2"),
    ("(defun f (&key a) a) (f :b 1 :allow-other-keys t :a 3)", "3"),
    ("(defun f (&rest r &key a) (list r a)) (f :a 1)", "((:A 1) 1)"),
    ("(defun f (a &aux (b (* a 2)) c) (list a b c)) (f 5)", "(5 10 NIL)"),
    ("(defun f (x &optional y &key z) (list x y z)) (list (f 1) (f 1 2) (f 1 2 :z 3))",
     "((1 NIL NIL) (1 2 NIL) (1 2 3))"),
    ("(defun f (a &optional (b (lambda () a))) (funcall b)) (f 7)", "7"),
    ("(funcall (lambda (&optional (a 1) (b (+ a 1))) (list a b)))", "(1 2)"),
    ("(defmacro m (&whole w a &body b) `'(,w ,a ,b)) (m 1 2 3)", "((M 1 2 3) 1 (2 3))"),
    ("(defmacro m2 ((a b) &optional (c 'dc)) `'(,a ,b ,c)) (m2 (1 2))", "(1 2 DC)"),
    ("(defmacro m3 (&environment e x) (if e `',x `'none)) (m3 5)", "5"),
    ("(destructuring-bind (a (b c) &rest d) '(1 (2 3) 4 5) (list a b c d))", "(1 2 3 (4 5))"),
    ("(multiple-value-bind (a b c) (values 1 2) (list a b c))", "(1 2 NIL)"),
]


@pytest.mark.parametrize("src,expected", CASES)
def test_lambda_list_binding(ev, src: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    """Every kind of lambda-list parameter binds as in SBCL."""
    assert ev(src) == expected


@pytest.mark.parametrize("src", [
    "(defun f (a b) a) (f 1)",
    "(defun f (a b) a) (f 1 2 3)",
    "(defun f (a &optional b) a) (f)",
    "(defun f (a &optional b) a) (f 1 2 3)",
    "(defun f (&key a) a) (f :a)",
    "(defun f (&key a) a) (f :z 1)",
    "(defun f (&key a) a) (f 1 2)",
    "(funcall (lambda (a) a))",
    "(defun f () 1) (f 1)",
])
def test_wrong_arguments_are_program_errors(engine, src: str) -> None:  # type: ignore[no-untyped-def]
    """Argument count and keyword mismatches signal PROGRAM-ERROR."""
    assert error_of(engine, src)[0] == "PROGRAM-ERROR"


@pytest.mark.parametrize("src", ["(lambda (a a) a)", "(lambda (&optional &optional) 1)", "(lambda (&key &optional) 1)",
                                 "(lambda (&rest) 1)", "(lambda (&aux &optional) 1)", "(lambda (:a) 1)"])
def test_malformed_lambda_lists(engine, src: str) -> None:  # type: ignore[no-untyped-def]
    """Malformed lambda lists are PROGRAM-ERRORs when the lambda is analyzed."""
    assert error_of(engine, src)[0] == "PROGRAM-ERROR"


def test_parse_lambda_list_structure(engine) -> None:  # type: ignore[no-untyped-def]
    """parse_lambda_list gives plain data the Tier 2 compiler can walk."""
    form = engine.read_all("(a &optional (b 1 b-p) &rest r &key ((:kk k) 2) &allow-other-keys &aux (z 3))")[0]
    ll = parse_lambda_list(form, keyword=engine.keyword)
    assert isinstance(ll, LambdaList)
    assert [s.name for s in ll.required] == ["A"]
    assert ll.optional[0].var.name == "B" and ll.optional[0].default == 1 and ll.optional[0].supplied_p.name == "B-P"
    assert ll.rest.name == "R"
    assert ll.keys is not None and ll.keys[0].keyword is engine.keyword("KK") and ll.keys[0].var.name == "K"
    assert ll.allow_other_keys and ll.aux[0].var.name == "Z"
    assert not ll.is_simple and ll.min_args == 1 and ll.max_args is None
    simple = parse_lambda_list(engine.read_all("(x y)")[0], keyword=engine.keyword)
    assert simple.is_simple and simple.max_args == 2
    assert parse_lambda_list(engine.read_all("(&key)")[0], keyword=engine.keyword).keys == []


def test_macro_lambda_list_destructuring(engine) -> None:  # type: ignore[no-untyped-def]
    """Macro lambda lists parse &whole, &environment, &body, dotted rest and nested lists; bind_arguments binds
    them (defaults evaluated through the callback)."""
    form = engine.read_all("(&whole w (a b) &optional (c 9) &body body)")[0]
    ll = parse_lambda_list(form, keyword=engine.keyword, macro=True)
    assert ll.whole.name == "W" and isinstance(ll.required[0], LambdaList) and ll.body
    args = engine.read_all("((1 2) 3 4 5)")[0]
    items = []
    x = args
    while x is not engine.sym("NIL"):
        items.append(x.car)
        x = x.cdr
    pairs = bind_arguments(ll, items, lambda form, so_far: form, whole=args)
    named = {s.name: engine.prin1(v) for s, v in pairs}
    assert named == {"W": "((1 2) 3 4 5)", "A": "1", "B": "2", "C": "3", "BODY": "(4 5)"}
    dotted = parse_lambda_list(engine.read_all("(a . rest)")[0], keyword=engine.keyword, macro=True)
    assert dotted.rest.name == "REST" and dotted.dotted
    with pytest.raises(LispError):
        bind_arguments(ll, [], lambda f, p: f)
    assert UNSUPPLIED is not None
