# Multidimensional arrays across the tiers, with the real engine in Pyodide on Node 24: a LispArray (rank 0 or
# >= 2) is a Python-owned object Tier 2 reaches only through Tier 1's built-ins (2+-subscript AREF is a normal
# call, docs/ABI.md "Simple vectors"); it never migrates into a Wasm array and is never taken for a simple
# vector, while the 1-D fast path of the same function keeps crossing nothing. Values against SBCL:
# tests/corpus/32-arrays-nd.lisp.
from __future__ import annotations

import textwrap
from typing import Any

from tests.tiers.pyo import run_py

EV = """
def ev(e, s):
    try:
        return e.prin1(e.eval_string(s))
    except Exception as ex:
        c = getattr(ex, "condition", None)
        return ["ERROR", c.type_name if c is not None else type(ex).__name__, str(ex)]
"""

MATMUL = """
(defun matmul (a b)
  (let* ((n (array-dimension a 0)) (m (array-dimension a 1)) (p (array-dimension b 1))
         (c (make-array (list n p) :initial-element 0)))
    (dotimes (i n c)
      (dotimes (j p)
        (let ((sum 0))
          (dotimes (k m) (incf sum (* (aref a i k) (aref b k j))))
          (setf (aref c i j) sum))))))
"""


def run(session: Any, code: str) -> Any:
    return run_py(session, EV + textwrap.dedent(code))


def test_promoted_matrix_code_gives_tier1_results(node_session) -> None:  # type: ignore[no-untyped-def]
    """MATMUL called past the threshold is promoted (its 2-D AREFs call Tier 1's AREF) and keeps giving the same
    matrices; the arrays it makes and reads stay Python LispArrays with plain list items (no migration)."""
    out = run(node_session, f"""
        e = make("auto", 10)
        e.eval_string({MATMUL!r})
        e.eval_string("(defparameter *a* (make-array '(3 3) :initial-contents '((1 2 3) (4 5 6) (7 8 10))))")
        b = e.backend.bridge(e)
        results = [ev(e, "(matmul *a* *a*)") for _ in range(14)]
        r = e.eval_string("(matmul *a* *a*)")
        a = e.eval_string("*a*")
        [len(set(results)), results[0], e.tiering.report()["MATMUL"]["promoted_at_call"],
         type(a).__name__, type(a.items).__name__, type(r).__name__, type(r.items).__name__,
         b.vectors.migrations]
    """)
    distinct, first, promoted_at, atype, aitems, rtype, ritems, migrations = out
    assert distinct == 1
    assert first == "#2A((30 36 45) (66 81 102) (109 134 169))"
    assert promoted_at == 11
    assert (atype, aitems, rtype, ritems) == ("LispArray", "list", "LispArray", "list")
    assert migrations == 0


def test_never_a_simple_vector_in_tier2(node_session) -> None:  # type: ignore[no-untyped-def]
    """Forced Tier 2: the vector predicates, SVREF, LENGTH and 2-argument AREF of a matrix give Tier 1's answers
    (AREF with one subscript is row-major, as in SBCL); nothing migrates."""
    out = run(node_session, """
        e = make("2", 10)
        e.eval_string('''
          (defun preds (x) (list (arrayp x) (vectorp x) (simple-vector-p x) (typep x '(simple-array t (2 2)))))
          (defun sv (x) (svref x 0))
          (defun len (x) (length x))
          (defun ref1 (x i) (aref x i))
          (defun set1 (x i v) (setf (aref x i) v))
          (defparameter *m* (make-array '(2 2) :initial-contents '((1 2) (3 4))))''')
        b = e.backend.bridge(e)
        [ev(e, "(preds *m*)"), ev(e, "(preds (vector 1 2))"), ev(e, "(sv *m*)")[:2], ev(e, "(len *m*)")[:2],
         ev(e, "(ref1 *m* 3)"), ev(e, "(progn (set1 *m* 0 'z) *m*)"), ev(e, "(ref1 *m* 4)")[:2],
         b.vectors.migrations, type(e.eval_string("*m*").items).__name__]
    """)
    assert out[0] == "(T NIL NIL T)"
    assert out[1] == "(T T T NIL)"
    assert out[2] == ["ERROR", "TYPE-ERROR"]
    assert out[3] == ["ERROR", "TYPE-ERROR"]
    assert out[4] == "4"
    assert out[5] == "#2A((Z 2) (3 4))"
    assert out[6] == ["ERROR", "TYPE-ERROR"]
    assert out[7] == 0
    assert out[8] == "list"


def test_one_dimensional_fast_path_kept_next_to_matrices(node_session) -> None:  # type: ignore[no-untyped-def]
    """A function doing both 1-D and 2-D AREF: once its vector has migrated, the 1-D accesses cross nothing; each
    2-D access is one call into Tier 1."""
    out = run(node_session, """
        e = make("2", 10)
        e.eval_string('''
          (defun vsum (v) (let ((s 0)) (dotimes (i (length v) s) (incf s (aref v i)))))
          (defun msum (m) (let ((s 0)) (dotimes (i (array-dimension m 0) s)
                                         (dotimes (j (array-dimension m 1)) (incf s (aref m i j))))))
          (defparameter *v* (make-array 100 :initial-element 1))
          (defparameter *m* (make-array '(10 10) :initial-element 1))''')
        b = e.backend.bridge(e)
        first = ev(e, "(vsum *v*)")
        c0 = b.crossings
        again = ev(e, "(vsum *v*)")
        c1 = b.crossings
        m = ev(e, "(msum *m*)")
        [first, again, c1 - c0, m, b.crossings - c1]
    """)
    first, again, calls_1d, m, calls_2d = out
    assert (first, again, m) == ("100", "100", "100")
    assert calls_1d <= 1  # the Python -> Wasm entry of the top-level form
    assert calls_2d >= 100
