# The Python stand-ins for the JS String Builtins (bridge.string_builtins_fallback), used by the runtime module on a
# host that compiles without `builtins: ["js-string"]`: they must answer exactly as the builtins do on the JS
# string (UTF-16 code units), or Tier 2 would read wrong characters there (docs/ABI.md "Strings and characters").
from __future__ import annotations

from clysm.compiler.runtime_strings import JS_FUNCS, JS_STRING, string_builtins_fallback


def test_fallback_matches_js_string_semantics() -> None:
    ns = string_builtins_fallback()[JS_STRING]
    assert set(ns) == {name for name, _, _ in JS_FUNCS}
    s = "aλ😀b"  # JS: 'a', 'λ', a surrogate pair, 'b' -> length 5
    assert ns["test"](s) == 1 and ns["test"](0) == 0 and ns["test"](None) == 0
    assert ns["length"](s) == 5 and ns["length"]("") == 0
    assert [ns["codePointAt"](s, i) for i in range(5)] == [97, 955, 128512, 0xDE00, 98]
    # the two str_make needs (strings made in Wasm): one code point -> a one- or two-unit string, and concatenation
    assert ns["fromCodePoint"](97) == "a" and ns["fromCodePoint"](128512) == "😀"
    assert ns["concat"]("a", "λ") == "aλ"
