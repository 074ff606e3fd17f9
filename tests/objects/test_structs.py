# DEFSTRUCT behaviour beyond the corpus: per-engine isolation, the Python representation, redefinition.
from __future__ import annotations

from clysm.engine import Engine
from clysm.eval.structs import StructureObject
from clysm.lisp.types import NIL


def test_structure_types_are_per_engine() -> None:
    """Two engines defining the same structure name get their own types and accessors."""
    a, b = Engine(tier="1"), Engine(tier="1")
    a.eval_string("(defstruct point x y)")
    b.eval_string("(defstruct point z)")
    assert a.prin1(a.eval_string("(make-point :x 1)")) == "#S(POINT :X 1 :Y NIL)"
    assert b.prin1(b.eval_string("(make-point :z 2)")) == "#S(POINT :Z 2)"
    assert b.eval_string("(fboundp (quote point-x))") is NIL


def test_instances_are_one_python_class_per_type() -> None:
    """Instances are StructureObject subclasses; an included type's class is a Python subclass."""
    e = Engine(tier="1")
    p = e.eval_string("(defstruct point x) (defstruct (p3 (:include point)) z) (make-p3)")
    q = e.eval_string("(make-point)")
    assert isinstance(p, StructureObject) and isinstance(p, type(q)) and type(p) is not type(q)


def test_redefinition_replaces_slots() -> None:
    """Redefining a structure takes the new slots for new instances."""
    e = Engine(tier="1")
    e.eval_string("(defstruct thing a)")
    e.eval_string("(defstruct thing a b)")
    assert e.prin1(e.eval_string("(make-thing :b 2)")) == "#S(THING :A NIL :B 2)"
