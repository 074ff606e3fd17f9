# Evaluation-level tests of the standard macros: each case in eval_cases.py is run and its PRIN1 compared with
# SBCL's, on a fresh Tier 1 Engine per case.
from __future__ import annotations

import shutil
import subprocess

import pytest

from .eval_cases import CASES
from .runner import RUN


@pytest.mark.parametrize(("section", "source", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_macro_case_matches_sbcl_result(section: str, source: str, expected: str) -> None:
    """The macro's expansion, evaluated, gives exactly the value SBCL prints for the same source."""
    if expected.startswith("#<ERROR"):
        pytest.skip("error cases are checked in test_errors")
    assert RUN(source) == expected


@pytest.mark.sbcl
@pytest.mark.skipif(shutil.which("sbcl") is None, reason="SBCL not installed")
def test_case_table_agrees_with_sbcl(tmp_path) -> None:
    """The expected values in eval_cases.py are what SBCL really prints (so the table cannot drift)."""
    lines = [
        "(defun run-case (form) (if (and (consp form) (eq (car form) 'progn))"
        " (let (v) (dolist (f (cdr form) v) (setq v (eval f)))) (eval form)))",
    ]
    for i, (_section, source, _expected) in enumerate(CASES):
        lines.append(
            f'(format t "~&@@CASE {i} ~a~%" (handler-case (prin1-to-string (run-case (quote {source})))'
            f' (error (c) (format nil "#<ERROR ~a>" (type-of c)))))'
        )
    script = tmp_path / "cases.lisp"
    script.write_text("\n".join(lines))
    out = subprocess.run(["sbcl", "--script", str(script)], capture_output=True, text=True, timeout=120).stdout
    got = {}
    for line in out.splitlines():
        if line.startswith("@@CASE "):
            _, index, value = line.split(" ", 2)
            got[int(index)] = value
    mismatches = [(CASES[i][1], CASES[i][2], got.get(i)) for i in range(len(CASES)) if got.get(i) != CASES[i][2]]
    assert not mismatches
