# The static site: scripts/build-site produces a self-contained folder (Pyodide runtime, the clysm wheel, the
# bundled page and worker) and the dev server serves it with the MIME types and security headers the page needs.
from __future__ import annotations

import json
import re
import urllib.request
import zipfile
from pathlib import Path

from .harness import devserver

NEEDED = ["index.html", "app.js", "worker.js", "style.css", "favicon.svg", "playground.py", "host-glue.js",
          "build.json"]
RUNTIME = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]


def test_site_has_every_file_the_page_loads(site_dir: Path) -> None:
    """Everything the page fetches is in the site folder (nothing comes from a CDN)."""
    for name in NEEDED:
        assert (site_dir / name).is_file(), name
    manifest = json.loads((site_dir / "build.json").read_text())
    assert (site_dir / manifest["wheel"]).is_file()
    assert manifest["pyodide_dir"] == "pyodide/314.0.7/"
    for name in RUNTIME:
        assert (site_dir / manifest["pyodide_dir"] / name).is_file(), name
    html = (site_dir / "index.html").read_text()
    assert "{{" not in html
    for url in re.findall(r'(?:src|href)="([^"#]+)"', html):
        assert not url.startswith(("http:", "https:", "//")), url
        assert (site_dir / url.split("?")[0]).is_file(), url


def test_pages_share_the_expanded_partials(site_dir: Path) -> None:
    """Both pages are built with the shared head, brand and footer (web/partials/) expanded, each with its own
    heading, and no include directive or placeholder is left in them."""
    pages = {name: (site_dir / name).read_text() for name in ("index.html", "bench.html")}
    for name, html in pages.items():
        assert "<!--#include" not in html and "{{" not in html, name
        assert '<link rel="icon" href="favicon.svg"' in html and '<span class="logo" aria-hidden="true">' in html
        assert "Everything runs in this page; nothing is sent anywhere." in html
    assert "<h1>clysm</h1>" in pages["index.html"] and "<h1>clysm · Benchmarks</h1>" in pages["bench.html"]


def test_wheel_contains_the_engine(site_dir: Path) -> None:
    """The clysm wheel is built from the working tree and holds the whole package (pure Python)."""
    manifest = json.loads((site_dir / "build.json").read_text())
    wheel = site_dir / manifest["wheel"]
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    root = Path(__file__).resolve().parents[2]
    built = wheel.stat().st_mtime
    expected = {p.relative_to(root).as_posix() for p in (root / "clysm").rglob("*.py")
                if "__pycache__" not in p.parts and p.stat().st_mtime < built}  # (files added since: not yet)
    assert expected <= names
    assert any(n.endswith(".dist-info/WHEEL") for n in names)


def test_page_csp_meta_matches_the_server_header(site_dir: Path) -> None:
    """Static hosting keeps the Content-Security-Policy: it is also a <meta http-equiv> in index.html."""
    html = (site_dir / "index.html").read_text()
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert m and m.group(1) == devserver.CSP_PAGE
    assert "'unsafe-eval'" not in devserver.CSP_PAGE and "'unsafe-inline'" not in devserver.CSP_PAGE
    assert "'unsafe-eval'" not in devserver.CSP_WORKER


def test_host_glue_is_precompiled(site_dir: Path) -> None:
    """The JS host's glue ships as code (host-glue.js), so the worker needs no eval."""
    text = (site_dir / "host-glue.js").read_text()
    assert "export const PRECOMPILED" in text and "WebAssembly" in text


def test_server_mime_types_and_headers(site_url: str) -> None:
    """.wasm is application/wasm (streaming compile), .mjs is JavaScript, every response carries the CSP and
    cross-origin isolation; the versioned runtime and build-stamped URLs may be cached for good, the page not."""
    expect = {"pyodide/314.0.7/pyodide.asm.wasm": "application/wasm", "pyodide/314.0.7/pyodide.mjs":
              "text/javascript", "app.js?v=1": "text/javascript", "index.html": "text/html"}
    for name, mime in expect.items():
        with urllib.request.urlopen(site_url + name) as r:
            assert r.headers["Content-Type"].startswith(mime), (name, r.headers["Content-Type"])
            assert "default-src 'self'" in r.headers["Content-Security-Policy"]
            assert r.headers["Cross-Origin-Embedder-Policy"] == "require-corp"
            forever = name.startswith("pyodide/") or "?v=" in name
            assert ("immutable" in r.headers["Cache-Control"]) == forever, name
            assert forever or r.headers["Cache-Control"] == "no-cache"
    with urllib.request.urlopen(site_url + "worker.js?v=1") as r:
        assert r.headers["Content-Security-Policy"] == devserver.CSP_WORKER
