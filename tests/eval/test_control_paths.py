# The code generator's different ways of implementing control transfer (Python return/continue, exceptions with
# static tags or per-entry tokens, self tail calls as loops) all give SBCL's results.
from __future__ import annotations

import pytest

CASES = [
    # GO across an inner loop (exception path) and to the innermost loop (continue)
    ("(let ((r nil) (i 0)) (tagbody outer (incf i) (let ((j 0)) (tagbody inner (incf j) (push (list i j) r)"
     " (when (< j 2) (go inner)) (when (< i 2) (go outer))))) (nreverse r))", "((1 1) (1 2) (2 1) (2 2))"),
    # the same tag name in nested tagbodies refers to the innermost
    ("(let ((n 0)) (tagbody a (incf n) (tagbody (when (< n 3) (go a)) a) (incf n 10)) n)", "11"),
    ("(let ((n 0)) (tagbody x (incf n) (tagbody (when (< n 3) (go x)))) n)", "3"),
    # RETURN-FROM in a value position across loops
    ("(list (block b (dotimes (i 10) (dotimes (j 10) (when (= (* i j) 6) (return-from b (list i j)))))) 'after)",
     "((1 6) AFTER)"),
    ("(let ((x (dolist (e '(1 2 3)) (when (evenp e) (return e))))) (* x 10))", "20"),
    # exits from cleanup forms
    ("(block b (unwind-protect (return-from b 1) (return-from b 2)))", "2"),
    ("(let ((n 0)) (tagbody top (unwind-protect (incf n) (when (< n 3) (go top)))) n)", "3"),
    ("(block b (unwind-protect 'normal (return-from b 'from-cleanup)))", "FROM-CLEANUP"),
    ("(catch 'c (unwind-protect (throw 'c 1) (throw 'c 2)))", "2"),
    # exits through special bindings restore them
    ("(defvar *sp* 0) (list (block b (let ((*sp* 1)) (return-from b *sp*))) *sp*)", "(1 0)"),
    ("(defvar *sq* 0) (list (catch 'c (let ((*sq* 1)) (throw 'c *sq*))) *sq*)", "(1 0)"),
    # a closure returning from / going to an enclosing block or tagbody of its own activation
    ("(defun walk (l) (block w (mapc (lambda (x) (when (> x 2) (return-from w x))) l) 'none)) (list (walk '(1 5 3))"
     " (walk '(1 2)))", "(5 NONE)"),
    ("(defun rec (n) (block b (if (= n 0) (funcall (lambda () (return-from b 'bottom))) (list n (rec (1- n))))))"
     " (rec 2)", "(2 (1 BOTTOM))"),
    # self tail calls: argument shuffles, closures per iteration, and no loop where a binding must be undone
    ("(defun rot (a b c n) (if (= n 0) (list a b c) (rot b c a (1- n)))) (rot 1 2 3 4)", "(2 3 1)"),
    ("(defun collect-closures (n acc) (if (= n 0) (mapcar #'funcall acc) (collect-closures (1- n) (cons (lambda ()"
     " n) acc)))) (collect-closures 3 nil)", "(1 2 3)"),
    ("(defvar *depth* 0) (defun spec (n) (if (= n 0) *depth* (let ((*depth* (1+ *depth*))) (spec (1- n)))))"
     " (list (spec 5) *depth*)", "(5 0)"),
    ("(defun tc-catch (n) (if (= n 0) (throw 'done 'thrown) (catch 'other (tc-catch (1- n))))) (catch 'done"
     " (tc-catch 3))", "THROWN"),
    ("(labels ((lp (i acc) (if (> i 3) (mapcar #'funcall acc) (lp (1+ i) (cons (lambda () i) acc))))) (lp 1 nil))",
     "(3 2 1)"),
    # multiple values through every kind of exit
    ("(multiple-value-list (block b (dotimes (i 3) (when (= i 1) (return-from b (values i 'x))))))", "(1 X)"),
    ("(multiple-value-list (catch 'c (dotimes (i 3) (throw 'c (values 'a 'b)))))", "(A B)"),
    ("(defun tail-mv (n) (if (= n 0) (values 1 2) (tail-mv (1- n)))) (multiple-value-list (tail-mv 3))", "(1 2)"),
    ("(multiple-value-list (let ((x 1)) (block nil (values x 2 3))))", "(1 2 3)"),
    ("(multiple-value-list (progv '(*pv3*) '(1) (values 4 5)))", "(4 5)"),
]


@pytest.mark.parametrize("src,expected", CASES)
def test_control_paths(ev, src: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    """Every implementation path of non-local control transfer behaves as in SBCL."""
    assert ev(src) == expected
