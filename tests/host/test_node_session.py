# Tests for clysm.host.node_session.NodeSession (the persistent Pyodide-on-Node process behind the node_session
# fixture and `clysm run --host node`): request/reply, captured output, and recovery from hangs and crashes.
from __future__ import annotations

import pytest

from clysm.host.node_session import NodeSession, node_unavailable_reason

pytestmark = pytest.mark.node


@pytest.fixture(scope="module")
def fragile_session():
    """A private session for tests that deliberately kill or hang the process (the shared one stays healthy)."""
    reason = node_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with NodeSession(timeout=30) as s:
        yield s


def test_exec_captures_output_value_and_errors(node_session):
    """exec runs Python inside Pyodide (3.14, emscripten) with stdout/stderr captured, returns the final expression,
    supports top-level await, and reports a Python exception with its traceback without harming the session."""
    r = node_session.exec("""
        import sys
        print("out", sys.platform)
        print("err", file=sys.stderr)
        {"v": sys.version_info[:2]}
    """)
    assert r["ok"], r
    assert (r["stdout"], r["stderr"], r["value"]) == ("out emscripten\n", "err\n", {"v": [3, 14]})
    r = node_session.exec("import asyncio\nawait asyncio.sleep(0)\n'awaited'")
    assert r["ok"] and r["value"] == "awaited", r
    r = node_session.exec("print('before')\n1/0")
    assert not r["ok"]
    assert r["error_type"] == "ZeroDivisionError" and "1/0" in r["traceback"] and r["stdout"] == "before\n"
    assert node_session.ping()["ok"]


def test_exec_sees_the_working_tree(node_session):
    """Inside Pyodide `import clysm` is this checkout (mounted, not a copy), so tests run the code under test."""
    import clysm

    r = node_session.exec("import clysm; clysm.__file__")
    assert r["ok"] and r["value"] == clysm.__file__


def test_hang_times_out_and_restarts(fragile_session):
    """A request that never finishes is answered with a timeout error after its limit; the process is replaced and
    the next request works."""
    starts = fragile_session.ping()["ok"] and fragile_session.starts
    r = fragile_session.exec("while True: pass", timeout=2)
    assert not r["ok"] and r.get("timeout") and "timed out" in r["error"]
    assert fragile_session.ping()["ok"]
    assert fragile_session.starts == starts + 1


def test_fatal_pyodide_crash_restarts(fragile_session):
    """Recursion through a C slot kills Pyodide ("fatal error"); that request reports a crash with the stderr
    diagnostics, and the session comes back for the next request."""
    starts = fragile_session.ping()["ok"] and fragile_session.starts
    r = fragile_session.exec("""
        import sys
        sys.setrecursionlimit(100000)
        class C:
            def __call__(self, n):
                return self(n - 1) + 1 if n else 0
        C()(100000)
    """)
    assert not r["ok"] and r.get("crashed"), r
    assert "Maximum call stack" in r["error"] or "fatal" in r.get("stderr", "")
    assert fragile_session.exec("6 * 7")["value"] == 42
    assert fragile_session.starts == starts + 1


def test_run_failure_is_a_host_error_result(fragile_session):
    """run() answers a host failure (here a timeout) with a run_source-shaped dict whose error type is HOST-ERROR."""
    r = fragile_session.run("(loop)", filename="spin.lisp", timeout=0.001)
    assert r["error"]["type"] == "HOST-ERROR"
    assert r["file"] == "spin.lisp" and r["value"] is None and r["functions"] == {} and r["events"] == []
    assert fragile_session.ping()["ok"]


def test_run_lisp_in_pyodide(node_session):
    """run() evaluates Lisp with clysm.api.run_source inside Pyodide and returns its result dict."""
    pytest.importorskip("clysm.api")
    r = node_session.run("(print (+ 1 2)) (* 6 7)", filename="t.lisp")
    assert r["error"] is None, r
    assert r["value"] == "42" and "3" in r["stdout"]


def test_server_builds_the_tier2_backend(node_session):
    """Inside Pyodide the server gives run_source the compiler's Tier 2 backend bound to a JsWasmHost (and no
    backend without a host), so `--host node` really runs Tier 2."""
    pytest.importorskip("clysm.compiler.backend")
    r = node_session.exec("""
        from clysm.host import default_host
        from clysm.host.node_server import make_backend
        b = make_backend(default_host())
        [type(b).__name__, type(b.host).__name__, make_backend(None)]
    """)
    assert r["ok"], r
    assert r["value"] == ["Tier2Backend", "JsWasmHost", None]
