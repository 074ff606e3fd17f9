# Special forms of Tier 1: each behaves as in SBCL (values checked against SBCL's answers).
from __future__ import annotations

import pytest

from tests.eval.conftest import error_of, values_of

CASES = [
    ("(quote (a . b))", "(A . B)"),
    ("(if nil 1)", "NIL"),
    ("(if 0 'yes 'no)", "YES"),
    ("(progn)", "NIL"),
    ("(progn 1 2 3)", "3"),
    ("(let ((x 1) (y 2)) (let ((x y) (y x)) (list x y)))", "(2 1)"),
    ("(let* ((x 1) (y (+ x 1))) (list x y))", "(1 2)"),
    ("(let (x (y)) (list x y))", "(NIL NIL)"),
    ("(let ((x 1)) (setq x 2) x)", "2"),
    ("(let ((a 1) (b 2)) (setq a b b a) (list a b))", "(2 2)"),
    ("(setq)", "NIL"),
    ("(block b 1 (return-from b 2) 3)", "2"),
    ("(block b (return-from b))", "NIL"),
    ("(block nil (dolist (x '(1 2 3)) (when (= x 2) (return (* x 10)))))", "20"),
    ("(let ((n 0)) (tagbody top (incf n) (when (< n 5) (go top))) n)", "5"),
    ("(tagbody 1 (go 3) 2 (error \"skipped\") 3)", "NIL"),
    ("(let ((r nil)) (tagbody (push 1 r) a (push 2 r) (go c) b (push 3 r) c (push 4 r)) r)", "(4 2 1)"),
    ("(flet ((f (x) (* x 2))) (f 21))", "42"),
    ("(flet ((f (x) x)) (flet ((f (x) (list (f x)))) (f 1)))", "(1)"),
    ("(labels ((ev? (n) (if (= n 0) t (od? (1- n)))) (od? (n) (if (= n 0) nil (ev? (1- n))))) (list (ev? 10) (od? 7)))",
     "(T T)"),
    ("(funcall (function (lambda (x) (+ x 1))) 2)", "3"),
    ("((lambda (x y) (list y x)) 1 2)", "(2 1)"),
    ("((lambda (&optional (x 5)) x))", "5"),
    ("(funcall #'car '(1 2))", "1"),
    ("(catch 'k (throw 'k 7) 8)", "7"),
    ("(catch 'k (catch 'j (throw 'k 1)) 2)", "1"),
    ("(let ((log nil)) (catch 'k (unwind-protect (throw 'k 1) (push 'cleanup log))) log)", "(CLEANUP)"),
    ("(let ((x 0)) (block b (unwind-protect (return-from b) (setq x 1))) x)", "1"),
    ("(multiple-value-call #'list (values 1 2) (values) (values 3))", "(1 2 3)"),
    ("(multiple-value-call #'+ (floor 7 2) (values 10))", "14"),
    ("(multiple-value-list (multiple-value-prog1 (values 1 2) (values 3 4)))", "(1 2)"),
    ("(macrolet ((twice (x) `(* 2 ,x))) (twice 21))", "42"),
    ("(macrolet ((m () ''outer)) (macrolet ((n () `(list (m) 'inner))) (n)))", "(OUTER INNER)"),
    ("(symbol-macrolet ((x (car cell))) (let ((cell (list 1 2))) (setq x 10) cell))", "(10 2)"),
    ("(the fixnum (+ 1 2))", "3"),
    ("(locally (declare (optimize speed)) 5)", "5"),
    ("(eval-when (:compile-toplevel :load-toplevel :execute) 'done)", "DONE"),
    ("(eval-when (:compile-toplevel) 'skipped)", "NIL"),
    ("(defun ltv () (load-time-value (list 1))) (eq (ltv) (ltv))", "T"),
    ("(defvar *pv* 1) (progv '(*pv*) '(2) *pv*)", "2"),
    ("(defvar *pv2* 1) (progv '(*pv2*) '(2) (setq *pv2* 3)) *pv2*", "1"),
    ("(progv '(unbound-in-progv) '() (boundp 'unbound-in-progv))", "NIL"),
]


@pytest.mark.parametrize("src,expected", CASES)
def test_special_form(ev, src: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    """Each special form gives SBCL's value."""
    assert ev(src) == expected


def test_values_in_single_value_contexts(engine) -> None:  # type: ignore[no-untyped-def]
    """(values) is NIL where one value is wanted; extra values are dropped; all values reach MV receivers."""
    assert values_of(engine, "(list (values) (values 1 2))") == ["(NIL 1)"]
    assert values_of(engine, "(values 1 2 3)") == ["1", "2", "3"]
    assert values_of(engine, "(values)") == []
    assert values_of(engine, "(let ((x (floor 7 2))) x)") == ["3"]
    assert values_of(engine, "(if (values nil t) 'a 'b)") == ["B"]


def test_values_through_functions_and_exits(engine) -> None:  # type: ignore[no-untyped-def]
    """Multiple values pass through function returns, blocks, catch, unwind-protect; a value consumed inside a
    function does not leak its extra values."""
    engine.eval_string("(defun two () (values 1 2)) (defun one () (let ((x (two))) x))"
                       "(defun via-block () (block b (return-from b (two))))"
                       "(defun via-catch () (catch 'c (throw 'c (values 5 6))))"
                       "(defun via-up () (unwind-protect (two) (values 9 9 9)))"
                       "(defun miss (h) (when (gethash 1 h) 'found))")
    assert values_of(engine, "(two)") == ["1", "2"]
    assert values_of(engine, "(one)") == ["1"]
    assert values_of(engine, "(via-block)") == ["1", "2"]
    assert values_of(engine, "(via-catch)") == ["5", "6"]
    assert values_of(engine, "(via-up)") == ["1", "2"]
    assert values_of(engine, "(miss (make-hash-table))") == ["NIL"]
    assert values_of(engine, "(funcall #'floor 7 2)") == ["3", "1"]
    assert values_of(engine, "(apply #'two nil)") == ["1", "2"]
    assert values_of(engine, "(mapcar (lambda (x) (floor x 2)) '(5 7))") == ["(2 3)"]


def test_malformed_special_forms_are_program_errors(engine) -> None:  # type: ignore[no-untyped-def]
    """Malformed forms signal PROGRAM-ERROR (catchable), not Python exceptions."""
    for src in ["(if)", "(let ((1 2)) 1)", "(setq x)", "(return-from nowhere 1)", "(go nowhere)", "(quote)",
                "(flet ((f)) 1)", "(let ((t 1)) t)"]:
        assert error_of(engine, src)[0] == "PROGRAM-ERROR", src


def test_return_from_exited_block_is_control_error(engine) -> None:  # type: ignore[no-untyped-def]
    """RETURN-FROM a block whose extent ended, and GO to an exited TAGBODY, signal CONTROL-ERROR."""
    engine.eval_string("(defvar *esc* nil)")
    assert error_of(engine, "(funcall (block b (lambda () (return-from b 1))))")[0] == "CONTROL-ERROR"
    assert error_of(engine, "(funcall (let (f) (tagbody (setq f (lambda () (go x))) x) f))")[0] == "CONTROL-ERROR"
    assert error_of(engine, "(throw 'no-such-tag 1)")[0] == "CONTROL-ERROR"
