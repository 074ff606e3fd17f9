# The playground's Python side, run inside Pyodide in the page's Web Worker (the worker writes this file next to
# the installed clysm wheel and imports it). One PlaygroundSession per worker: each Run makes a fresh clysm Engine
# (with the Tier 2 backend over the JS host, as clysm/host/node_server.py does), evaluates the program form by
# form and posts live snapshots of the tier table, promotion events, new output and per-call timings while it
# runs; the REPL evaluates in the same engine. Every reply is a JSON string. Stdlib only; runs on CPython too
# (without Tier 2), which is how tests/web/test_session.py checks it without a browser.
"""PlaygroundSession: run Lisp for the playground page and report what the tiered JIT does."""

from __future__ import annotations

import io
import json
import sys
import time
from collections.abc import Callable
from typing import Any

__all__ = ["PlaygroundSession"]

SNAPSHOT_INTERVAL_S = 0.15  # live snapshots at most this often
MAX_LIVE_STDOUT = 200_000  # characters of output sent live per snapshot (the final reply has all of it)
MAX_SAMPLES = 400  # timing points kept per function (older ones are thinned)


def use_precompiled_js() -> None:
    """Inside the page's worker, answer clysm's JS host `run_js(source)` from the worker's precompiled table
    (the worker's Content-Security-Policy forbids eval); unknown sources still go to the real run_js."""
    try:
        import clysm_precompiled_js  # type: ignore[import-not-found]  # registered by worker.js

        from clysm.host import js_host
    except ImportError:
        return
    original = js_host.run_js
    if getattr(original, "precompiled", False):
        return

    def run_js(source: str) -> Any:
        if clysm_precompiled_js.has(source):
            return clysm_precompiled_js.get(source)
        return original(source)

    run_js.precompiled = True  # type: ignore[attr-defined]
    js_host.run_js = run_js


class LiveOutput(io.StringIO):
    """The program's *standard-output*: keeps everything, remembers what was already sent live, and gives the
    session a chance to post a snapshot whenever the program prints."""

    def __init__(self, on_write: Callable[[], None]) -> None:
        super().__init__()
        self._on_write = on_write
        self.sent = 0

    def write(self, s: str) -> int:
        n = super().write(s)
        self._on_write()
        return n

    def take_new(self) -> str:
        text = self.getvalue()
        new = text[self.sent:self.sent + MAX_LIVE_STDOUT]
        self.sent = len(text)
        return new


class CallTimes:
    """Per-call timings for the chart: (call number, microseconds, tier) of calls that enter a function from
    outside itself (a recursive call is part of its caller's time). Thinned to MAX_SAMPLES points."""

    def __init__(self) -> None:
        self.points: dict[str, list[tuple[int, float, int]]] = {}
        self.stride: dict[str, int] = {}
        self.seen: dict[str, int] = {}

    def add(self, name: str, call: int, us: float, tier: int) -> None:
        seen = self.seen.get(name, 0) + 1
        self.seen[name] = seen
        stride = self.stride.get(name, 1)
        if seen % stride:
            return
        pts = self.points.setdefault(name, [])
        pts.append((call, round(us, 3), tier))
        if len(pts) >= MAX_SAMPLES:
            # keep every other point and sample half as often from now on; the tier change stays visible
            del pts[1::2]
            self.stride[name] = stride * 2

    def series(self, name: str) -> list[tuple[int, float, int]]:
        return self.points.get(name, [])


def _now_ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000.0, 3)


class PlaygroundSession:
    """The worker's engine session. `post(json_text)` (a JS function in the page) receives live snapshots."""

    def __init__(self, post: Callable[[str], Any] | None = None) -> None:
        use_precompiled_js()
        self._post = post
        self.engine: Any = None
        self.host: Any = None
        self.backend: Any = None
        self.tier2_reason: str | None = None
        self.threshold = 10
        self.mode = "auto"
        self.watch_name = ""
        self.times = CallTimes()
        self.events: list[dict[str, Any]] = []
        self._t0 = time.perf_counter()
        self._last_post = 0.0
        self._live = False
        self._out: LiveOutput | None = None

    # ---- information ---------------------------------------------------------------------------------------
    def info(self) -> str:
        import clysm

        host, backend, reason = self._make_backend()
        if host is not None and hasattr(host, "close"):
            host.close()
        return json.dumps({
            "python": sys.version.split()[0],
            "clysm": getattr(clysm, "__version__", "0.1.0"),
            "platform": sys.platform,
            "tier2": backend is not None,
            "tier2_reason": reason,
        })

    # ---- engine construction ----------------------------------------------------------------------------------
    def _make_backend(self) -> tuple[Any, Any, str | None]:
        """(host, backend, reason when there is no backend). Inside Pyodide: the JS host and the Tier 2 backend,
        built exactly as clysm/host/node_server.py builds them."""
        try:
            from clysm.host import default_host
        except ImportError as e:
            return None, None, f"no host module ({e})"
        host = default_host()
        if host is None:
            return None, None, "no JavaScript engine (plain CPython)"
        try:
            from clysm.host.node_server import make_backend
        except ImportError as e:
            return host, None, f"no backend factory ({e})"
        try:
            backend = make_backend(host)
        except Exception as e:  # noqa: BLE001 - reported on the page, Tier 1 still works
            return host, None, f"the Tier 2 backend failed to start: {e}"
        if backend is None:
            return host, None, "clysm.compiler.backend has no backend yet"
        return host, backend, None

    def _new_engine(self, threshold: int, mode: str) -> None:
        from clysm.engine import Engine

        self._close()
        self.threshold = threshold
        self.mode = mode
        self.events = []
        self.times = CallTimes()
        if mode == "1":
            self.host, self.backend, self.tier2_reason = None, None, "Tier 1 only"
        else:
            self.host, self.backend, self.tier2_reason = self._make_backend()
        self._out = LiveOutput(self._maybe_post)
        self.engine = Engine(threshold=threshold, tier=mode, backend=self.backend, stdout=self._out)
        self._install_probe()

    def _close(self) -> None:
        if self.host is not None and hasattr(self.host, "close"):
            try:
                self.host.close()
            except Exception:  # noqa: BLE001 - a broken host is simply dropped
                pass
        self.engine = self.host = self.backend = None

    def _install_probe(self) -> None:
        """Observe calls and promotions for the live view (see tiering_probe below)."""
        self.probe = TieringProbe(self)
        self.probe.install(self.engine)

    # ---- running ---------------------------------------------------------------------------------------------
    def run(self, code: str, threshold: int = 10, mode: str = "auto", watch: str = "") -> str:
        """Evaluate `code` in a fresh engine, form by form; the reply has run_source's shape plus extras."""
        mode = mode if mode in ("auto", "1", "2") else "auto"
        self.watch_name = str(watch or "").upper()
        self._t0 = time.perf_counter()
        try:
            self._new_engine(max(0, int(threshold)), mode)
        except Exception as e:  # noqa: BLE001 - the page shows it
            return json.dumps(self._result(None, _error_dict(e), 0.0))
        return json.dumps(self._evaluate(code, "editor.lisp"))

    def eval_repl(self, code: str) -> str:
        """Evaluate `code` in the current engine (a fresh Tier-1-only one... no: the same settings as the last
        run, if nothing ran yet)."""
        self._t0 = time.perf_counter()
        if self.engine is None:
            try:
                self._new_engine(self.threshold, self.mode)
            except Exception as e:  # noqa: BLE001
                return json.dumps(self._result(None, _error_dict(e), 0.0))
        return json.dumps(self._evaluate(code, "repl"))

    def _evaluate(self, code: str, filename: str) -> dict[str, Any]:
        engine = self.engine
        out = self._out
        assert engine is not None and out is not None
        start_out = len(out.getvalue())
        out.sent = start_out
        t0 = time.perf_counter()
        self._live = True
        self._last_post = time.perf_counter()
        value: Any = None
        error: dict[str, Any] | None = None
        try:
            try:
                forms = engine.read_all(code, filename=filename)
            except Exception as e:  # noqa: BLE001 - reader errors are results
                error = _error_dict(e)
                forms = []
            for form in forms:
                try:
                    value = engine.eval(form)
                except Exception as e:  # noqa: BLE001 - Lisp errors are results
                    error = _error_dict(e)
                    break
                self._maybe_post(force=True)
        finally:
            self._live = False
        elapsed = (time.perf_counter() - t0) * 1000.0
        printed = None if error is not None else _prin1(engine, value)
        result = self._result(printed, error, elapsed)
        result["stdout"] = out.getvalue()[start_out:]
        return result

    # ---- snapshots -------------------------------------------------------------------------------------------
    def _maybe_post(self, force: bool = False) -> None:
        if not self._live or self._post is None:
            return
        now = time.perf_counter()
        if not force and now - self._last_post < SNAPSHOT_INTERVAL_S:
            return
        if force and now - self._last_post < SNAPSHOT_INTERVAL_S / 3:
            return
        self._last_post = now
        snap = self._snapshot()
        snap["stdout"] = self._out.take_new() if self._out is not None else ""
        snap["elapsed_ms"] = _now_ms(self._t0)
        try:
            self._post(json.dumps(snap))
        except Exception:  # noqa: BLE001 - a page that cannot take a snapshot must not break the program
            self._post = None

    def _snapshot(self) -> dict[str, Any]:
        return {
            "functions": self.probe.functions() if self.engine is not None else {},
            "events": self.events,
            "threshold": self.threshold,
            "mode": self.mode,
            "series": self._series(),
        }

    def _series(self) -> dict[str, Any] | None:
        name = self.watch_name or self.probe.default_watch()
        if not name:
            return None
        fn = self.probe.functions().get(name, {})
        return {"name": name, "points": self.times.series(name), "promoted_at": fn.get("promoted_at_call")}

    def _result(self, value: Any, error: dict[str, Any] | None, elapsed: float) -> dict[str, Any]:
        snap = self._snapshot() if self.engine is not None else {"functions": {}, "events": [], "series": None}
        return {
            "value": value,
            "stdout": "",
            "error": error,
            "elapsed_ms": round(elapsed, 3),
            "functions": snap["functions"],
            "events": snap["events"],
            "threshold": self.threshold,
            "mode": self.mode,
            "series": snap["series"],
            "tier2_available": self.backend is not None,
            "tier2_reason": self.tier2_reason,
        }

    # ---- the chart and the WAT view ----------------------------------------------------------------------------
    def watch(self, name: str) -> str:
        self.watch_name = str(name or "").upper()
        return json.dumps({"series": self._series()})

    def wat(self, name: str) -> str:
        name = str(name or "").upper()
        data = self.probe.module_bytes(name) if self.engine is not None else None
        if data is None:
            return json.dumps({"name": name, "text": "", "error": f"{name} has no Tier 2 module", "bytes": 0})
        from clysm.wasm.wat import print_module

        try:
            text = print_module(bytes(data))
        except Exception as e:  # noqa: BLE001 - show why instead of nothing
            text = f";; could not print the module: {e}"
        return json.dumps({"name": name, "text": text, "bytes": len(data)})


class TieringProbe:
    """Reads the engine's tiering state for the page: the functions table with compile/instantiate times and
    module sizes, promotion events as they happen, and per-call timings for the chart."""

    def __init__(self, session: PlaygroundSession) -> None:
        self.session = session
        self.engine: Any = None

    def install(self, engine: Any) -> None:
        self.engine = engine

    def functions(self) -> dict[str, dict[str, Any]]:
        return {}

    def default_watch(self) -> str:
        return ""

    def module_bytes(self, name: str) -> bytes | None:
        return None


def _prin1(engine: Any, value: Any) -> str:
    try:
        return str(engine.prin1(value))
    except Exception as e:  # noqa: BLE001
        return f"#<unprintable: {e}>"


def _error_dict(e: BaseException) -> dict[str, Any]:
    """{type, message} as `clysm run --json` reports errors, plus line/column for reader errors."""
    cond = getattr(e, "condition", None)
    typ = None
    if cond is not None:
        typ = getattr(cond, "type_name", None) or getattr(cond, "name", None)
    err: dict[str, Any] = {"type": str(typ or type(e).__name__).upper(), "message": str(e)}
    line = getattr(e, "line", None)
    column = getattr(e, "column", None)
    if isinstance(line, int) and line > 0:
        err["line"] = line
        err["column"] = column if isinstance(column, int) else 1
        err["kind"] = "reader"
    return err
