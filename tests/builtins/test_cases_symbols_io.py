# Symbols, printing to strings and FORMAT NIL as Lisp forms with SBCL's printed results (checked against SBCL by
# test_sbcl_agreement.py); output to streams and symbol state are tested directly in test_output_symbols.py.
from __future__ import annotations

import pytest

CASES = [
    ("(symbolp 'a)", "T"),
    ("(symbolp nil)", "T"),
    ("(symbolp \"a\")", "NIL"),
    ("(keywordp :a)", "T"),
    ("(keywordp 'a)", "NIL"),
    ("(symbol-name 'abc)", "\"ABC\""),
    ("(symbol-name :k)", "\"K\""),
    ("(symbol-name 1)", "ERROR TYPE-ERROR"),
    ("(symbol-value :k)", ":K"),
    ("(symbol-value 'undefined-var-x)", "ERROR UNBOUND-VARIABLE"),
    ("(boundp 'undefined-var-x)", "NIL"),
    ("(boundp :k)", "T"),
    ("(symbol-function 'undefined-fn-x)", "ERROR UNDEFINED-FUNCTION"),
    ("(functionp (fboundp 'car))", "T"),
    ("(fboundp 'undefined-fn-x)", "NIL"),
    ("(symbol-plist (make-symbol \"X\"))", "NIL"),
    ("(get (make-symbol \"X\") 'a 'default)", "DEFAULT"),
    ("(make-symbol \"X\")", "#:X"),
    ("(symbol-package (make-symbol \"X\"))", "NIL"),
    ("(copy-symbol 'a)", "#:A"),
    ("(gensym 5)", "#:G5"),
    ("(intern \"CAR\")", "CAR ; :INHERITED"),
    ("(intern \"FOO-NEW-SYM\")", "FOO-NEW-SYM ; NIL"),
    ("(intern \"X\" :keyword)", ":X ; NIL"),
    ("(find-symbol \"NO-SUCH-SYMBOL-HERE\")", "NIL ; NIL"),
    ("(find-symbol \"CAR\" :cl)", "CAR ; :EXTERNAL"),
    ("(find-package :nope)", "NIL"),
    ("(package-name :cl)", "\"COMMON-LISP\""),
    ("(package-name :nope)", "ERROR PACKAGE-ERROR"),
    ("(prin1-to-string (list 1 \"a\" #\\b 1/2 1.5))", "\"(1 \\\"a\\\" #\\\\b 1/2 1.5)\""),
    ("(princ-to-string (list 1 \"a\" #\\b))", "\"(1 a b)\""),
    ("(write-to-string 255 :base 16)", "\"FF\""),
    ("(write-to-string 255 :base 16 :radix t)", "\"#xFF\""),
    ("(write-to-string \"a\" :escape nil)", "\"a\""),
    ("(write-to-string '(1 (2 (3))) :level 2)", "\"(1 (2 #))\""),
    ("(write-to-string '(1 2 3) :length 2)", "\"(1 2 ...)\""),
    ("(format nil \"~a-~s\" \"x\" \"x\")", "\"x-\\\"x\\\"\""),
    ("(format nil \"~d ~b ~o ~x\" 10 5 8 255)", "\"10 101 10 FF\""),
    ("(format nil \"~{~a~^, ~}\" '(1 2 3))", "\"1, 2, 3\""),
    ("(format nil \"~:[no~;yes~]\" t)", "\"yes\""),
    ("(format nil 5)", "ERROR TYPE-ERROR"),
]


@pytest.mark.parametrize(("form", "expected"), CASES)
def test_symbols_and_printing(engine, form, expected):
    engine.check(form, expected)
