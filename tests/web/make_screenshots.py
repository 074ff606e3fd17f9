# Takes the README's screenshots of the playground (light and dark, plus a narrow screen) with headless Chromium:
# builds the site, serves it on an ephemeral port, runs a short tour program and saves PNGs in docs/screenshots/.
# Usage: .venv/bin/python -m tests.web.make_screenshots
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from .harness import CHROMIUM, CHROMIUM_ARGS, ROOT, Playground, devserver

OUT = ROOT / "docs" / "screenshots"
TOUR = """\
;;; A short tour: every function starts in Tier 1 and is compiled to
;;; WebAssembly GC after *compilation-threshold* calls (see the threshold above).
(defun fib (n)
  (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))

(defun collatz (n)
  (loop for steps from 0
        until (= n 1)
        do (setf n (if (evenp n) (/ n 2) (+ (* 3 n) 1)))
        finally (return steps)))

(defun greet (name)
  (format nil "hello, ~a!" name))

(format t "~a~%" (greet "Lisp"))
(format t "fib(25) = ~a~%" (fib 25))
(loop for n from 1 to 3000 maximize (collatz n))
"""


def shoot(pw: object, url: str, path: Path, *, dark: bool, width: int = 1440, height: int = 900) -> None:
    browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)  # type: ignore[attr-defined]
    try:
        context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1,
                                      color_scheme="dark" if dark else "light")
        pg = Playground(context.new_page(), url, "chromium")
        pg.goto()
        pg.set_code(TOUR)
        pg.by_id("run").click()
        pg.page.locator('[data-test-id="value"]').wait_for()
        pg.by_id("fn-FIB").locator("button.fn-name").click()
        pg.page.locator('[data-test-id="wat"][data-fn="FIB"]').wait_for()
        pg.page.mouse.move(0, 0)
        pg.page.wait_for_timeout(300)
        pg.page.screenshot(path=str(path), full_page=width < 900)
        print(f"wrote {path.relative_to(ROOT)}")
    finally:
        browser.close()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build-site"), "--out", tmp], check=True)
        server, url = devserver.serve_in_thread(tmp)
        try:
            with sync_playwright() as pw:
                shoot(pw, url, OUT / "playground-light.png", dark=False)
                shoot(pw, url, OUT / "playground-dark.png", dark=True)
                shoot(pw, url, OUT / "playground-narrow.png", dark=False, width=400, height=860)
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
