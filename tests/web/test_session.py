# The worker's Python side (web/py/clysm_playground.py) on plain CPython: results in clysm.api.run_source's shape
# (and equal to it), reader errors with their place, the REPL continuing the session, live snapshots carrying the
# output and the tier table, an interrupted program leaving a usable session, and the call-rate windows.
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from clysm.api import run_source

ROOT = Path(__file__).resolve().parents[2]


def _load() -> Any:
    spec = importlib.util.spec_from_file_location("clysm_playground", ROOT / "web" / "py" / "clysm_playground.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


pg = _load()


@pytest.fixture
def session() -> Any:
    return pg.PlaygroundSession()


def run(session: Any, code: str, threshold: int = 10, mode: str = "auto") -> dict[str, Any]:
    return json.loads(session.run(code, threshold, mode))


@pytest.mark.parametrize("example", ["fib", "closures", "lists", "catch-throw", "loop", "errors"])
def test_same_result_as_run_source(session: Any, example: str) -> None:
    """For the examples, the session's reply agrees with clysm.api.run_source on every run_source key."""
    code = (ROOT / "web" / "examples" / f"{example}.lisp").read_text()
    mine = run(session, code)
    ref = run_source(code, filename="editor.lisp")
    for key in ("value", "stdout", "error"):
        assert mine[key] == ref[key], key
    assert {k: {f: v[f] for f in ("tier", "calls", "promoted_at_call", "tier2_error")}
            for k, v in mine["functions"].items()} == ref["functions"]
    assert [{k: v for k, v in e.items() if k != "t_ms"} for e in mine["events"]] == \
        [{k: v for k, v in e.items() if k not in ("compile_ms", "instantiate_ms")} | {
            "compile_ms": mine_e["compile_ms"], "instantiate_ms": mine_e["instantiate_ms"]}
         for e, mine_e in zip(ref["events"], mine["events"], strict=True)]


def test_reader_error_has_line_and_column(session: Any) -> None:
    """A reader error stops before anything runs and carries the 1-based place for the editor mark."""
    r = run(session, '(format t "x")\n  (car 1))')
    assert r["error"]["type"] == "READER-ERROR"
    assert (r["error"]["line"], r["error"]["column"]) == (2, 10)
    assert r["stdout"] == "" and r["value"] is None


def test_repl_continues_the_session(session: Any) -> None:
    """eval_repl sees what the last run defined; a new run starts a fresh engine."""
    run(session, "(defvar *n* 41) (defun next () (incf *n*))")
    assert json.loads(session.eval_repl("(next)"))["value"] == "42"
    assert json.loads(session.eval_repl("*n*"))["value"] == "42"
    r = run(session, "(boundp '*n*)")
    assert r["value"] == "NIL"


def test_live_snapshots_carry_output_and_functions(monkeypatch: pytest.MonkeyPatch) -> None:
    """While a program runs, snapshots arrive with the new output (together: all of it) and the tier table."""
    monkeypatch.setattr(pg, "SNAPSHOT_INTERVAL_S", 0.0)
    posts: list[dict[str, Any]] = []
    s = pg.PlaygroundSession(post=lambda text: posts.append(json.loads(text)))
    code = "(defun f (x) (* x x))\n" + "\n".join(f'(progn (format t "line {i}~%") (f {i}))' for i in range(40))
    r = json.loads(s.run(code, 10, "auto"))
    assert posts, "no live snapshot"
    live = "".join(p["stdout"] for p in posts)
    assert len(posts) > 10 and live and r["stdout"].startswith(live)
    assert all(set(p) >= {"functions", "events", "series", "elapsed_ms"} for p in posts)
    assert posts[-1]["functions"]["F"]["calls"] > 0


def test_interrupt_keeps_the_session(monkeypatch: pytest.MonkeyPatch) -> None:
    """A KeyboardInterrupt (what Stop's SIGINT raises) ends the program as INTERRUPTED; the REPL still works."""
    calls = {"n": 0}

    def post(_text: str) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(pg, "SNAPSHOT_INTERVAL_S", 0.0)
    s = pg.PlaygroundSession(post=post)
    r = json.loads(s.run('(defun g () 7)\n(loop (format t "tick~%"))', 10, "auto"))
    assert r["error"]["type"] == "INTERRUPTED" and r["error"]["message"] == "stopped by the user"
    assert (r["error"]["line"], r["error"]["column"]) == (2, 1)
    assert json.loads(s.eval_repl("(g)"))["value"] == "7"


def test_promotion_attempts_are_logged_with_times(session: Any) -> None:
    """Each promotion attempt (here refused: no JS engine on CPython) appears once with its time and reason."""
    r = run(session, "(defun h (x) (+ x 1))\n(dotimes (i 12) (h i))")
    (ev,) = r["events"]
    assert ev["function"] == "H" and ev["call"] == 11 and ev["ok"] is False and ev["t_ms"] >= 0
    assert r["functions"]["H"]["tier"] == 1 and r["functions"]["H"]["tier2_error"]
    assert r["tier2_available"] is False


def test_wat_without_a_module(session: Any) -> None:
    """Asking for the WAT of a function that has no Tier 2 module answers with an explanation."""
    run(session, "(defun k () 1)")
    answer = json.loads(session.wat("k"))
    assert answer["text"] == "" and "no Tier 2 module" in answer["error"]


def test_call_rate_windows() -> None:
    """Windows are (calls at the end, µs per call, tier); promotion time and idle time are not counted."""
    rates = pg.CallRates()
    rates.add("F", 0.000, 0, 1)
    rates.add("F", 0.001, 0, 1)  # first call (idle time before it slides away)
    rates.add("F", 0.002, 10, 1, gap=True)  # promotion starts: 10 calls in 1 ms
    rates.add("F", 0.050, 10, 2)  # promotion done (48 ms of compiling: not call time)
    rates.add("F", 0.060, 1010, 2)  # 1000 calls in 10 ms
    rates.add("F", 0.500, 1010, 2)  # idle
    rates.add("F", 0.501, 1110, 2)  # 100 calls in 1 ms
    assert rates.series("F") == [[10, 100.0, 1], [1010, 10.0, 2], [1110, 10.0, 2]]


def test_call_rate_windows_are_bounded_and_exact() -> None:
    """Many windows are merged pairwise within a tier: the count stays bounded, the average over all is kept."""
    rates = pg.CallRates()
    for i in range(10 * pg.MAX_SAMPLES):
        rates.add("G", i * 0.001, i * 2, 1 if i < 1000 else 2, gap=i % 7 == 0)
    wins = rates.windows["G"]
    assert len(wins) <= pg.MAX_SAMPLES
    assert [w[3] for w in wins] == sorted(w[3] for w in wins)  # tiers never mixed
    assert all(abs(us - 500.0) < 1e-6 for _c, us, _t in rates.series("G"))


def test_precompiled_js_is_a_no_op_outside_pyodide() -> None:
    """On CPython there is no worker table: use_precompiled_js leaves everything alone."""
    pg.use_precompiled_js()
    assert pg.PlaygroundSession().tick_signal is None


def test_packages_are_read_form_by_form(session: Any) -> None:
    """Text that defines and enters a package is read form by form, as run_source does: same result."""
    code = '(defpackage :geo (:use :cl))\n(in-package :geo)\n(defun area (r) (* 3 r r))\n(list (area 2) *package*)'
    mine = run(session, code)
    ref = run_source(code, filename="editor.lisp")
    assert (mine["value"], mine["error"]) == (ref["value"], ref["error"])
    assert mine["error"] is None and "GEO" in mine["value"]
