# Tiering behaviour of issue 4 with the real engine in Pyodide on Node 24: promotion at threshold+1, redefinition
# (also self-redefinition while running) seen by compiled callers, Tier-2 -> Tier-1 calls counted (so a cold
# helper is promoted too), failed promotion stays Tier 1 with the reason, and the promotion event log.
from __future__ import annotations

from tests.tiers.pyo import run_py


def test_promotion_report_and_events(node_session) -> None:  # type: ignore[no-untyped-def]
    out = run_py(node_session, """
        e = make("auto", 10)
        e.eval_string("(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))")
        v = e.eval_string("(fib 25)")
        [v, e.tiering.report()["FIB"], e.tiering.events]
    """)
    v, fib, events = out
    assert v == 75025
    assert fib == {"tier": 2, "calls": 242785, "promoted_at_call": 11, "tier2_error": None}
    assert len(events) == 1 and events[0]["function"] == "FIB" and events[0]["call"] == 11 and events[0]["ok"]
    assert events[0]["module_bytes"] > 100 and events[0]["compile_ms"] > 0 and events[0]["instantiate_ms"] > 0


def test_tier2_calls_tier1_helper_counted_and_promoted(node_session) -> None:  # type: ignore[no-untyped-def]
    out = run_py(node_session, """
        e = make("auto", 5)
        e.eval_string("(defun helper (x) (+ x 1))")
        e.eval_string("(defun loop-it (n acc) (if (= n 0) acc (loop-it (- n 1) (helper acc))))")
        e.eval_string("(compile-with-tier :tier-1 '(lambda () 0))")
        v = e.eval_string("(loop-it 100 0)")
        r = e.tiering.report()
        [v, r["HELPER"], r["LOOP-IT"]]
    """)
    v, helper, loop_it = out
    assert v == 100
    assert helper["calls"] == 100 and helper["tier"] == 2 and helper["promoted_at_call"] == 6
    assert loop_it["calls"] == 101 and loop_it["tier"] == 2


def test_redefinition_seen_by_compiled_callers(node_session) -> None:  # type: ignore[no-untyped-def]
    out = run_py(node_session, """
        e = make("2", 10)
        e.eval_string("(defun callee () 'old)")
        e.eval_string("(defun caller () (callee))")
        a = e.prin1(e.eval_string("(caller)"))
        e.eval_string("(defun callee () 'new)")
        b = e.prin1(e.eval_string("(caller)"))
        e2 = make("auto", 1)
        e2.eval_string("(defun self-redef (n) (when (= n 2) (defun self-redef (n) (list 'new n))) (list 'old n))")
        c = e2.prin1(e2.eval_string("(list (self-redef 1) (self-redef 2) (self-redef 3) (self-redef 4))"))
        [a, b, c]
    """)
    assert out == ["OLD", "NEW", "((OLD 1) (OLD 2) (NEW 3) (NEW 4))"]


def test_failed_promotion_stays_tier1_with_reason(node_session) -> None:  # type: ignore[no-untyped-def]
    """A function Tier 2 refuses (every VALID lambda compiles since issue #3, so the refusal is injected: calls of
    the operator REFUSED are made unsupported) stays in Tier 1 with the reason and is tried only once."""
    out = run_py(node_session, """
        from clysm.compiler import front as _front
        _orig = _front.Front.convert
        def _convert(self, form, scope, fn):
            if isinstance(form, _front.Cons) and getattr(form.car, "name", None) == "REFUSED":
                raise _front.unsupported("the test construct REFUSED")
            return _orig(self, form, scope, fn)
        _front.Front.convert = _convert
        try:
            e = make("auto", 2)
            e.eval_string("(defvar *sp* 0)")
            e.eval_string("(defun refused (x) x)")
            e.eval_string("(defun sp-user (&optional (*sp* 1)) (list *sp* (sp-reader) (refused 0)))")
            e.eval_string("(defun sp-reader () *sp*)")
            v = e.prin1(e.eval_string("(list (sp-user 1) (sp-user 2) (sp-user 3) (sp-user 4))"))
        finally:
            _front.Front.convert = _orig
        r = e.tiering.report()["SP-USER"]
        [v, r, len(e.tiering.events)]
    """)
    v, r, n_events = out
    assert v == "((1 1 0) (2 2 0) (3 3 0) (4 4 0))"
    assert r["tier"] == 1 and r["calls"] == 4 and r["promoted_at_call"] is None
    assert r["tier2_error"] and "the test construct REFUSED" in r["tier2_error"]
    assert n_events == 3  # SP-READER and REFUSED promoted; SP-USER tried once, never retried


def test_deep_tier2_recursion_in_node(node_session) -> None:  # type: ignore[no-untyped-def]
    """Node runs with a bigger stack (node_session.default_node_flags): 10,000 nested non-tail calls in Tier 2 on
    a cold first call (Tier 1 stops at ~3,900 by design), and a runaway recursion is still a Lisp error."""
    out = run_py(node_session, """
        e = make("2", 10)
        e.eval_string("(defun deep (n) (if (= n 0) 0 (+ 1 (deep (- n 1)))))")
        v = e.eval_string("(deep 10000)")
        try:
            e.eval_string("(deep 10000000)")
            err = None
        except Exception as x:
            err = x.condition.type_name
        [v, err]
    """)
    assert out == [10000, "STACK-EXHAUSTED"]
