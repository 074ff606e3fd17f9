# Test helper: the session-scoped `node_session` fixture, one Pyodide-on-Node-24 process shared by every test that
# runs code inside Pyodide. Use it from a conftest by importing `node_session` from this module
# (or `pytest_plugins = ["tests.support.node"]` in the root conftest). Skips with the reason when Node 24 or
# Pyodide are not installed under node_modules.
"""pytest fixtures for running Python and Lisp inside Pyodide on Node 24."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from clysm.host.node_session import NodeSession, node_unavailable_reason

__all__ = ["node_session", "pyodide_exec"]


@pytest.fixture(scope="session")
def node_session() -> Iterator[NodeSession]:
    """One NodeSession for the whole test run: `.exec(python_source)` -> reply dict (ok, stdout, value, error,
    traceback), `.run(lisp_source, tier=..., threshold=...)` -> clysm.api.run_source's dict. A request that crashes
    or hangs (60 s) restarts the process and fails only that request."""
    reason = node_unavailable_reason()
    if reason:
        pytest.skip(f"Pyodide on Node 24 unavailable: {reason}")
    session = NodeSession()
    try:
        session.start()
    except Exception as e:  # noqa: BLE001
        session.close()
        pytest.skip(f"Pyodide on Node 24 failed to start: {e}")
    yield session
    session.close()


def pyodide_exec(session: NodeSession, code: str, **kw: object) -> dict:
    """exec `code` in Pyodide and fail the test with the remote traceback if it raised."""
    reply = session.exec(code, **kw)  # type: ignore[arg-type]
    if not reply.get("ok"):
        pytest.fail(f"inside Pyodide: {reply.get('error')}\n{reply.get('traceback') or reply.get('stderr', '')}\n"
                    f"stdout:\n{reply.get('stdout', '')}", pytrace=False)
    return reply
