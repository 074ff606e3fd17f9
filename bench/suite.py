# Benchmark suite, the part that runs INSIDE Pyodide (Node 24 via `scripts/pyodide-run bench/suite.py`, or a page):
# every bench/programs/*.lisp program in Tier 1, in automatic tiering (first run, promotions included), in forced
# Tier 2 (load + compile + first run, then steady state), and the hand-written JS of bench/programs/programs.js on the
# same JS engine; plus compile throughput, promotion latency, optional cProfile of Tier 2 runs, and the JS host's
# peak RSS. Every result is checked against the SBCL check value in bench/programs/manifest.json. Prints progress on
# stderr and one `BENCH-JSON {...}` line on stdout. Never imports `js` itself: JS goes through the host's eval_js.
from __future__ import annotations

import argparse
import cProfile
import io
import json
import math
import pstats
import statistics
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.gen_lisp import generate  # noqa: E402

# A JS-side timing loop, so the per-call cost of Python -> JS does not enter the hand-written JS figures.
JS_TIMER = """((f, n, k) => {
  const cpu = () => {
    if (typeof process === "undefined") return NaN;
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const c0 = cpu(), t0 = performance.now();
  let v;
  for (let i = 0; i < k; i++) v = f(n);
  const t1 = performance.now();
  return [t1 - t0, cpu() - c0, typeof v === "bigint" ? String(v) : v];
})"""
JS_CPU = """(() => {
  if (typeof process === "undefined") return null;
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
})"""
JS_RSS = "(() => (typeof process !== 'undefined' && process.resourceUsage) ? process.resourceUsage().maxRSS : null)"
JS_MEM = """(() => {
  if (typeof process === 'undefined') return null;
  const m = process.memoryUsage();
  return [m.rss, m.heapUsed, m.external + m.arrayBuffers];
})"""
JS_ENGINE = "(() => (typeof process !== 'undefined') ? 'Node ' + process.version : navigator.userAgent)"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def load_manifest() -> dict[str, Any]:
    return json.loads((BENCH / "programs" / "manifest.json").read_text())["programs"]


def new_host() -> Any:
    from clysm.host import default_host

    host = default_host()
    if host is None:
        raise RuntimeError("not inside Pyodide: no JS engine for Tier 2 (run scripts/bench or scripts/pyodide-run)")
    return host


def make_engine(tier: str, host: Any | None, threshold: int = 10) -> Any:
    from clysm.engine import Engine

    backend = None
    if host is not None:
        from clysm.compiler.backend import Tier2Backend

        backend = Tier2Backend(host)
    return Engine(tier=tier, threshold=threshold, backend=backend)


def short_error(e: BaseException) -> str:
    cond = getattr(e, "condition", None)
    if cond is not None:
        return f"{getattr(cond, 'type_name', type(e).__name__)}: {getattr(cond, 'message', e)}"
    return f"{type(e).__name__}: {e}"


# ---------------------------------------------------------------------------------------------------- timing
# Each measurement records wall-clock time (what a user waits) and the CPU time of the whole JS-engine process
# (process.cpuUsage(): user + system, all threads), which is far less disturbed by other work on shared cores.
Sample = tuple[float, float | None, Any]  # (wall ms, CPU ms or None, last value) for k runs
Caller = Callable[..., Sample]  # call(k, first=False): k runs; first=True for the cold run (nothing subtracted)


def measure(call: Caller, check: Callable[[Any], None], *, runs: int,
            min_sample_ms: float, warmup_ms: float, budget_ms: float) -> dict[str, Any]:
    """`call(k)` runs the program k times. First run (cold), then warm-up runs for `warmup_ms` (at least 2 runs
    when warmup_ms > 0), then up to `runs` samples of k runs each, k chosen so a sample takes >= min_sample_ms;
    stops early when `budget_ms` is spent (at least one sample). The steady state is the median per-run time over
    the samples; for slow programs (no warm-up) the first run is a sample."""
    first, first_cpu, value = call(1, first=True)
    check(value)
    spent = first
    est = first
    if warmup_ms > 0:
        t_warm, n_warm = 0.0, 0
        while n_warm < 2 or t_warm < warmup_ms:
            dt, _, value = call(1)
            t_warm += dt
            n_warm += 1
            est = dt
            if t_warm > budget_ms / 3:
                break
        spent += t_warm
        check(value)
    k = max(1, math.ceil(min_sample_ms / max(est, 1e-3)))
    samples: list[float] = [] if warmup_ms > 0 else [first]
    cpu: list[float] = [] if warmup_ms > 0 or first_cpu is None else [first_cpu]
    while len(samples) < runs and (not samples or spent < budget_ms):
        dt, dc, value = call(k)
        spent += dt
        samples.append(dt / k)
        if dc is not None:
            cpu.append(dc / k)
    check(value)
    return {"first_ms": first, "steady_ms": statistics.median(samples), "samples_ms": samples, "k": k,
            "first_cpu_ms": first_cpu, "steady_cpu_ms": statistics.median(cpu) if cpu else None}


class Clock:
    """Wall clock and process CPU time (ms): Node's process.cpuUsage() when there is one, else time.process_time."""

    def __init__(self, host: Any) -> None:
        self.js_cpu = host.eval_js(JS_CPU)
        self.has_js_cpu = self.js_cpu() is not None

    def cpu(self) -> float:
        return float(self.js_cpu()) if self.has_js_cpu else time.process_time() * 1000


# Every tier runs the program the way a user's code would: a top-level `(bench-loop k n)` evaluated by the engine
# (guarded like any REPL form), BENCH-LOOP being an ordinary DEFUN that calls RUN k times (in Tier 2: Wasm -> Wasm
# through RUN's slot) and times the loop itself with two clock functions written in Python (one host call each), so
# the cost of evaluating the top-level form (~0.02 ms in Tier 1, ~1 ms in forced Tier 2, which compiles the form)
# stays out of the steady-state samples. The cold first run is timed from outside, as a user would see it.
BENCH_LOOP = """(defun bench-loop (k n)
  (let ((v nil) (w0 (bench-wall-us)) (c0 (bench-cpu-us)))
    (dotimes (i k) (setq v (run n)))
    (list v (- (bench-wall-us) w0) (- (bench-cpu-us) c0))))"""


def install_bench_loop(engine: Any, clock: Clock) -> None:
    """Define BENCH-LOOP and its clocks (microseconds since now, fixnums for ~17 minutes) in `engine`."""
    w_base, c_base = time.perf_counter(), clock.cpu()
    engine.intern("BENCH-WALL-US").function = lambda: int((time.perf_counter() - w_base) * 1e6)
    engine.intern("BENCH-CPU-US").function = lambda: int((clock.cpu() - c_base) * 1e3)
    engine.eval_string(BENCH_LOOP)


def lisp_caller(engine: Any, size: int, clock: Clock) -> Caller:
    forms: dict[int, Any] = {}

    def call(k: int, first: bool = False) -> Sample:
        form = forms.get(k)
        if form is None:
            form = forms[k] = engine.read_all(f"(bench-loop {k} {size})")[0]
        c0 = clock.cpu()
        t0 = time.perf_counter()
        r = engine.eval(form)
        t1 = time.perf_counter()
        v, wall_us, cpu_us = r.car, r.cdr.car, r.cdr.cdr.car
        if first:
            return (t1 - t0) * 1000, clock.cpu() - c0, v
        return wall_us / 1000, cpu_us / 1000 if clock.has_js_cpu else None, v

    return call


def checker(engine: Any, expected: str, label: str) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        got = engine.prin1(value) if engine is not None else (str(value) if not isinstance(value, float)
                                                               or not value.is_integer() else str(int(value)))
        if got != expected:
            raise AssertionError(f"{label}: check value {got}, expected {expected} (SBCL)")

    return check


# ---------------------------------------------------------------------------------------------------- one program
class Suite:
    def __init__(self, opts: argparse.Namespace) -> None:
        self.opts = opts
        self.quick = opts.quick
        self.manifest = load_manifest()
        self.promotions: list[dict[str, Any]] = []
        self.current: dict[str, Any] = {}
        self.js_host = new_host()
        self.js_programs = self.js_host.eval_js((BENCH / "programs" / "programs.js").read_text())
        self.js_timer = self.js_host.eval_js(JS_TIMER)
        self.clock = Clock(self.js_host)

    def timing(self, slow: bool) -> dict[str, float]:
        o = self.opts
        if o.check_only:
            return {"runs": 1, "min_sample_ms": 0.0, "warmup_ms": 0.0, "budget_ms": 0.0}
        if slow:  # Tier 1 and anything that crosses to Python a lot: whole runs, no warm-up needed
            return {"runs": o.runs_slow, "min_sample_ms": 0.0, "warmup_ms": 0.0, "budget_ms": o.budget_ms}
        return {"runs": o.runs, "min_sample_ms": o.min_sample_ms, "warmup_ms": o.warmup_ms, "budget_ms": o.budget_ms}

    def program(self, name: str) -> dict[str, Any]:
        entry = self.manifest[name]
        size = entry["quick" if self.quick else "size"]
        expected = entry["check"][str(size)]
        text = (BENCH / "programs" / f"{name}.lisp").read_text()
        out: dict[str, Any] = {"name": name, "size": size, "kind": entry.get("kind", "other"), "check": expected}
        self.current = out
        for label, fn in (("tier1", self.tier1), ("auto", self.auto), ("tier2", self.tier2), ("js", self.js)):
            if self.opts.tiers and label not in self.opts.tiers:
                continue
            t0 = time.perf_counter()
            try:
                out[label] = fn(name, text, size, expected)
            except BaseException as e:  # noqa: BLE001  (a failure is a result: recorded, the suite goes on)
                if isinstance(e, KeyboardInterrupt):
                    raise
                out[label] = {"error": short_error(e), "traceback": traceback.format_exc(limit=6)[-2000:]}
            res = out[label]
            took = time.perf_counter() - t0
            if "error" in res:
                log(f"  {name:<12} {label:<6} ERROR {res['error'][:200]}  ({took:.1f} s)")
            else:
                log(f"  {name:<12} {label:<6} first {res['first_ms']:10.3f} ms  steady {res['steady_ms']:10.3f} ms"
                    f"  ({took:.1f} s)")
        mem = self.js_host.eval_js(JS_MEM)()
        if mem is not None:  # after the program: RSS, V8 heap used, external + array buffers (Wasm memory), bytes
            out["memory_after"] = {"rss": int(mem[0]), "js_heap": int(mem[1]), "external": int(mem[2])}
        return out

    def tier1(self, name: str, text: str, size: int, expected: str) -> dict[str, Any]:
        engine = make_engine("1", None)
        engine.eval_string(text, filename=f"{name}.lisp")
        install_bench_loop(engine, self.clock)
        return measure(lisp_caller(engine, size, self.clock), checker(engine, expected, "tier 1"),
                       **self.timing(True))

    def auto(self, name: str, text: str, size: int, expected: str) -> dict[str, Any]:
        """Automatic tiering from a fresh engine: the first run promotes whatever gets hot during it."""
        host = new_host()
        try:
            engine = make_engine("auto", host, threshold=self.opts.threshold)
            engine.eval_string(text, filename=f"{name}.lisp")
            install_bench_loop(engine, self.clock)
            res = measure(lisp_caller(engine, size, self.clock), checker(engine, expected, "auto"),
                          **self.timing(self.opts.check_only))
            events = list(engine.tiering.events)
            res["promotions"] = events
            res["functions"] = engine.tiering.report()
            for ev in events:
                self.promotions.append({"program": name, **ev})
            return res
        finally:
            host.close()

    def tier2(self, name: str, text: str, size: int, expected: str) -> dict[str, Any]:
        """Forced Tier 2: load (every DEFUN compiled and instantiated), first run, then the steady state."""
        host = new_host()
        try:
            t0 = time.perf_counter()
            engine = make_engine("2", host)
            engine.backend.state(engine)  # the per-engine runtime module
            t1 = time.perf_counter()
            engine.eval_string(text, filename=f"{name}.lisp")
            t2 = time.perf_counter()
            install_bench_loop(engine, self.clock)
            check = checker(engine, expected, "tier 2")
            call = lisp_caller(engine, size, self.clock)
            res = measure(call, check, **self.timing(False))
            res["runtime_start_ms"] = (t1 - t0) * 1000
            res["load_compile_ms"] = (t2 - t1) * 1000
            res["first_with_compile_ms"] = res["load_compile_ms"] + res["first_ms"]
            res["modules"] = [ev for ev in engine.tiering.events]
            not_t2 = {k: v for k, v in engine.tiering.report().items() if v["tier"] != 2}
            if not_t2:
                res["not_in_tier2"] = not_t2
            if self.wants_profile(name, res):
                psize = size if res["steady_ms"] < 3000 else self.manifest[name]["quick"]
                form = engine.read_all(f"(bench-loop 1 {psize})")[0]
                res["profile"] = profile_call(lambda: engine.eval(form))
                res["profile"]["size"] = psize
            return res
        finally:
            host.close()

    def wants_profile(self, name: str, t2: dict[str, Any]) -> bool:
        """--profile NAMES / all / auto (auto: the programs whose Tier 1 / Tier 2 ratio misses the target)."""
        chosen = self.opts.profile
        if not chosen or self.opts.check_only:
            return False
        if name in chosen or "all" in chosen:
            return True
        t1 = self.current.get("tier1") or {}
        if "auto" not in chosen or "steady_ms" not in t1:
            return False
        from bench.report import SPEEDUP_TARGET

        return t1["steady_ms"] / t2["steady_ms"] < SPEEDUP_TARGET[self.manifest[name].get("kind", "other")]

    def js(self, name: str, text: str, size: int, expected: str) -> dict[str, Any]:
        fn = getattr(self.js_programs, name)

        def call(k: int, first: bool = False) -> Sample:
            r = self.js_timer(fn, size, k)
            return float(r[0]), (None if math.isnan(r[1]) else float(r[1])), r[2]

        return measure(call, checker(None, expected, "js"), **self.timing(False))


# ---------------------------------------------------------------------------------------------------- profiles
def profile_call(thunk: Callable[[], Any], top: int = 14) -> dict[str, Any]:
    """cProfile one run: the top functions by own time, and the Wasm <-> Python crossings it made (calls of the
    bridge's host imports `h_*` / registry wrappers, and Python -> Wasm entries through Bridge.call)."""
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    thunk()
    prof.disable()
    wall = (time.perf_counter() - t0) * 1000
    st = pstats.Stats(prof)
    rows = []
    crossings: dict[str, int] = {}
    for (file, line, func), (_cc, nc, tt, ct, _callers) in st.stats.items():  # type: ignore[attr-defined]
        short = f"{Path(file).name}:{line}({func})" if file != "~" else func
        rows.append((tt, ct, nc, short))
        bridge_file = file.endswith(("bridge.py", "bridge_data.py", "bridge_exits.py"))
        if bridge_file and (func.startswith("h_") or func in ("wrapper", "call")):
            crossings[func] = crossings.get(func, 0) + nc
    rows.sort(reverse=True)
    buf = io.StringIO()
    for tt, ct, nc, short in rows[:top]:
        buf.write(f"{nc:>9} {tt * 1000:>9.1f} {ct * 1000:>9.1f}  {short}\n")
    return {"wall_ms_profiled": wall, "top": buf.getvalue(), "crossings": crossings}


# ---------------------------------------------------------------------------------------------------- compile speed
def compile_throughput(lines: int, host: Any | None, repeats: int = 1,
                       cpu: Callable[[], float] | None = None) -> dict[str, Any]:
    """Read a generated `lines`-line file and compile every DEFUN to a JIT module's bytes, then validate them
    (WebAssembly.validate in a JS engine, else wasmtime when importable); `repeats` times, each in a fresh engine
    made before the clock starts, after a full garbage collection. Returns medians and lines/s."""
    import gc

    from clysm.compiler.backend import compile_definition
    from clysm.lisp.types import Cons

    text = generate(lines)
    n_lines = text.count("\n")
    validator, validate = validator_for(host)
    comp, val, cpus = [], [], []
    modules: list[bytes] = []
    ok: bool | None = None
    for _ in range(repeats):
        engine = make_engine("1", None)
        lam = engine.intern("LAMBDA", "COMMON-LISP")
        gc.collect()
        c0 = cpu() if cpu else 0.0
        t0 = time.perf_counter()
        forms = engine.read_all(text, filename=f"gen{lines}.lisp")
        modules = [compile_definition(engine, f.cdr.car, Cons(lam, f.cdr.cdr))[0] for f in forms]
        t1 = time.perf_counter()
        ok = all(validate(m) for m in modules) if validate else None
        t2 = time.perf_counter()
        if cpu:
            cpus.append(cpu() - c0)
        comp.append((t1 - t0) * 1000)
        val.append((t2 - t1) * 1000)
    compile_ms, validate_ms = statistics.median(comp), statistics.median(val)
    total = compile_ms + (validate_ms if validate else 0.0)
    return {"lines": n_lines, "functions": len(modules), "bytes": sum(len(m) for m in modules), "repeats": repeats,
            "compile_ms": compile_ms, "validate_ms": validate_ms if validate else None, "validator": validator,
            "valid": ok, "total_ms": total, "lines_per_s": n_lines / (total / 1000),
            "total_cpu_ms": statistics.median(cpus) if cpus else None,
            "samples_ms": [a + b for a, b in zip(comp, val, strict=True)]}


def validator_for(host: Any | None) -> tuple[str | None, Callable[[bytes], bool] | None]:
    if host is not None:
        return "WebAssembly.validate", host.validate
    try:
        import wasmtime  # type: ignore[import-not-found]
    except ImportError:
        return None, None
    config = wasmtime.Config()
    # wasmtime-py's Config properties are write-only (reading one raises AttributeError, so hasattr() is always
    # False): set them and let an older wasmtime without the setting raise.
    for feature in ("wasm_gc", "wasm_function_references", "wasm_tail_call", "wasm_exceptions"):
        setattr(config, feature, True)
    # Validating on a thread pool costs ~8 us per function in hand-offs; JIT modules have a handful of small
    # functions each, so one thread validates 219 modules ~3x faster (docs/LOG.md, 2026-11-25 compile throughput).
    config.parallel_compilation = False
    engine = wasmtime.Engine(config)

    def validate(data: bytes) -> bool:
        try:
            wasmtime.Module.validate(engine, data)
            return True
        except Exception:  # noqa: BLE001
            return False

    return "wasmtime Module.validate", validate


# ---------------------------------------------------------------------------------------------------- main
def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--quick", action="store_true", help="quick sizes (CI smoke check)")
    p.add_argument("--check-only", action="store_true", help="one run per tier: check values only, no timing")
    p.add_argument("--only", default="", help="comma-separated program names")
    p.add_argument("--tiers", default="", help="comma-separated subset of tier1,auto,tier2,js")
    p.add_argument("--runs", type=int, default=9, help="samples for fast measurements")
    p.add_argument("--runs-slow", type=int, default=5, help="samples for Tier 1 (whole runs)")
    p.add_argument("--min-sample-ms", type=float, default=30.0)
    p.add_argument("--warmup-ms", type=float, default=150.0)
    p.add_argument("--budget-ms", type=float, default=8000.0, help="time cap per measurement (at least 1 sample)")
    p.add_argument("--threshold", type=int, default=10)
    p.add_argument("--compile-lines", default="1000,10000", help="generated file sizes for compile throughput")
    p.add_argument("--profile", default="", help="comma-separated programs to cProfile in Tier 2 (or 'all')")
    args = p.parse_args(argv)
    args.only = [s for s in args.only.split(",") if s]
    args.tiers = [s for s in args.tiers.split(",") if s]
    args.profile = [s for s in args.profile.split(",") if s]
    args.compile_lines = [int(s) for s in args.compile_lines.split(",") if s]
    return args


def run(opts: argparse.Namespace) -> dict[str, Any]:
    t_start = time.perf_counter()
    suite = Suite(opts)
    result: dict[str, Any] = {"python": sys.version.split()[0], "js_engine": str(suite.js_host.eval_js(JS_ENGINE)()),
                              "quick": opts.quick, "programs": []}
    result["compile"] = []
    for lines in opts.compile_lines:  # first, in a fresh process, as a user compiling a file would be
        try:
            c = compile_throughput(lines, suite.js_host, repeats=1 if lines > 2000 or opts.check_only else 3,
                                   cpu=suite.clock.cpu)
            log(f"[bench] compile {c['lines']} lines: {c['compile_ms']:.1f} ms + validate {c['validate_ms']:.1f} ms"
                f" (median of {c['repeats']})")
        except Exception as e:  # noqa: BLE001
            c = {"lines": lines, "error": short_error(e)}
            log(f"[bench] compile {lines} lines: ERROR {c['error']}")
        mem = suite.js_host.eval_js(JS_MEM)()
        if mem is not None:
            c["memory_after"] = {"rss": int(mem[0]), "js_heap": int(mem[1]), "external": int(mem[2])}
        result["compile"].append(c)
    names = opts.only or list(suite.manifest)
    for name in names:
        log(f"[bench] {name}")
        result["programs"].append(suite.program(name))
    result["promotions"] = suite.promotions
    result["peak_rss_kb"] = suite.js_host.eval_js(JS_RSS)()
    result["elapsed_s"] = time.perf_counter() - t_start
    suite.js_host.close()
    return result


def main(argv: list[str]) -> int:
    opts = parse_args(argv)
    result = run(opts)
    print("BENCH-JSON " + json.dumps(result, default=str), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
