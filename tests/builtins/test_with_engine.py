# The built-ins inside a real Engine: engine-bound built-ins that return several values give only their primary
# value to callbacks, output reaches *standard-output* and string streams, and the reader functions use the
# engine's packages.
from __future__ import annotations

import pytest

from clysm.engine import Engine


@pytest.fixture(scope="module")
def run():
    def run(text: str) -> str:
        engine = Engine(tier="1")
        value = engine.eval_string(text)
        return engine.prin1(value)

    return run


@pytest.mark.parametrize(("source", "expected"), [
    ("(mapcar #'intern '(\"A\" \"B\"))", "(A B)"),
    ("(mapcar #'floor '(1.5 2.5))", "(1 2)"),
    ("(multiple-value-list (intern \"CAR\"))", "(CAR :INHERITED)"),
    ("(multiple-value-list (read-from-string \"(a) b\"))", "((A) 4)"),
    ("(let ((s (make-string-input-stream \"1 (2) x\"))) (list (read s) (read s) (read s) (read s nil :end)))",
     "(1 (2) X :END)"),
    ("(with-output-to-string (s) (format s \"~a\" 1) (fresh-line s) (prin1 \"x\" s))", "\"1\n\\\"x\\\"\""),
    ("(let ((h (make-hash-table))) (dotimes (i 10) (setf (gethash i h) i)) (remhash 3 h) (remhash 7 h)"
     " (setf (gethash 'x h) 1 (gethash 'y h) 2) (loop for k being the hash-keys of h collect k))",
     "(0 1 2 Y 4 5 6 X 8 9)"),
    ("(let ((v (make-array 2 :fill-pointer 0 :adjustable t))) (dotimes (i 5) (vector-push-extend i v))"
     " (setf (aref v 0) 'z) (list v (length v) (array-dimension v 0) (fill-pointer v)))", "(#(Z 1 2 3 4) 5 8 5)"),
    ("(let ((s (make-string 3 :initial-element #\\a))) (setf (char s 1) #\\b) s)", "\"aba\""),
    ("(let ((s (copy-seq \"abc\"))) (setf (char s 0) #\\x) (nstring-upcase s))", "\"XBC\""),
    ("(symbol-package nil)", "#<PACKAGE \"COMMON-LISP\">"),
    ("(progn (define-condition my-err (error) ()) (list (subtypep 'my-err 'error) (typep (make-condition"
     " 'my-err) 'error) (type-of (make-condition 'my-err))))", "(T T MY-ERR)"),
    ("(funcall (coerce '(lambda (x) (* x 2)) 'function) 21)", "42"),
    ("(let ((*print-base* 16)) (prin1-to-string 255))", "\"FF\""),
    ("(fdefinition 'car)", "#<FUNCTION CAR>"),
    ("(let ((l (list 1 2 3))) (list (read-sequence l (make-string-input-stream \"ab\")) l))", "(2 (#\\a #\\b 3))"),
    ("(with-output-to-string (s) (write-sequence '(#\\a #\\b) s) (write-sequence \"xyz\" s :start 1))",
     "\"abyz\""),
])
def test_in_engine(run, source, expected):
    assert run(source) == expected


def test_print_goes_to_standard_output():
    engine = Engine(tier="1")
    engine.eval_string("(print 1) (princ \"a\") (fresh-line) (format t \"~a~%\" 'done) (write-line \"w\")")
    assert engine.output.getvalue() == "\n1 a\nDONE\nw\n"
