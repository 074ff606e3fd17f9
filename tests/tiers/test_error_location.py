# Errors raised in Tier 2 name the place like Tier 1's do: the innermost DEFUN'd function running when the error
# was signalled (found on the Wasm stack by the bridge: Bridge.locate, docs/ABI.md "Errors"), for errors of
# built-ins called from Tier 2, Tier-2 stack exhaustion, and in forced Tier 2 as well as after promotion.
from __future__ import annotations

import pytest

from tests.tiers.batch import run_many

CASES = [
    # (source, expected error type, expected function) - the same in Tier 1 and in every Tier 2 mode
    ("(defun inner (x) (car x))\n(defun outer (x) (list (inner x)))\n(dotimes (i 30) (outer (list i)))\n(outer 5)",
     "TYPE-ERROR", "INNER"),
    ("(defun f (x) (+ 1 (svref x 3)))\n(dotimes (i 30) (f (vector 1 2 3 4)))\n(f (vector 1 2))", "ERROR", "F"),
    ("(defun deep (n) (+ 1 (deep (+ n 1))))\n(dotimes (i 20) (ignore-errors (deep (- 20))))\n(deep 0)",
     "STACK-EXHAUSTED", "DEEP"),
    ("(defun h (x) (floor 10 x))\n(defun g (x) (h x))\n(dotimes (i 30) (g 3))\n(g 0)", "DIVISION-BY-ZERO", "H"),
    # auto: T2 is promoted, T1 (first called at the end) still runs in Tier 1 inside it
    ("(defun t1 (x) (car x))\n(defun t2 (x) (if (numberp x) (t1 x) x))\n(dotimes (i 30) (t2 'a))\n(t2 7)",
     "TYPE-ERROR", "T1"),
]


@pytest.mark.parametrize("tier,threshold", [("1", 10), ("2", 10), ("auto", 10)])
def test_tier2_errors_name_the_function(node_session, tier: str, threshold: int) -> None:  # type: ignore[no-untyped-def]
    results = run_many(node_session, [(src, tier, threshold) for src, _, _ in CASES])
    for (src, want_type, want_fn), r in zip(CASES, results, strict=True):
        err = r["error"]
        assert err is not None, (tier, src, r.get("value"))
        assert err["type"] == want_type or want_type == "ERROR", (tier, src, err)
        assert err["function"] == want_fn, (tier, src, err)
