# Share links: the code, threshold and mode travel compressed in the URL fragment; opening the link restores
# them without running anything; long links warn; crafted or damaged links cannot inject markup.
from __future__ import annotations

import random
import string

from .harness import Playground, open_playground

TRICKY = ';; shared ✓ λ\n(defun greet (name) (format t "<b>hi</b> ~a~%" name))\n' \
         '(greet "<img src=x onerror=alert(1)>")\n'


def test_round_trip_restores_code_threshold_and_mode(playground: Playground, engine_browser, site_url,
                                                     engine_browser_name) -> None:
    """A link made by shareUrl() opens with the same code, threshold and mode, and does not run."""
    page = playground.page
    playground.set_code(TRICKY)
    playground.set_threshold(7)
    page.select_option('[data-test-id="mode"]', "2")
    url = page.evaluate("window.clysm.shareUrl()")
    assert "#s=" in url and "<" not in url and " " not in url
    other = open_playground(engine_browser, url, engine_browser_name)
    try:
        assert other.get_code() == TRICKY
        assert other.by_id("threshold").input_value() == "7"
        assert other.by_id("mode").input_value() == "2"
        assert other.page.locator("#output .entry").count() == 0  # restored, not run
        assert "Shared program loaded" in other.by_id("toast").inner_text()
        assert other.page.locator("#output img, #toast img, img[src=x]").count() == 0
    finally:
        other.page.context.close()
        playground.set_threshold(10)
        page.select_option('[data-test-id="mode"]', "auto")


def test_share_button_shows_the_link(playground: Playground) -> None:
    """The Share button puts the link in the address bar and shows it (copied to the clipboard when allowed)."""
    page = playground.page
    playground.set_code("(+ 1 2)")
    expected = page.evaluate("window.clysm.shareUrl()")
    playground.by_id("share").click()
    field = page.locator(f'[data-test-id="share-url"][value="{expected}"]')
    field.wait_for()
    link = field.input_value()
    assert link.startswith(playground.base_url) and "#s=" in link
    assert page.url == link
    assert page.evaluate("window.clysm.shareUrl()") == link


def test_long_link_warns(playground: Playground) -> None:
    """A link longer than 2,000 characters comes with a warning."""
    rnd = random.Random(5)
    noise = "".join(rnd.choice(string.ascii_letters) for _ in range(6000))
    playground.set_code(f'(defvar *noise* "{noise}")')
    playground.by_id("share").click()
    toast = playground.page.locator('[data-test-id="toast"][data-kind="warn"]')  # (not an earlier toast)
    toast.wait_for()
    assert "long" in toast.inner_text()
    assert len(toast.locator('[data-test-id="share-url"]').input_value()) > 2000


def test_damaged_link_is_reported_not_run(engine_browser, site_url, engine_browser_name) -> None:
    """A fragment that is not a valid share link leaves the default code and says the link is damaged."""
    pg = open_playground(engine_browser, site_url + "#s=not*base64!", engine_browser_name)
    try:
        assert "damaged" in pg.by_id("toast").inner_text()
        assert "(defun fib" in pg.get_code()
    finally:
        pg.page.context.close()
