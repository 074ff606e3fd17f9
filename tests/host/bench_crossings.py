# Benchmark (not collected by pytest): the cost of crossing between Python and Wasm through JsWasmHost inside
# Pyodide. Run: scripts/pyodide-run tests/host/bench_crossings.py [--json]
"""Measure Python -> Wasm export calls, Wasm -> Python import calls and related host costs (medians)."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from clysm.host import default_host  # noqa: E402
from tests.support.wasm_samples import sample_module  # noqa: E402


def median_us(fn, n: int, repeats: int = 5) -> float:
    """Median over `repeats` runs of the per-iteration time of fn(n), in microseconds."""
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn(n)
        times.append((time.perf_counter() - t) / n * 1e6)
    return statistics.median(times)


def main() -> int:
    host = default_host()
    if host is None:
        print("not running inside Pyodide: run with scripts/pyodide-run", file=sys.stderr)
        return 2
    data = sample_module()

    def cb(x):
        return x + 1

    inst = host.instantiate(data, {"host": {"cb": cb}})
    add = inst.exports["add"]
    gadd = host.guarded(add, 3)
    loop = inst.exports["loop"]

    def py_loop(n):
        for i in range(n):
            add(i, 2)

    def py_loop_guarded(n):
        for i in range(n):
            gadd(i, 2)

    def py_only(n):
        for i in range(n):
            cb(i)

    res = {
        "python_call_python_us": median_us(py_only, 200_000),
        "python_to_wasm_export_us": median_us(py_loop, 100_000),
        "python_to_wasm_export_guarded_us": median_us(py_loop_guarded, 100_000),
        "wasm_to_python_import_us": median_us(loop, 200_000),
    }
    js_cb = host.eval_js("(x) => x + 1")
    inst_js = host.instantiate(data, {"host": {"cb": js_cb}})
    res["wasm_to_js_import_us"] = median_us(inst_js.exports["loop"], 1_000_000)

    def instantiate(n):
        for _ in range(n):
            host.instantiate(data, {"host": {"cb": cb}})

    res["compile_and_instantiate_us"] = median_us(instantiate, 200)
    mod = host.compile(data)

    def instantiate_only(n):
        for _ in range(n):
            host.instantiate(mod, {"host": {"cb": cb}})

    res["instantiate_compiled_us"] = median_us(instantiate_only, 200)

    def validate(n):
        for _ in range(n):
            host.validate(data)

    res["validate_us"] = median_us(validate, 500)
    grec = host.guarded(inst.exports["rec"], 3)

    def overflow(n):
        for _ in range(n):
            grec(0)
            host.take_error()

    res["stack_overflow_caught_us"] = median_us(overflow, 5, repeats=3)

    def bad(x):
        raise ValueError(x)

    inst_bad = host.instantiate(data, {"host": {"cb": bad}})
    catch_cb = inst_bad.exports["catch_cb"]
    gcallcb = host.guarded(inst_bad.exports["callcb"], 3)

    def raise_caught_in_wasm(n):
        for i in range(n):
            catch_cb(i)

    def raise_to_python(n):
        for i in range(n):
            gcallcb(i)
            host.take_error()

    res["python_exception_caught_in_wasm_us"] = median_us(raise_caught_in_wasm, 200)
    res["python_exception_back_to_python_us"] = median_us(raise_to_python, 200)
    host.close()
    if "--json" in sys.argv:
        print(json.dumps(res))
    else:
        for k, v in res.items():
            print(f"{k:40s} {v:10.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
