# The Benchmarks page's Python side, run inside Pyodide in the page's bench worker (web/src/bench-worker.js writes
# this file next to the installed clysm wheel and imports it). It measures one benchmark program of bench/programs
# per call, the way bench/suite.py does on Node: Tier 1 (engine tier "1", median of whole runs) and forced Tier 2
# (engine tier "2": loading the file compiles every DEFUN, then the cold first run, then warm-up and the median of
# samples of k runs). Each tier runs the program as user code would: a top-level `(bench-loop k n)` form. Every
# value is compared with the manifest's SBCL check value. The hand-written JS versions are timed by the worker
# itself (JS, no Python in the loop). Replies are JSON strings. Stdlib only; it also runs on CPython (Tier 1 only),
# which is how tests/web/test_bench_page.py checks it without a browser.
"""BenchSession: time one bench program in Tier 1 or Tier 2 for the Benchmarks page."""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Callable
from typing import Any

__all__ = ["BenchSession", "measure", "TIMING"]

BENCH_LOOP = "(defun bench-loop (k n) (let ((v nil)) (dotimes (i k v) (setq v (run n)))))"

# Timing schemes per size choice. "full" is bench/suite.py's default; "quick" keeps a whole page run short but
# still warms up for 150 ms: the browser compiles hot Wasm with its optimizing tier in the background, and on busy
# cores a shorter warm-up measured the baseline tier (fib 15 came out 5x slower in some runs).
TIMING: dict[str, dict[str, float]] = {
    "quick": {"runs": 7, "runs_slow": 3, "min_sample_ms": 20.0, "warmup_ms": 150.0, "budget_ms": 2500.0},
    "full": {"runs": 9, "runs_slow": 5, "min_sample_ms": 30.0, "warmup_ms": 150.0, "budget_ms": 8000.0},
}

Sample = tuple[float, Any]  # (wall ms for k runs, the last run's value)


class CheckFailed(Exception):
    """A run returned something other than the manifest's check value."""


def measure(call: Callable[[int], Sample], check: Callable[[Any], str], *, runs: int, min_sample_ms: float,
            warmup_ms: float, budget_ms: float) -> dict[str, Any]:
    """`call(k)` runs the program k times. The cold first run, then (when warmup_ms > 0) warm-up runs for at least
    warmup_ms and 2 runs, then up to `runs` samples of k runs each, k chosen so a sample lasts >= min_sample_ms
    judging by the fastest run so far (evaluating the top-level form costs ~1 ms in Tier 2, which k amortizes);
    stops early once budget_ms is spent (always at least one sample). Without warm-up (slow tiers) the first run is
    a sample too (when it already lasts min_sample_ms). steady_ms is the median per-run time. `check(value)`
    returns the printed value or raises."""
    first, value = call(1)
    printed = check(value)
    spent = first
    est = first
    if warmup_ms > 0:
        t_warm, n_warm = 0.0, 0
        while n_warm < 2 or t_warm < warmup_ms:
            dt, value = call(1)
            t_warm += dt
            n_warm += 1
            est = min(est, dt)  # the fastest warm-up run: one GC pause must not make k tiny
            if t_warm > budget_ms / 3:
                break
        spent += t_warm
        check(value)
    k = max(1, math.ceil(min_sample_ms / max(est, 1e-3)))
    if warmup_ms > 0 and k > 1:  # calibrate: a sample of k runs says what one run costs once the form's cost
        dt, value = call(k)      # is shared (not kept as a sample)
        spent += dt
        k = max(k, math.ceil(min_sample_ms / max(dt / k, 1e-4)))
    samples: list[float] = [first] if warmup_ms <= 0 and k == 1 else []
    while len(samples) < runs and (not samples or spent < budget_ms):
        dt, value = call(k)
        spent += dt
        samples.append(dt / k)
    check(value)
    return {"first_ms": first, "steady_ms": statistics.median(samples), "samples_ms": samples, "k": k,
            "value": printed, "ok": True}


class BenchSession:
    """One per bench worker. Every measurement uses a fresh engine, so programs never see each other."""

    def __init__(self) -> None:
        try:  # inside the worker: clysm's JS glue comes precompiled (the page's CSP forbids eval)
            from clysm_playground import use_precompiled_js  # type: ignore[import-not-found]
        except ImportError:
            return
        use_precompiled_js()

    def timing(self) -> str:
        """The timing schemes (the worker times the JS versions with the same ones)."""
        return json.dumps(TIMING)

    def info(self) -> str:
        import sys

        host, backend, reason = self._backend()
        self._close(host)
        return json.dumps({"python": sys.version.split()[0], "tier2": backend is not None, "tier2_reason": reason})

    # ---- engines -------------------------------------------------------------------------------------------
    def _backend(self) -> tuple[Any, Any, str | None]:
        try:
            from clysm.host import default_backend
        except ImportError as e:
            return None, None, f"no host module ({e})"
        return default_backend()

    @staticmethod
    def _close(host: Any) -> None:
        if host is not None and hasattr(host, "close"):
            try:
                host.close()
            except Exception:  # noqa: BLE001 - a broken host is simply dropped
                pass

    @staticmethod
    def _caller(engine: Any, size: int) -> Callable[[int], Sample]:
        forms: dict[int, Any] = {}

        def call(k: int) -> Sample:
            form = forms.get(k)
            if form is None:
                form = forms[k] = engine.read_all(f"(bench-loop {k} {size})")[0]
            t0 = time.perf_counter()
            v = engine.eval(form)
            return (time.perf_counter() - t0) * 1000.0, v

        return call

    @staticmethod
    def _checker(engine: Any, expected: str, label: str) -> Callable[[Any], str]:
        def check(value: Any) -> str:
            got = engine.prin1(value)
            if got != expected:
                raise CheckFailed(f"{label}: check value {got}, expected {expected}")
            return got

        return check

    # ---- measurements ------------------------------------------------------------------------------------------
    def tier1(self, name: str, text: str, size: int, expected: str, scheme: str = "quick") -> str:
        """Tier 1 only (no backend): no warm-up, median of whole runs (batched when a run is very short)."""
        def go() -> dict[str, Any]:
            from clysm.engine import Engine

            engine = Engine(tier="1")
            engine.eval_string(text, filename=f"{name}.lisp")
            engine.eval_string(BENCH_LOOP)
            t = _timing(scheme)
            return measure(self._caller(engine, int(size)), self._checker(engine, expected, "Tier 1"),
                           runs=int(t["runs_slow"]), min_sample_ms=t["min_sample_ms"], warmup_ms=0.0,
                           budget_ms=t["budget_ms"])

        return _reply(go)

    def tier2(self, name: str, text: str, size: int, expected: str, scheme: str = "quick") -> str:
        """Forced Tier 2: runtime start, loading the file (every DEFUN compiled to Wasm, validated, instantiated),
        the cold first run; then warm-up and the steady state."""
        def go() -> dict[str, Any]:
            from clysm.engine import Engine

            host, backend, reason = self._backend()
            if backend is None:
                self._close(host)
                raise RuntimeError(f"Tier 2 is not available: {reason}")
            try:
                t0 = time.perf_counter()
                engine = Engine(tier="2", backend=backend)
                if hasattr(backend, "state"):
                    backend.state(engine)  # the per-engine runtime module
                t1 = time.perf_counter()
                engine.eval_string(text, filename=f"{name}.lisp")
                t2 = time.perf_counter()
                engine.eval_string(BENCH_LOOP)
                t = _timing(scheme)
                res = measure(self._caller(engine, int(size)), self._checker(engine, expected, "Tier 2"),
                              runs=int(t["runs"]), min_sample_ms=t["min_sample_ms"], warmup_ms=t["warmup_ms"],
                              budget_ms=t["budget_ms"])
                res["runtime_start_ms"] = (t1 - t0) * 1000.0
                res["load_compile_ms"] = (t2 - t1) * 1000.0
                res["first_with_compile_ms"] = res["load_compile_ms"] + res["first_ms"]
                report = engine.tiering.report()
                res["not_in_tier2"] = sorted(k for k, v in report.items() if v.get("tier") != 2)
                return res
            finally:
                self._close(host)

        return _reply(go)


def _timing(scheme: str) -> dict[str, float]:
    return TIMING.get(scheme, TIMING["quick"])


def _reply(go: Callable[[], dict[str, Any]]) -> str:
    """The measurement as JSON, or {"error": ...}: a failing program is a result, never a dead worker."""
    try:
        return json.dumps(go())
    except CheckFailed as e:
        return json.dumps({"error": str(e), "check_failed": True})
    except Exception as e:  # noqa: BLE001 - Lisp errors (LispError) and engine bugs alike are reported
        cond = getattr(e, "condition", None)
        if cond is not None:
            msg = f"{getattr(cond, 'type_name', type(e).__name__)}: {getattr(cond, 'message', e)}"
        else:
            msg = f"{type(e).__name__}: {e}"
        return json.dumps({"error": msg[:2000]})
