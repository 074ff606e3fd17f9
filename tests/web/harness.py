# Helpers for the playground's end-to-end tests: the dev server module, browser launch settings, and
# `Playground`, a loaded page with the `window.clysm` calls the tests use.
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
FIREFOX = "/usr/bin/firefox-esr"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BROWSERS = ["chromium", "firefox"]
READY_TIMEOUT_MS = 60_000


def _load_devserver() -> Any:
    spec = importlib.util.spec_from_file_location("clysm_devserver", ROOT / "web" / "devserver.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


devserver = _load_devserver()


def launch(pw: Any, name: str) -> Any:
    if name == "chromium":
        if not Path(CHROMIUM).exists():
            pytest.skip(f"Chromium is not installed ({CHROMIUM}; scripts/setup installs it)")
        return pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    if not Path(FIREFOX).exists():
        pytest.skip(f"Firefox ESR is not installed ({FIREFOX}; scripts/setup installs it)")
    return pw.firefox.launch(channel="moz-firefox", executable_path=FIREFOX, headless=True)


class Playground:
    """A loaded playground page plus what it logged (page errors, console errors)."""

    def __init__(self, page: Any, base_url: str, browser_name: str) -> None:
        self.page = page
        self.base_url = base_url
        self.browser_name = browser_name
        self.page_errors: list[str] = []
        self.console_errors: list[str] = []
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)

    def goto(self, fragment: str = "") -> None:
        self.page.goto(self.base_url + fragment)
        self.wait_ready()

    def wait_ready(self) -> None:
        # page.evaluate awaits the Promise; wait_for_function would need eval, which the page's CSP forbids
        self.page.evaluate("window.clysm.ready")

    def run(self, code: str, threshold: int | None = None, mode: str | None = None) -> dict[str, Any]:
        opts: dict[str, Any] = {}
        if threshold is not None:
            opts["threshold"] = threshold
        if mode is not None:
            opts["mode"] = mode
        return self.page.evaluate("([code, opts]) => window.clysm.run(code, opts)", [code, opts])

    def eval(self, code: str) -> dict[str, Any]:
        return self.page.evaluate("(code) => window.clysm.eval(code)", code)

    def set_code(self, code: str) -> None:
        self.page.evaluate("(code) => window.clysm.setCode(code)", code)

    def get_code(self) -> str:
        return self.page.evaluate("window.clysm.getCode()")

    def set_threshold(self, n: int) -> None:
        # (Playwright's fill() on a number input appends in Firefox over BiDi, so set the value directly)
        self.page.eval_on_selector('[data-test-id="threshold"]',
                                   "(el, n) => { el.value = String(n); el.dispatchEvent(new Event('input')); }", n)

    def by_id(self, test_id: str) -> Any:
        return self.page.locator(f'[data-test-id="{test_id}"]')


def open_playground(browser: Any, base_url: str, browser_name: str, fragment: str = "",
                    **context_args: Any) -> Playground:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, **context_args)
    context.set_default_timeout(READY_TIMEOUT_MS)
    page = context.new_page()
    pg = Playground(page, base_url, browser_name)
    pg.goto(fragment)
    return pg
