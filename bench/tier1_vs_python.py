# Benchmark: Tier 1 (the Python evaluator) against plain Python `def`s of the same functions, side by side in one
# run on CPython. Prints medians and the ratio Tier 1 / Python (issue target: at most 10x on fib 25, tak 18 12 6).
from __future__ import annotations

import statistics
import sys
import time

from clysm.engine import Engine

FIB = "(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))"
TAK = "(defun tak (x y z) (if (not (< y x)) z (tak (tak (1- x) y z) (tak (1- y) z x) (tak (1- z) x y))))"


def py_fib(n: int) -> int:
    return n if n < 2 else py_fib(n - 1) + py_fib(n - 2)


def py_tak(x: int, y: int, z: int) -> int:
    if not y < x:
        return z
    return py_tak(py_tak(x - 1, y, z), py_tak(y - 1, z, x), py_tak(z - 1, x, y))


def median_time(fn, runs: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), value


def compare(runs: int = 5) -> list[tuple[str, float, float, float]]:
    """[(benchmark, Tier 1 s, Python s, ratio)], medians of `runs`; asserts both give the same value."""
    engine = Engine(tier="1")
    engine.eval_string(FIB + TAK)
    rows = []
    for name, lisp, py in [
        ("fib 25", "(fib 25)", lambda: py_fib(25)),
        ("tak 18 12 6", "(tak 18 12 6)", lambda: py_tak(18, 12, 6)),
    ]:
        forms = engine.read_all(lisp)
        t_lisp, v_lisp = median_time(lambda f=forms[0]: engine.eval(f), runs)
        t_py, v_py = median_time(py, runs)
        assert v_lisp == v_py, (name, v_lisp, v_py)
        rows.append((name, t_lisp, t_py, t_lisp / t_py))
    return rows


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    rows = compare(runs)
    print(f"Tier 1 vs plain Python on CPython {sys.version.split()[0]} (median of {runs})")
    print(f"{'benchmark':<14}{'Tier 1 ms':>12}{'Python ms':>12}{'ratio':>8}")
    for name, t1, tp, r in rows:
        print(f"{name:<14}{t1 * 1000:>12.1f}{tp * 1000:>12.1f}{r:>8.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
