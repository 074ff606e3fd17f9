# The development tools with the real engine in Pyodide on Node 24: TRACE of a function already promoted to Tier 2
# sees every call (from Tier 1, from another Tier-2 function, and its own recursive self calls, which then leave
# Wasm through the host stub), UNTRACE puts the Tier-2 closure back in its $fns slot (self calls stay in Wasm
# again), a function traced in Tier 1 that gets promoted while traced stays traced, and DISASSEMBLE prints a
# promoted function's WebAssembly as WAT (a Tier 1 one: its generated Python). TIME reports the tiers that ran.
from __future__ import annotations

from tests.tiers.pyo import run_py

FIB = "(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))"
TRACED_FIB3 = """  0: (FIB 3)
    1: (FIB 2)
      2: (FIB 1)
      2: FIB returned 1
      2: (FIB 0)
      2: FIB returned 0
    1: FIB returned 1
    1: (FIB 1)
    1: FIB returned 1
  0: FIB returned 2
"""


def test_trace_promoted_function_sees_self_calls_and_untrace_restores(node_session) -> None:  # type: ignore[no-untyped-def]
    out = run_py(node_session, f"""
        res = []
        for tier in ("2", "auto"):
            e = make(tier, 2)
            e.eval_string({FIB!r})
            e.eval_string("(fib 10)")  # auto: promoted by now
            tier_before = e.tiering.report()["FIB"]["tier"]
            e.output.clear()
            e.eval_string("(trace fib)")
            v = e.eval_string("(fib 3)")
            traced = e.output.getvalue()
            e.eval_string("(defun caller () (fib 2))")
            e.eval_string("(caller) (caller) (caller)")  # CALLER is promoted: a Tier-2 caller of traced FIB
            e.output.clear()
            e.eval_string("(caller)")
            from_tier2 = e.output.getvalue()
            e.eval_string("(untrace fib)")
            e.output.clear()
            with HostCalls() as hc:
                v2 = e.eval_string("(fib 15)")
            res.append([tier_before, v, traced, from_tier2, v2, e.output.getvalue(), hc.n,
                        e.tiering.report()["FIB"]["tier"], e.tiering.report()["CALLER"]["tier"]])
        res
    """)
    for tier_before, v, traced, from_tier2, v2, after, crossings, tier_after, caller_tier in out:
        assert tier_before == 2
        assert v == 2
        assert traced == TRACED_FIB3  # self calls inside the Wasm function reach the wrapper
        assert from_tier2.startswith("  0: (FIB 2)\n") and from_tier2.endswith("  0: FIB returned 1\n")
        assert caller_tier == 2
        assert v2 == 610 and after == ""
        assert crossings <= 2, crossings  # untraced: the recursion stays inside Wasm again
        assert tier_after == 2


def test_function_promoted_while_traced_stays_traced(node_session) -> None:  # type: ignore[no-untyped-def]
    out = run_py(node_session, f"""
        e = make("auto", 5)
        e.eval_string({FIB!r})
        e.eval_string("(trace fib)")
        e.eval_string("(fib 8)")  # promoted during this call (through the wrapper's calls of the Tier 1 entry)
        e.output.clear()
        v = e.eval_string("(fib 3)")
        [e.tiering.report()["FIB"]["tier"], v, e.output.getvalue()]
    """)
    tier, v, traced = out
    assert tier == 2
    assert v == 2
    assert traced == TRACED_FIB3


def test_disassemble_promoted_and_tier1_functions(node_session) -> None:  # type: ignore[no-untyped-def]
    out = run_py(node_session, f"""
        e = make("auto", 3)
        e.eval_string({FIB!r})
        e.eval_string("(defun sq (x) (* x x))")
        e.eval_string("(fib 10)")
        e.output.clear()
        r = e.eval_string("(disassemble 'fib)")
        wat = e.output.getvalue()
        e.output.clear()
        e.eval_string("(disassemble #'sq)")
        py = e.output.getvalue()
        [r is e.sym("NIL"), wat, py]
    """)
    is_nil, wat, py = out
    assert is_nil
    assert wat.startswith("; disassembly for FIB\n; Tier 2: WebAssembly GC")
    assert "  (func " in wat and "call" in wat
    assert py.startswith("; disassembly for SQ\n; Tier 1 (Python)")
    assert "def " in py


def test_time_reports_tiers(node_session) -> None:  # type: ignore[no-untyped-def]
    out = run_py(node_session, f"""
        e = make("auto", 10)
        e.eval_string({FIB!r})
        v = e.eval_string("(time (fib 12))")
        [v, e.output.getvalue()]
    """)
    v, text = out
    assert v == 144
    assert text.startswith("Evaluation took:\n")
    assert "calls of FIB (Tier 2 from call 11)" in text
    assert "FIB promoted to Tier 2 at call 11" in text
