# Batched runs of Lisp sources inside Pyodide on Node 24: one `exec` request runs many sources, each in a fresh
# engine with a fresh JsWasmHost and Tier2Backend (as clysm/host/node_server.py's `run` op does), so the whole
# corpus in one mode takes a few requests instead of ~1,000. A batch that crashes or times out is split and
# retried so one bad case cannot hide the others' results.
from __future__ import annotations

import json
from typing import Any

BATCH_CODE = r'''
import json, time
from clysm.api import run_source
from clysm.engine import Engine
from clysm.host import default_host
from clysm.host.node_server import make_backend
_items = json.loads(__ITEMS__)
_out = []
for _src, _tier, _thr in _items:
    _host = default_host()
    try:
        _eng = Engine(tier=_tier, threshold=_thr, backend=make_backend(_host))  # tier "2": top-level thunks too
        _r = run_source(_src, tier=_tier, threshold=_thr, engine=_eng)
    except BaseException as _e:  # noqa: BLE001  (an engine bug: report it as a result)
        _r = {"value": None, "stdout": "", "error": {"type": "PYTHON-" + type(_e).__name__, "message": str(_e)},
              "functions": {}, "events": []}
    finally:
        _host.close()
    _out.append(_r)
_out
'''


def run_batch(session: Any, items: list[tuple[str, str, int]], *, timeout: float = 300.0) -> list[dict[str, Any]]:
    """Run (source, tier, threshold) items; one run_source result dict per item (HOST-ERROR on a crash)."""
    if not items:
        return []
    code = BATCH_CODE.replace("__ITEMS__", repr(json.dumps(items)))
    reply = session.exec(code, filename="<tier-batch>", timeout=timeout)
    if reply.get("ok") and isinstance(reply.get("value"), list):
        return reply["value"]
    if len(items) == 1:
        msg = reply.get("error") or "no reply"
        return [{"value": None, "stdout": "", "error": {"type": "HOST-ERROR", "message": str(msg)[:2000]},
                 "functions": {}, "events": []}]
    mid = len(items) // 2
    return run_batch(session, items[:mid], timeout=timeout) + run_batch(session, items[mid:], timeout=timeout)


def run_many(session: Any, items: list[tuple[str, str, int]], *, size: int = 120,
             timeout: float = 300.0) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i in range(0, len(items), size):
        out += run_batch(session, items[i:i + size], timeout=timeout)
    return out
