# The Benchmarks page (web/bench.html): in Chromium and Firefox ESR it loads the engine in a worker, runs a quick
# subset of bench/programs (Tier 1, forced Tier 2, hand-written JS), verifies every check value, fills the table
# and draws the ratios as SVG bars; the CSP holds (the JS versions load as a module, no eval). No timing
# assertions: the figures are printed for the record. Also checks the Python side (web/py/clysm_bench.py) on
# CPython, where only Tier 1 runs.
from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .harness import ROOT, Playground

ONLY = ["fib", "tak", "deriv"]


def _bench_module() -> Any:
    spec = importlib.util.spec_from_file_location("clysm_bench", ROOT / "web" / "py" / "clysm_bench.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_session_checks_values_on_cpython() -> None:
    """BenchSession.tier1 verifies the manifest's check value and reports a wrong one as an error, not a time;
    tier2 without a JS engine is an error result, not an exception."""
    session = _bench_module().BenchSession()
    manifest = json.loads((ROOT / "bench" / "programs" / "manifest.json").read_text())["programs"]
    text = (ROOT / "bench" / "programs" / "fib.lisp").read_text()
    size = manifest["fib"]["quick"]
    good = json.loads(session.tier1("fib", text, size, manifest["fib"]["check"][str(size)]))
    assert good["ok"] is True and good["value"] == manifest["fib"]["check"][str(size)]
    assert good["steady_ms"] > 0 and good["samples_ms"]
    bad = json.loads(session.tier1("fib", text, size, "-1"))
    assert bad.get("check_failed") is True and "steady_ms" not in bad
    assert "error" in json.loads(session.tier2("fib", text, size, "610"))


@pytest.fixture(scope="module")
def bench_page(engine_browser: Any, site_url: str, engine_browser_name: str) -> Iterator[Playground]:
    context = engine_browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(90_000)
    page = context.new_page()
    pg = Playground(page, site_url, engine_browser_name)
    page.goto(f"{site_url}bench.html?quick=1&only={','.join(ONLY)}")
    page.evaluate("window.clysmBench.ready")
    yield pg
    context.close()


def test_quick_run_verifies_every_value_and_draws_the_chart(bench_page: Playground) -> None:
    """Run (the button) measures fib, tak and deriv in every tier; every check value is verified in the table,
    the chart has a Tier 1 / Tier 2 and a Tier 2 / JS bar per program, and the Markdown names the browser."""
    page = bench_page.page
    assert page.evaluate("window.clysmBench.info.tier2") is True
    assert page.evaluate("window.clysmBench.names") == ONLY
    bench_page.by_id("bench-run").click()
    page.locator('[data-test-id="bench-status"][data-state="done"], '
                 '[data-test-id="bench-status"][data-state="error"]').wait_for(timeout=120_000)
    status = page.inner_text('[data-test-id="bench-status"]')
    results = page.evaluate("window.clysmBench.results")
    for name in ONLY:
        row = bench_page.by_id(f"bench-row-{name}")
        assert row.get_attribute("data-state") == "verified", (name, results[name])
        assert row.locator('td[data-check="verified"]').count() == 1
        for step in ("tier1", "tier2", "js"):
            assert results[name][step]["ok"] is True, (name, step, results[name][step])
    assert page.get_attribute('[data-test-id="bench-status"]', "data-state") == "done", status
    chart = bench_page.by_id("bench-chart")
    assert chart.locator("svg rect.bar").count() == 2 * len(ONLY)
    for name in ONLY:
        for series in ("t1t2", "t2js"):
            bar = chart.locator(f'rect.bar[data-program="{name}"][data-series="{series}"]')
            assert float(bar.get_attribute("data-ratio")) > 0
            assert float(bar.get_attribute("width")) > 0
    md = page.evaluate("window.clysmBench.markdown()")
    assert "| fib |" in md and ("Firefox" in md or "Chrom" in md)
    assert page.evaluate("window.clysmBench.cspViolations") == []
    assert bench_page.page_errors == []
    print(f"\n[{bench_page.browser_name}] {status}\n{md}")


def test_playground_links_to_the_benchmarks(site_dir: Path) -> None:
    """The playground's header links to bench.html, and the built page carries the same CSP meta as index.html."""
    index = (site_dir / "index.html").read_text()
    bench = (site_dir / "bench.html").read_text()
    assert 'href="bench.html"' in index
    csp = index.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    assert f'content="{csp}"' in bench


def test_stop_ends_a_run_and_the_page_recovers(bench_page: Playground) -> None:
    """Stop during a full-size run ends it (status "stopped"), and once the engine has restarted Run is enabled."""
    page = bench_page.page
    page.select_option('[data-test-id="bench-size"]', "full")
    bench_page.by_id("bench-run").click()
    page.locator('[data-test-id="bench-stop"]:not([disabled])').wait_for()
    page.wait_for_timeout(500)
    bench_page.by_id("bench-stop").click()
    page.locator('[data-test-id="bench-status"][data-state="stopped"]').wait_for(timeout=5000)
    assert page.evaluate("window.clysmBench.running") is False
    page.locator('[data-test-id="bench-run"]:not([disabled])').wait_for(timeout=60_000)
    assert bench_page.page_errors == []
