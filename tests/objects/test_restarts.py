# Restarts beyond the corpus: CONTINUE / USE-VALUE / STORE-VALUE return NIL without such a restart (SBCL's
# oracle image has a top-level CONTINUE restart, so the corpus cannot show it), the restart stack is per engine and
# empty again after errors.
from __future__ import annotations

import pytest

from clysm.engine import Engine
from clysm.lisp.types import LispError


def test_restart_functions_without_restart_return_nil() -> None:
    """CONTINUE, USE-VALUE and STORE-VALUE return NIL when no such restart is active; ABORT is an error."""
    e = Engine(tier="1")
    assert e.prin1(e.eval_string("(list (continue) (use-value 1) (store-value 2))")) == "(NIL NIL NIL)"
    with pytest.raises(LispError, match="No restart ABORT"):
        e.eval_string("(abort)")


def test_restart_stack_is_empty_after_an_unhandled_error() -> None:
    """An error escaping RESTART-CASE leaves no restart behind for the next evaluation."""
    e = Engine(tier="1")
    with pytest.raises(LispError):
        e.eval_string("(restart-case (error \"x\") (leftover () 1))")
    assert e.eval_string("(find-restart 'leftover)").name == "NIL"
    assert e.objects.restarts == []


def test_restarts_are_per_engine() -> None:
    """A restart established in one engine is invisible to another engine's code."""
    a, b = Engine(tier="1"), Engine(tier="1")
    a.eval_string("(defun peek () (restart-case (funcall (symbol-function 'probe)) (mine () 1)))")
    b.eval_string("(defun probe () (find-restart 'mine))")
    a.eval_string("(defun probe () (if (find-restart 'mine) :seen :unseen))")
    assert a.prin1(a.eval_string("(peek)")) == ":SEEN"
    assert b.eval_string("(probe)").name == "NIL"
