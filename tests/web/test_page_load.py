# Page load: the runtime shows its progress while it loads, the engine becomes ready in a Web Worker with Tier 2
# available, the page's Content-Security-Policy holds (no violations), and nothing is logged as an error.
from __future__ import annotations

from pathlib import Path
from typing import Any

from .harness import CHROMIUM, CHROMIUM_ARGS, Playground, devserver


def test_ready_with_tier2_and_no_csp_violations(playground: Playground) -> None:
    """After loading, the status says ready, the footer names the versions, Tier 2 is available and the
    page recorded no CSP violation or page error."""
    page = playground.page
    assert page.locator("#status").get_attribute("data-state") == "ready"
    info = page.evaluate("window.clysm.info")
    assert info["tier2"] is True, info
    assert info["python"].startswith("3.")
    assert "Pyodide 314.0.7" in page.inner_text("#versions")
    assert page.evaluate("window.clysm.cspViolations") == []
    assert playground.page_errors == []
    ready_ms = page.evaluate("window.clysm.readyMs")
    print(f"\n[{playground.browser_name}] page ready in {ready_ms:.0f} ms; "
          f"stages {page.evaluate('window.clysm.bootStages')}")
    assert ready_ms < 20_000


def test_progress_is_shown_while_loading(engine_browser: Any, site_url: str, engine_browser_name: str) -> None:
    """Before the engine is ready the status bar is in the loading state with a growing bar; the editor is
    usable at once (the engine loads in a worker, so the page does not freeze), its empty pickers say so."""
    context = engine_browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url, wait_until="domcontentloaded")
        status = page.locator("#status")
        states = {status.get_attribute("data-state")}
        page.evaluate("window.clysm.setCode('(+ 1 2)')")  # the page responds while Pyodide loads
        assert page.evaluate("window.clysm.getCode()") == "(+ 1 2)"
        # the empty pickers say so (they used to start as blank, option-less selects)
        options = "e => [...e.options].map((o) => o.textContent)"  # (a select's innerText is empty in Firefox)
        assert page.eval_on_selector("#chart-fn", options) == ["No functions"]
        assert page.eval_on_selector("#wat-fn", options) == ["No promoted functions"]
        texts = [page.inner_text("#status-text")]
        page.evaluate("window.clysm.ready")
        states.add(status.get_attribute("data-state"))
        assert "loading" in states and "ready" in states, states
        assert any(t.startswith(("Loading", "Downloading", "Starting")) for t in texts), texts
    finally:
        context.close()


def test_engine_runs_in_a_worker(playground: Playground) -> None:
    """Pyodide is not loaded in the page itself (it lives in the worker), so the page's main thread stays free."""
    js = "typeof window.loadPyodide === 'undefined' && typeof window.pyodide === 'undefined'"
    assert playground.page.evaluate(js)


def test_second_visit_uses_the_cache(pw: Any, engine_browser: Any, site_dir: Path, engine_browser_name: str,
                                     tmp_path: Path) -> None:
    """A second visit in the same browser profile fetches neither the runtime nor the engine again (they are
    cached for good: versioned folder, build-stamped URLs); only the page itself is revalidated. (Chromium's
    throwaway contexts keep only a small in-memory cache, so Chromium gets a real profile on disk here.)"""
    hits: list[str] = []
    server, url = devserver.serve_in_thread(site_dir, on_request=hits.append)
    if engine_browser_name == "chromium":
        context = pw.chromium.launch_persistent_context(str(tmp_path / "profile"), executable_path=CHROMIUM,
                                                        headless=True, args=CHROMIUM_ARGS)
    else:
        context = engine_browser.new_context()
    try:
        pg = Playground(context.new_page(), url, engine_browser_name)
        pg.goto()
        first = pg.page.evaluate("window.clysm.readyMs")
        first_hits = list(hits)
        hits.clear()
        pg.page.goto("about:blank")
        pg.goto()
        second = pg.page.evaluate("window.clysm.readyMs")
        print(f"\n[{engine_browser_name}] first visit ready in {first:.0f} ms, second in {second:.0f} ms; "
              f"second visit fetched {hits}")
        assert any("pyodide.asm.wasm" in h for h in first_hits)
        assert not any(h.startswith("/pyodide/") or "?v=" in h for h in hits), hits
    finally:
        context.close()
        server.shutdown()
        server.server_close()
