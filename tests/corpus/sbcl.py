# Runs corpus cases in SBCL (the oracle): generates one Lisp driver per corpus file, runs it with
# `sbcl --script`, and parses what SBCL printed back into per-case results. Used by scripts/sbcl-oracle and
# tests/test_sbcl_oracle.py. Stdlib only.
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .loader import Case, lisp_string, read_lisp_string

# Standard condition types, most specific first: an escaping error is reported as the first type it satisfies.
ERROR_TYPES = (
    "DIVISION-BY-ZERO",
    "FLOATING-POINT-OVERFLOW",
    "FLOATING-POINT-UNDERFLOW",
    "FLOATING-POINT-INEXACT",
    "FLOATING-POINT-INVALID-OPERATION",
    "UNDEFINED-FUNCTION",
    "UNBOUND-VARIABLE",
    "UNBOUND-SLOT",
    "TYPE-ERROR",
    "PROGRAM-ERROR",
    "CONTROL-ERROR",
    "ARITHMETIC-ERROR",
    "CELL-ERROR",
    "PACKAGE-ERROR",
    "READER-ERROR",
    "END-OF-FILE",
    "PARSE-ERROR",
    "STREAM-ERROR",
    "FILE-ERROR",
    "PRINT-NOT-READABLE",
    "SIMPLE-ERROR",
    "ERROR",
)

# The driver: each case in a fresh package using CL, forms read one at a time from the case's source string and
# evaluated in order, *standard-output* captured, unhandled errors classified. For every case it prints four Lisp
# strings on the real stdout: name, kind ("value", "error" or "serious"), PRIN1 text or type name, and the output.
DRIVER = r"""
(setf *print-right-margin* 1000000)
(defvar *oracle-out* *standard-output*)
(defvar *oracle-types* '(%TYPES%))
(defvar *oracle-counter* 0)
(defun oracle-classify (c)
  (dolist (ty *oracle-types* "ERROR")
    (when (typep c ty) (return (symbol-name ty)))))
(defun oracle-emit (&rest strings)
  (dolist (s strings) (prin1 s *oracle-out*) (terpri *oracle-out*))
  (finish-output *oracle-out*))
(defun oracle-run (name source)
  (let* ((pkg (make-package (format nil "ORACLE-CASE-~D" (incf *oracle-counter*)) :use '("COMMON-LISP")))
         (out (make-string-output-stream))
         (kind "value")
         (text ""))
    (let ((*package* pkg)
          (*standard-output* out)
          (*error-output* (make-broadcast-stream))
          (*trace-output* (make-broadcast-stream)))
      (handler-case
          (with-input-from-string (in source)
            (let ((eof (list :eof)) (last nil))
              (loop for form = (read in nil eof)
                    until (eq form eof)
                    do (setf last (eval form)))
              (setf text (prin1-to-string last))))
        (error (c) (setf kind "error" text (oracle-classify c)))
        (serious-condition (c) (setf kind "serious" text (princ-to-string (type-of c))))))
    (oracle-emit name kind text (get-output-stream-string out))
    (ignore-errors (delete-package pkg))))
"""


@dataclass(frozen=True)
class SbclResult:
    """What SBCL gave for one case (value is PRIN1 text; error is a standard type name)."""

    value: str | None
    out: str
    error: str | None
    note: str | None = None  # set when SBCL could not give a usable answer (crash, non-error condition)


def sbcl_path() -> str | None:
    return shutil.which("sbcl")


def driver_source(cases: Iterable[Case]) -> str:
    calls = "\n".join(f"(oracle-run {lisp_string(c.name)} {lisp_string(c.source)})" for c in cases)
    return DRIVER.replace("%TYPES%", " ".join(ERROR_TYPES)) + calls + "\n"


def run_file_cases(cases: list[Case], *, timeout: float = 300.0) -> dict[str, SbclResult]:
    """Run `cases` (typically one file's) in one SBCL process; name -> result (missing names get a note)."""
    sbcl = sbcl_path()
    if sbcl is None:
        raise RuntimeError("sbcl is not on PATH")
    with tempfile.TemporaryDirectory(prefix="clysm-oracle-") as tmp:
        driver = Path(tmp) / "driver.lisp"
        driver.write_text(driver_source(cases), encoding="utf-8")
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
        try:
            proc = subprocess.run(
                [sbcl, "--script", str(driver)], capture_output=True, timeout=timeout, env=env
            )
            stdout = proc.stdout.decode("utf-8", errors="replace")
            failure = f"sbcl exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-400:]}"
        except subprocess.TimeoutExpired as exc:
            stdout = (exc.stdout or b"").decode("utf-8", errors="replace")
            failure = f"sbcl timed out after {timeout} s"
    results: dict[str, SbclResult] = {}
    items = _complete_strings(stdout)
    for i in range(0, len(items) - 3, 4):
        name, kind, text, out = items[i : i + 4]
        if kind == "value":
            results[name] = SbclResult(text, out, None)
        elif kind == "error":
            results[name] = SbclResult(None, out, text)
        else:
            results[name] = SbclResult(None, out, None, note=f"SBCL signalled a non-error condition {text}")
    for case in cases:
        if case.name not in results:
            results[case.name] = SbclResult(None, "", None, note=f"no answer from SBCL ({failure})")
    return results


def _complete_strings(text: str) -> list[str]:
    """The Lisp strings SBCL printed, ignoring a truncated tail (a crash mid-case)."""
    items: list[str] = []
    i = 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return items
        try:
            value, i = read_lisp_string(text, i)
        except ValueError:
            return items
        items.append(value)


def run_cases(cases: list[Case], *, timeout: float = 300.0) -> dict[str, SbclResult]:
    """Run cases in SBCL, one process per corpus file (cases skipped for SBCL are not run)."""
    by_file: dict[str, list[Case]] = {}
    for case in cases:
        if case.skip_reason("sbcl") is None:
            by_file.setdefault(case.file, []).append(case)
    results: dict[str, SbclResult] = {}
    for group in by_file.values():
        results.update(run_file_cases(group, timeout=timeout))
    return results


def disagreement(case: Case, result: SbclResult) -> str | None:
    """Why SBCL's answer differs from the case's expected lines, or None if it agrees exactly."""
    if result.note:
        return result.note
    problems = []
    if case.expected_error is not None or result.error is not None:
        if case.expected_error != result.error:
            got = f"error {result.error}" if result.error else f"value {result.value}"
            want = f"error {case.expected_error}" if case.expected_error else f"value {case.expected_value}"
            problems.append(f"expected {want}, SBCL gives {got}")
    elif case.expected_value != result.value:
        problems.append(f"expected value {case.expected_value}, SBCL gives {result.value}")
    if case.expected_out != result.out:
        problems.append(f"expected output {lisp_string(case.expected_out)}, SBCL prints {lisp_string(result.out)}")
    return "; ".join(problems) or None
