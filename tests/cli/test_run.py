# `clysm run`: exit codes, continuing after a failing file, error messages that name the place, the --json shape,
# --tier 1, --timeout and runaway recursion.
from __future__ import annotations

import json
import time

import pytest

ERROR_KEYS = {"type", "message", "line", "column", "function"}
RESULT_KEYS = {"file", "value", "stdout", "error", "elapsed_ms", "functions", "events"}

BAD = """(defun g (x) (car x))
(defun h (y) (g y))
(print (h (list 1 2)))
  (h 5)
(print :never)
"""


def test_ok_file_exit_0(clysm, lisp_file) -> None:
    """A file that runs: exit 0, program output on stdout, nothing on stderr."""
    r = clysm("run", lisp_file("ok.lisp", '(defun sq (x) (* x x))\n(format t "~a~%" (sq 12))\n'))
    assert (r.code, r.out, r.err) == (0, "144\n", "")


def test_lisp_error_exit_1_names_place_and_function(clysm, lisp_file) -> None:
    """A Lisp error: exit 1, output so far kept, stderr `file:line:col: unhandled TYPE in FN: message` where
    line:col is the failing top-level form and FN the innermost named function; later forms do not run."""
    path = lisp_file("bad.lisp", BAD)
    r = clysm("run", path)
    assert r.code == 1
    assert r.out == "\n1 "
    assert r.err == f"{path}:4:3: unhandled TYPE-ERROR in G: The value 5 is not of type LIST\n"


def test_reader_error_exit_2_with_place(clysm, lisp_file) -> None:
    """Malformed source: exit 2, `file:line:col: reader error: ...`, and no form of the file runs."""
    path = lisp_file("rd.lisp", "(print 1)\n(car (1 2)\n")
    r = clysm("run", path)
    assert r.code == 2 and r.out == ""
    assert r.err.startswith(f"{path}:2:1: reader error: ")
    r = clysm("run", lisp_file("stray.lisp", "(print 1))\n"))
    assert r.code == 2 and ":1:10: reader error: unmatched close parenthesis" in r.err and r.out == ""


def test_continues_with_next_file_and_reports_worst_code(clysm, lisp_file) -> None:
    """Every file runs in its own engine even after an earlier one failed; the exit code is the worst one."""
    bad = lisp_file("bad.lisp", "(defvar *x* 1)\n(car 5)\n")
    rd = lisp_file("rd.lisp", "(oops\n")
    ok = lisp_file("ok.lisp", "(princ (boundp '*x*))\n")  # a fresh engine: *x* from bad.lisp is not there
    r = clysm("run", bad, rd, ok)
    assert r.code == 2
    assert r.out == "NIL"
    lines = r.err.splitlines()
    assert lines[0].startswith(f"{bad}:2:1: unhandled TYPE-ERROR") and lines[1].startswith(f"{rd}:1:1: reader")
    assert clysm("run", bad, ok).code == 1


def test_missing_file(clysm, tmp_path) -> None:
    """A file that cannot be read is an error (exit 1) and the other files still run."""
    r = clysm("run", str(tmp_path / "nope.lisp"), "--json")
    obj = json.loads(r.out)
    assert r.code == 1 and obj["error"]["type"] == "FILE-ERROR" and set(obj["error"]) == ERROR_KEYS


def test_json_one_object_per_file_nothing_else(clysm, lisp_file) -> None:
    """--json: exactly one JSON object per file per line on stdout (program output inside "stdout"), nothing on
    stderr; error objects have type, message, line, column, function."""
    ok = lisp_file("ok.lisp", "(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))\n(print 'hi)\n"
                              "(fib 10)\n")
    bad = lisp_file("bad.lisp", BAD)
    rd = lisp_file("rd.lisp", "\n  (car (\n")
    r = clysm("run", "--json", ok, bad, rd)
    assert r.code == 2 and r.err == ""
    lines = r.out.splitlines()
    assert len(lines) == 3 and r.out.endswith("\n")
    objs = [json.loads(line) for line in lines]
    for obj in objs:
        assert set(obj) == RESULT_KEYS
    a, b, c = objs
    assert a["file"] == ok and a["value"] == "55" and a["stdout"] == "\nHI " and a["error"] is None
    assert a["functions"]["FIB"]["calls"] == 177 and isinstance(a["elapsed_ms"], float)
    assert set(a["functions"]["FIB"]) == {"tier", "calls", "promoted_at_call", "tier2_error"}
    assert b["value"] is None and b["stdout"] == "\n1 "
    assert b["error"] == {"type": "TYPE-ERROR", "message": "The value 5 is not of type LIST", "line": 4,
                          "column": 3, "function": "G"}
    assert c["error"]["type"] == "READER-ERROR" and (c["error"]["line"], c["error"]["column"]) == (2, 8)
    assert c["error"]["message"].startswith(f"{rd}:2:8: ") and c["error"]["function"] is None


def test_tier_1_never_promotes(clysm, lisp_file) -> None:
    """--tier 1: a function called far past the threshold stays in Tier 1 and no promotion is attempted."""
    path = lisp_file("hot.lisp", "(defun sq (x) (* x x))\n(dotimes (i 50) (sq i))\n(sq 3)\n")
    obj = json.loads(clysm("run", "--json", "--tier", "1", "--threshold", "1", path).out)
    assert obj["value"] == "9" and obj["events"] == []
    assert obj["functions"]["SQ"] == {"tier": 1, "calls": 51, "promoted_at_call": None, "tier2_error": None}
    # auto mode with the same threshold tries to promote (and, with no Tier 2 backend in CPython, records why not)
    auto = json.loads(clysm("run", "--json", "--threshold", "1", path).out)
    assert auto["events"] and auto["functions"]["SQ"]["tier2_error"]


@pytest.mark.parametrize(("source", "line", "kind", "function", "message"), [
    ("(frob 1)", "1:1", "UNDEFINED-FUNCTION", None, "The function COMMON-LISP-USER::FROB is undefined."),
    ("(defun f (x) x)\n(f 1 2)", "2:1", "PROGRAM-ERROR", None, "invalid number of arguments to F: 2"),
    ("(defun f (x) (+ x 1))\n(f \"a\")", "2:1", "TYPE-ERROR", "F", 'The value "a" is not of type NUMBER'),
    ("(list 1)\n  zork", "2:3", "UNBOUND-VARIABLE", None, "The variable ZORK is unbound."),
    ("(defun d (n) (/ n 0))\n(d 4)", "2:1", "DIVISION-BY-ZERO", "D",
     "arithmetic error DIVISION-BY-ZERO signalled\nOperation was (/ 4 0)."),
    ('(defun e () (error "bad ~a" 42))\n(e)', "2:1", "SIMPLE-ERROR", "E", "bad 42"),
])
def test_error_messages(clysm, lisp_file, source, line, kind, function, message) -> None:
    """Unknown function, wrong argument count, type error, unbound variable, division by zero, ERROR: each has
    SBCL's wording, the place of the top-level form and (when inside one) the named function."""
    path = lisp_file("e.lisp", source)
    r = clysm("run", path)
    where = f" in {function}" if function else ""
    assert r.code == 1
    assert r.err == f"{path}:{line}: unhandled {kind}{where}: {message}\n"


def test_runaway_recursion_is_a_lisp_error(clysm_process, lisp_file) -> None:
    """Unbounded recursion becomes STACK-EXHAUSTED naming the function; the process exits normally (1) and
    the next file still runs."""
    rec = lisp_file("rec.lisp", "(defun f (n) (+ 1 (f n)))\n(f 1)\n")
    ok = lisp_file("ok.lisp", "(princ (+ 1 2))\n")
    r = clysm_process("run", rec, ok)
    assert r.code == 1 and r.out == "3"
    assert r.err.startswith(f"{rec}:2:1: unhandled STACK-EXHAUSTED in F: Control stack exhausted")


def test_timeout_stops_an_infinite_loop(clysm, lisp_file) -> None:
    """--timeout: an infinite loop (even one wrapped in IGNORE-ERRORS / HANDLER-CASE, which must not catch the
    timeout) stops with "evaluation timed out after N s" (exit 1), output so far kept, next file runs."""
    spin = lisp_file("spin.lisp", '(defun spin () (loop (ignore-errors (handler-case (loop) (error () 1)))))\n'
                                  '(princ "start")\n(spin)\n(princ "never")\n')
    ok = lisp_file("ok.lisp", "(princ 42)\n")
    t0 = time.monotonic()
    r = clysm("run", "--timeout", "0.5", spin, ok)
    assert time.monotonic() - t0 < 10
    assert r.code == 1 and r.out == "start42"
    assert r.err == f"{spin}:3:1: evaluation timed out after 0.5 s (in SPIN)\n"
    obj = json.loads(clysm("run", "--json", "--timeout", "0.3", spin).out)
    assert obj["error"] == {"type": "TIMEOUT", "message": "evaluation timed out after 0.3 s", "line": 3,
                            "column": 1, "function": "SPIN"}


def test_timeout_does_not_touch_a_quick_program(clysm, lisp_file) -> None:
    """A program that finishes in time is unaffected by --timeout (and no alarm fires later)."""
    path = lisp_file("q.lisp", "(princ (loop for i below 1000 sum i))\n")
    r = clysm("run", "--timeout", "0.2", path)
    assert (r.code, r.out, r.err) == (0, "499500", "")
    time.sleep(0.3)  # an alarm left armed would interrupt this test


@pytest.mark.parametrize("argv", [["--timeout", "0"], ["--timeout", "x"], ["--threshold", "0"]])
def test_bad_option_values_are_usage_errors(clysm, lisp_file, argv) -> None:
    """Nonsensical --timeout / --threshold values are rejected before anything runs."""
    with pytest.raises(SystemExit) as info:
        clysm("run", *argv, lisp_file("x.lisp", "(print 1)"))
    assert info.value.code == 2


@pytest.mark.node
def test_host_node_smoke(clysm, lisp_file) -> None:
    """--host node runs the file in Pyodide on Node 24 and reports the same JSON shape (skips without Node 24)."""
    from clysm.host.node_session import node_unavailable_reason

    reason = node_unavailable_reason()
    if reason:
        pytest.skip(f"Pyodide on Node 24 unavailable: {reason}")
    path = lisp_file("n.lisp", "(defun sq (x) (* x x))\n(sq 12)\n(car 5)\n")
    r = clysm("run", "--host", "node", "--json", path)
    obj = json.loads(r.out)
    assert r.code == 1 and set(obj) >= RESULT_KEYS
    assert obj["error"]["type"] == "TYPE-ERROR" and set(obj["error"]) == ERROR_KEYS
    assert (obj["error"]["line"], obj["error"]["column"]) == (3, 1)
