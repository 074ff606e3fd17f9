# The tiered JIT in the page: fib is promoted to Tier 2 (WebAssembly compiled and instantiated in the browser)
# with the right value; the tier view shows the promotion (badge, call, compile/instantiate time, module size, a
# timeline event, the chart marks it); the threshold and the mode controls change what happens.
from __future__ import annotations

from .harness import Playground

FIB = "(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))\n(fib 25)"


def test_fib_is_promoted_to_tier2(playground: Playground) -> None:
    """(fib 25) = 75025 and FIB runs in Tier 2 after call 11 (threshold 10); the row says so."""
    r = playground.run(FIB, threshold=10, mode="auto")
    assert r["error"] is None and r["value"] == "75025"
    fib = r["functions"]["FIB"]
    assert fib["tier"] == 2 and fib["promoted_at_call"] == 11 and fib["tier2_error"] is None
    assert fib["module_bytes"] > 0 and fib["compile_ms"] >= 0 and fib["instantiate_ms"] >= 0
    ev = [e for e in r["events"] if e["function"] == "FIB"]
    assert ev and ev[0]["ok"] and ev[0]["call"] == 11
    row = playground.by_id("fn-FIB")
    assert row.get_attribute("data-tier") == "2"
    assert "Tier 2" in row.inner_text() and "call 11" in row.inner_text()
    assert "FIB" in playground.by_id("event-FIB").inner_text()
    assert "Tier 2 at call 11" in playground.by_id("chart").inner_text()
    print(f"\n[{playground.browser_name}] FIB promotion: compile {fib['compile_ms']} ms, instantiate "
          f"{fib['instantiate_ms']} ms, {fib['module_bytes']} bytes; run {r['elapsed_ms']} ms")


def test_threshold_control(playground: Playground) -> None:
    """With a threshold above the number of calls, nothing is promoted; the bar shows the progress."""
    r = playground.run("(defun f (x) (* 2 x))\n(dotimes (i 5) (f i))", threshold=100)
    assert r["functions"]["F"] == {**r["functions"]["F"], "tier": 1, "calls": 5, "promoted_at_call": None}
    row = playground.by_id("fn-F")
    assert row.get_attribute("data-tier") == "1"
    assert playground.by_id("threshold").input_value() == "100"
    r = playground.run("(defun f (x) (* 2 x))\n(dotimes (i 5) (f i))", threshold=3)
    assert r["functions"]["F"]["tier"] == 2 and r["functions"]["F"]["promoted_at_call"] == 4


def test_tier1_only_mode(playground: Playground) -> None:
    """Mode "Tier 1 only" never promotes, however often a function is called."""
    r = playground.run(FIB.replace("25", "15"), threshold=10, mode="1")
    assert r["value"] == "610"
    assert r["functions"]["FIB"]["tier"] == 1
    assert playground.by_id("fn-FIB").get_attribute("data-tier") == "1"


def test_tier2_from_the_start(playground: Playground) -> None:
    """Mode "Tier 2 from the start" compiles every function when it is defined."""
    r = playground.run("(defun inc (x) (+ x 1))\n(inc 41)", mode="2")
    assert r["value"] == "42"
    assert r["functions"]["INC"]["tier"] == 2
    assert playground.by_id("fn-INC").get_attribute("data-tier") == "2"
    playground.run("nil", mode="auto", threshold=10)


def test_demotion_is_shown_as_back_to_tier1(playground: Playground) -> None:
    """A promoted function that crosses into Python twice per call (STRING-UPCASE and PRINC-TO-STRING are Tier 1's
    library) is sent back to Tier 1 by the safety net; the timeline says "back to Tier 1" with the reason and the
    row says why, instead of looking like a failed compilation."""
    src = ("(defun two-host (x) (length (string-upcase (princ-to-string x))))\n"
           "(let ((s 0)) (dotimes (i 20000) (incf s (two-host i))) s)")
    r = playground.run(src, threshold=10, mode="auto")
    assert r["error"] is None and r["value"] == "88890"
    fn = r["functions"]["TWO-HOST"]
    assert fn["tier"] == 1 and fn["tier2_error"].startswith("demoted: ")
    assert [e for e in r["events"] if e["function"] == "TWO-HOST" and e.get("demoted")]
    assert "back to Tier 1" in playground.by_id("event-TWO-HOST").last.inner_text()
    assert "Back in Tier 1" in playground.by_id("note-TWO-HOST").inner_text()
