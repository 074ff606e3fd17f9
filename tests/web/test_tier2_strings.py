# Tier 2 strings in the page's browsers (docs/ABI.md "Strings and characters"): the runtime module imports the JS
# String Builtins, which Chromium and Firefox provide when compiling with {builtins: ["js-string"]}; a forced-Tier-2
# program reading strings character by character (CHAR, LENGTH, CHAR-CODE, STRING=, SEARCH, PARSE-INTEGER) gives
# Tier 1's value there, non-BMP characters included.
from __future__ import annotations

from .harness import Playground

PROGRAM = """
(defun cks (s)
  (let ((sum 0))
    (dotimes (k (length s) sum)
      (setq sum (mod (+ (* sum 31) (char-code (char s k))) 1000003)))))
(list (cks "hello") (cks "aλ😀b") (char "aλ😀b" 2) (string= "x😀" "x😀") (search "😀" "aλ😀b")
      (parse-integer "-42") (eq (char "abc" 1) #\\b))
"""


def test_strings_in_forced_tier2(playground: Playground) -> None:
    """The same value in Tier 1 and forced Tier 2 (every function and the top-level form compiled to Wasm)."""
    r1 = playground.run(PROGRAM, mode="1")
    r2 = playground.run(PROGRAM, mode="2")
    assert r1["error"] is None and r2["error"] is None, (r1["error"], r2["error"])
    assert r2["value"] == r1["value"], (r1["value"], r2["value"])
    assert r2["functions"]["CKS"]["tier"] == 2
