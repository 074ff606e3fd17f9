# Benchmark report: turns the runner's results (bench/run.py) into the terminal table and bench/RESULTS.md:
# machine and versions, the per-program table with ratios, the targets (met or missed, by how much), compile
# throughput, promotion latency, peak RSS, Tier 1 vs plain Python, failures, and for programs that miss a target the
# cProfile of their Tier 2 run (top functions and Wasm <-> Python crossings). bench/NOTES.md (hand-written reading)
# is included verbatim when present.
from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
SPEEDUP_TARGET = {"call": 50.0, "list": 10.0, "other": 1.0}  # Tier 1 / Tier 2 at least
JS_TARGET = {"fib": 3.0, "tak": 3.0}  # Tier 2 / JS at most
SBCL_TARGET = 5.0  # Tier 2 / SBCL at most (issue: "within 5x of SBCL native code")
COMPILE_TARGET_MS = {"pyodide": 100.0, "cpython": 50.0}  # 1,000 lines
PROMOTION_TARGET_MS = 5.0
T1_PYTHON_TARGET = 10.0


def fmt_ms(x: float | None) -> str:
    if x is None:
        return "-"
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    if x >= 0.01:
        return f"{x:.3f}"
    return f"{x:.4f}"


def fmt_ratio(x: float | None) -> str:
    if x is None:
        return "-"
    if x >= 100:
        return f"{x:,.0f}x"
    if x >= 10:
        return f"{x:.1f}x"
    return f"{x:.2f}x"


def _steady(res: Any, key: str = "steady_ms") -> float | None:
    return res.get(key) if isinstance(res, dict) and "error" not in res else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def rows(results: dict[str, Any]) -> list[dict[str, Any]]:
    """One dict per program with the figures of every column (None when missing)."""
    out = []
    sb = results.get("sbcl") or {}
    for p in (results.get("pyodide") or {}).get("programs", []):
        name = p["name"]
        t1, t2, js = _steady(p.get("tier1")), _steady(p.get("tier2")), _steady(p.get("js"))
        s = _steady(sb.get(name)) if isinstance(sb.get(name), dict) else None
        auto, tier2, jsr = p.get("auto") or {}, p.get("tier2") or {}, p.get("js") or {}
        out.append({
            "name": name, "size": p["size"], "kind": p.get("kind", "other"),
            "t1": t1, "auto_first": auto.get("first_ms") if "error" not in auto else None,
            "auto_steady": _steady(auto),
            "t2_first": tier2.get("first_with_compile_ms") if "error" not in tier2 else None,
            "t2_load": tier2.get("load_compile_ms") if "error" not in tier2 else None,
            "t2": t2, "js_first": jsr.get("first_ms") if "error" not in jsr else None, "js": js, "sbcl": s,
            "t1_t2": _ratio(t1, t2), "t2_js": _ratio(t2, js), "t2_sbcl": _ratio(t2, s),
            "cpu": {"t1": _steady(p.get("tier1"), "steady_cpu_ms"), "t2": _steady(tier2, "steady_cpu_ms"),
                    "js": _steady(jsr, "steady_cpu_ms"),
                    "sbcl": _steady(sb.get(name), "steady_cpu_ms") if isinstance(sb.get(name), dict) else None},
            "errors": {k: p[k]["error"] for k in ("tier1", "auto", "tier2", "js") if "error" in (p.get(k) or {})}
            | ({"sbcl": sb[name]["error"]} if isinstance(sb.get(name), dict) and "error" in sb[name] else {}),
            "profile": tier2.get("profile") if isinstance(tier2, dict) else None,
            "not_in_tier2": tier2.get("not_in_tier2") if isinstance(tier2, dict) else None,
        })
    return out


HEADER = ("program", "size", "Tier 1", "auto 1st", "T2 1st+compile", "T2 steady", "JS 1st", "JS steady", "SBCL",
          "T1/T2", "T2/JS", "T2/SBCL")


def table(results: dict[str, Any]) -> str:
    """The main table as Markdown (readable in a terminal too). Times in ms per run."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join(["---"] + ["---:"] * (len(HEADER) - 1)) + "|"]
    for r in rows(results):
        cells = [r["name"], str(r["size"])]
        for key in ("t1", "auto_first", "t2_first", "t2", "js_first", "js", "sbcl"):
            err = {"t1": "tier1", "auto_first": "auto", "t2_first": "tier2", "t2": "tier2", "js_first": "js",
                   "js": "js", "sbcl": "sbcl"}[key]
            cells.append("FAIL" if err in r["errors"] else fmt_ms(r[key]))
        cells += [fmt_ratio(r["t1_t2"]), fmt_ratio(r["t2_js"]), fmt_ratio(r["t2_sbcl"])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def cpu_table(results: dict[str, Any]) -> str:
    """Steady states and ratios from CPU time (the JS engine process's user + system time; SBCL's run time)."""
    head = ("program", "Tier 1", "T2 steady", "JS steady", "SBCL", "T1/T2", "T2/JS", "T2/SBCL")
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    for r in rows(results):
        c = r["cpu"]
        lines.append("| " + " | ".join([r["name"], fmt_ms(c["t1"]), fmt_ms(c["t2"]), fmt_ms(c["js"]),
                                         fmt_ms(c["sbcl"]), fmt_ratio(_ratio(c["t1"], c["t2"])),
                                         fmt_ratio(_ratio(c["t2"], c["js"])),
                                         fmt_ratio(_ratio(c["t2"], c["sbcl"]))]) + " |")
    return "\n".join(lines)


def failures(results: dict[str, Any]) -> list[str]:
    """Correctness failures (errors and wrong check values), not missed speed targets."""
    out = []
    py = results.get("pyodide") or {}
    if "error" in py and not str(py["error"]).startswith("skipped"):
        out.append(f"Pyodide suite: {py['error']}")
    for r in rows(results):
        for tier, msg in r["errors"].items():
            out.append(f"{r['name']} {tier}: {msg}")
    for c in py.get("compile", []) + (results.get("cpython") or {}).get("compile", []):
        if "error" in c or c.get("valid") is False:
            out.append(f"compile {c.get('lines')} lines: {c.get('error', 'invalid module')}")
    return out


# ---------------------------------------------------------------------------------------------------- targets
Target = tuple[str, str, bool | None, str, bool | None]  # (target, wall-clock figure, met?, CPU figure, met?)


def _check(value: float | None, goal: float, at_least: bool) -> tuple[str, bool | None]:
    if value is None:
        return "-", None
    ok = value >= goal if at_least else value <= goal
    miss = "" if ok else f" (missed by {(goal / value) if at_least else (value / goal):.1f}x)"
    return f"{fmt_ratio(value)}{miss}", ok


def _ms_check(value: float | None, goal: float) -> tuple[str, bool | None]:
    if value is None:
        return "", None
    miss = "" if value <= goal else f" (missed by {value / goal:.1f}x)"
    return f"{value:.0f} ms{miss}", value <= goal


def targets(results: dict[str, Any]) -> list[Target]:
    """Every issue target the run measured, judged on wall-clock time and (for ratios) on CPU time."""
    out: list[Target] = []
    rs = rows(results)

    def ratio_target(desc: str, wall: float | None, cpu: float | None, goal: float, at_least: bool) -> None:
        if wall is None and cpu is None:
            return
        out.append((desc, *_check(wall, goal, at_least), *_check(cpu, goal, at_least)))

    for r in rs:
        goal = SPEEDUP_TARGET[r["kind"]]
        desc = f"{r['name']}: Tier 2 at least {goal:g}x faster than Tier 1" if goal > 1 else \
            f"{r['name']}: Tier 2 not slower than Tier 1"
        ratio_target(desc, r["t1_t2"], _ratio(r["cpu"]["t1"], r["cpu"]["t2"]), goal, True)
    for r in rs:
        if r["name"] in JS_TARGET:
            ratio_target(f"{r['name']}: Tier 2 within {JS_TARGET[r['name']]:g}x of hand-written JS", r["t2_js"],
                         _ratio(r["cpu"]["t2"], r["cpu"]["js"]), JS_TARGET[r["name"]], False)
    for r in rs:
        ratio_target(f"{r['name']}: Tier 2 within {SBCL_TARGET:g}x of SBCL", r["t2_sbcl"],
                     _ratio(r["cpu"]["t2"], r["cpu"]["sbcl"]), SBCL_TARGET, False)
    for where, comp in (("pyodide", (results.get("pyodide") or {}).get("compile", [])),
                        ("cpython", (results.get("cpython") or {}).get("compile", []))):
        for c in comp:
            if c.get("lines", 0) < 2000 and "total_ms" in c:
                goal = COMPILE_TARGET_MS[where]
                label = "Pyodide" if where == "pyodide" else "CPython"
                out.append((f"compile 1,000 lines to validated bytes on {label} in at most {goal:g} ms",
                            *_ms_check(c["total_ms"], goal), *_ms_check(c.get("total_cpu_ms"), goal)))
    prom = promotion_stats(results)
    if prom:
        miss = "" if prom["median"] <= PROMOTION_TARGET_MS else \
            f" (missed by {prom['median'] / PROMOTION_TARGET_MS:.1f}x)"
        out.append((f"promotion of a typical function under {PROMOTION_TARGET_MS:g} ms (median of {prom['n']})",
                    f"{prom['median']:.2f} ms{miss}", prom["median"] <= PROMOTION_TARGET_MS, "", None))
    t1p = (results.get("cpython") or {}).get("tier1_vs_python")
    if isinstance(t1p, list):
        for r in t1p:
            miss = "" if r["ratio"] <= T1_PYTHON_TARGET else f" (missed by {r['ratio'] / T1_PYTHON_TARGET:.1f}x)"
            out.append((f"{r['name']}: Tier 1 at most {T1_PYTHON_TARGET:g}x slower than plain Python (CPython)",
                        f"{r['ratio']:.1f}x{miss}", r["ratio"] <= T1_PYTHON_TARGET, "", None))
    return out


def promotion_stats(results: dict[str, Any]) -> dict[str, Any] | None:
    events = [e for e in (results.get("pyodide") or {}).get("promotions", []) if e.get("ok")]
    if not events:
        return None
    totals = sorted((((e.get("compile_ms") or 0) + (e.get("instantiate_ms") or 0), e) for e in events),
                    key=lambda te: te[0])
    vals = [t for t, _ in totals]
    worst = totals[-1][1]
    return {"n": len(vals), "median": statistics.median(vals), "max": vals[-1],
            "p90": vals[min(len(vals) - 1, int(0.9 * len(vals)))],
            "compile_median": statistics.median([e.get("compile_ms") or 0 for _, e in totals]),
            "instantiate_median": statistics.median([e.get("instantiate_ms") or 0 for _, e in totals]),
            "bytes_median": statistics.median([e.get("module_bytes") or 0 for _, e in totals]),
            "worst": f"{worst.get('function')} ({worst.get('program')}, {worst.get('module_bytes')} bytes)"}


# ---------------------------------------------------------------------------------------------------- markdown
def render(results: dict[str, Any]) -> str:
    m = results.get("machine", {})
    py = results.get("pyodide") or {}
    cp = results.get("cpython") or {}
    load = m.get("load_before")
    out = [
        "# clysm benchmark results",
        "",
        f"Written by `{results.get('command', 'scripts/bench')}` on {results.get('date')} ({results.get('mode')} run,"
        f" {results.get('wall_s', 0):.0f} s) at commit {m.get('commit', '?')}. Regenerate with `scripts/bench` (see "
        "bench/README.md).",
        "",
        f"- Machine: {m.get('nproc')} cores, {m.get('cpu', '?')}, {m.get('memory_gb', '?')} GB RAM, {m.get('platform')}"
        + (f"; load average {load[0]:.2f} when the run started, {m['load_after'][0]:.2f} at the end (the cores are "
           "shared with other work)" if load and m.get("load_after") else ""),
        f"- Engines: Node {m.get('node')} ({py.get('js_engine', '?')}), Pyodide {m.get('pyodide')} with Python "
        f"{py.get('python', '?')}, CPython {m.get('cpython')}, {m.get('sbcl') or 'SBCL not installed'}",
        "",
        "## Programs (ms per run; Tier 1, Tier 2 and JS on the same V8 inside one Pyodide process)",
        "",
        table(results),
        "",
        "Columns: **Tier 1** = the Python evaluator (engine tier \"1\"), median of whole runs. **auto 1st** = first "
        "run in a fresh engine with automatic tiering (threshold 10): starts in Tier 1, hot functions are compiled "
        "and hot-patched during the run. **T2 1st+compile** = forced Tier 2 (tier \"2\"): loading the file (every "
        "DEFUN compiled to Wasm, validated and instantiated) plus the first, cold run. **T2 steady** = the same "
        "engine after warm-up: median of samples, each sample enough runs to last >= 30 ms. **JS** = the same "
        "algorithm written by hand in JavaScript (bench/programs/programs.js), timed by a JS loop: first (cold) "
        "run and steady state. **SBCL** = SBCL native code (COMPILE-FILE with `(declaim (optimize speed))`, no type "
        "declarations), steady state, separate process. Every result is checked against SBCL's answer "
        "(bench/programs/manifest.json). Ratios use the steady states.",
        "",
    ]
    fails = failures(results)
    if fails:
        out += ["## Failures", ""] + [f"- {f}" for f in fails] + [""]
        for r in rows(results):
            for tier in r["errors"]:
                tb = ((py_prog(results, r["name"]) or {}).get(tier) or {}).get("traceback")
                if tb:
                    out += [f"<details><summary>{r['name']} {tier}</summary>", "", "```", tb.strip(), "```",
                            "", "</details>", ""]
    out += ["## Same programs in CPU time", "",
            "Steady states from CPU time instead of wall-clock time: the Node process's user + system time "
            "(process.cpuUsage(), every thread, so V8's background compiler and GC are counted) and SBCL's "
            "GET-INTERNAL-RUN-TIME. Other work on the shared cores stretches wall-clock times but hardly CPU times, "
            "so when the two tables disagree, trust this one for the ratios.", "", cpu_table(results), "",
            "## Targets (issue 6, and the speed parts of issues 2 and 3)", "",
            "| target | wall clock | | CPU time | |", "|---|---|---|---|---|"]
    status = {True: "met", False: "**missed**", None: ""}
    for desc, val, ok, cval, cok in targets(results):
        out.append(f"| {desc} | {val} | {status[ok]} | {cval} | {status[cok]} |")
    out.append("")
    out += compile_section(py, cp)
    prom = promotion_stats(results)
    if prom:
        out += ["## Promotion latency (Pyodide)", "",
                f"{prom['n']} promotions during the automatic-tiering runs (compile to bytes + instantiate + "
                f"hot-patch): median {prom['median']:.2f} ms (compile {prom['compile_median']:.2f} + instantiate "
                f"{prom['instantiate_median']:.2f}), 90th percentile {prom['p90']:.2f} ms, max {prom['max']:.2f} ms "
                f"({prom['worst']}); median module {prom['bytes_median']:.0f} bytes.", ""]
    rss = py.get("peak_rss_kb")
    if rss:
        out += ["## Memory", "", f"Peak RSS of the Node 24 process over the whole Pyodide suite: "
                f"{rss / 1024:.0f} MB (process.resourceUsage().maxRSS; getrusage of the child: "
                f"{(py.get('children_maxrss_kb') or 0) / 1024:.0f} MB).", ""]
        mems = [(p["name"], p["memory_after"]) for p in py.get("programs", []) if p.get("memory_after")]
        if mems:
            out += ["After each program (MB): " + ", ".join(
                f"{n} {m['rss'] / 2**20:.0f} (JS heap {m['js_heap'] / 2**20:.0f}, external {m['external'] / 2**20:.0f})"
                for n, m in mems) + ".", ""]
        for c in py.get("compile", []):
            if c.get("memory_after"):
                out += [f"After compiling the {c['lines']:,}-line file: {c['memory_after']['rss'] / 2**20:.0f} MB.", ""]
    t1p = cp.get("tier1_vs_python")
    if isinstance(t1p, list):
        out += ["## Tier 1 vs plain Python (CPython, bench/tier1_vs_python.py)", "",
                "| benchmark | Tier 1 ms | Python `def` ms | ratio |", "|---|---:|---:|---:|"]
        out += [f"| {r['name']} | {fmt_ms(r['tier1_ms'])} | {fmt_ms(r['python_ms'])} | {r['ratio']:.1f}x |"
                for r in t1p]
        out.append("")
    out += profile_section(results)
    notes = BENCH / "NOTES.md"
    if notes.exists():
        out += [notes.read_text().rstrip(), ""]
    return "\n".join(out) + "\n"


def py_prog(results: dict[str, Any], name: str) -> dict[str, Any] | None:
    for p in (results.get("pyodide") or {}).get("programs", []):
        if p["name"] == name:
            return p
    return None


def compile_section(py: dict[str, Any], cp: dict[str, Any]) -> list[str]:
    out = ["## Compile throughput (generated files of typical DEFUNs, bench/gen_lisp.py)", "",
           "| where | lines | functions | read + compile ms | validate ms | total CPU ms | bytes | lines/s |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for where, comp in (("Pyodide", py.get("compile", [])), ("CPython", cp.get("compile", []))):
        for c in comp:
            if "error" in c:
                out.append(f"| {where} | {c.get('lines')} | FAIL: {c['error']} | | | | | |")
                continue
            val = "-" if c["validate_ms"] is None else f"{c['validate_ms']:.0f} ({c['validator']})"
            cpu = "-" if c.get("total_cpu_ms") is None else f"{c['total_cpu_ms']:.0f}"
            out.append(f"| {where} | {c['lines']:,} | {c['functions']} | {c['compile_ms']:.0f} | {val} | {cpu} | "
                       f"{c['bytes']:,} | {c['lines_per_s']:,.0f} |")
    return out + ["", "Lines/s counts reading, macroexpansion, compilation to one JIT module per function and "
                  "validation (WebAssembly.validate in V8; wasmtime on CPython); wall-clock medians of 3 runs for "
                  "1,000 lines (1 run for 10,000), each in a fresh engine after a garbage collection, measured in "
                  "Pyodide before the programs run.", ""]


def profile_section(results: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for r in rows(results):
        prof = r.get("profile")
        if not prof:
            continue
        if not out:
            out += ["## Profiles of Tier 2 runs that miss their target", "",
                    "cProfile inside Pyodide of one Tier 2 run (forced tier 2, after warm-up). Crossings = calls of "
                    "the bridge's host imports (Wasm -> Python) and of Bridge.call (Python -> Wasm). Columns: calls, "
                    "own ms, cumulative ms, function.", ""]
        cross = ", ".join(f"{k} {v:,}" for k, v in sorted(prof["crossings"].items(), key=lambda kv: -kv[1]))
        if sum(prof["crossings"].values()) <= 2:
            cross += " (the run never leaves Wasm: the time is the generated code's own)"
        head = f"### {r['name']} (size {prof.get('size')}: {prof['wall_ms_profiled']:.0f} ms with the profiler on)"
        out += [head, "",
                f"Crossings: {cross or 'none'}.", ""]
        if r.get("not_in_tier2"):
            out += ["Functions not in Tier 2: " + ", ".join(f"{k} ({v.get('tier2_error')})"
                                                            for k, v in r["not_in_tier2"].items()), ""]
        out += ["```", prof["top"].rstrip(), "```", ""]
    return out
