# clysm host errors: the Python exceptions a Wasm host raises (or returns from `take_error`) for failures inside
# the JS engine. Importable everywhere (no `js`), so the engine and the Tier 2 backend can catch them on CPython and
# in Pyodide alike and map them to Lisp conditions.
"""Exceptions for failures inside a Wasm host (compile/link errors, traps, stack exhaustion, escaped throws)."""

from __future__ import annotations

__all__ = [
    "HostError",
    "JsError",
    "WasmCompileError",
    "WasmException",
    "WasmLinkError",
    "WasmStackExhausted",
    "WasmTrap",
]


class HostError(Exception):
    """Base class: something failed inside the JS engine. `js_name` is the JS error's constructor name."""

    def __init__(self, message: str, js_name: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.js_name = js_name
        self.wasm_frames: list[str] = []  # traps, stack exhaustion: Wasm functions on its stack, innermost first


class WasmCompileError(HostError):
    """The bytes are not a valid module (WebAssembly.CompileError)."""


class WasmLinkError(HostError):
    """Instantiation failed: a missing or mistyped import (WebAssembly.LinkError)."""


class WasmTrap(HostError):
    """A Wasm trap (WebAssembly.RuntimeError): unreachable, failed cast, null dereference, division by zero, ..."""


class WasmStackExhausted(HostError):
    """The JS engine's stack overflowed (V8 RangeError "Maximum call stack size exceeded", Firefox InternalError
    "too much recursion"). The runtime stays usable; the engine maps it to a Lisp stack-exhausted error."""


class WasmException(HostError):
    """A Wasm exception (`throw`) escaped to the host. `exception` is the JS WebAssembly.Exception (opaque; read its
    payload with `JsWasmHost.exception_payload(exc, tag, arity)`), or None when it was lost on the way."""

    def __init__(self, message: str, js_name: str = "", exception: object = None) -> None:
        super().__init__(message, js_name)
        self.exception = exception


class JsError(HostError):
    """Any other JS error (TypeError when converting a value at the boundary, ...)."""
