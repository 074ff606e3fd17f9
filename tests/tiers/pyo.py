# Helpers for the tiering tests: Python snippets executed inside Pyodide on Node 24 with the REAL engine
# (clysm.engine.Engine + Tier2Backend on a JsWasmHost), and a host-import call counter.
from __future__ import annotations

import textwrap
from typing import Any

from tests.support.node import pyodide_exec

PRELUDE = """
from clysm.engine import Engine
from clysm.host import default_host
from clysm.compiler.backend import Tier2Backend
from clysm.compiler import bridge as _bridge_mod

def make(tier="auto", threshold=10):
    return Engine(tier=tier, threshold=threshold, backend=Tier2Backend(default_host()))

class HostCalls:
    '''Counts every Wasm -> Python import call (runtime host imports and registry slow paths) while active.'''
    def __init__(self):
        self.n = 0
        self.by = {}
        self.saved = {}
    def __enter__(self):
        B = _bridge_mod.Bridge
        for name in [x for x in dir(B) if x.startswith("h_")] + ["reg_wrapper"]:  # dir: mixins' imports too
            orig = getattr(B, name)
            self.saved[name] = (orig, name in vars(B))
            if name == "reg_wrapper":
                def rw(this, rname, fn, _o=orig, _s=self):
                    inner = _o(this, rname, fn)
                    def counted(*a):
                        _s.n += 1; _s.by[rname] = _s.by.get(rname, 0) + 1
                        return inner(*a)
                    return counted
                setattr(B, name, rw)
            else:
                def w(this, *a, _o=orig, _n=name, _s=self):
                    _s.n += 1; _s.by[_n] = _s.by.get(_n, 0) + 1
                    return _o(this, *a)
                setattr(B, name, w)
        return self
    def __exit__(self, *exc):
        for name, (orig, own) in self.saved.items():
            if own:
                setattr(_bridge_mod.Bridge, name, orig)
            else:  # a mixin's method: drop the patch, inheritance does the rest
                delattr(_bridge_mod.Bridge, name)
"""


def run_py(session: Any, code: str) -> Any:
    """Run `code` after PRELUDE inside Pyodide; its last expression's value (JSON) is returned."""
    return pyodide_exec(session, PRELUDE + textwrap.dedent(code))["value"]
