# Native CATCH/THROW/UNWIND-PROTECT of Tier 2 in the browsers (docs/ABI.md, "Non-local exits"): ctak gives its
# value, and unbounded recursion through UNWIND-PROTECT ends in a handled STACK-EXHAUSTED after every cleanup ran
# (the browser's stack overflow cannot be caught in Wasm; the bridge runs the cleanups afterwards).
from __future__ import annotations

from .harness import Playground

DEEP = """(defvar *in* 0)
(defvar *out* 0)
(defun deep () (setq *in* (1+ *in*)) (unwind-protect (deep) (setq *out* (1+ *out*))))
(list (handler-case (deep) (error () 'exhausted)) (= *in* *out*) (> *in* 100))"""

CTAK = """(defun ctak-aux (x y z)
  (cond ((not (< y x)) (throw 'ctak z))
        (t (ctak-aux (catch 'ctak (ctak-aux (1- x) y z)) (catch 'ctak (ctak-aux (1- y) z x))
                     (catch 'ctak (ctak-aux (1- z) x y))))))
(defun ctak (x y z) (catch 'ctak (ctak-aux x y z)))
(list (ctak 18 12 6) (catch 'a (unwind-protect (throw 'a 1) (ctak 3 2 1))))"""


def test_catch_throw_and_cleanups_after_stack_exhaustion(playground: Playground) -> None:
    """Forced Tier 2: ctak = 7, a throw through a cleanup; then every cleanup of an overflowed recursion ran and
    the engine still works."""
    r = playground.run(CTAK, mode="2")
    assert r["error"] is None and r["value"] == "(7 1)", r
    r = playground.run(DEEP, mode="2")
    assert r["error"] is None and r["value"] == "(EXHAUSTED T T)", r
    assert playground.run("(+ 1 2)", mode="2")["value"] == "3"
    playground.run("nil", mode="auto", threshold=10)
