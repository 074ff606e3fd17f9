# CLOS behaviour beyond the corpus: per-engine classes and generic functions, instance printing, dispatch
# caching after redefinition, no next method.
from __future__ import annotations

import re

import pytest

from clysm.engine import Engine
from clysm.lisp.types import LispError


def test_classes_and_generics_are_per_engine() -> None:
    """A class and a generic function defined in one engine are unknown in another."""
    a, b = Engine(tier="1"), Engine(tier="1")
    a.eval_string("(defclass pt () ()) (defgeneric g (x)) (defmethod g ((x pt)) 1)")
    assert a.eval_string("(g (make-instance 'pt))") == 1
    assert b.eval_string("(find-class 'pt nil)").name == "NIL"
    with pytest.raises(LispError):
        b.eval_string("(g 1)")


def test_instances_print_like_sbcl() -> None:
    """A standard instance without PRINT-OBJECT method prints as #<NAME {hex}>."""
    e = Engine(tier="1")
    text = e.prin1(e.eval_string("(defclass pt () ()) (make-instance 'pt)"))
    assert re.fullmatch(r"#<PT \{[0-9A-F]+\}>", text)
    assert e.prin1(e.eval_string("(find-class 'pt)")) == "#<STANDARD-CLASS COMMON-LISP-USER::PT>"


def test_dispatch_follows_class_redefinition() -> None:
    """Redefining a class with a new superclass changes which methods apply (the dispatch cache is reset)."""
    e = Engine(tier="1")
    e.eval_string("(defclass a () ()) (defclass b () ()) (defclass c (a) ())"
                  "(defgeneric k (x)) (defmethod k ((x a)) :a) (defmethod k ((x b)) :b)")
    assert e.prin1(e.eval_string("(k (make-instance 'c))")) == ":A"
    e.eval_string("(defclass c (b) ())")
    assert e.prin1(e.eval_string("(k (make-instance 'c))")) == ":B"


def test_call_next_method_without_next_is_an_error() -> None:
    """CALL-NEXT-METHOD in the least specific method signals an error."""
    e = Engine(tier="1")
    e.eval_string("(defgeneric h (x)) (defmethod h ((x integer)) (call-next-method))")
    with pytest.raises(LispError, match="no next method"):
        e.eval_string("(h 1)")


def test_multiple_values_survive_after_methods() -> None:
    """The values of the primary method are the generic function's values, even with :after methods."""
    e = Engine(tier="1")
    e.eval_string("(defgeneric mv (x)) (defmethod mv ((x integer)) (values x (* 2 x)))"
                  "(defmethod mv :after ((x integer)) (values))")
    assert e.prin1(e.eval_string("(multiple-value-list (mv 4))")) == "(4 8)"
