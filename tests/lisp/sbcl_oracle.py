# Ask SBCL (the oracle) what it prints / formats, for the test tables in this directory. Used by the tests marked
# `sbcl` (which check that the pasted expectations still match SBCL) and runnable as a script to print fresh tables.
from __future__ import annotations

import shutil
import subprocess
import tempfile

_PRELUDE = """
(defpackage "PK" (:use "COMMON-LISP"))
(defun emit (s) (format t "~{~d~^ ~}~%" (map 'list #'char-code s)))
(defun try (thunk)
  (handler-case (emit (funcall thunk))
    (error () (format t "ERROR~%"))))
"""


def have_sbcl() -> bool:
    return shutil.which("sbcl") is not None


def _lisp_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _run(body: list[str]) -> list[str | None]:
    with tempfile.NamedTemporaryFile("w", suffix=".lisp", delete=False) as f:
        f.write(_PRELUDE + "\n".join(body) + "\n")
        path = f.name
    out = subprocess.run(["sbcl", "--script", path], capture_output=True, text=True, timeout=120).stdout
    results: list[str | None] = []
    for line in out.splitlines():
        if line == "ERROR":
            results.append(None)
        else:
            results.append("".join(chr(int(c)) for c in line.split()))
    return results


def sbcl_format(cases: list[tuple[str, str]]) -> list[str | None]:
    """(FORMAT NIL control . args) for each (control, args-as-Lisp-source) pair; None where SBCL signals."""
    body = [
        f"(try (lambda () (apply #'format nil {_lisp_string(c)} (read-from-string {_lisp_string(a)}))))"
        for c, a in cases
    ]
    return _run(body)


def sbcl_print(sources: list[str], function: str = "prin1-to-string") -> list[str | None]:
    """PRIN1-TO-STRING (or another one-argument printer) of the object each Lisp source text reads as."""
    body = [f"(try (lambda () ({function} (read-from-string {_lisp_string(s)}))))" for s in sources]
    return _run(body)


def sbcl_eval(sources: list[str]) -> list[str | None]:
    """PRIN1-TO-STRING of the value of each form (read and evaluated in CL-USER)."""
    body = [f"(try (lambda () (prin1-to-string (eval (read-from-string {_lisp_string(s)})))))" for s in sources]
    return _run(body)
