# Benchmark (run inside Pyodide on Node 24: scripts/pyodide-run bench/tier2_vs_tier1_js.py): fib 25 and tak 18 12 6
# in Tier 2 (promoted through clysm.compiler.backend) against Tier 1 on the same engine (when clysm.engine is
# available) and against the same functions written by hand in JavaScript, side by side in one run. Also the
# compile time of ~1,000 lines of Lisp to JIT module bytes. Issue targets: Tier 2 >= 50x Tier 1, <= 3x JS,
# compile <= 100 ms in Pyodide.
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clysm.compiler.backend import Tier2Backend, compile_definition  # noqa: E402
from clysm.host.js_host import JsWasmHost  # noqa: E402
from clysm.lisp.types import Cons  # noqa: E402
from tests.compiler.mini_engine import MiniEngine, defun  # noqa: E402

FIB = "(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))"
TAK = "(defun tak (x y z) (if (not (< y x)) z (tak (tak (1- x) y z) (tak (1- y) z x) (tak (1- z) x y))))"
JS = """({
  fib: function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); },
  tak: function tak(x, y, z) { return !(y < x) ? z : tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)); },
})"""


def median_ms(fn, runs: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, value = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), value


def tier1_times() -> dict[str, float] | None:
    try:
        from clysm.engine import Engine
    except ImportError:
        return None
    eng = Engine(tier="1")
    eng.eval_string(FIB)
    eng.eval_string(TAK)
    return {"fib": median_ms(lambda: eng.eval_string("(fib 25)"), 3)[0],
            "tak": median_ms(lambda: eng.eval_string("(tak 18 12 6)"), 3)[0]}


def main() -> None:
    host = JsWasmHost()
    engine = MiniEngine()
    backend = Tier2Backend(host)
    fib, tf = defun(engine, backend, FIB)
    tak, _ = defun(engine, backend, TAK)
    js = host.eval_js(JS)
    fib(20), tak(12, 8, 4), js.fib(20), js.tak(12, 8, 4)  # warm up
    rows = {"fib": (median_ms(lambda: fib(25), 9), median_ms(lambda: js.fib(25), 9)),
            "tak": (median_ms(lambda: tak(18, 12, 6), 9), median_ms(lambda: js.tak(18, 12, 6), 9))}
    t1 = tier1_times()
    print(f"fib module: {tf.module_size} bytes, compile {tf.compile_ms:.2f} ms, instantiate {tf.instantiate_ms:.2f} ms")
    for name, ((t2, v2), (tj, vj)) in rows.items():
        assert v2 == vj, (name, v2, vj)
        line = f"{name}: Tier 2 {t2:.2f} ms, JS {tj:.2f} ms, Tier 2 / JS = {t2 / tj:.2f}x"
        if t1:
            line += f", Tier 1 {t1[name]:.1f} ms, Tier 1 / Tier 2 = {t1[name] / t2:.0f}x"
        print(line)
    if not t1:
        print("Tier 1: clysm.engine not available in this tree yet")
    body = ("(defun f{i} (n acc)\n  (let ((x (+ n 1))\n        (y (* n 2)))\n    (if (< n 1)\n        acc\n"
            "        (f{i} (- n 1)\n              (cons (list x y (car acc)) acc)))))\n")
    forms = [engine.read(body.format(i=i))[0] for i in range(1000 // body.count("\n"))]
    lam = engine.intern("LAMBDA", "COMMON-LISP")

    def compile_all() -> int:
        return sum(len(compile_definition(engine, f.cdr.car, Cons(lam, f.cdr.cdr))[0]) for f in forms)

    ms, size = median_ms(compile_all, 5)
    print(f"compile {len(forms) * body.count(chr(10))} lines ({len(forms)} functions) to {size} bytes: {ms:.1f} ms")


if __name__ == "__main__":
    main()
