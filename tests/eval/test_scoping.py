# Lexical scope, closures (capturing variables, not values), the two namespaces, and dynamic (special) binding.
from __future__ import annotations

import pytest

CASES = [
    # closures capture variables, shared between closures and the defining scope
    ("(defun make-counter () (let ((n 0)) (list (lambda () (incf n)) (lambda () n))))"
     "(let ((c (make-counter))) (funcall (first c)) (funcall (first c)) (funcall (second c)))", "2"),
    ("(let ((x 1)) (let ((f (lambda () x))) (setq x 2) (funcall f)))", "2"),
    # a LET inside a loop body makes a fresh binding per iteration
    ("(let ((fns nil)) (dolist (i '(1 2 3)) (let ((j i)) (push (lambda () j) fns))) (mapcar #'funcall fns))",
     "(3 2 1)"),
    ("(let ((fns nil)) (dotimes (i 3) (let ((k (* i 10))) (push (lambda () (incf k)) fns)))"
     " (mapcar #'funcall fns))", "(21 11 1)"),
    # parameters captured by closures are per call
    ("(defun adder (n) (lambda (x) (+ x n))) (list (funcall (adder 1) 10) (funcall (adder 2) 10))", "(11 12)"),
    # nested closures reach outer frames
    ("(defun outer (a) (lambda (b) (lambda (c) (list a b c)))) (funcall (funcall (outer 1) 2) 3)", "(1 2 3)"),
    # Lisp-2: a variable and a function with the same name
    ("(let ((list '(1 2))) (list list (car list)))", "((1 2) 1)"),
    ("(flet ((x () 'fn)) (let ((x 'var)) (list x (x))))", "(VAR FN)"),
    # labels functions see themselves and each other; flet functions see the outer definition
    ("(labels ((fact (n) (if (< n 2) 1 (* n (fact (1- n)))))) (fact 20))", "2432902008176640000"),
    ("(defun g () 'global) (flet ((g () (list 'local (g)))) (g))", "(LOCAL GLOBAL)"),
    # blocks and tags are lexical and usable from closures
    ("(defun find-first (pred list) (dolist (x list) (mapc (lambda (y) (when (funcall pred y) (return-from"
     " find-first y))) (list x)))) (find-first #'evenp '(1 3 4 5))", "4"),
    ("(let ((n 0)) (tagbody top (incf n) (mapc (lambda (x) (when (< n x) (go top))) '(3))) n)", "3"),
    # evaluation order is left to right
    ("(let ((log nil)) (list (progn (push 1 log) 'a) (progn (push 2 log) 'b)) (reverse log))", "(1 2)"),
    ("(let ((x 1)) (list x (setq x 2) x))", "(1 2 2)"),
    ("(let ((x 1)) (+ x (progn (setq x 10) x)))", "11"),
    ("(let ((x 1)) (list x (let () (setq x 5) x) (incf x)))", "(1 5 6)"),
    # setq of a captured variable from a closure is seen outside
    ("(let ((x 1)) (funcall (lambda () (setq x 42))) x)", "42"),
    # the SPECIAL declaration makes a binding dynamic
    ("(defun read-x () (declare (special x)) x) (let ((x 5)) (declare (special x)) (read-x))", "5"),
    ("(let ((x 1)) (declare (special x)) (let ((x 2)) (list x (locally (declare (special x)) x))))", "(2 1)"),
]

DYNAMIC = [
    ("(defvar *d* 1) (defun get-d () *d*) (list (let ((*d* 2)) (get-d)) (get-d))", "(2 1)"),
    ("(defparameter *p* 1) (defun f (*p*) (get-p)) (defun get-p () *p*) (list (f 7) *p*)", "(7 1)"),
    ("(defvar *e* 1) (defun bump () (setq *e* (+ *e* 1))) (let ((*e* 10)) (bump) (bump) *e*)", "12"),
    ("(defvar *e2* 1) (let ((*e2* 10)) (setq *e2* 11)) *e2*", "1"),
    ("(defvar *u* 1) (catch 'x (let ((*u* 2)) (throw 'x nil))) *u*", "1"),
    ("(defvar *h* 0) (ignore-errors (let ((*h* 5)) (error \"boom\"))) *h*", "0"),
    ("(defvar *s* 'outer) (defun show-s () *s*) (let* ((*s* 'inner) (y (show-s))) y)", "INNER"),
    ("(defvar *z* 1) (let ((*z* 2) (w *z*)) w)", "1"),
    ("(defvar *cl* 1) (let ((f (let ((*cl* 2)) (lambda () *cl*)))) (funcall f))", "1"),
    ("(defvar *opt* 1) (defun o (&optional (*opt* 5)) (get-opt)) (defun get-opt () *opt*) (list (o) (o 9) *opt*)",
     "(5 9 1)"),
    ("(defvar *ub*) (boundp '*ub*)", "NIL"),
]


@pytest.mark.parametrize("src,expected", CASES)
def test_lexical(ev, src: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    """Lexical scoping and closures behave as in SBCL."""
    assert ev(src) == expected


@pytest.mark.parametrize("src,expected", DYNAMIC)
def test_dynamic(ev, src: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    """DEFVAR/DEFPARAMETER variables are dynamically bound by LET and lambda lists, restored on every exit."""
    assert ev(src) == expected
