# The WAT view: after a function is promoted, its module is shown as WebAssembly text; the view is selectable per
# function and is plain text.
from __future__ import annotations

from .harness import Playground

CODE = """(defun sq (x) (* x x))
(defun cube (x) (* x (sq x)))
(defun slow (x) (+ x 1))
(dotimes (i 20) (cube i))
(slow 1)"""


def test_wat_of_promoted_functions(playground: Playground) -> None:
    """SQ and CUBE are promoted: the picker lists exactly them, the view shows a module with their function."""
    r = playground.run(CODE, threshold=10)
    assert r["functions"]["SQ"]["tier"] == 2 and r["functions"]["CUBE"]["tier"] == 2
    assert r["functions"]["SLOW"]["tier"] == 1
    picker = playground.by_id("wat-fn")
    options = picker.locator("option").all_inner_texts()
    assert sorted(options) == ["CUBE", "SQ"]
    wat = playground.by_id("wat")
    text = wat.inner_text()
    assert text.startswith("(module") and "(func" in text and "(rec" in text
    first = wat.get_attribute("data-fn")
    other = "SQ" if first == "CUBE" else "CUBE"
    picker.select_option(other)
    playground.page.locator(f'[data-test-id="wat"][data-fn="{other}"]').wait_for()
    assert wat.inner_text().startswith("(module")
    assert wat.locator("*").count() == 0  # text only


def test_clicking_a_function_name_shows_its_wat(playground: Playground) -> None:
    """The function names in the tier table select the chart and WAT view."""
    playground.run(CODE, threshold=10)
    playground.by_id("fn-SQ").locator("button.fn-name").click()
    playground.page.locator('[data-test-id="wat"][data-fn="SQ"]').wait_for()
    assert playground.by_id("chart-fn").input_value() == "SQ"
    assert playground.by_id("fn-SQ").get_attribute("class") == "selected"


def test_wat_view_opens_at_the_function(playground: Playground) -> None:
    """The view scrolls past the ABI types and imports every module repeats, to the selected function's code."""
    playground.run(CODE, threshold=10)
    playground.by_id("fn-SQ").locator("button.fn-name").click()
    playground.page.locator('[data-test-id="wat"][data-fn="SQ"]').wait_for()
    top_lines = playground.by_id("wat").evaluate(
        """el => { const lh = parseFloat(getComputedStyle(el).lineHeight);
                   const first = Math.round(el.scrollTop / lh);
                   return el.textContent.split("\\n").slice(first, first + 3).join("\\n"); }""")
    assert "(func $SQ " in top_lines
