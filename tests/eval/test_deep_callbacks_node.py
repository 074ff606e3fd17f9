# Deep Lisp recursion that passes through built-ins calling Lisp callbacks (SORT's predicate, MAPCAR's function)
# must end as a value or a catchable STACK-EXHAUSTED inside Pyodide, never kill the runtime: Python's own sort calls
# the predicate from C frames, and C-level recursion is what kills Pyodide (DESIGN-NOTES).
from __future__ import annotations

import pytest

pytestmark = pytest.mark.node

DEEP_SORT = """
(defun deep (n)
  (if (= n 0)
      0
      (car (sort (list (deep (1- n)) 1) (lambda (a b) (< a b))))))
(defun via-pred (n)
  (if (= n 0)
      t
      (progn (sort (list 2 1) (lambda (a b) (via-pred (1- n)) (< a b))) t)))
(list (deep DEPTH) (via-pred DEPTH)
      (handler-case (via-pred 100000) (storage-condition () :exhausted) (error () :exhausted)))
"""


# Tier 1 allows ~4000 Python frames (a level here is ~6); once promoted, every level crosses Wasm -> Python -> Wasm
# and the engine allows 200 nested crossings (DESIGN-NOTES: browsers give wrong results beyond ~250).
@pytest.mark.parametrize(("tier", "depth"), [("1", 400), ("auto", 60)])
def test_recursion_through_sort_predicate_does_not_kill_pyodide(node_session, tier: str, depth: int) -> None:
    """Recursion through SORT's predicate works to a useful depth; far deeper is a Lisp error the program can
    catch; the same Pyodide session keeps working afterwards."""
    result = node_session.run(DEEP_SORT.replace("DEPTH", str(depth)), tier=tier)
    assert result["error"] is None, result["error"]
    assert result["value"] == "(0 T :EXHAUSTED)"
    assert node_session.run("(+ 1 2)")["value"] == "3"  # the same Pyodide is still alive
