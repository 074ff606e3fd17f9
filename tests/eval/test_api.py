# clysm.api.run_source: the JSON-ready result every front end reports.
from __future__ import annotations

import json

from clysm.api import run_source
from clysm.tiering import NO_BACKEND

KEYS = {"file", "value", "stdout", "error", "elapsed_ms", "functions", "events"}


def test_success_shape() -> None:
    """Value is PRIN1 of the last form, stdout collected, functions described, JSON-serialisable."""
    r = run_source("(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) (print 'hi) (fib 10)",
                   filename="f.lisp", threshold=5)
    assert set(r) == KEYS
    assert r["file"] == "f.lisp" and r["value"] == "55" and r["stdout"] == "\nHI " and r["error"] is None
    assert r["functions"] == {"FIB": {"tier": 1, "calls": 177, "promoted_at_call": None,
                                      "tier2_error": NO_BACKEND}}
    assert r["events"][0]["function"] == "FIB" and r["events"][0]["call"] == 6 and not r["events"][0]["ok"]
    assert isinstance(r["elapsed_ms"], float)
    json.dumps(r)


def test_tier_1_reports_no_events() -> None:
    """tier='1' counts calls but never tries to promote."""
    r = run_source("(defun sq (x) (* x x)) (sq 2) (sq 3)", tier="1", threshold=1)
    assert r["functions"]["SQ"]["calls"] == 2 and r["events"] == []


def test_reader_error_runs_nothing() -> None:
    """A reader error is reported as READER-ERROR with file:line:col, and no form runs."""
    r = run_source("(print 1)\n(car (", filename="bad.lisp")
    assert r["error"]["type"] == "READER-ERROR" and r["error"]["message"].startswith("bad.lisp:2:")
    assert r["stdout"] == "" and r["value"] is None


def test_lisp_error_stops_the_file() -> None:
    """A Lisp error stops at that form: value None, error set, output so far kept."""
    r = run_source("(princ 1) (error \"stop ~a\" 2) (princ 3)")
    assert r["value"] is None and r["stdout"] == "1"
    assert r["error"] == {"type": "SIMPLE-ERROR", "message": "stop 2", "line": 1, "column": 11, "function": None}


def test_empty_source() -> None:
    assert run_source("")["value"] is None and run_source("")["error"] is None
