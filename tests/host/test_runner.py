# Tests for scripts/pyodide-run (clysm/host/node_runner.mjs): running a Python file inside Pyodide on Node 24.
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from clysm.host.node_session import node_unavailable_reason

pytestmark = pytest.mark.node

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "scripts" / "pyodide-run"


@pytest.fixture(autouse=True)
def _need_node():
    reason = node_unavailable_reason()
    if reason:
        pytest.skip(reason)


def run(path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(RUNNER), str(path), *args], capture_output=True, text=True, timeout=120,
                          cwd=path.parent)


def test_runs_file_with_argv_await_streams_and_exit_code(tmp_path):
    """The file runs as __main__ in Pyodide (Python 3.14) with sys.argv, top-level await, the live clysm package
    importable, the cwd set, stdout/stderr kept apart, and sys.exit's code as the exit status."""
    script = tmp_path / "prog.py"
    script.write_text(
        "import asyncio, os, sys\n"
        "import clysm\n"
        "await asyncio.sleep(0)\n"
        "print(__name__, sys.argv[1:], sys.platform, sys.version_info[:2], os.getcwd())\n"
        "print(clysm.__file__)\n"
        "print('to stderr', file=sys.stderr)\n"
        "sys.exit(int(sys.argv[1]))\n"
    )
    p = run(script, "7", "x y")
    assert p.returncode == 7, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0] == f"__main__ ['7', 'x y'] emscripten (3, 14) {tmp_path}"
    assert lines[1] == str(ROOT / "clysm" / "__init__.py")
    assert p.stderr == "to stderr\n"


def test_uncaught_exception_prints_user_traceback_and_exits_1(tmp_path):
    """An uncaught exception prints a traceback that starts at the user's file (no runner frames); exit code 1."""
    script = tmp_path / "bad.py"
    script.write_text("def f():\n    raise ValueError('nope')\nf()\n")
    p = run(script)
    assert p.returncode == 1
    assert p.stderr.startswith("Traceback (most recent call last):\n  File \"" + str(script))
    assert p.stderr.rstrip().endswith("ValueError: nope")
    assert "_pyodide" not in p.stderr and "node_runner" not in p.stderr


def test_missing_file_is_a_usage_error(tmp_path):
    """A missing script fails fast with a usage error (64), without loading Pyodide."""
    p = subprocess.run([str(RUNNER), str(tmp_path / "nope.py")], capture_output=True, text=True, timeout=60)
    assert p.returncode == 64 and "no such file" in p.stderr


def test_runs_on_node_24_not_the_system_node(tmp_path):
    """The runner uses the pinned Node 24 (Node 20 cannot run WasmGC)."""
    script = tmp_path / "v.py"
    script.write_text("import js\nprint(js.process.version)\n")
    p = run(script)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("v24."), p.stdout
    assert sys.platform != "emscripten"
