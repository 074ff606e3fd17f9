# clysm host for real JS engines (Pyodide on Node 24 or in a browser): the ONLY module in clysm that imports `js`
# or `pyodide`. It validates, compiles and instantiates Wasm modules, turns Python callables into Wasm imports
# (one cached `create_proxy` each, destroyed on close), exposes exports, and translates JS failures (traps, stack
# overflow, escaped Wasm throws) into the Python exceptions of clysm.host.errors. A few lines of JS glue, one copy
# per host, catch errors on the JS side so they keep their payload and cost nothing on the happy path.
"""`JsWasmHost`: run WebAssembly modules in the JS engine hosting Pyodide."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import js  # type: ignore[import-not-found]
from pyodide.code import run_js  # type: ignore[import-not-found]
from pyodide.ffi import JsException, JsProxy, create_proxy, jsnull, to_js  # type: ignore[import-not-found]

from .errors import (
    HostError,
    JsError,
    WasmCompileError,
    WasmException,
    WasmLinkError,
    WasmStackExhausted,
    WasmTrap,
)

__all__ = ["JsWasmHost", "WasmInstance", "WasmModule"]

# One glue object per host (no state shared between hosts). Every entry point that can fail stores the JS error in
# `last` and returns a sentinel, so the error keeps its identity (a WebAssembly.Exception keeps its payload; a
# Python exception raised in an import is restored exactly by `rethrow`). Failures return `undefined` (Python
# None; JS null would arrive as `jsnull`).
_GLUE = r"""
(() => {
  let last = null;
  const isStack = (e) =>
    (e instanceof RangeError && /call stack/i.test(e.message)) ||
    (e != null && e.name === "InternalError" && /recursion/i.test(e.message));
  const kind = (e) => {
    if (e instanceof WebAssembly.Exception) return "wasm-exception";
    if (e instanceof WebAssembly.CompileError) return "compile";
    if (e instanceof WebAssembly.LinkError) return "link";
    if (e instanceof WebAssembly.RuntimeError) return "trap";
    if (isStack(e)) return "stack";
    if (e != null && e.constructor != null && e.constructor.name === "PythonError") return "python";
    return "js";
  };
  const text = (e) => {
    if (e instanceof WebAssembly.Exception) return "uncaught Wasm exception";
    try { return e != null && e.message !== undefined ? String(e.message) : String(e); } catch { return "?"; }
  };
  return {
    collector(count, item) {
      return function (a, b) {
        const n = count(a, b);
        if (n < 0) return undefined;
        let out = "";
        for (let i = 0; i < n; i++) out += (i ? " " : "") + item(i);
        return out;
      };
    },
    guard(f, sentinel) {
      return function (...args) {
        try { return f(...args); } catch (e) { last = e; return sentinel; }
      };
    },
    compile(bytes) {
      // JS String Builtins: imports from "wasm:js-string" become engine builtins (Tier 2 strings, docs/ABI.md)
      try { return new WebAssembly.Module(bytes, { builtins: ["js-string"] }); }
      catch (e) { last = e; return undefined; }
    },
    instantiate(mod, imports) {
      try { return new WebAssembly.Instance(mod, imports); } catch (e) { last = e; return undefined; }
    },
    hasError() { return last !== null; },
    // Names of the Wasm functions on the stack of error `e`, or on the current stack when `e` is undefined,
    // innermost first (the name section's names; V8 "at NAME (wasm://...:wasm-function[i]:0x..)", SpiderMonkey
    // "NAME@...wasm-function[i]:0x.."). Only asked for on error paths.
    frames(e) {
      let s = "";
      if (e === undefined) {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 1000;  // the Python interpreter's own Wasm frames come first
        try { s = new Error().stack; } finally { Error.stackTraceLimit = limit; }
      } else {
        try { s = e != null && e.stack !== undefined ? e.stack : ""; } catch { s = ""; }
      }
      const out = [];
      for (const line of String(s || "").split("\n")) {
        if (!line.includes("wasm-function[")) continue;
        const v8 = /^\s*at (.+) \(.*\)\s*$/.exec(line);
        const at = line.indexOf("@");
        const name = v8 ? v8[1] : at > 0 ? line.slice(0, at) : "";
        if (name) out.push(name);
      }
      return out;
    },
    describe() {
      const e = last;
      return [kind(e), e != null && e.constructor != null ? String(e.constructor.name) : typeof e, text(e)];
    },
    take() { const e = last; last = null; return e; },
    rethrow() { const e = last; last = null; throw e; },
    isTag(exc, tag) { return exc instanceof WebAssembly.Exception && exc.is(tag); },
    payload(exc, tag, n) { const out = []; for (let i = 0; i < n; i++) out.push(exc.getArg(tag, i)); return out; },
    exportNames(ex) { return Object.keys(ex); },
    get(obj, key) { return obj[key]; },
    set(obj, key, value) { obj[key] = value; },
    moduleExports(m) { return WebAssembly.Module.exports(m).map((d) => [d.name, d.kind]); },
    moduleImports(m) { return WebAssembly.Module.imports(m).map((d) => [d.module, d.name, d.kind]); },
    newGlobal(type, mutable, value) { return new WebAssembly.Global({ value: type, mutable }, value); },
    newTable(element, initial, maximum) {
      const d = { element, initial };
      if (maximum !== undefined && maximum !== null) d.maximum = maximum;
      return new WebAssembly.Table(d);
    },
  };
})()
"""

_KIND_TO_ERROR: dict[str, type[HostError]] = {
    "compile": WasmCompileError,
    "link": WasmLinkError,
    "trap": WasmTrap,
    "stack": WasmStackExhausted,
    "wasm-exception": WasmException,
    "js": JsError,
}


class WasmModule:
    """A compiled module (WebAssembly.Module). `raw` is the JS object."""

    __slots__ = ("_glue", "raw")

    def __init__(self, raw: Any, glue: Any) -> None:
        self.raw = raw
        self._glue = glue

    def exports(self) -> list[tuple[str, str]]:
        """(name, kind) of every export, kind in function/table/memory/global/tag."""
        return [(str(n), str(k)) for n, k in self._glue.moduleExports(self.raw).to_py()]

    def imports(self) -> list[tuple[str, str, str]]:
        """(module, name, kind) of every import."""
        return [(str(m), str(n), str(k)) for m, n, k in self._glue.moduleImports(self.raw).to_py()]


class WasmInstance:
    """An instantiated module. `exports[name]` is the JS export: a function (call it with Python numbers; it
    returns a Python int/float, or a JsProxy for a reference), a WebAssembly.Global (`.value`), a Table, a Tag or a
    Memory. `raw` is the JS WebAssembly.Instance; pass the instance itself as an import namespace to link another
    module against all of its exports."""

    __slots__ = ("exports", "module", "raw")

    def __init__(self, raw: Any, module: WasmModule, glue: Any) -> None:
        self.raw = raw
        self.module = module
        ex = raw.exports
        self.exports: dict[str, Any] = {str(n): glue.get(ex, n) for n in glue.exportNames(ex)}

    def __getitem__(self, name: str) -> Any:
        return self.exports[name]


class JsWasmHost:
    """Runs WebAssembly in the JS engine that hosts Pyodide. One per engine; `close()` releases its proxies."""

    name = "js"

    def __init__(self) -> None:
        self._glue = run_js(_GLUE)
        self._proxies: dict[object, Any] = {}
        self._closed = False

    # ---- modules ----
    def validate(self, data: bytes | bytearray) -> bool:
        """WebAssembly.validate: True iff the bytes are a valid module for this engine."""
        return bool(js.WebAssembly.validate(to_js(bytes(data))))

    def compile(self, data: bytes | bytearray) -> WasmModule:
        """Compile synchronously (new WebAssembly.Module). Raises WasmCompileError."""
        raw = self._glue.compile(to_js(bytes(data)))
        if raw is None:
            raise self._pop_error()
        return WasmModule(raw, self._glue)

    def instantiate(
        self,
        module: bytes | bytearray | WasmModule,
        imports: Mapping[str, Mapping[str, object] | WasmInstance | Any] | None = None,
    ) -> WasmInstance:
        """Instantiate synchronously (new WebAssembly.Instance). `imports` maps module name -> {field: value} where
        a value is a Python callable (becomes a JS function through one cached create_proxy), a JS object (an
        export of another instance: function, table, global, tag, memory), or a number (an immutable global).
        A namespace may also be a whole WasmInstance (all its exports). Raises WasmCompileError, WasmLinkError,
        or the error of a trapping start function (WasmTrap, WasmStackExhausted, the Python exception of an import)."""
        self._check_open()
        mod = module if isinstance(module, WasmModule) else self.compile(module)
        raw = self._glue.instantiate(mod.raw, self._imports_object(imports or {}))
        if raw is None:
            raise self._pop_error()
        return WasmInstance(raw, mod, self._glue)

    # ---- imports ----
    def import_function(self, fn: Callable[..., Any]) -> Any:
        """The JS function for a Python callable (created once per callable and kept alive until close())."""
        self._check_open()
        try:
            key: object = fn
            proxy = self._proxies.get(key)
        except TypeError:  # unhashable callable: the cache entry keeps it alive, so its id stays unique
            key = ("id", id(fn))
            proxy = self._proxies.get(key)
        if proxy is None:
            proxy = create_proxy(fn)
            self._proxies[key] = proxy
        return proxy

    def _import_value(self, value: object) -> Any:
        if isinstance(value, JsProxy):
            return value
        if value is None:
            return jsnull
        if isinstance(value, bool):
            raise TypeError("a bool is not a Wasm import value")
        if isinstance(value, int | float):
            return value
        if callable(value):
            return self.import_function(value)
        raise TypeError(f"cannot use {type(value).__name__} as a Wasm import")

    def _imports_object(self, imports: Mapping[str, Any]) -> Any:
        obj = js.Object.new()
        for modname, entries in imports.items():
            if isinstance(entries, WasmInstance):
                ns = entries.raw.exports
            elif isinstance(entries, JsProxy):
                ns = entries
            else:
                ns = js.Object.new()
                for field, value in entries.items():
                    self._glue.set(ns, field, self._import_value(value))
            self._glue.set(obj, modname, ns)
        return obj

    # ---- calls and errors ----
    def guarded(self, fn: Any, sentinel: int | float) -> Any:
        """A JS wrapper of the JS function `fn` that returns `sentinel` instead of throwing; the error is kept for
        `take_error()`. Costs nothing measurable per call; use it for the entry points that check a sentinel anyway
        (the ABI's `enter` returns wire 3 for "pending")."""
        return self._glue.guard(fn, sentinel)

    def collector(self, count: Any, item: Any) -> Callable[[Any, Any], list[int] | None]:
        """A Python callable `(a, b) -> list | None` that runs, in JS, `n = count(a, b)` and `item(i)` for i < n
        (two exports returning integral numbers; JS -> Wasm calls cost ~10 ns, Python -> Wasm ~1 us each): the n
        results as a Python list of ints, or None when n < 0. They travel as one string (cheaper than to_py)."""
        f = self._glue.collector(count, item)

        def collect(a: Any, b: Any) -> list[int] | None:
            r = f(a, b)
            return None if r is None else [int(x) for x in r.split()]

        return collect

    def has_error(self) -> bool:
        """True if a guarded call or failed compile/instantiate left an error behind."""
        return bool(self._glue.hasError())

    def take_error(self) -> BaseException | None:
        """The error left by a guarded call (and forget it), as a Python exception: the ORIGINAL Python exception if
        an import raised one, else WasmStackExhausted / WasmTrap / WasmException / WasmCompileError /
        WasmLinkError / JsError. None if there is none."""
        if not self._glue.hasError():
            return None
        kind, js_name, message = (str(x) for x in self._glue.describe().to_py())
        if kind == "python":
            try:
                self._glue.rethrow()
            except BaseException as e:  # Pyodide restores the Python exception that crossed into JS
                return e
            return JsError("a Python error was lost at the boundary", js_name)
        exc = self._glue.take()
        cls = _KIND_TO_ERROR[kind]
        err = WasmException(message, js_name, exc) if cls is WasmException else cls(message, js_name)
        if cls in (WasmTrap, WasmStackExhausted):  # where it happened: the Wasm functions on the error's stack
            err.wasm_frames = self._frames(exc)
        return err

    def wasm_frames(self) -> list[str]:
        """The names of the Wasm functions on the current stack, innermost first (from a host import called by Wasm:
        the callers in Wasm). Costs a JS stack capture: error paths only."""
        return self._frames(None)

    def _frames(self, error: Any) -> list[str]:
        try:
            return [str(x) for x in self._glue.frames(error).to_py()]
        except Exception:  # noqa: BLE001  (a location is a nicety: never hide the real error)
            return []

    def _pop_error(self) -> BaseException:
        return self.take_error() or JsError("unknown JS failure")

    def call(self, fn: Any, *args: Any) -> Any:
        """Call a JS/Wasm function, translating JS failures into clysm.host.errors (slow path: ~the same cost as a
        direct call when nothing fails, but a JsException is built on failure and a Wasm throw loses its payload;
        prefer `guarded` for hot entry points)."""
        try:
            return fn(*args)
        except JsException as e:
            raise self.translate(e) from None

    @staticmethod
    def translate(e: BaseException) -> BaseException:
        """Map a pyodide JsException to a clysm.host.errors exception (others are returned unchanged)."""
        if not isinstance(e, JsException):
            return e
        name = str(getattr(e, "name", "") or "")
        message = str(getattr(e, "message", "") or e)
        if name in ("CompileError", "LinkError", "RuntimeError"):
            return {"CompileError": WasmCompileError, "LinkError": WasmLinkError, "RuntimeError": WasmTrap}[name](
                message, name
            )
        if (name == "RangeError" and "call stack" in message.lower()) or (
            name == "InternalError" and "recursion" in message.lower()
        ):
            return WasmStackExhausted(message, name)
        if "WebAssembly.Exception" in message:
            return WasmException("uncaught Wasm exception", name, None)
        return JsError(message, name)

    def exception_payload(self, exc: WasmException | Any, tag: Any, arity: int) -> list[Any] | None:
        """The payload of a Wasm exception thrown with the exported `tag` (a list of `arity` values), or None if
        the exception has another tag or was lost."""
        raw = exc.exception if isinstance(exc, WasmException) else exc
        if raw is None or not self._glue.isTag(raw, tag):
            return None
        return list(self._glue.payload(raw, tag, arity).to_py(depth=1))

    # ---- globals and tables ----
    @staticmethod
    def global_get(g: Any) -> Any:
        """A global's value (a null reference is None)."""
        v = g.value
        return None if v is jsnull else v

    @staticmethod
    def global_set(g: Any, value: Any) -> None:
        g.value = value

    def new_global(self, value_type: str, mutable: bool, value: Any) -> Any:
        """A WebAssembly.Global ('i32', 'f64', 'anyref', 'externref', ...) to pass as an import."""
        return self._glue.newGlobal(value_type, mutable, self._import_value(value) if value is not None else jsnull)

    def new_table(self, element: str, initial: int, maximum: int | None = None) -> Any:
        """A WebAssembly.Table of 'anyfunc' / 'externref' / 'anyref' to pass as an import."""
        return self._glue.newTable(element, initial, maximum)

    @staticmethod
    def table_get(table: Any, index: int) -> Any:
        """A table entry (a null reference is None)."""
        v = table.get(index)
        return None if v is jsnull else v

    @staticmethod
    def table_set(table: Any, index: int, value: Any) -> None:
        table.set(index, value)

    @staticmethod
    def table_size(table: Any) -> int:
        return int(table.length)

    @staticmethod
    def table_grow(table: Any, delta: int, init: Any = None) -> int:
        """Grow by `delta` entries (filled with `init`, default null); returns the old size."""
        return int(table.grow(delta, jsnull if init is None else init))

    # ---- JS helpers ----
    @staticmethod
    def eval_js(source: str) -> Any:
        """Evaluate a JS expression (e.g. an arrow function to use as a cheap import: Wasm -> JS calls cost ~10 ns,
        Wasm -> Python ~0.3-0.8 µs)."""
        return run_js(source)

    # ---- lifetime ----
    def _check_open(self) -> None:
        if self._closed:
            raise HostError("the Wasm host is closed")

    def close(self) -> None:
        """Destroy every import proxy; instances that still call them will fail. Idempotent."""
        for proxy in self._proxies.values():
            try:
                proxy.destroy()
            except Exception:
                pass
        self._proxies.clear()
        self._closed = True
