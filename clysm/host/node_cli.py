# clysm host: `clysm run --host node`. Runs every file in ONE Pyodide-on-Node-24 session (one Pyodide load for all
# files) with the Tier 2 backend, and prints each result exactly as the CPython path does (clysm.cli.print_result).
"""`run_files_on_node(paths, tier, threshold, json_output) -> exit code`."""

from __future__ import annotations

import sys
from typing import Any

from .node_session import NodeSession, NodeSessionError, node_unavailable_reason

__all__ = ["EXIT_HOST_ERROR", "run_files_on_node"]

EXIT_HOST_ERROR = 70


def _file_error(path: str, message: str) -> dict[str, Any]:
    return {"file": path, "value": None, "stdout": "", "elapsed_ms": 0.0,
            "error": {"type": "FILE-ERROR", "message": message}, "functions": {}, "events": []}


def run_files_on_node(paths: list[str], tier: str = "auto", threshold: int = 10, json_output: bool = False,
                      *, timeout: float | None = None) -> int:
    """Run each file in a fresh engine inside Pyodide on Node 24; print results like `clysm run`; return the worst
    exit code (0 ok, 1 Lisp error, 2 reader error; 70 if Node/Pyodide are missing or cannot start)."""
    from clysm.cli import exit_code, print_result

    reason = node_unavailable_reason()
    if reason:
        sys.stderr.write(f"clysm: --host node: {reason}\n")
        return EXIT_HOST_ERROR
    worst = 0
    try:
        with NodeSession() as session:
            for path in paths:
                try:
                    with open(path, encoding="utf-8") as f:
                        text = f.read()
                except OSError as e:
                    result = _file_error(path, str(e))
                else:
                    result = session.run(text, filename=path, tier=str(tier), threshold=threshold, timeout=timeout)
                    result.setdefault("file", path)
                print_result(result, json_output)
                worst = max(worst, exit_code(result))
    except NodeSessionError as e:
        sys.stderr.write(f"clysm: --host node: {e}\n")
        return EXIT_HOST_ERROR
    return worst
