# The condition system: ERROR/SIGNAL/WARN, HANDLER-BIND running before unwinding, HANDLER-CASE, DEFINE-CONDITION,
# condition accessors, and Python errors from built-ins arriving as Lisp conditions.
from __future__ import annotations

import pytest

from tests.eval.conftest import error_of

CASES = [
    ("(handler-case (error \"boom ~a\" 42) (error (c) (princ-to-string c)))", '"boom 42"'),
    ("(handler-case (error 'type-error :datum 1 :expected-type 'string) (type-error (c) (list (type-error-datum c)"
     " (type-error-expected-type c))))", "(1 STRING)"),
    ("(handler-case (/ 1 0) (division-by-zero () 'div0))", "DIV0"),
    ("(handler-case (car 5) (type-error () 'type))", "TYPE"),
    ("(handler-case (undefined-function-xyz) (undefined-function () 'undef))", "UNDEF"),
    ("(handler-case (symbol-value 'no-such-var-xyz) (unbound-variable () 'unbound))", "UNBOUND"),
    ("(handler-case no-such-var-abc (unbound-variable (c) (cell-error-name c)))", "NO-SUCH-VAR-ABC"),
    ("(defun two (a b) (list a b)) (handler-case (two 1) (program-error () 'argc))", "ARGC"),
    ("(handler-case (funcall (lambda (x) x)) (program-error () 'argc))", "ARGC"),
    ("(handler-case (signal \"just a signal\") (condition () 'seen))", "SEEN"),
    ("(signal \"nobody listens\")", "NIL"),
    ("(ignore-errors (error \"x\") 'not-reached)", "NIL"),
    ("(multiple-value-bind (v c) (ignore-errors (error \"bad\")) (list v (typep c 'simple-error)))", "(NIL T)"),
    ("(handler-case (progn (warn \"careful\") 'after) (warning (c) (princ-to-string c)))", '"careful"'),
    # HANDLER-BIND handlers run before unwinding, can decline, and see the dynamic environment of the signal
    ("(let ((log nil)) (handler-case (handler-bind ((error (lambda (c) (push 'inner log))))"
     " (handler-bind ((error (lambda (c) (push 'innermost log)))) (error \"x\"))) (error () (push 'case log)))"
     " (reverse log))", "(INNERMOST INNER CASE)"),
    ("(defvar *where* 'outside) (block b (handler-bind ((error (lambda (c) (return-from b *where*))))"
     " (let ((*where* 'inside)) (error \"x\"))))", "INSIDE"),
    ("(let ((log nil)) (block b (handler-bind ((error (lambda (c) (push 'handler log) (return-from b log))))"
     " (unwind-protect (error \"x\") (push 'cleanup log)))) log)", "(CLEANUP HANDLER)"),
    ("(handler-case (handler-bind ((error (lambda (c) (error \"second\")))) (error \"first\"))"
     " (error (c) (princ-to-string c)))", '"second"'),
    # handlers established inside a handler do not see their own cluster
    ("(let ((n 0)) (handler-case (handler-bind ((error (lambda (c) (incf n) (when (< n 5) (error \"again\")))))"
     " (error \"first\")) (error () n)))", "1"),
    # DEFINE-CONDITION with slots, readers, initforms, inheritance and :report
    ("(define-condition my-error (error) ((code :initarg :code :reader my-code :initform 7)))"
     " (handler-case (error 'my-error :code 42) (my-error (c) (my-code c)))", "42"),
    ("(define-condition my-error2 (error) ((code :initarg :code :reader my-code2 :initform 7)))"
     " (my-code2 (make-condition 'my-error2))", "7"),
    ("(define-condition base-c (error) ()) (define-condition sub-c (base-c) ())"
     " (handler-case (error 'sub-c) (base-c () 'caught-by-parent))", "CAUGHT-BY-PARENT"),
    ("(define-condition rep (error) ((w :initarg :w :reader rep-w)) (:report (lambda (c s) (format s \"W is ~a\""
     " (rep-w c))))) (handler-case (error 'rep :w 3) (error (c) (princ-to-string c)))", '"W is 3"'),
    ("(define-condition rep2 (error) () (:report \"fixed text\")) (princ-to-string (make-condition 'rep2))",
     '"fixed text"'),
    ("(handler-case (error (make-condition 'simple-error :format-control \"~a-~a\" :format-arguments '(1 2)))"
     " (simple-error (c) (list (simple-condition-format-control c) (simple-condition-format-arguments c)"
     " (princ-to-string c))))", '("~a-~a" (1 2) "1-2")'),
    ("(handler-case (error \"x\") ((or type-error simple-error) () 'either))", "EITHER"),
]


@pytest.mark.parametrize("src,expected", CASES)
def test_conditions(ev, src: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    """Signalling and handling conditions gives SBCL's results."""
    assert ev(src) == expected


def test_warn_prints_when_unhandled(engine) -> None:  # type: ignore[no-untyped-def]
    """An unhandled WARN prints 'WARNING: ...' to the output and returns NIL; MUFFLE-WARNING silences it."""
    assert engine.prin1(engine.eval_string('(warn "low ~a" "fuel")')) == "NIL"
    assert engine.output.getvalue() == "WARNING: low fuel\n"
    engine.eval_string('(handler-bind ((warning (lambda (c) (muffle-warning c)))) (warn "quiet"))')
    assert "quiet" not in engine.output.getvalue()


@pytest.mark.parametrize("src,type_name", [
    ("(error \"plain\")", "SIMPLE-ERROR"),
    ("(/ 5 0)", "DIVISION-BY-ZERO"),
    ("(car 'x)", "TYPE-ERROR"),
    ("(+ 1 'a)", "TYPE-ERROR"),
    ("(no-such-function-at-all 1)", "UNDEFINED-FUNCTION"),
    ("(defun one-arg (x) x) (one-arg 1 2)", "PROGRAM-ERROR"),
    ("(defun opt-arg (x &optional y) (list x y)) (opt-arg 1 2 3)", "PROGRAM-ERROR"),
    ("(defun key-arg (&key a) a) (key-arg :b 1)", "PROGRAM-ERROR"),
    ("(defun key-arg2 (&key a) a) (key-arg2 :a)", "PROGRAM-ERROR"),
    ("(funcall 5)", "TYPE-ERROR"),
    ("unbound-thing", "UNBOUND-VARIABLE"),
    ("(error 'no-such-condition-type)", "SIMPLE-ERROR"),
])
def test_unhandled_errors_have_lisp_types(engine, src: str, type_name: str) -> None:  # type: ignore[no-untyped-def]
    """Unhandled errors reach Python as LispError with the standard condition type, never a raw exception."""
    assert error_of(engine, src)[0] == type_name


def test_argument_count_error_names_the_function(engine) -> None:  # type: ignore[no-untyped-def]
    """A wrong argument count is a PROGRAM-ERROR whose message names the function and the count."""
    kind, message = error_of(engine, "(defun fixed-two (a b) (list a b)) (fixed-two 1 2 3)")
    assert kind == "PROGRAM-ERROR"
    assert "FIXED-TWO" in message and "3" in message
    kind, message = error_of(engine, "(defun fixed-three (a b c) (list a b c)) (fixed-three 1)")
    assert "FIXED-THREE" in message and ": 1" in message
