# Correctness of the benchmark suite (never its speed: timings are measured by scripts/bench, not asserted in
# tests): every program of bench/programs at its --quick size gives SBCL's check value in Tier 1, automatic tiering,
# forced Tier 2 and the hand-written JS (inside Pyodide on Node 24; skipped with the reason when Node 24 or Pyodide
# are missing); the check values in the manifest are SBCL's; the generated compile-throughput file compiles to valid
# modules; the report says by how much a target is missed.
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.support.node import pyodide_exec

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = json.loads((ROOT / "bench" / "programs" / "manifest.json").read_text())["programs"]
TIERS = ["tier1", "auto", "tier2", "js"]

QUICK_SUITE = """
from bench.suite import parse_args, run
run(parse_args(["--quick", "--check-only", "--compile-lines", "1000"]))
"""


@pytest.fixture(scope="module")
def quick_results(node_session: Any) -> dict[str, Any]:
    reply = pyodide_exec(node_session, QUICK_SUITE, timeout=600)
    value = reply.get("value")
    assert isinstance(value, dict), f"the suite returned no results: {reply.get('repr')}"
    return value


@pytest.mark.node
@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("name", list(MANIFEST))
def test_quick_check_value(quick_results: dict[str, Any], name: str, tier: str) -> None:
    """Each benchmark program, run at its quick size, gives SBCL's check value in this tier (the suite records
    an error, including a wrong check value, instead of a time)."""
    (prog,) = [p for p in quick_results["programs"] if p["name"] == name]
    res = prog[tier]
    assert "error" not in res, f"{name} in {tier}: {res.get('error')}\n{res.get('traceback', '')}"
    assert res["first_ms"] >= 0


@pytest.mark.node
def test_quick_compile_modules_validate(quick_results: dict[str, Any]) -> None:
    """Every DEFUN of the generated 1,000-line file compiles to a module that WebAssembly.validate accepts."""
    (c,) = quick_results["compile"]
    assert "error" not in c, c.get("error")
    assert c["valid"] is True and c["functions"] > 100 and c["lines"] >= 1000


def test_generated_file_compiles_on_cpython() -> None:
    """The compile-throughput file also compiles on CPython, and wasmtime (when installed) validates every module."""
    from bench.suite import compile_throughput

    c = compile_throughput(1000, None)
    assert c["lines"] >= 1000 and c["bytes"] > 0
    if c["validator"] is not None:
        assert c["valid"] is True


@pytest.mark.sbcl
@pytest.mark.skipif(shutil.which("sbcl") is None, reason="SBCL is not installed")
@pytest.mark.parametrize("name", list(MANIFEST))
def test_manifest_check_values_are_sbcls(name: str) -> None:
    """The manifest's quick-size check value is what SBCL computes (the oracle for every tier)."""
    from bench import sbcl

    size = MANIFEST[name]["quick"]
    r = sbcl.run_program(ROOT / "bench" / "programs" / f"{name}.lisp", size, runs=0)
    assert r.get("value") == MANIFEST[name]["check"][str(size)], r


def test_report_states_missed_targets() -> None:
    """The report marks a missed target and says by how much (judged on wall-clock and on CPU time separately),
    and lists a wrong result as a failure."""
    from bench import report

    results = {"machine": {}, "pyodide": {"programs": [
        {"name": "fib", "size": 25, "kind": "call", "tier1": {"first_ms": 100, "steady_ms": 100, "steady_cpu_ms": 90},
         "tier2": {"first_ms": 5, "steady_ms": 4, "first_with_compile_ms": 9, "load_compile_ms": 4,
                   "steady_cpu_ms": 1.5},
         "js": {"first_ms": 1, "steady_ms": 1}},
        {"name": "tak", "size": 1, "kind": "call", "tier1": {"error": "wrong check value"}}]},
        "sbcl": {"fib": {"first_ms": 1, "steady_ms": 1}}}
    text = report.render(results)
    assert "| fib: Tier 2 at least 50x faster than Tier 1 | 25.0x (missed by 2.0x) | **missed** | 60.0x | met |" in text
    assert "| fib: Tier 2 within 3x of hand-written JS | 4.00x (missed by 1.3x) | **missed** | - |  |" in text
    assert report.failures(results) == ["tak tier1: wrong check value"]
