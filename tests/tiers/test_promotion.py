# Issue 4 behaviours with the real engine in Pyodide on Node 24: a recursion already under way in Tier 1 continues
# in Tier 2 once the function is promoted (its deeper calls make no Wasm -> Python crossings), a caller that
# redefines its callee mid-loop sees the new definition from the next call on (in both tiers), a function that
# redefines itself finishes the running call on the old code, changing *COMPILATION-THRESHOLD* applies to later
# calls, and a function closing over a Tier-1 variable is promoted and SHARES it with Tier 1 (issue 3).
from __future__ import annotations

from tests.tiers.pyo import run_py

DOWN = "(defun down (n) (if (= n 0) 0 (+ 1 (down (- n 1)))))"


def test_recursion_under_way_switches_to_tier2(node_session) -> None:  # type: ignore[no-untyped-def]
    out = run_py(node_session, f"""
        with HostCalls() as hc:
            e = make("auto", 10)
            e.eval_string({DOWN!r})
            n0 = hc.n
            v = e.eval_string("(down 1000)")
            crossings = hc.n - n0
        [v, e.tiering.report()["DOWN"], crossings]
    """)
    v, down, crossings = out
    assert v == 1000
    # calls 1..10 ran in Tier 1 (10 Python frames deep); call 11 promoted DOWN and calls 11..1001 ran in Wasm
    assert down == {"tier": 2, "calls": 1001, "promoted_at_call": 11, "tier2_error": None}
    assert crossings <= 2, crossings  # ~990 recursive calls stayed inside Wasm


CALLER = """
(defun callee (x) (* x 10))
(defun caller (n)
  (let ((acc nil))
    (dotimes (i n) (when (= i 3) (defun callee (x) (- x))) (push (callee i) acc))
    (nreverse acc)))
"""


def test_caller_redefining_callee_mid_loop(node_session) -> None:  # type: ignore[no-untyped-def]
    out = run_py(node_session, f"""
        res = []
        for tier, thr in (("1", 10), ("2", 10), ("auto", 1)):
            e = make(tier, thr)
            e.eval_string({CALLER!r})
            e.eval_string("(callee 1) (callee 2)")  # auto: CALLEE is in Tier 2 before CALLER redefines it
            res.append([e.prin1(e.eval_string("(list (caller 6) (caller 6))")), e.tiering.report()["CALLER"]["tier"]])
        res
    """)
    expected = "((0 10 20 -3 -4 -5) (0 -1 -2 -3 -4 -5))"
    assert out == [[expected, 1], [expected, 2], [expected, 2]]


def test_self_redefinition_finishes_running_call_on_old_code(node_session) -> None:  # type: ignore[no-untyped-def]
    out = run_py(node_session, """
        src = ("(defun worker (n) (let ((out nil)) (dotimes (i n) (when (= i 2) (defun worker (n) (list 'new n))) "
               "(push i out)) (list 'old (nreverse out))))")
        res = []
        for tier, thr in (("1", 10), ("2", 10), ("auto", 1)):
            e = make(tier, thr)
            e.eval_string(src)
            if tier == "auto":
                e.eval_string("(worker 0)")  # promoted at the next call, which redefines it while running
            res.append(e.prin1(e.eval_string("(list (worker 5) (worker 5))")))
        res
    """)
    assert out == ["((OLD (0 1 2 3 4)) (NEW 5))"] * 3


def test_changing_the_threshold_applies_to_later_calls(node_session) -> None:  # type: ignore[no-untyped-def]
    out = run_py(node_session, """
        e = make("auto", 10)
        e.eval_string("(defun sq (x) (* x x))")
        e.eval_string("(dotimes (i 3) (sq i))")
        e.eval_string("(setf *compilation-threshold* 100)")
        e.eval_string("(dotimes (i 20) (sq i))")  # 23 calls: under the new threshold
        before = dict(e.tiering.report()["SQ"])
        e.eval_string("(setf *compilation-threshold* 2)")
        v = e.eval_string("(sq 7)")  # call 24 exceeds 2: promoted now
        [before, v, e.tiering.report()["SQ"]]
    """)
    before, v, after = out
    assert before["tier"] == 1 and before["calls"] == 23
    assert v == 49 and after["tier"] == 2 and after["promoted_at_call"] == 24 and after["calls"] == 24


def test_closure_over_tier1_variable_is_promoted_and_shares_it(node_session) -> None:  # type: ignore[no-untyped-def]
    out = run_py(node_session, """
        e = make("auto", 10)
        e.eval_string("(defvar *peek*) (defvar *poke*)")
        e.eval_string("(let ((count 0)) (defun counter () (incf count))"
                      " (setq *peek* (lambda () count) *poke* (lambda (v) (setq count v))))")
        e.eval_string("(dotimes (i 20) (counter))")
        r = dict(e.tiering.report()["COUNTER"])
        a = e.eval_string("(funcall *peek*)")           # read from Tier 1
        e.eval_string("(funcall *poke* 100)")            # written from Tier 1 ...
        b = e.eval_string("(counter)")                   # ... seen by Tier 2, which writes it ...
        c = e.eval_string("(funcall *peek*)")            # ... seen by Tier 1
        [r, a, b, c]
    """)
    r, a, b, c = out
    assert r["tier"] == 2 and r["promoted_at_call"] == 11 and r["tier2_error"] is None
    assert (a, b, c) == (20, 101, 101)
