# Stop: a runaway program ends within a second of pressing Stop, the code stays in the editor and the playground
# is usable again. A loop in Tier 1 (Python) is interrupted in place (SIGINT through Pyodide's interrupt buffer,
# the session survives); a loop compiled to WebAssembly cannot be interrupted, so the worker is terminated and a
# fresh one starts by itself.
from __future__ import annotations

import time

from .harness import Playground

RUNAWAY = ";; never ends\n(defun spin (n) (loop (setf n (+ n 1))))\n(spin 0)\n"


def _start_and_stop(playground: Playground, code: str, mode: str = "auto") -> tuple[float, dict]:
    """Run `code`, let it run away, press Stop; (seconds until the Run button is back, the page's own record:
    {"how": "interrupted"|"restarted", "ms": time from Stop to the program's end})."""
    page = playground.page
    playground.set_code(code)
    page.select_option('[data-test-id="mode"]', mode)
    playground.by_id("run").click()
    page.locator('[data-test-id="stop"]:not([disabled])').wait_for()
    page.wait_for_timeout(600)  # let it run away
    assert page.locator('[data-test-id="run"]').is_disabled()
    t0 = time.monotonic()
    playground.by_id("stop").click()
    page.locator('[data-test-id="stopped"]').wait_for(timeout=5000)
    page.locator('[data-test-id="run"]:not([disabled])').wait_for(timeout=5000)
    took = time.monotonic() - t0
    page.wait_for_timeout(50)
    return took, page.evaluate("window.clysm.lastStop")


def test_stop_a_tier1_loop_keeps_the_session(playground: Playground) -> None:
    """(loop) in Tier 1 stops within 1 s; the code is kept; the REPL still knows SPIN (same session)."""
    took, record = _start_and_stop(playground, RUNAWAY)
    print(f"\n[{playground.browser_name}] Tier 1 loop: {record}; Run button back after {took * 1000:.0f} ms")
    assert record["how"] == "interrupted" and record["ms"] < 1000
    assert took < 2.5  # (includes Playwright's own round trips)
    assert playground.get_code() == RUNAWAY
    assert playground.page.evaluate("window.clysm.running") is False
    r = playground.eval("(list (if (fboundp 'spin) t nil) (+ 1 2))")
    assert r["value"] == "(T 3)"


def test_stop_a_wasm_loop_restarts_the_engine(playground: Playground) -> None:
    """A loop running as WebAssembly (Tier 2 from the start) stops within 1 s by restarting the worker; the
    code stays and the next run works."""
    took, record = _start_and_stop(playground, RUNAWAY, mode="2")
    print(f"\n[{playground.browser_name}] Wasm loop: {record}; Run button back after {took * 1000:.0f} ms")
    assert record["how"] == "restarted" and record["ms"] < 1000
    assert took < 2.5
    assert playground.get_code() == RUNAWAY
    playground.page.select_option('[data-test-id="mode"]', "auto")
    playground.wait_ready()
    r = playground.run("(+ 1 2)")
    assert r["value"] == "3"


def test_escape_stops(playground: Playground) -> None:
    """Escape is the keyboard shortcut for Stop."""
    page = playground.page
    playground.set_code("(loop)")
    playground.by_id("run").click()
    page.locator('[data-test-id="stop"]:not([disabled])').wait_for()
    page.wait_for_timeout(300)
    page.keyboard.press("Escape")
    page.locator('[data-test-id="run"]:not([disabled])').wait_for(timeout=5000)
    playground.wait_ready()
    assert playground.run("(* 2 3)")["value"] == "6"
