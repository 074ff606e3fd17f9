# Tier 2 stays inside Wasm: a promoted recursive function (fib, tak) must not call into Python per call, in
# forced Tier 2 and after automatic promotion (regression: the promotion's function_changed used to put the host
# stub back in the function's own $fns slot, so every recursive call went Wasm -> Python -> Wasm, ~15x slower
# than Tier 1). Calls are still counted exactly (inside Wasm).
from __future__ import annotations

from tests.tiers.pyo import run_py

FIB = "(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))"
TAK = "(defun tak (x y z) (if (not (< y x)) z (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y))))"


def test_compiled_fib_and_tak_make_no_host_calls_per_call(node_session) -> None:  # type: ignore[no-untyped-def]
    out = run_py(node_session, f"""
        res = {{}}
        for tier in ("2", "auto"):
            with HostCalls() as hc:  # active before the backend binds its imports
                e = make(tier, 10)
                e.eval_string({FIB!r}); e.eval_string({TAK!r})
                e.eval_string("(fib 12)"); e.eval_string("(tak 6 4 2)")   # promote (auto)
                n0 = hc.n; hc.by.clear()
                v1 = e.eval_string("(fib 20)")
                v2 = e.eval_string("(tak 18 12 6)")
            res[tier] = [v1, v2, hc.n - n0, dict(hc.by), e.tiering.report()["FIB"]["tier"]]
        res
    """)
    for tier in ("2", "auto"):
        v1, v2, n, by, fib_tier = out[tier]
        assert (v1, v2, fib_tier) == (6765, 7, 2), out
        assert n <= 4, f"tier {tier}: {n} host calls during (fib 20) + (tak 18 12 6): {by}"


def test_calls_counted_in_wasm_after_promotion(node_session) -> None:  # type: ignore[no-untyped-def]
    out = run_py(node_session, f"""
        res = {{}}
        for tier in ("2", "auto"):
            e = make(tier, 10)
            e.eval_string({FIB!r})
            e.eval_string("(fib 20)")
            r = e.tiering.report()["FIB"]
            res[tier] = [r["calls"], r["promoted_at_call"], r["tier"]]
        res
    """)
    # (fib 20) makes 21891 calls
    assert out["2"] == [21891, 0, 2]
    assert out["auto"] == [21891, 11, 2]
