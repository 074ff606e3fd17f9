# The one-call front end: run a source text in a fresh engine and describe the outcome as the JSON-ready dict that
# `clysm run --json`, the Node host and the playground all report.
from __future__ import annotations

import time
from typing import Any

from clysm.engine import Engine
from clysm.lisp.types import LispError, ReaderError


def run_source(text: str, *, filename: str = "<input>", tier: str = "auto", threshold: int = 10,
               backend: Any = None, engine: Engine | None = None) -> dict[str, Any]:
    """Read every top-level form of `text` (a reader error means nothing runs), evaluate them in order in a
    fresh engine, and return {"file", "value", "stdout", "error", "elapsed_ms", "functions", "events"}.

    `value` is PRIN1 of the last form's primary value (None when there is no form or on error); `error` is None
    or {"type": condition type name, "message": text}; a Lisp error stops the file at that form (stdout so far is
    kept). `functions` describes every named tiered function; `events` is the promotion log."""
    if engine is None:
        engine = Engine(threshold=threshold, tier=tier, backend=backend)
    result: dict[str, Any] = {"file": filename, "value": None, "stdout": "", "error": None, "elapsed_ms": 0.0,
                              "functions": {}, "events": []}
    t0 = time.perf_counter()
    try:
        forms = engine.read_all(text, filename)
    except ReaderError as e:
        result["error"] = {"type": "READER-ERROR", "message": str(e)}
        result["elapsed_ms"] = _ms(t0)
        return result
    except Exception as e:  # noqa: BLE001  (e.g. a reader bug: still a clean result)
        result["error"] = {"type": "READER-ERROR", "message": f"{filename}: {e}"}
        result["elapsed_ms"] = _ms(t0)
        return result
    try:
        value: Any = None
        for form in forms:
            value = engine.eval(form)
        if forms:
            result["value"] = engine.prin1(value)
    except LispError as e:
        cond = e.condition
        message = cond.message or f"Condition {cond.type_name} was signalled."
        result["error"] = {"type": cond.type_name, "message": message}
    result["elapsed_ms"] = _ms(t0)
    result["stdout"] = engine.output.getvalue()
    result["functions"] = engine.tiering.report()
    result["events"] = [dict(ev) for ev in engine.tiering.events]
    return result


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 3)
