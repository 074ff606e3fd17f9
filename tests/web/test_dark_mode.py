# Dark mode: the page follows the system colour scheme, and the toggle overrides it (auto -> dark -> light),
# remembered across reloads. The editor (in a shadow root) follows the same colours. Also: keyboard-only use.
# Firefox (WebDriver BiDi) cannot emulate prefers-color-scheme per page, so the "dark system" browser is a second
# Firefox launched with ui.systemUsesDarkTheme=1; Chromium emulates it per context.
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .harness import FIREFOX, Playground, open_playground


def _rgb(css: str) -> tuple[int, ...]:
    return tuple(int(float(x)) for x in css[css.index("(") + 1:css.index(")")].split(",")[:3])


def page_bg(pg: Playground) -> tuple[int, ...]:
    return _rgb(pg.page.eval_on_selector("body", "el => getComputedStyle(el).backgroundColor"))


def editor_bg(pg: Playground) -> tuple[int, ...]:
    return _rgb(pg.page.evaluate(
        "getComputedStyle(document.querySelector('#editor').shadowRoot.querySelector('.cm-editor')).backgroundColor"))


def dark(rgb: tuple[int, ...]) -> bool:
    return sum(rgb) < 3 * 80


@pytest.fixture(scope="module")
def dark_system(pw: Any, engine_browser: Any, site_url: str, engine_browser_name: str) -> Iterator[Playground]:
    """A page whose system colour scheme is dark."""
    if engine_browser_name == "chromium":
        pg = open_playground(engine_browser, site_url, engine_browser_name, color_scheme="dark")
        yield pg
        pg.page.context.close()
        return
    browser = pw.firefox.launch(channel="moz-firefox", executable_path=FIREFOX, headless=True,
                                firefox_user_prefs={"ui.systemUsesDarkTheme": 1})
    pg = open_playground(browser, site_url, engine_browser_name)
    yield pg
    browser.close()


def test_follows_the_system_scheme(playground: Playground, dark_system: Playground) -> None:
    """With the toggle on Auto, a dark system gives dark surfaces (page and editor), a light system light ones."""
    assert playground.by_id("theme").get_attribute("data-mode") == "auto"
    assert dark_system.by_id("theme").get_attribute("data-mode") == "auto"
    assert dark(page_bg(dark_system)) and dark(editor_bg(dark_system))
    assert not dark(page_bg(playground)) and not dark(editor_bg(playground))


def test_toggle_overrides_the_system(dark_system: Playground) -> None:
    """On a dark system the toggle goes Dark then Light (light wins over the system), then back to Auto."""
    toggle = dark_system.by_id("theme")
    toggle.click()
    assert toggle.get_attribute("data-mode") == "dark" and dark(page_bg(dark_system))
    toggle.click()
    assert toggle.get_attribute("data-mode") == "light"
    assert not dark(page_bg(dark_system)) and not dark(editor_bg(dark_system))
    toggle.click()
    assert toggle.get_attribute("data-mode") == "auto" and dark(page_bg(dark_system))


def test_choice_is_remembered(playground: Playground) -> None:
    """A chosen theme survives a reload; Auto follows the (light) system again."""
    toggle = playground.by_id("theme")
    toggle.click()
    assert toggle.get_attribute("data-mode") == "dark" and dark(page_bg(playground))
    playground.page.reload()
    playground.wait_ready()
    assert playground.by_id("theme").get_attribute("data-mode") == "dark" and dark(page_bg(playground))
    playground.by_id("theme").click()  # light
    playground.by_id("theme").click()  # auto
    assert playground.by_id("theme").get_attribute("data-mode") == "auto" and not dark(page_bg(playground))


def test_keyboard_reaches_every_control(playground: Playground) -> None:
    """Tab moves through the controls and into and out of the editor (the editor does not trap Tab)."""
    page = playground.page
    page.locator("body").focus()
    seen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(
            "(() => { let a = document.activeElement; if (a && a.shadowRoot && a.shadowRoot.activeElement)"
            " a = a.shadowRoot.activeElement; return a ? (a.dataset.testId || a.id || a.className) : '' })()"))
    for wanted in ("examples", "threshold", "mode", "share", "theme", "run", "editor-content", "repl"):
        assert wanted in seen, (wanted, seen)
