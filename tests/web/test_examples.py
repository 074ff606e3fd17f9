# The examples menu: every example in web/examples/index.json is in the menu, reachable as #example=ID, and runs
# in the page with the result SBCL gives (the error example signals its error; the runaway example is only loaded).
# The expected results are checked against SBCL itself by test_expectations_match_sbcl.
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .harness import ROOT, Playground, open_playground

EXAMPLES = ROOT / "web" / "examples"
# id -> (value, stdout) as SBCL prints them (value None: the last form signals an error)
EXPECTED: dict[str, tuple[str | None, str]] = {
    "fib": ("75025", "fib(10) = 55\n"),
    "tak": ("7", ""),
    "closures": ("(12 14 16 18)", "a: 4  b: 120\n"),
    "lists": ("6", "sorted:   (2 4 5 8 9 15 26 31 35 38 93 97)\nreversed: (E D C B A)\nflat:     (1 2 3 4 5 6)\n"
              "squares:  (1 4 9 16 25)\n"),
    "tagbody": ("6", "4\n"),
    "catch-throw": ("(14 (:NEGATIVE -2))", "first even: 8\nfirst > 100: NONE\n"),
    "bignum": ("30414093201713378043612608166064768844377641568960512000000000000",
               "20! = 2432902008176640000\n2^100 = 1267650600228229401496703205376\ndigits in 100!: 158\n"),
    "loop": ("(:LONGEST 4 :WITH-I 3)", "primes: (2 3 5 7 11 13 17 19 23 29 31 37 41 43 47 53 59)\n"
             "sum of squares 1..10: 385\npairs: ((1 . A) (2 . B) (3 . C))\n"),
    "errors": (None, "average: 5/2\nhandled: caught cannot average an empty list\n"),
}
RUNAWAY = "runaway"


def index() -> list[dict[str, str]]:
    return json.loads((EXAMPLES / "index.json").read_text())


def source(example_id: str) -> str:
    return (EXAMPLES / f"{example_id}.lisp").read_text()


def test_every_example_has_a_file_and_an_expectation() -> None:
    """index.json, the .lisp files and the expectations agree (the issue's ten examples)."""
    ids = [e["id"] for e in index()]
    assert len(ids) == 10 and len(set(ids)) == 10
    assert sorted(p.stem for p in EXAMPLES.glob("*.lisp")) == sorted(ids)
    assert set(EXPECTED) | {RUNAWAY} == set(ids)


@pytest.mark.sbcl
def test_expectations_match_sbcl(tmp_path: Path) -> None:
    """SBCL (the oracle) prints the same output and value for every example."""
    if shutil.which("sbcl") is None:
        pytest.skip("SBCL is not installed (scripts/setup installs it)")
    for example_id, (value, stdout) in EXPECTED.items():
        script = tmp_path / f"{example_id}.lisp"
        script.write_text(
            f"(with-open-file (s {json.dumps(str(EXAMPLES / (example_id + '.lisp')))})\n"
            "  (let ((v nil)) (handler-case (loop for f = (read s nil :eof) until (eq f :eof) do (setf v (eval f)))\n"
            "                   (error () (format t \"~a#<error>\" (code-char 30)) (sb-ext:exit)))\n"
            "    (format t \"~a#<value>~s\" (code-char 30) v)))\n")
        out = subprocess.run(["sbcl", "--script", str(script)], capture_output=True, text=True, timeout=60).stdout
        printed, _, tail = out.rpartition("\x1e#<")
        assert printed == stdout, (example_id, out)
        assert (tail == "error>") if value is None else (tail == f"value>{value}"), (example_id, out)


def test_menu_lists_and_loads_examples(playground: Playground) -> None:
    """The menu has every example; choosing one puts its code in the editor and its link in the address bar."""
    menu = playground.by_id("examples")
    values = [v for v in menu.locator("option").evaluate_all("os => os.map(o => o.value)") if v]
    assert values == [e["id"] for e in index()]
    menu.select_option("tak")
    assert playground.get_code() == source("tak")
    assert playground.page.url.endswith("#example=tak")


def test_example_links(playground: Playground, engine_browser, site_url, engine_browser_name) -> None:
    """#example=ID opens the playground with that example loaded, not run."""
    pg = open_playground(engine_browser, site_url + "#example=catch-throw", engine_browser_name)
    try:
        assert pg.get_code() == source("catch-throw")
        assert pg.by_id("examples").input_value() == "catch-throw"
        assert pg.page.locator("#output .entry").count() == 0
    finally:
        pg.page.context.close()


def test_examples_run_as_sbcl_says(playground: Playground) -> None:
    """Every example (but the runaway loop) gives SBCL's output and value in the page."""
    for example_id, (value, stdout) in EXPECTED.items():
        r = playground.run(source(example_id), threshold=10, mode="auto")
        assert r["stdout"] == stdout, example_id
        if value is None:
            assert r["error"] is not None and r["value"] is None, example_id
        else:
            assert r["error"] is None and r["value"] == value, (example_id, r["error"])
