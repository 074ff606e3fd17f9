# Running a program: printed output then the value of the last form in the output pane, the result object of
# window.clysm.run in `clysm run --json`'s shape, Ctrl+Enter and the Run button, the REPL line evaluating in the
# same session, and output rendered as text (a program printing markup cannot inject anything).
from __future__ import annotations

from .harness import Playground


def test_run_returns_value_and_output(playground: Playground) -> None:
    """run() resolves to {value, stdout, error, functions, events}; the pane shows the output then the value."""
    r = playground.run('(defun sq (x) (* x x))\n(format t "squares: ~a~%" (mapcar #\'sq \'(1 2 3)))\n'
                       "(list (sq 12) 1/3 \"s\" 2.5)")
    assert r["error"] is None
    assert r["value"] == '(144 1/3 "s" 2.5)'
    assert r["stdout"] == "squares: (1 4 9)\n"
    assert set(r) >= {"value", "stdout", "error", "functions", "events"}
    assert r["functions"]["SQ"]["tier"] in (1, 2) and r["functions"]["SQ"]["calls"] == 4
    out = playground.by_id("output")
    assert out.locator('[data-test-id="stdout"]').inner_text() == "squares: (1 4 9)\n"
    assert out.locator('[data-test-id="value"]').inner_text().endswith('(144 1/3 "s" 2.5)')
    assert out.locator('[data-test-id="error"]').count() == 0


def test_run_button_and_ctrl_enter(playground: Playground) -> None:
    """The Run button and Ctrl+Enter in the editor both run the editor's code."""
    playground.set_code("(+ 40 2)")
    playground.by_id("run").click()
    value = playground.by_id("output").locator('[data-test-id="value"]')
    value.wait_for()
    assert value.inner_text().endswith("42")
    playground.set_code("(* 6 7 10)")
    playground.page.locator('[data-test-id="editor-content"]').click()
    playground.page.keyboard.press("Control+Enter")
    playground.page.locator('[data-test-id="value"]', has_text="420").wait_for()
    playground.page.locator('[data-test-id="run"]:not([disabled])').wait_for()


def test_repl_evaluates_in_the_same_session(playground: Playground) -> None:
    """After a run, the REPL line sees the program's definitions and variables, and keeps its own."""
    playground.run("(defvar *base* 100)\n(defun add-base (x) (+ x *base*))")
    repl = playground.by_id("repl")
    repl.fill("(add-base 5)")
    repl.press("Enter")
    playground.page.locator(".entry.repl [data-test-id='value']", has_text="105").wait_for()
    r = playground.eval("(setf *base* 1)")
    assert r["value"] == "1"
    assert playground.eval("(add-base 5)")["value"] == "6"


def test_output_is_text_never_html(playground: Playground) -> None:
    """Printed markup and a value containing markup appear literally; no element is created."""
    r = playground.run('(format t "<img src=x onerror=\\"window.hacked=1\\"><b>bold</b>~%")\n"<script>1</script>"')
    assert r["error"] is None
    out = playground.by_id("output")
    assert "<b>bold</b>" in out.inner_text()
    assert out.locator("img, b, script").count() == 0
    assert playground.page.evaluate("window.hacked") is None


def test_live_view_while_running(playground: Playground) -> None:
    """While a program is still running, its output so far and the tier table (with growing call counts)
    are already on the page."""
    code = ("(defun busy (n) (let ((s 0)) (dotimes (i n s) (setf s (+ s i)))))\n"
            "(dotimes (k 12) (format t \"round ~a~%\" k) (busy 300000))")
    page = playground.page
    playground.set_code(code)
    playground.by_id("run").click()
    page.locator('[data-test-id="stdout"]', has_text="round 1").wait_for()
    page.locator('[data-test-id="fn-BUSY"]').wait_for()
    assert page.evaluate("window.clysm.running") is True  # seen live, not from the final result
    assert int(page.locator('[data-test-id="fn-BUSY"] .calls-n').inner_text().replace(",", "")) >= 1
    assert "running" in playground.by_id("run-info").inner_text()
    page.locator('[data-test-id="run"]:not([disabled])').wait_for()
    assert "round 11" in playground.by_id("output").inner_text()


def test_no_csp_violation_or_page_error_after_use(playground: Playground) -> None:
    """After running programs, the REPL and the tier view, the page logged no CSP violation and no error (so
    nothing the page does needs more than its strict policy)."""
    playground.run("(defun f (x) (* x 2))\n(dotimes (i 30) (f i))")
    playground.by_id("fn-F").locator("button.fn-name").click()
    playground.page.locator('[data-test-id="wat"][data-fn="F"]').wait_for()
    assert playground.page.evaluate("window.clysm.cspViolations") == []
    assert playground.page_errors == []
