# Errors: a reader error is reported with its place and marks that place in the editor (nothing runs); a runtime
# error shows its condition type and message after the output printed before it; the session stays usable; deep
# recursion is a Lisp STACK-EXHAUSTED error in both tiers, never a dead engine.
from __future__ import annotations

from .harness import Playground

MARK = '[data-test-id="editor"] [data-test-id="error-mark"]'  # (CSS selectors pierce the editor's shadow root)


def test_reader_error_marks_the_place(playground: Playground) -> None:
    """An unmatched close parenthesis at line 2, column 8: the error says so (once), the editor marks that spot,
    and nothing before it ran."""
    code = '(format t "ran~%")\n(+ 1 2))\n'
    playground.set_code(code)
    playground.by_id("run").click()
    err = playground.by_id("output").locator('[data-test-id="error"]')
    err.wait_for()
    assert "READER-ERROR" in err.inner_text() and "line 2, column 8" in err.inner_text()
    assert "unmatched close parenthesis" in err.inner_text()
    assert "editor.lisp:2:8" not in err.inner_text()  # the place is said once, after the message
    assert "ran" not in playground.by_id("output").locator('[data-test-id="stdout"]').inner_text()
    mark = playground.page.locator(MARK)
    mark.wait_for()
    assert mark.inner_text() == ")"
    line = playground.page.locator('[data-test-id="editor"] .cm-error-line')
    assert "(+ 1 2))" in line.inner_text()
    playground.set_code("(+ 1 2)")  # editing clears the mark
    assert playground.page.locator(MARK).count() == 0


def test_unterminated_form_points_at_the_end(playground: Playground) -> None:
    """Input that ends inside a list is a reader error at the end of the text."""
    r = playground.run("(defun f (x)\n  (+ x 1)\n(f 2")
    assert r["error"]["type"] == "READER-ERROR" and "missing )" in r["error"]["message"]
    assert r["value"] is None


def test_runtime_error_then_session_still_usable(playground: Playground) -> None:
    """(car 5) signals TYPE-ERROR after the earlier output; the REPL and the next run still work."""
    code = '(defun half (x) (/ x 2))\n(format t "before~%")\n(car 5)\n(format t "after~%")'
    playground.set_code(code)
    r = playground.run(code)  # the editor's own code: its place is marked
    assert r["error"] == {"type": "TYPE-ERROR", "message": "The value 5 is not of type LIST", "line": 3,
                          "column": 1, "function": None}
    assert r["stdout"] == "before\n"
    err = playground.by_id("output").locator('[data-test-id="error"]')
    assert "TYPE-ERROR" in err.inner_text() and "not of type LIST" in err.inner_text()
    assert "form at line 3" in err.inner_text()
    assert "after" not in playground.by_id("output").inner_text()
    assert playground.page.locator(MARK).count() == 0  # no token mark for a runtime error...
    line = playground.page.locator('[data-test-id="editor"] .cm-error-line')
    assert line.inner_text() == "(car 5)"  # ...but the failing top-level form's line is highlighted
    assert playground.eval("(half 9)")["value"] == "9/2"
    assert playground.run("(+ 1 2)")["value"] == "3"


def test_undefined_function_and_unhandled_error(playground: Playground) -> None:
    """Common mistakes come back as their standard conditions."""
    r = playground.run("(no-such-function 1)")
    assert r["error"]["type"] == "UNDEFINED-FUNCTION" and "NO-SUCH-FUNCTION" in r["error"]["message"]
    r = playground.run('(defun oops (x) (error "custom ~a" x))\n(oops 42)', mode="1")
    assert r["error"] == {"type": "SIMPLE-ERROR", "message": "custom 42", "line": 2, "column": 1,
                          "function": "OOPS"}
    assert "in OOPS" in playground.by_id("output").locator('[data-test-id="error"]').inner_text()


def test_deep_recursion_is_a_lisp_error(playground: Playground) -> None:
    """Unbounded recursion in Tier 1 and in Tier 2 ends with STACK-EXHAUSTED; the engine is not restarted."""
    deep = "(defun deep (n) (if (= n 0) 0 (+ 1 (deep (- n 1)))))\n(deep 100000)"
    for mode in ("1", "auto"):
        r = playground.run(deep, mode=mode)
        assert r["error"] and r["error"]["type"] == "STACK-EXHAUSTED", (mode, r["error"])
        assert r["error"]["function"] == "DEEP", (mode, r["error"])  # Tier 2 names it too (from the Wasm stack)
    apply_deep = ("(defun deep (n l) (if (= n 0) 0 (+ 1 (apply #'deep (list (- n 1) l)))))\n"
                  "(deep 100000 '(1 2))")
    r = playground.run(apply_deep, mode="1")
    assert r["error"] and r["error"]["type"] == "STACK-EXHAUSTED", r["error"]
    assert playground.run("(+ 2 2)", mode="auto")["value"] == "4"
    assert playground.page.locator('[data-test-id="stopped"]').count() == 0


def test_tier2_error_names_the_function(playground: Playground) -> None:
    """An error signalled while a promoted function runs names that function, as in Tier 1."""
    code = ("(defun inner (x) (car x))\n(defun outer (x) (list (inner x)))\n(dotimes (i 30) (outer (list i)))\n"
            "(outer 5)")
    r = playground.run(code, mode="auto")
    assert r["functions"]["INNER"]["tier"] == 2
    assert r["error"]["type"] == "TYPE-ERROR" and r["error"]["function"] == "INNER", r["error"]
    assert "in INNER" in playground.by_id("output").locator('[data-test-id="error"]').inner_text()
