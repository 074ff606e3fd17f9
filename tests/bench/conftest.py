# Benchmark smoke tests: the shared `node_session` fixture (Pyodide on Node 24) and the repo root on sys.path
# (so `bench` is importable).
from __future__ import annotations

import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from tests.support.node import node_session  # noqa: E402,F401
