# Tests for clysm.host.js_host.JsWasmHost, run inside Pyodide on Node 24 through the shared node_session: compile,
# instantiate and call a hand-made WasmGC module, Python <-> Wasm calls in both directions, and how failures
# (Python exceptions in imports, Wasm throws, traps, stack overflow, bad modules) reach Python.
from __future__ import annotations

import sys

import pytest

from tests.support.node import pyodide_exec

pytestmark = pytest.mark.node

PRELUDE = """
from clysm.host import default_host
from clysm.host.errors import (HostError, JsError, WasmCompileError, WasmException, WasmLinkError,
                               WasmStackExhausted, WasmTrap)
from tests.support.wasm_samples import sample_module
host = default_host()
calls = []
def cb(x):
    calls.append(x)
    return x + 1
inst = host.instantiate(sample_module(), {"host": {"cb": cb}})
ex = inst.exports
"""


def run(session, body: str) -> dict:
    return pyodide_exec(session, PRELUDE + body)


def test_default_host_is_none_on_cpython_without_importing_js():
    """On plain CPython there is no JS engine: default_host() is None and `js`/`pyodide` are never imported."""
    from clysm.host import default_host, in_pyodide

    assert default_host() is None
    assert not in_pyodide()
    assert "js" not in sys.modules and "pyodide" not in sys.modules


def test_default_host_in_pyodide_validates_modules(node_session):
    """Inside Pyodide default_host() is a JsWasmHost whose validate() is WebAssembly.validate (FR-009)."""
    r = run(node_session, """
type(host).__name__, host.validate(sample_module()), host.validate(b"\\0asm\\1\\0\\0\\0\\1"), host.validate(b"junk")
""")
    assert r["value"] == ["JsWasmHost", True, False, False]


def test_instantiate_and_call_gc_module(node_session):
    """A WasmGC module instantiates with a Python import; exports take and return JS numbers; GC structs, i31 and
    tail calls (1,000,000 return_calls in constant stack) run inside Wasm; globals and tables are reachable."""
    r = run(node_session, """
g = ex["g"]
before = host.global_get(g)
host.global_set(g, 42)
tab = ex["tab"]
old = host.table_grow(tab, 3)
[ex["add"](1, 2), ex["add"](1.5, 2), ex["list_sum"](100), ex["count_tail"](1_000_000, 0), before, g.value,
 old, host.table_size(tab), host.table_get(tab, 0) is None or str(host.table_get(tab, 0)),
 sorted(n for n, _ in inst.module.exports()), inst.module.imports()]
""")
    add_int, add_float, list_sum, count, before, after, old, size, entry, names, imports = r["value"]
    assert (add_int, add_float, list_sum, count) == (3, 3.5, 5050, 1_000_000)
    assert (before, after, old, size) == (7, 42, 2, 5)
    assert entry is True
    assert names == sorted(["add", "callcb", "loop", "rec", "count_tail", "list_sum", "throw", "trap", "catch_cb",
                            "g", "tab", "tag"])
    assert imports == [["host", "cb", "function"]]


def test_python_wasm_python_calls(node_session):
    """Wasm calls a Python import in a loop, and an import may re-enter Wasm (Python -> Wasm -> Python -> Wasm)."""
    r = run(node_session, """
n = ex["loop"](1000)
count = len(calls)
def reenter(x):
    return ex["add"](x, 100) if x < 1 else x
inst2 = host.instantiate(sample_module(), {"host": {"cb": reenter}})
[n, count, calls[:3], inst2.exports["callcb"](0), inst2.exports["callcb"](5)]
""")
    assert r["value"] == [1000, 1000, [0, 1, 2], 100, 5]


def test_import_proxy_created_once_per_callable(node_session):
    """The same Python callable used by several instances gets one JS proxy (create_proxy is ~15 µs)."""
    r = run(node_session, """
a = host.import_function(cb)
host.instantiate(sample_module(), {"host": {"cb": cb}})
a is host.import_function(cb) or a == host.import_function(cb), len(host._proxies)
""")
    assert r["value"] == [True, 1]


def test_python_exception_in_import_surfaces_cleanly(node_session):
    """A Python exception raised inside an import reaches the Python caller as the SAME exception (type, message,
    identity) on a direct call and through a guarded call; Wasm code can also catch it (try_table catch_all)."""
    r = run(node_session, """
class Boom(Exception):
    pass
err = Boom("from the import")
def bad(x):
    raise err
inst = host.instantiate(sample_module(), {"host": {"cb": bad}})
try:
    inst.exports["callcb"](1)
    direct = None
except Boom as e:
    direct = e is err
g = host.guarded(inst.exports["callcb"], 3)
sentinel = g(1)
taken = host.take_error()
[direct, sentinel, taken is err, host.take_error() is None, inst.exports["catch_cb"](1), ex["add"](2, 2)]
""")
    assert r["value"] == [True, 3, True, True, -1, 4]


def test_wasm_throw_keeps_payload_through_guard(node_session):
    """A Wasm exception escaping to Python becomes WasmException; through a guarded call its payload is readable."""
    r = run(node_session, """
g = host.guarded(ex["throw"], 3)
s = g(1234)
e = host.take_error()
try:
    host.call(ex["throw"], 5)
    direct = None
except WasmException as d:
    direct = type(d).__name__
[s, type(e).__name__, host.exception_payload(e, ex["tag"], 1), direct]
""")
    assert r["value"] == [3, "WasmException", [1234], "WasmException"]


def test_trap_becomes_wasm_trap(node_session):
    """A trap (unreachable) is WasmTrap, both via host.call and via a guarded call, and the runtime stays usable."""
    r = run(node_session, """
try:
    host.call(ex["trap"])
    direct = None
except WasmTrap as e:
    direct = e.message
g = host.guarded(ex["trap"], -7)
[direct, g(), type(host.take_error()).__name__, ex["add"](1, 1)]
""")
    direct, sentinel, kind, two = r["value"]
    assert "unreachable" in direct
    assert (sentinel, kind, two) == (-7, "WasmTrap", 2)


def test_deep_wasm_recursion_is_catchable(node_session):
    """Unbounded pure-Wasm recursion raises WasmStackExhausted (not a dead runtime): Pyodide keeps working, the
    same instance can be called again, and later requests in the session still run."""
    r = run(node_session, """
out = []
for _ in range(2):
    try:
        host.call(ex["rec"], 0)
        out.append(None)
    except WasmStackExhausted as e:
        out.append(e.js_name)
g = host.guarded(ex["rec"], 3)
out += [g(0), type(host.take_error()).__name__, ex["list_sum"](10), ex["loop"](10)]
out
""")
    assert r["value"][0] in ("RangeError", "InternalError")
    assert r["value"][1:] == [r["value"][0], 3, "WasmStackExhausted", 55, 10]
    assert node_session.ping()["ok"]


def test_bad_modules_raise_compile_and_link_errors(node_session):
    """Invalid bytes raise WasmCompileError; a missing import raises WasmLinkError; neither leaves an error behind."""
    r = run(node_session, """
out = []
try:
    host.compile(b"\\0asm\\1\\0\\0\\0\\1")
except WasmCompileError as e:
    out.append("compile")
try:
    host.instantiate(sample_module(), {})
except HostError as e:
    out.append(type(e).__name__)
try:
    host.instantiate(sample_module(), {"host": {"cb": 5}})
except HostError as e:
    out.append(type(e).__name__)
out + [host.has_error()]
""")
    assert r["value"][0] == "compile"
    assert r["value"][1] in ("WasmLinkError", "JsError")  # V8 reports a missing module object as a TypeError
    assert r["value"][2:] == ["WasmLinkError", False]


def test_close_releases_import_proxies(node_session):
    """close() destroys the import proxies (calls through them then fail) and the host refuses new work."""
    r = run(node_session, """
host.close()
try:
    ex["callcb"](1)
    after = "called"
except Exception as e:
    after = type(e).__name__
try:
    host.instantiate(sample_module(), {"host": {"cb": cb}})
    again = "instantiated"
except HostError:
    again = "refused"
[after, again, len(host._proxies)]
""")
    assert r["value"][0] != "called"
    assert r["value"][1:] == ["refused", 0]
