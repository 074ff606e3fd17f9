# The playground's Python side, run inside Pyodide in the page's Web Worker (the worker writes this file next to
# the installed clysm wheel and imports it). One PlaygroundSession per worker: each Run makes a fresh clysm Engine
# (with the Tier 2 backend over the JS host, built as clysm/host/node_server.py builds it), evaluates the program
# form by form and posts live snapshots (tier table, promotion events, new output, call-rate samples) while it
# runs; the REPL evaluates in the same engine. Replies are JSON strings shaped like clysm.api.run_source's dict.
# Stdlib only; it also runs on CPython (without Tier 2), which is how tests/web/test_session.py checks it.
"""PlaygroundSession: run Lisp for the playground page and report what the tiered JIT does."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import Any

__all__ = ["PlaygroundSession", "use_precompiled_js"]

SNAPSHOT_INTERVAL_S = 0.1  # live snapshots at most this often
MAX_LIVE_STDOUT = 200_000  # characters of output sent in one live snapshot (the final reply has all of it)
MAX_SAMPLES = 600  # (time, calls) samples kept per function; older ones are thinned
TICK_SIGNAL = "SIGUSR1"  # the page writes this signal number into Pyodide's interrupt buffer to ask for a snapshot


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


class LiveSink:
    """The sink of the engine's *STANDARD-OUTPUT*: collects what was printed since the last live snapshot and
    gives the session a chance to post one."""

    def __init__(self, on_write: Callable[[], None]) -> None:
        self._on_write = on_write
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> None:
        if self.size < MAX_LIVE_STDOUT:
            self.parts.append(text)
            self.size += len(text)
        self._on_write()

    def take(self) -> str:
        text = "".join(self.parts)[:MAX_LIVE_STDOUT]
        self.parts = []
        self.size = 0
        return text


class CallRates:
    """Call-rate windows per function, for the time-per-call chart. Samples (time, calls) arrive at ticks, form
    boundaries and promotions; each pair of samples with calls in between makes a window (calls at its end,
    seconds, calls, tier). Idle time (no calls since the last sample) is not counted, nor the span after a sample
    marked `gap` (a promotion's compile and instantiate, a snapshot's own cost). Beyond MAX_SAMPLES windows,
    neighbouring windows of one tier are merged (sums, so averages stay exact)."""

    def __init__(self) -> None:
        self.windows: dict[str, list[list[Any]]] = {}
        self.open: dict[str, tuple[float, int, bool]] = {}  # name -> (start time, calls, measured?)

    def add(self, name: str, t: float, calls: int, tier: int, gap: bool = False) -> None:
        start = self.open.get(name)
        if start is not None:
            t0, c0, measured = start
            if calls == c0 and measured and not gap:
                self.open[name] = (t, calls, True)  # nothing happened: slide the start over the idle time
                return
            if calls > c0 and measured:
                wins = self.windows.setdefault(name, [])
                wins.append([calls, t - t0, calls - c0, tier])
                if len(wins) > MAX_SAMPLES:
                    self.windows[name] = _merge_pairs(wins)
        self.open[name] = (t, calls, not gap)

    def series(self, name: str) -> list[list[Any]]:
        """[[calls at window end, microseconds per call, tier], ...]."""
        return [[c, round(dt * 1e6 / dc, 4), tier] for c, dt, dc, tier in self.windows.get(name, [])]


def _merge_pairs(wins: list[list[Any]]) -> list[list[Any]]:
    out: list[list[Any]] = []
    i = 0
    while i < len(wins):
        a = wins[i]
        if i + 1 < len(wins) and wins[i + 1][3] == a[3]:
            b = wins[i + 1]
            out.append([b[0], a[1] + b[1], a[2] + b[2], a[3]])
            i += 2
        else:
            out.append(a)
            i += 1
    return out


class FirstCalls:
    """Marks the exact start of a function's first call for the time-per-call chart, so the first window does
    not include the time spent reading and compiling the form that calls it. Uses sys.monitoring (Python 3.12+,
    as in Pyodide): one PY_START event per function, switched off (DISABLE) as soon as it fired, so the cost is one
    callback per function. On older Pythons it does nothing and the window starts at the form."""

    def __init__(self, on_first: Callable[[Any], None]) -> None:
        self.on_first = on_first
        self.codes: dict[Any, Any] = {}
        self.tool: int | None = None
        mon = getattr(sys, "monitoring", None)
        if mon is None:
            return
        for tool in (4, 3, 5, 2):
            try:
                mon.use_tool_id(tool, "clysm-playground")
            except ValueError:
                continue
            self.tool = tool
            mon.register_callback(tool, mon.events.PY_START, self._start)
            break

    def watch(self, tf: Any) -> None:
        code = getattr(getattr(tf, "entry", None), "__code__", None)
        if self.tool is None or code is None or code in self.codes or tf.n1:
            return
        self.codes[code] = tf
        sys.monitoring.set_local_events(self.tool, code, sys.monitoring.events.PY_START)

    def _start(self, code: Any, _offset: int) -> Any:
        tf = self.codes.get(code)
        if tf is not None:
            self.on_first(tf)
        return sys.monitoring.DISABLE

    def reset(self) -> None:
        if self.tool is not None:
            for code in self.codes:
                sys.monitoring.set_local_events(self.tool, code, 0)
        self.codes.clear()


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
        self.rates = CallRates()
        self.event_times: list[float] = []
        self._sink: LiveSink | None = None
        self._t0 = time.perf_counter()  # start of the current run (event times are relative to it)
        self._last_post = 0.0
        self._live = False
        self.first_calls = FirstCalls(self._first_call)
        self.tick_signal = self._install_tick_handler()

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
            "tick_signal": self.tick_signal,
        })

    def _install_tick_handler(self) -> int | None:
        """Inside Pyodide, a signal written into the interrupt buffer by the page (every ~100 ms while a
        program runs) makes Python call tick() between bytecodes: live updates at no cost per Lisp call."""
        if sys.platform != "emscripten":
            return None
        import signal

        signum = getattr(signal, TICK_SIGNAL, None)
        if signum is None:
            return None
        signal.signal(signum, lambda _s, _f: self.tick())
        return int(signum)

    # ---- engine construction ----------------------------------------------------------------------------------
    def _make_backend(self) -> tuple[Any, Any, str | None]:
        """(host, backend, reason when there is no backend): inside Pyodide the JS host and the Tier 2 backend
        (clysm.host.default_backend)."""
        try:
            from clysm.host import default_backend
        except ImportError as e:
            return None, None, f"no host module ({e})"
        return default_backend()

    def _new_engine(self, threshold: int, mode: str) -> None:
        from clysm.engine import Engine

        self._close()
        self.threshold = threshold
        self.mode = mode
        self.rates = CallRates()
        self.event_times = []
        self.first_calls.reset()
        if mode == "1":
            self.host, self.backend, self.tier2_reason = None, None, "Tier 1 only"
        else:
            self.host, self.backend, self.tier2_reason = self._make_backend()
        self._sink = LiveSink(self.tick)
        self.engine = Engine(threshold=max(1, threshold), tier=mode, backend=self.backend, stdout=self._sink)
        self._observe_promotions()

    def _close(self) -> None:
        if self.host is not None and hasattr(self.host, "close"):
            try:
                self.host.close()
            except Exception:  # noqa: BLE001 - a broken host is simply dropped
                pass
        self.engine = self.host = self.backend = None

    def _observe_promotions(self) -> None:
        """Wrap this engine's Tiering.promote (an instance attribute, so only this engine is affected) to time
        each promotion, sample the function's calls around it and post a snapshot at once."""
        tiering = self.engine.tiering
        original = tiering.promote

        def promote(tf: Any, *args: Any, **kwargs: Any) -> Any:
            name = _fn_name(tf)
            t = time.perf_counter()
            if name:
                self.rates.add(name, t, tf.n1, 1, gap=True)
            fn = original(tf, *args, **kwargs)
            while len(self.event_times) < len(tiering.events):
                self.event_times.append(round((t - self._t0) * 1000.0, 3))
            if name:
                self.rates.add(name, time.perf_counter(), tf.n1, tf.tier)
            self.tick(force=True)
            return fn

        promote.__wrapped__ = original  # type: ignore[attr-defined]

        tiering.promote = promote

    # ---- running ---------------------------------------------------------------------------------------------
    def run(self, code: str, threshold: int = 10, mode: str = "auto", watch: str = "") -> str:
        """Evaluate `code` in a fresh engine, form by form; the reply has run_source's shape plus extras."""
        mode = mode if mode in ("auto", "1", "2") else "auto"
        self._t0 = time.perf_counter()
        if watch:
            self.watch_name = str(watch).upper()
        try:
            self._new_engine(max(0, int(threshold)), mode)
        except Exception as e:  # noqa: BLE001 - the page shows it
            return json.dumps(self._result(None, _engine_error(e), 0.0, ""))
        self._t0 = time.perf_counter()  # promotion times are relative to the start of the program
        return json.dumps(self._evaluate(code, "editor.lisp"))

    def eval_repl(self, code: str) -> str:
        """Evaluate `code` in the current engine (a new one with the last settings if nothing ran yet)."""
        if self.engine is None:
            self._t0 = time.perf_counter()
            try:
                self._new_engine(self.threshold, self.mode)
            except Exception as e:  # noqa: BLE001
                return json.dumps(self._result(None, _engine_error(e), 0.0, ""))
        return json.dumps(self._evaluate(code, "repl"))

    def _evaluate(self, code: str, filename: str) -> dict[str, Any]:
        """Read every form (a reader error means nothing runs), then evaluate them in order, exactly as
        clysm.api.run_source does (same error objects: type, message, line, column, function)."""
        from clysm.api import error_object, innermost_function, lisp_error_object
        from clysm.lisp.types import LispError, ReaderError

        engine = self.engine
        start_out = len(engine.output.getvalue())
        if self._sink is not None:
            self._sink.take()
        t0 = time.perf_counter()
        self._live = True
        self._last_post = t0
        value: str | None = None
        error: dict[str, Any] | None = None
        try:
            forms = engine.read_located(code, filename)
        except ReaderError as e:
            error = error_object("READER-ERROR", str(e), e.line, e.column)
            forms = []
        except Exception as e:  # noqa: BLE001 - a reader bug is still a clean result
            error = error_object("READER-ERROR", f"{filename}: {e}")
            forms = []
        place: tuple[int | None, int | None] = (None, None)
        try:
            result: Any = None
            for form, line, column in forms:
                place = (line, column)
                self._sample()
                result = engine.eval(form)
                self._sample()
                self.tick(force=True)
            if forms and error is None:
                value = engine.prin1(result)
        except LispError as e:
            error = lisp_error_object(engine, e, *place)
        except ReaderError as e:  # a form read just before it runs (text that changes packages)
            error = error_object("READER-ERROR", str(e), e.line, e.column)
        except KeyboardInterrupt as e:  # Stop: SIGINT through Pyodide's interrupt buffer
            engine.recover()
            error = error_object("INTERRUPTED", "stopped by the user", *place, innermost_function(engine, e))
        except Exception as e:  # noqa: BLE001 - never let a Python failure kill the worker's session
            engine.recover()
            error = error_object("INTERNAL-ERROR", f"{type(e).__name__}: {e}", *place)
        finally:
            self._live = False
        self._sample()
        elapsed = (time.perf_counter() - t0) * 1000.0
        return self._result(value, error, elapsed, engine.output.getvalue()[start_out:])

    # ---- snapshots -------------------------------------------------------------------------------------------
    def tick(self, force: bool = False) -> None:
        """Post a live snapshot if one is due (called by the tick signal, by output and by promotions). It runs
        in the middle of the user's program, so it never raises."""
        if not self._live or self._post is None:
            return
        now = time.perf_counter()
        if now - self._last_post < (SNAPSHOT_INTERVAL_S / 4 if force else SNAPSHOT_INTERVAL_S):
            return
        self._last_post = now
        try:
            self._sample(gap=True)  # the snapshot's own time is not call time
            snap = self._snapshot()
            snap["stdout"] = self._sink.take() if self._sink is not None else ""
            snap["elapsed_ms"] = round((now - self._t0) * 1000.0, 1)
            self._post(json.dumps(snap))
            self._sample()
        except Exception:  # noqa: BLE001 - a failed snapshot must not change what the program does
            pass

    def _sample(self, gap: bool = False) -> None:
        if self.engine is None:
            return
        t = time.perf_counter()
        for sym, tf in list(self.engine.tiering.functions.items()):
            self.rates.add(sym.name, t, tf.calls, tf.tier, gap)
            if not tf.n1:
                self.first_calls.watch(tf)

    def _first_call(self, tf: Any) -> None:
        try:
            name = _fn_name(tf)
            if name:
                self.rates.add(name, time.perf_counter(), tf.calls, tf.tier)
        except Exception:  # noqa: BLE001 - observing must never disturb the program
            pass

    def functions(self) -> dict[str, dict[str, Any]]:
        """tiering.report() plus what the tier view shows: compile/instantiate ms, module bytes, WAT available."""
        if self.engine is None:
            return {}
        tiering = self.engine.tiering
        report = tiering.report()
        for sym, tf in list(tiering.functions.items()):
            row = report.get(sym.name)
            if row is None:
                continue
            row["compile_ms"] = _round(tf.compile_ms)
            row["instantiate_ms"] = _round(tf.instantiate_ms)
            row["module_bytes"] = tf.module_size if tf.module_size is not None else (
                len(tf.wasm_bytes) if tf.wasm_bytes else None)
            row["has_wat"] = tf.wasm_bytes is not None
        return report

    def events(self) -> list[dict[str, Any]]:
        if self.engine is None:
            return []
        out = []
        for i, ev in enumerate(self.engine.tiering.events):
            e = dict(ev)
            e["t_ms"] = self.event_times[i] if i < len(self.event_times) else None
            out.append(e)
        return out

    def _snapshot(self) -> dict[str, Any]:
        return {"functions": self.functions(), "events": self.events(), "threshold": self.threshold,
                "mode": self.mode, "series": self._series()}

    def _series(self) -> dict[str, Any] | None:
        if self.engine is None:
            return None
        names = [s.name for s in self.engine.tiering.functions]
        name = self.watch_name if self.watch_name in names else (names[0] if names else "")
        if not name:
            return None
        fn = self.functions().get(name, {})
        return {"name": name, "points": self.rates.series(name), "promoted_at": fn.get("promoted_at_call"),
                "tier": fn.get("tier", 1)}

    def _result(self, value: str | None, error: dict[str, Any] | None, elapsed: float, stdout: str
                ) -> dict[str, Any]:
        snap = self._snapshot()
        return {"value": value, "stdout": stdout, "error": error, "elapsed_ms": round(elapsed, 3),
                "functions": snap["functions"], "events": snap["events"], "threshold": self.threshold,
                "mode": self.mode, "series": snap["series"], "tier2_available": self.backend is not None,
                "tier2_reason": self.tier2_reason}

    # ---- the chart and the WAT view ----------------------------------------------------------------------------
    def watch(self, name: str) -> str:
        """Choose the function shown in the time-per-call chart; returns its series."""
        self.watch_name = str(name or "").upper()
        return json.dumps({"series": self._series()})

    def wat(self, name: str) -> str:
        """The WebAssembly text of a promoted function's module."""
        name = str(name or "").upper()
        tf = None
        if self.engine is not None:
            tf = next((t for s, t in self.engine.tiering.functions.items() if s.name == name), None)
        data = getattr(tf, "wasm_bytes", None)
        if data is None:
            return json.dumps({"name": name, "text": "", "error": f"{name} has no Tier 2 module", "bytes": 0})
        from clysm.wasm.wat import print_module

        try:
            text = print_module(bytes(data))
        except Exception as e:  # noqa: BLE001 - show why instead of nothing
            text = f";; could not print the module: {e}"
        return json.dumps({"name": name, "text": text, "bytes": len(data)})


def _engine_error(e: BaseException) -> dict[str, Any]:
    return {"type": "ENGINE-ERROR", "message": f"{type(e).__name__}: {e}", "line": None, "column": None,
            "function": None}


def _fn_name(tf: Any) -> str:
    name = getattr(tf, "name", None)
    return getattr(name, "name", "") or ""


def _round(x: float | None) -> float | None:
    return None if x is None else round(float(x), 3)
