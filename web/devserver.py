# The playground's static file server (used by scripts/serve and the Playwright tests): a threaded http.server
# over site/ with the MIME types Pyodide needs (.mjs, .wasm), revalidating caching, and the Content-Security-Policy
# headers. The site itself is fully static; this server only exists so `scripts/serve` needs nothing but Python.
"""Serve the built playground: `python web/devserver.py [--port N] [--bind ADDR] [SITE_DIR]`."""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from collections.abc import Callable
from pathlib import Path

# The page: scripts, styles, fetches and workers only from the site itself; Wasm compilation allowed (Pyodide and
# the JIT compile modules). No inline scripts, no eval, nothing from other origins. The same policy is put into
# index.html as <meta http-equiv> by scripts/build-site so static hosting keeps it (frame-ancestors cannot be
# set from a meta tag, so it is only in the header).
CSP_PAGE = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)
CSP_HEADER_EXTRA = "; frame-ancestors 'none'"
# The engine's Web Worker gets its policy from its own response. Pyodide needs no eval here (only Wasm
# compilation); the one JS snippet clysm's host would eval comes precompiled (see scripts/build-site).
CSP_WORKER = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'"
WORKER_FILES = frozenset({"worker.js"})

MIME_TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".py": "text/x-python; charset=utf-8",
    ".svg": "image/svg+xml",
    ".css": "text/css",
    ".html": "text/html; charset=utf-8",
    ".webmanifest": "application/manifest+json",
}


class PlaygroundHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with correct MIME types and CSP. Caching: the Pyodide runtime (under pyodide/VERSION/) and
    every URL carrying the build id (`?v=...`) never change meaning, so browsers may keep them for a year without
    asking again (a second visit loads nothing); everything else (index.html) is revalidated each time."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    protocol_version = "HTTP/1.1"  # keep-alive: the page makes ~15 requests
    quiet = False
    plain = False  # True: behave like a bare static host (MIME types only; no CSP, COOP or COEP headers)
    on_request: Callable[[str], None] | None = None

    def send_head(self) -> object:
        if self.on_request is not None:
            self.on_request(self.path)
        return super().send_head()

    def end_headers(self) -> None:
        if self.plain:
            super().end_headers()
            return
        name = self.path.split("?", 1)[0].rsplit("/", 1)[-1]
        if name in WORKER_FILES:
            self.send_header("Content-Security-Policy", CSP_WORKER)
        else:
            self.send_header("Content-Security-Policy", CSP_PAGE + CSP_HEADER_EXTRA)
        # Cross-origin isolation lets the page share an interrupt buffer (SharedArrayBuffer) with Pyodide: live
        # tier-view ticks and a Stop that keeps the session. Static hosts without these headers still work.
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        immutable = self.path.startswith("/pyodide/") or "?v=" in self.path
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if immutable else "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
        if not self.quiet:
            super().log_message(format, *args)


def make_server(root: Path | str, port: int = 0, bind: str = "127.0.0.1", quiet: bool = False,
                on_request: Callable[[str], None] | None = None, plain: bool = False
                ) -> http.server.ThreadingHTTPServer:
    """A threaded server for `root` (not yet serving); port 0 picks a free port (`server.server_address[1]`).
    `on_request(path)` is called for every GET/HEAD (tests count what the browser really fetches); `plain`
    leaves out the security headers, like a bare static host."""
    attrs = {"quiet": quiet, "plain": plain, "on_request": staticmethod(on_request) if on_request else None}
    handler = functools.partial(type("Handler", (PlaygroundHandler,), attrs), directory=str(root))
    server = http.server.ThreadingHTTPServer((bind, port), handler)
    server.daemon_threads = True
    return server


def serve_in_thread(root: Path | str, port: int = 0, bind: str = "127.0.0.1",
                    on_request: Callable[[str], None] | None = None, plain: bool = False
                    ) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start a quiet server in a daemon thread; returns (server, base URL ending in '/'). Call
    `server.shutdown()` to stop it."""
    server = make_server(root, port, bind, quiet=True, on_request=on_request, plain=plain)
    threading.Thread(target=server.serve_forever, name="playground-server", daemon=True).start()
    host, real_port = server.server_address[:2]
    return server, f"http://{host}:{real_port}/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the built clysm playground (site/).")
    parser.add_argument("root", nargs="?", default=str(Path(__file__).resolve().parent.parent / "site"))
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    args = parser.parse_args(argv)
    if not (Path(args.root) / "index.html").is_file():
        print(f"no index.html in {args.root}: run scripts/build-site first", file=sys.stderr)
        return 1
    server = make_server(args.root, args.port, args.bind)
    host, port = server.server_address[:2]
    print(f"clysm playground: http://{host}:{port}/  (serving {args.root}; Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
