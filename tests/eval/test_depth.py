# Recursion depth: deep Lisp recursion becomes a catchable "Control stack exhausted" error (never a crash), normal
# recursion depths work, self tail calls run in constant stack, and Tier 1 uses about one Python frame per call.
from __future__ import annotations

import sys

from clysm.api import run_source
from clysm.engine import DEFAULT_MAX_DEPTH, Engine

DEFINE_F = "(defun f (n) (if (= n 0) 0 (1+ (f (1- n)))))"


def test_deep_recursion_is_a_lisp_error() -> None:
    """(f 100000) signals STACK-EXHAUSTED; (f 1000) works; the engine stays usable afterwards."""
    r = run_source(DEFINE_F + "(f 100000)")
    assert r["error"]["type"] == "STACK-EXHAUSTED" and "stack exhausted" in r["error"]["message"]
    e = Engine()
    e.eval_string(DEFINE_F)
    assert e.eval_string("(f 1000)") == 1000
    assert e.eval_string("(handler-case (f 100000) (storage-condition () 'caught))").name == "CAUGHT"
    assert e.eval_string("(handler-case (f 100000) (error () 'also-an-error))").name == "ALSO-AN-ERROR"
    assert e.eval_string("(f 3000)") == 3000


def test_recursion_limit_is_restored() -> None:
    """The engine bounds Python recursion only while it evaluates."""
    before = sys.getrecursionlimit()
    Engine().eval_string(DEFINE_F + "(f 10)")
    assert sys.getrecursionlimit() == before


def test_one_python_frame_per_lisp_call() -> None:
    """A simple recursive function uses about one Python frame per Lisp call, so the depth budget is reached
    near DEFAULT_MAX_DEPTH Lisp calls."""
    e = Engine()
    e.eval_string(DEFINE_F)
    assert e.eval_string(f"(f {DEFAULT_MAX_DEPTH - 200})") == DEFAULT_MAX_DEPTH - 200
    assert run_source(DEFINE_F + f"(f {DEFAULT_MAX_DEPTH + 100})")["error"]["type"] == "STACK-EXHAUSTED"


def test_self_tail_calls_run_in_constant_stack() -> None:
    """Self tail calls (DEFUN and LABELS) are loops, still counted as calls and still redefinable."""
    e = Engine()
    assert e.eval_string("(defun count-up (n acc) (if (= n 0) acc (count-up (- n 1) (+ acc 1))))"
                         "(count-up 100000 0)") == 100000
    assert e.tiering.functions[e.intern("COUNT-UP")].calls == 100001
    assert e.eval_string("(labels ((lp (i acc) (if (= i 0) acc (lp (1- i) (+ acc i))))) (lp 100000 0))") \
        == 5000050000
    e.eval_string("(defun down (n) (if (= n 0) 'done (down (1- n))))")
    e.eval_string("(defun redefine-me (n) (if (= n 5) (progn (defun redefine-me (n) (list 'new n)) (redefine-me n))"
                  " (redefine-me (1+ n))))")
    assert e.prin1(e.eval_string("(redefine-me 0)")) == "(NEW 5)"


def test_deep_nesting_compiles() -> None:
    """Deeply nested forms (many blocks, catches, ifs) compile despite Python's nesting limits."""
    src = "(catch 'c0 " * 30 + "(throw 'c0 42)" + ")" * 30
    assert Engine().eval_string(src) == 42
    src = "(let ((x 0)) " + "(if (> x -1) " * 300 + "99" + " 0)" * 300 + ")"
    assert Engine().eval_string(src) == 99
    src = "(let ((x 0)) " + "(dolist (v '(1)) " * 25 + "(incf x)" + ")" * 25 + " x)"
    assert Engine().eval_string(src) == 1
