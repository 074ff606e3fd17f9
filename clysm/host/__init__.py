# clysm hosts: where Tier 2 Wasm runs. `default_host()` picks the JS engine when running inside Pyodide and
# returns None on plain CPython (Tier 2 then degrades gracefully). Nothing here imports `js` on CPython.
"""Wasm hosts for clysm: `default_host()`, `default_backend()`."""

from __future__ import annotations

import sys

__all__ = ["default_backend", "default_host", "in_pyodide"]


def in_pyodide() -> bool:
    """True when running inside Pyodide (Emscripten build of CPython with the `js` module available)."""
    if sys.platform != "emscripten":
        return False
    try:
        import pyodide  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return False
    return True


def default_host() -> object | None:
    """A fresh JsWasmHost inside Pyodide, else None. Each call makes a new host (one per engine)."""
    if not in_pyodide():
        return None
    from .js_host import JsWasmHost

    return JsWasmHost()


def default_backend() -> tuple[object | None, object | None, str | None]:
    """(host, Tier 2 backend, reason when there is no backend) for this process: inside Pyodide the JS host and the
    backend built as clysm/host/node_server.py builds them; the reason is shown by the playground and bench pages."""
    host = default_host()
    if host is None:
        return None, None, "no JavaScript engine (plain CPython)"
    try:
        from .node_server import make_backend

        backend = make_backend(host)
    except Exception as e:  # noqa: BLE001 - reported on the page; Tier 1 still works
        return host, None, f"the Tier 2 backend failed to start: {e}"
    if backend is None:
        return host, None, "no Tier 2 backend"
    return host, backend, None
