# Tier 2 against SBCL: every DEFUN in tier2_cases.lisp is compiled straight to Tier 2 (loops, conditionals, case,
# LOOP, setf of conses, labels, &optional/&key, closures in loops, bignums, hash tables, non-local exits) and the
# PRINT form after it, evaluated with the compiled function inside Pyodide on Node 24, must print exactly SBCL's
# value (recorded after each case as ";; => ...").
from __future__ import annotations

from pathlib import Path

from tests.support.node import pyodide_exec

CASES = Path(__file__).with_name("tier2_cases.lisp")

RUNNER = """
from tests.compiler.mini_engine import MiniEngine, defun
from clysm.compiler.backend import Tier2Backend
from clysm.host.js_host import JsWasmHost
from clysm.lisp.types import Cons, Symbol
engine = MiniEngine()
backend = Tier2Backend(JsWasmHost())

def ev(x):
    if isinstance(x, Cons):
        if x.car.name == "QUOTE":
            return x.cdr.car
        args = []
        y = x.cdr
        while isinstance(y, Cons):
            args.append(ev(y.car))
            y = y.cdr
        return x.car.function(*args)
    return x

out = []
lines = [l for l in open(PATH).read().split("\\n") if l and not l.startswith(";")]
for i in range(0, len(lines), 2):
    fn, tf = defun(engine, backend, lines[i])
    (form,) = engine.read(lines[i + 1])
    out.append(engine.prin1(ev(form.cdr.car)))
out
"""


def test_tier2_matches_sbcl_on_the_cases(node_session) -> None:  # type: ignore[no-untyped-def]
    text = CASES.read_text()
    expected = [line[len(";; => "):] for line in text.split("\n") if line.startswith(";; => ")]
    got = pyodide_exec(node_session, f"PATH = {str(CASES)!r}\n" + RUNNER)["value"]
    assert got == expected
