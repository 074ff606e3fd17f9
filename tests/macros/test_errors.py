# Errors the standard macros signal at run time: the condition type (a standard one, as SBCL's is or inherits
# from) and the message, worded as SBCL words it.
from __future__ import annotations

import pytest

from clysm.lisp.types import LispError

from .runner import RUN

ERRORS = [
    ("(ecase 5 (1 'a) (2 'b))", "TYPE-ERROR", "5 fell through ECASE expression. Wanted one of (1 2)."),
    ("(ccase 'z ((x y) 1))", "TYPE-ERROR", "Z fell through CCASE expression. Wanted one of (X Y)."),
    ("(etypecase 1.5 (integer 1) (string 2))", "TYPE-ERROR",
     "1.5 fell through ETYPECASE expression. Wanted one of (INTEGER STRING)."),
    ("(let ((x 1)) (check-type x string))", "SIMPLE-TYPE-ERROR", "The value of X is 1, which is not of type STRING."),
    ("(let ((x 1)) (check-type x string \"a text\"))", "SIMPLE-TYPE-ERROR",
     "The value of X is 1, which is not a text."),
    ("(assert (= 1 2))", "SIMPLE-ERROR", "The assertion (= 1 2) failed."),
    ("(destructuring-bind (a b) '(1) (list a b))", "PROGRAM-ERROR",
     "too few elements in (1) to satisfy lambda list (A B): exactly 2 expected, but got 1"),
    ("(destructuring-bind (a &optional b) '(1 2 3) (list a b))", "PROGRAM-ERROR",
     "too many elements in (1 2 3) to satisfy lambda list (A &OPTIONAL B): between 1 and 2 expected, but got 3"),
    ("(destructuring-bind (&key a) '(:b 1) a)", "PROGRAM-ERROR", "unknown keyword: :B; expected one of :A"),
    ("(destructuring-bind (&key a) '(:a) a)", "PROGRAM-ERROR", "odd number of elements in keyword/value list: (:A)"),
    ("(progn (defmacro two (a b) (list 'list a b)) (two 1))", "PROGRAM-ERROR",
     "Error while parsing arguments to DEFMACRO TWO: too few elements in (1)"),
    ("(let ((l 5)) (setf (car l) 1))", "TYPE-ERROR", "The value 5 is not of type CONS"),
    ("(let ((l 5)) (push 1 (cdr l)))", "TYPE-ERROR", "is not of type"),
    ("(loop for x in '(1 2 . 3) collect x)", "TYPE-ERROR", "The value 3 is not of type LIST"),
]


@pytest.mark.parametrize(("source", "type_name", "message"), ERRORS)
def test_macro_signals_standard_error(source: str, type_name: str, message: str) -> None:
    """The macro's run-time failure is a Lisp condition of the standard type, with SBCL's wording."""
    with pytest.raises(LispError) as info:
        RUN(source)
    assert info.value.condition.type_name == type_name
    assert message in str(info.value)
