# clysm host: the JSON-lines server that runs INSIDE Pyodide (started by `node_runner.mjs --server`, driven from
# CPython by clysm.host.node_session). One request per line, one reply per line; `handle(line)` never raises for a
# Python-level failure (it answers ok=false). Stdlib only: the Wasm host comes from clysm.host.default_host().
"""Request handler for the Pyodide-on-Node session: ops `run` (clysm.api.run_source), `exec` (Python), `ping`."""

from __future__ import annotations

import ast
import contextlib
import inspect
import io
import json
import sys
import time
import traceback
from typing import Any

__all__ = ["handle", "make_backend"]


def _reply(req_id: Any, **fields: Any) -> str:
    try:
        return json.dumps({"id": req_id, **fields})
    except (TypeError, ValueError) as e:
        return json.dumps({"id": req_id, "ok": False, "error": f"reply not JSON-serialisable: {e}"})


def make_backend(host: object | None) -> object | None:
    """The Tier 2 backend for one engine, built on `host`, or None if the compiler has no backend yet.

    Contract with clysm/compiler/backend.py (first match wins): a function `make_backend(host)`, or a class
    `Tier2Backend(host)` / `WasmBackend(host)` / `Backend(host)`."""
    if host is None:
        return None
    try:
        from clysm.compiler import backend as mod  # type: ignore[attr-defined]
    except ImportError:
        return None
    for name in ("make_backend", "Tier2Backend", "WasmBackend", "Backend"):
        factory = getattr(mod, name, None)
        if callable(factory):
            return factory(host)
    return None


def _op_run(req: dict[str, Any]) -> str:
    from clysm.api import run_source

    from . import default_host

    host = default_host()
    try:
        backend = make_backend(host)
        result = run_source(
            req.get("code", ""),
            filename=req.get("filename", "<input>"),
            tier=req.get("tier", "auto"),
            threshold=int(req.get("threshold", 10)),
            backend=backend,
        )
    finally:
        close = getattr(host, "close", None)
        if close is not None:
            close()
    return _reply(req.get("id"), ok=True, result=result)


def _json_value(value: Any) -> tuple[Any, str | None]:
    """(value if JSON-serialisable else None, repr(value) or None)."""
    if value is None:
        return None, None
    try:
        json.dumps(value)
        return value, repr(value)
    except (TypeError, ValueError):
        return None, repr(value)


def _compile_exec(code: str, filename: str) -> tuple[Any, bool]:
    """Compile Python source so that the value of a final expression lands in `__clysm_result__`; top-level await
    is allowed. Returns (code object, is_coroutine)."""
    import linecache
    import textwrap

    code = textwrap.dedent(code)
    if not filename.endswith(".py"):  # let tracebacks show the source lines
        linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    tree = ast.parse(code, filename, "exec")
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = tree.body[-1]
        assign = ast.Assign(targets=[ast.Name("__clysm_result__", ast.Store())], value=last.value)
        tree.body[-1] = ast.copy_location(assign, last)
        ast.fix_missing_locations(tree)
    co = compile(tree, filename, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    return co, bool(co.co_flags & inspect.CO_COROUTINE)


def _exec_reply(req_id: Any, ns: dict[str, Any], out: io.StringIO, err: io.StringIO, t0: float,
                exc: BaseException | None) -> str:
    elapsed = (time.perf_counter() - t0) * 1000.0
    if exc is not None:
        frames = exc.__traceback__
        if frames is not None and frames.tb_frame.f_code.co_filename == __file__ and frames.tb_next is not None:
            frames = frames.tb_next  # start at the user's code, not at exec() here
        tb = "".join(traceback.format_exception(type(exc), exc, frames))
        return _reply(req_id, ok=False, error=f"{type(exc).__name__}: {exc}", error_type=type(exc).__name__,
                      traceback=tb, stdout=out.getvalue(), stderr=err.getvalue(), elapsed_ms=elapsed)
    value, rep = _json_value(ns.get("__clysm_result__"))
    return _reply(req_id, ok=True, stdout=out.getvalue(), stderr=err.getvalue(), value=value, repr=rep,
                  elapsed_ms=elapsed)


def _op_exec(req: dict[str, Any]) -> Any:
    """Run Python source in a fresh namespace with stdout/stderr captured. Returns the reply, or a coroutine
    producing it when the source uses top-level await (the runner awaits it)."""
    req_id = req.get("id")
    filename = req.get("filename", "<exec>")
    ns: dict[str, Any] = {"__name__": "__clysm_exec__", "__file__": filename}
    out, err = io.StringIO(), io.StringIO()
    t0 = time.perf_counter()
    try:
        co, is_coro = _compile_exec(req.get("code", ""), filename)
    except SyntaxError as e:
        return _exec_reply(req_id, ns, out, err, t0, e)
    if not is_coro:
        exc: BaseException | None = None
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                exec(co, ns)
            except BaseException as e:  # noqa: BLE001 - everything is reported, nothing escapes to JS
                exc = e
        return _exec_reply(req_id, ns, out, err, t0, exc)

    async def run_async() -> str:
        exc: BaseException | None = None
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                await eval(co, ns)
            except BaseException as e:  # noqa: BLE001
                exc = e
        return _exec_reply(req_id, ns, out, err, t0, exc)

    return run_async()


def handle(line: str) -> Any:
    """Answer one request line: a JSON string, or (exec with top-level await) a coroutine returning one."""
    req_id = None
    try:
        req = json.loads(line)
        req_id = req.get("id")
        op = req.get("op")
        if op == "ping":
            return _reply(req_id, ok=True, pong=True, python=sys.version.split()[0])
        if op == "run":
            return _op_run(req)
        if op == "exec":
            return _op_exec(req)
        return _reply(req_id, ok=False, error=f"unknown op {op!r}")
    except BaseException as e:  # noqa: BLE001 - a Python failure is an answer, not a crash
        tb = "".join(traceback.format_exception(type(e), e, e.__traceback__))
        return _reply(req_id, ok=False, error=f"{type(e).__name__}: {e}", error_type=type(e).__name__, traceback=tb)
