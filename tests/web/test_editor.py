# The editor: CodeMirror with Lisp highlighting, bracket matching and auto-indent; the code survives a reload.
from __future__ import annotations

from .harness import Playground

EDITOR = '[data-test-id="editor"]'


def test_highlighting_and_bracket_matching(playground: Playground) -> None:
    """Comments, strings and keywords get their own token classes; the bracket next to the cursor is matched."""
    page = playground.page
    playground.set_code(';; note\n(defun f (x) "doc" (+ x 1))')
    content = page.locator(f'{EDITOR} [data-test-id="editor-content"]')
    assert content.locator("span").count() >= 4
    colours = {page.locator(f"{EDITOR} .cm-line span", has_text=t).first.evaluate("e => getComputedStyle(e).color")
               for t in (";; note", '"doc"', "defun")}
    assert len(colours) == 3
    content.click()
    page.keyboard.press("Control+Home")
    page.keyboard.press("ArrowDown")  # line 2, before "(defun"
    page.locator(f"{EDITOR} .cm-matchingBracket").first.wait_for()
    assert page.locator(f"{EDITOR} .cm-matchingBracket").count() == 2


def test_auto_indent(playground: Playground) -> None:
    """Enter inside an open form indents the new line."""
    page = playground.page
    playground.set_code("")
    page.locator(f'{EDITOR} [data-test-id="editor-content"]').click()
    page.keyboard.type("(defun f (x)")
    page.keyboard.press("Enter")
    page.keyboard.type("x")
    lines = playground.get_code().split("\n")
    assert lines[0].startswith("(defun f (x)") and lines[1].startswith("  ") and lines[1].strip().startswith("x")


def test_code_survives_a_reload(playground: Playground) -> None:
    """The editor's code is kept in local storage and restored when the page is opened again without a link."""
    playground.set_code("(list :kept 1)")
    playground.page.wait_for_timeout(400)
    playground.page.goto(playground.base_url)
    playground.wait_ready()
    assert playground.get_code() == "(list :kept 1)"
