# Fixtures for the playground's end-to-end tests: the site is built once per session (scripts/build-site into a
# temporary folder), served by web/devserver.py on 127.0.0.1 with an ephemeral port, and opened in headless
# Chromium and Firefox ESR (both, parametrized). Each test module shares one loaded page per browser, because a
# page load (Pyodide start) costs ~3-4 s. Tests skip only when a browser binary is missing. Fixture names avoid
# pytest-playwright's own (browser, browser_name, base_url), whose --browser option would re-parametrize them.
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .harness import BROWSERS, ROOT, Playground, devserver, launch, open_playground


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The playground built once for the whole test session (CLYSM_SITE=DIR reuses an existing build)."""
    if os.environ.get("CLYSM_SITE"):
        return Path(os.environ["CLYSM_SITE"])
    out = tmp_path_factory.mktemp("site")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build-site"), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        pytest.fail(f"scripts/build-site failed:\n{proc.stdout}\n{proc.stderr}")
    return out


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """URL of the built site served by a threaded http.server on an ephemeral port."""
    server, url = devserver.serve_in_thread(site_dir)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def pw() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install playwright==1.64.1)")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session", params=BROWSERS)
def engine_browser_name(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def engine_browser(pw: Any, engine_browser_name: str) -> Iterator[Any]:
    b = launch(pw, engine_browser_name)
    yield b
    b.close()


@pytest.fixture(scope="module")
def playground(engine_browser: Any, site_url: str, engine_browser_name: str) -> Iterator[Playground]:
    """One loaded page per test module and browser."""
    pg = open_playground(engine_browser, site_url, engine_browser_name)
    yield pg
    pg.page.context.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that open a browser carry the `browser` marker (`-m "not browser"` skips them)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents and "engine_browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
