# Shared pytest set-up: the repo root on sys.path (so `tests.*` helpers import) and the `node_session` fixture
# (one Pyodide-on-Node-24 process per test session) for every test folder.
from __future__ import annotations

import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

pytest_plugins = ["tests.support.node"]
