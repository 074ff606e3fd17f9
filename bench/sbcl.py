# Benchmark helper (CPython side): run a bench/programs/*.lisp program in SBCL, compiled natively with
# (declaim (optimize speed)) + COMPILE-FILE, timed inside SBCL (first run and steady state) with CLOCK_MONOTONIC
# (SBCL 2.2.9's GET-INTERNAL-REAL-TIME ticks every 4 ms; it is the fallback); and `python bench/sbcl.py --bless`
# rewrites the check values in bench/programs/manifest.json from SBCL's answers.
from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
PROGRAMS = BENCH / "programs"
MANIFEST = PROGRAMS / "manifest.json"

DRIVER = """\
(declaim (optimize speed))
(let ((*error-output* (make-broadcast-stream))
      (*standard-output* (make-broadcast-stream)))
  (handler-bind ((warning #'muffle-warning))
    (load (compile-file {source} :output-file {fasl}))))
(defun bench-now-us ()
  ;; SBCL 2.2.9's GET-INTERNAL-REAL-TIME reads CLOCK_MONOTONIC_COARSE (4 ms ticks): use CLOCK_MONOTONIC (1).
  (let ((clock (find-symbol "CLOCK-GETTIME" "SB-UNIX")))
    (if clock
        (multiple-value-bind (s ns) (funcall clock 1) (+ (* s 1000000) (floor ns 1000)))
        (floor (* (get-internal-real-time) 1000000) internal-time-units-per-second))))
(let* ((n {size})
       (t0 (bench-now-us))
       (v (run n))
       (first (- (bench-now-us) t0)))
  (format t "VALUE ~s~%FIRST ~d~%" v first)
  (finish-output)
  (when (> {runs} 0)
    (let ((k 1))
      (loop (let ((t0 (bench-now-us)))
              (dotimes (i k) (run n))
              (when (>= (- (bench-now-us) t0) {min_us}) (return))
              (setq k (* k 2))))
      (dotimes (r {runs})
        (let ((t0 (bench-now-us))
              (c0 (get-internal-run-time)))
          (dotimes (i k) (run n))
          (format t "SAMPLE ~d ~d ~d~%" (- (bench-now-us) t0) k
                  (round (* (- (get-internal-run-time) c0) 1000000) internal-time-units-per-second)))))))
"""


def sbcl_path() -> str | None:
    return shutil.which("sbcl")


def sbcl_version() -> str | None:
    exe = sbcl_path()
    if exe is None:
        return None
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
    return out.stdout.strip() or None


def _lisp_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run_program(path: Path, size: int, *, runs: int = 5, min_sample_ms: float = 20.0,
                timeout: float = 300.0) -> dict[str, Any]:
    """Compile and run `path` in SBCL at `size`. Returns {"value": PRIN1 of (run size), "first_ms",
    "steady_ms" (median over `runs` samples of k runs each, per run; None if runs == 0), "samples_ms", "k",
    "steady_cpu_ms" (the same from GET-INTERNAL-RUN-TIME)} or {"error": text}."""
    exe = sbcl_path()
    if exe is None:
        return {"error": "sbcl not installed"}
    with tempfile.TemporaryDirectory(prefix="clysm-bench-sbcl-") as tmp:
        driver = Path(tmp) / "driver.lisp"
        driver.write_text(DRIVER.format(source=_lisp_string(str(path)), fasl=_lisp_string(str(Path(tmp) / "p.fasl")),
                                        size=int(size), runs=int(runs), min_us=int(min_sample_ms * 1000)))
        try:
            proc = subprocess.run([exe, "--script", str(driver)], capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"error": f"timed out after {timeout:.0f} s"}
    result: dict[str, Any] = {"samples_ms": []}
    for line in proc.stdout.splitlines():
        key, _, rest = line.partition(" ")
        if key == "VALUE":
            result["value"] = rest
        elif key == "FIRST":
            result["first_ms"] = int(rest) / 1000
        elif key == "SAMPLE":
            us, k, cpu_us = rest.split()
            result["k"] = int(k)
            result["samples_ms"].append(int(us) / 1000 / int(k))
            result.setdefault("cpu_ms", []).append(int(cpu_us) / 1000 / int(k))
    if "value" not in result:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-8:]
        return {"error": f"sbcl exited {proc.returncode}: " + " | ".join(tail)}
    result["steady_ms"] = statistics.median(result["samples_ms"]) if result["samples_ms"] else None
    result["steady_cpu_ms"] = statistics.median(result["cpu_ms"]) if result.get("cpu_ms") else None
    return result


def load_manifest() -> dict[str, Any]:
    return json.loads(MANIFEST.read_text())


def bless() -> int:
    """Rewrite every program's check values (default and quick sizes) from SBCL's answers."""
    if sbcl_path() is None:
        print("bless: sbcl is not installed", file=sys.stderr)
        return 1
    manifest = load_manifest()
    for name, entry in manifest["programs"].items():
        checks = {}
        for size in sorted({entry["size"], entry["quick"]}):
            r = run_program(PROGRAMS / f"{name}.lisp", size, runs=0)
            if "error" in r:
                print(f"bless: {name} {size}: {r['error']}", file=sys.stderr)
                return 1
            checks[str(size)] = r["value"]
            print(f"{name} {size}: {r['value']}  ({r['first_ms']:.1f} ms)")
        entry["check"] = checks
    MANIFEST.write_text(json.dumps(manifest, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--bless"]:
        raise SystemExit(bless())
    print("usage: python bench/sbcl.py --bless", file=sys.stderr)
    raise SystemExit(64)
