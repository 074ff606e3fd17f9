# clysm hosts: where Tier 2 Wasm runs. `default_host()` picks the JS engine when running inside Pyodide and
# returns None on plain CPython (Tier 2 then degrades gracefully). Nothing here imports `js` on CPython.
"""Wasm hosts for clysm: `default_host()`."""

from __future__ import annotations

import sys

__all__ = ["default_host", "in_pyodide"]


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
