# The site works from a bare static host (no security headers, so no cross-origin isolation): the CSP still holds
# through the <meta> tag, programs run with Tier 2, and Stop ends a runaway loop by restarting the worker.
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .harness import Playground, devserver, open_playground


@pytest.fixture(scope="module")
def bare(engine_browser: Any, site_dir: Path, engine_browser_name: str) -> Iterator[Playground]:
    server, url = devserver.serve_in_thread(site_dir, plain=True)
    pg = open_playground(engine_browser, url, engine_browser_name)
    yield pg
    pg.page.context.close()
    server.shutdown()
    server.server_close()


def test_runs_without_headers(bare: Playground) -> None:
    """No isolation, yet the page runs fib with Tier 2 and the meta CSP blocks an inline script."""
    page = bare.page
    assert page.evaluate("window.crossOriginIsolated") is False
    r = bare.run("(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))\n(fib 20)")
    assert r["value"] == "6765" and r["functions"]["FIB"]["tier"] == 2
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';
                             document.body.append(s); }""")
    page.wait_for_timeout(100)
    assert page.evaluate("window.injected") is None
    assert any(v["directive"].startswith("script-src") for v in page.evaluate("window.clysm.cspViolations"))


def test_stop_restarts_without_isolation(bare: Playground) -> None:
    """Without a shared interrupt buffer, Stop terminates the worker; the page is usable again."""
    page = bare.page
    bare.set_code("(loop)")
    bare.by_id("run").click()
    page.locator('[data-test-id="stop"]:not([disabled])').wait_for()
    page.wait_for_timeout(300)
    bare.by_id("stop").click()
    page.locator('[data-test-id="stopped"]').wait_for(timeout=5000)
    page.wait_for_timeout(50)
    record = page.evaluate("window.clysm.lastStop")
    assert record["how"] == "restarted" and record["ms"] < 1000
    bare.wait_ready()
    assert bare.run("(+ 1 1)")["value"] == "2"
