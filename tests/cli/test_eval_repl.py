# `clysm eval`, `clysm repl` (driven through stdin) and `python -m clysm`.
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from clysm.repl import repl

from .conftest import REPO, process_env


def test_eval_prints_prin1_of_the_value(clysm) -> None:
    """eval prints PRIN1 of the last form's primary value after the program's own output (on a fresh line)."""
    r = clysm("eval", "(let ((x 1/3)) (list (+ x 2/3) (expt 2 100)))")
    assert (r.code, r.out, r.err) == (0, "(1 1267650600228229401496703205376)\n", "")
    assert clysm("eval", '(princ "hi") "s"').out == 'hi\n"s"\n'
    assert clysm("eval", "(defun sq (x) (* x x)) (sq 5)").out == "25\n"


def test_eval_errors(clysm) -> None:
    """eval reports errors like run (exit 1; reader errors exit 2) with the place in the expression."""
    r = clysm("eval", "(+ 1 2) (car 'x)")
    assert r.code == 1 and r.out == ""
    assert r.err == "<eval>:1:9: unhandled TYPE-ERROR: The value X is not of type LIST\n"
    r = clysm("eval", "(+ 1")
    assert r.code == 2 and r.err.startswith("<eval>:1:1: reader error: ")


def test_eval_json_and_timeout(clysm) -> None:
    """eval --json prints run's result object; --timeout stops a loop."""
    obj = json.loads(clysm("eval", "--json", "(values 1 2)").out)
    assert obj["value"] == "1" and obj["file"] == "<eval>" and obj["error"] is None
    r = clysm("eval", "--timeout", "0.3", "(loop)")
    assert r.code == 1 and r.err == "<eval>:1:1: evaluation timed out after 0.3 s\n"


def test_python_dash_m(clysm_process) -> None:
    """`python -m clysm` is the same command line as the `clysm` script."""
    r = clysm_process("eval", "(* 6 7)")
    assert (r.code, r.out) == (0, "42\n")
    r = clysm_process("--help")
    assert r.code == 0 and "run" in r.out and "repl" in r.out


def run_repl(text: str, **kw: object) -> str:
    out = io.StringIO()
    assert repl(io.StringIO(text), out, **kw) == 0  # type: ignore[arg-type]
    return out.getvalue()


def test_repl_values_one_per_line() -> None:
    """Every value is printed, one per line; (VALUES) prints nothing; program output ends with a fresh line."""
    out = run_repl('(+ 1 2)\n(values 1 "two" :three)\n(values)\n(floor 7 2)\n(princ "hi")\n')
    assert out == '3\n1\n"two"\n:THREE\n3\n1\nhi\n"hi"\n'


def test_repl_multi_line_input_and_several_forms_per_line() -> None:
    """A form continues over lines until the reader has all of it; a line may hold several forms."""
    out = run_repl('(defun sq (x)\n  "square"\n\n  (* x x))\n(sq 4) (sq 5)\n(list 1\n2 ; comment\n3)\n')
    assert out == "SQ\n16\n25\n(1 2 3)\n"


def test_repl_errors_keep_the_session() -> None:
    """After an error (the rest of that line is skipped), a reader error, or runaway recursion, the session goes
    on with its definitions intact."""
    out = run_repl("(defvar *x* 10)\n(car 5) (print :skipped)\n(defun f (n) (+ 1 (f n)))\n(f 1)\n"
                   "(defun g (x) (car x))\n(g 5)\n)\n(frob)\n(+ *x* 1)\n")
    assert out.splitlines() == [
        "*X*",
        "; unhandled TYPE-ERROR: The value 5 is not of type LIST",
        "F",
        "; unhandled STACK-EXHAUSTED in F: Control stack exhausted (no more space for function call frames). "
        "This is probably due to heavily nested or infinitely recursive function calls.",
        "G",
        "; unhandled TYPE-ERROR in G: The value 5 is not of type LIST",
        "; reader error: unmatched close parenthesis (line 1, column 1 of the input)",
        "; unhandled UNDEFINED-FUNCTION: The function COMMON-LISP-USER::FROB is undefined.",
        "11",
    ]


def test_repl_history_variables() -> None:
    """*, **, *** hold the last primary values, / the last values, + the last form (CLHS 25.1.1)."""
    out = run_repl("1\n(values 2 3)\n(values)\n(list * ** ***)\n/\n(quote (a b))\n+\n")
    assert out.splitlines() == ["1", "2", "3", "(NIL 2 1)", "((NIL 2 1))", "(A B)", "'(A B)"]


def test_repl_unfinished_form_at_end_of_input() -> None:
    """End of input inside a form is reported, not silently dropped."""
    assert run_repl("(+ 1 2)\n(list 1\n").splitlines() == [
        "3", "; end of input inside a form: end of file: missing ) to close the ( here"]


def test_repl_timeout_option() -> None:
    """With a timeout, a runaway form is stopped and the session continues."""
    out = run_repl("(defun spin () (loop))\n(spin)\n(+ 1 1)\n", timeout=0.3)
    assert out.splitlines() == ["SPIN", "; evaluation timed out after 0.3 s (in SPIN)", "2"]


def test_repl_subprocess_via_stdin(clysm_process) -> None:
    """`clysm repl` with piped stdin: no prompts, values and errors on stdout, exit 0 at end of input."""
    r = clysm_process("repl", stdin="(defun sq (x) (* x x))\n(sq 9)\n(sq)\n(values 1 2)\n")
    assert r.code == 0 and r.err == ""
    assert r.out.splitlines() == ["SQ", "81", "; unhandled PROGRAM-ERROR: invalid number of arguments to SQ: 0",
                                  "1", "2"]


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="needs POSIX signals")
def test_repl_ctrl_c_interrupts_the_running_form(tmp_path) -> None:
    """SIGINT (Ctrl-C) while a form runs stops that form only: the REPL reports it and keeps its definitions."""
    p = subprocess.Popen([sys.executable, "-m", "clysm", "repl"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=process_env(tmp_path), cwd=REPO)
    try:
        assert p.stdin is not None and p.stdout is not None
        p.stdin.write("(defun spin () (loop))\n(defvar *kept* 7)\n(spin)\n")
        p.stdin.flush()
        assert p.stdout.readline() == "SPIN\n"
        assert p.stdout.readline() == "*KEPT*\n"
        time.sleep(0.3)  # now inside (spin)
        p.send_signal(signal.SIGINT)
        assert p.stdout.readline() == "\n"
        assert p.stdout.readline() == "; interrupted (in SPIN)\n"
        out, err = p.communicate("(+ *kept* 1)\n", timeout=30)
        assert (out, err, p.returncode) == ("8\n", "", 0)
    finally:
        if p.poll() is None:
            p.kill()


def test_eval_dash_reads_standard_input(clysm_process) -> None:
    """`clysm eval -` evaluates the forms on standard input (errors name <stdin> and the place there)."""
    r = clysm_process("eval", "-", stdin="(defun sq (x) (* x x))\n(sq 7)\n")
    assert (r.code, r.out) == (0, "49\n")
    r = clysm_process("eval", "-", stdin="(+ 1 2)\n(car 5)\n")
    assert r.code == 1 and r.err.startswith("<stdin>:2:1: unhandled TYPE-ERROR")
