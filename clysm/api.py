# The one-call front end: run a source text in a fresh engine and describe the outcome as the JSON-ready dict that
# `clysm run --json`, the Node host and the playground all report. Also what front ends need to report an error
# well: the place (line and column of the top-level form, the innermost named Lisp function) and a deadline that
# interrupts a runaway evaluation.
from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from clysm.engine import Engine
from clysm.eval.errors import tier1_frames
from clysm.lisp.types import LispError, ReaderError, Symbol


class EvaluationInterrupted(BaseException):  # noqa: N818  (not an error class: see the docstring)
    """Stops a running evaluation from outside (a timeout). A BaseException, like KeyboardInterrupt, so that Lisp
    handlers (HANDLER-CASE, IGNORE-ERRORS: they catch Exception) cannot stop it."""

    def __init__(self, type_name: str, message: str) -> None:
        super().__init__(message)
        self.type_name = type_name
        self.message = message


def run_source(text: str, *, filename: str = "<input>", tier: str = "auto", threshold: int = 10,
               backend: Any = None, engine: Engine | None = None, timeout: float | None = None) -> dict[str, Any]:
    """Read every top-level form of `text` (a reader error means nothing runs), evaluate them in order in a
    fresh engine, and return {"file", "value", "stdout", "error", "elapsed_ms", "functions", "events"}.

    `value` is PRIN1 of the last form's primary value (None when there is no form or on error); `error` is None
    or {"type": condition type name, "message": text, "line", "column": where the top-level form that failed
    starts (for a reader error: the offending character), "function": the innermost named Lisp function active
    when the error was signalled, or None}; a Lisp error stops the file at that form (stdout so far is kept).
    `timeout` (seconds, None: no limit) stops the evaluation with a TIMEOUT error. `functions` describes every
    named tiered function; `events` is the promotion log."""
    if engine is None:
        engine = Engine(threshold=threshold, tier=tier, backend=backend)
    result: dict[str, Any] = {"file": filename, "value": None, "stdout": "", "error": None, "elapsed_ms": 0.0,
                              "functions": {}, "events": []}
    t0 = time.perf_counter()
    try:
        forms = engine.read_located(text, filename)
    except ReaderError as e:
        result["error"] = error_object("READER-ERROR", str(e), e.line, e.column)
        result["elapsed_ms"] = _ms(t0)
        return result
    except Exception as e:  # noqa: BLE001  (e.g. a reader bug: still a clean result)
        result["error"] = error_object("READER-ERROR", f"{filename}: {e}")
        result["elapsed_ms"] = _ms(t0)
        return result
    place: tuple[int | None, int | None] = (None, None)
    try:
        with deadline(timeout):
            value: Any = None
            for form, line, column in forms:
                place = (line, column)
                value = engine.eval(form)
            if forms:
                result["value"] = engine.prin1(value)  # under the deadline too: a value may be huge
    except LispError as e:
        result["error"] = lisp_error_object(engine, e, *place)
    except EvaluationInterrupted as e:
        engine.recover()
        result["error"] = error_object(e.type_name, e.message, *place, innermost_function(engine, e))
    result["elapsed_ms"] = _ms(t0)
    result["stdout"] = engine.output.getvalue()
    result["functions"] = engine.tiering.report()
    result["events"] = [dict(ev) for ev in engine.tiering.events]
    return result


def error_object(type_name: str, message: str, line: int | None = None, column: int | None = None,
                 function: str | None = None) -> dict[str, Any]:
    """The `error` member of a result: always the same five keys."""
    return {"type": type_name, "message": message, "line": line, "column": column, "function": function}


def lisp_error_object(engine: Engine, e: LispError, line: int | None, column: int | None) -> dict[str, Any]:
    cond = e.condition
    message = cond.message or f"Condition {cond.type_name} was signalled."
    return error_object(cond.type_name, message, line, column, innermost_function(engine, e))


def innermost_function(engine: Engine, exc: BaseException) -> str | None:
    """The name of the innermost named tiered (DEFUN, COMPILE) Lisp function whose Tier 1 frame was active when
    `exc` was raised, found from the traceback (so it costs nothing until an error escapes). A Python error that
    the engine turned into a Lisp error (`raise ... from None`) is followed to the original raise point.
    Local (FLET/LABELS) functions and lambdas have no frame of their own: the enclosing one is named. An error
    raised in Tier 2 code (or by a built-in it called) carries the innermost Tier-2 function the bridge found on
    the Wasm stack (`tier2_function`, set only when no Tier-1 function ran inside it; docs/ABI.md "Errors")."""
    e: BaseException | None = exc
    for _ in range(8):
        if e is None:
            break
        sym = getattr(e, "tier2_function", None)
        if isinstance(sym, Symbol):
            return _function_label(engine, sym)
        if not e.__suppress_context__:
            break
        e = e.__context__
    for frame in reversed(tier1_frames(exc)):
        try:
            name = getattr(frame.f_locals.get("_tf"), "name", None)
        except Exception:  # noqa: BLE001  (a frame we cannot inspect: look further out)
            continue
        if isinstance(name, Symbol):
            return _function_label(engine, name)
    return None


def _function_label(engine: Engine, name: Symbol) -> str:
    try:
        base = engine.setf_function_base(name)
        return f"(SETF {engine.prin1(base)})" if base is not None else engine.prin1(name)
    except Exception:  # noqa: BLE001  (printing must never hide the real error)
        return name.name


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise EvaluationInterrupted("TIMEOUT", "evaluation timed out after N s") in the body once `seconds` have
    passed (None or 0: no limit). CPython main thread only (SIGALRM via setitimer; elsewhere a timer thread
    interrupting the main thread); in other threads, and in Pyodide (whose page terminates its Worker
    instead), there is no deadline. A long single built-in call (a huge bignum) is interrupted when it returns."""
    main = threading.current_thread() is threading.main_thread()
    if not seconds or not main:
        yield
        return
    import signal

    message = f"evaluation timed out after {seconds:g} s"
    armed = [True]
    limit = sys.getrecursionlimit()
    if hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM"):
        def fire(_signum: int, _frame: Any) -> None:
            if armed[0]:
                armed[0] = False
                raise EvaluationInterrupted("TIMEOUT", message)

        old = signal.signal(signal.SIGALRM, fire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            armed[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
            sys.setrecursionlimit(limit)
        return
    import _thread

    def interrupt() -> None:
        if armed[0]:
            armed[0] = False
            _thread.interrupt_main()

    timer = threading.Timer(seconds, interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield
    except KeyboardInterrupt:
        if armed[0]:
            raise  # a real Ctrl-C
        raise EvaluationInterrupted("TIMEOUT", message) from None
    finally:
        armed[0] = False
        timer.cancel()
        sys.setrecursionlimit(limit)


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 3)
