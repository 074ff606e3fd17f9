# The printer against SBCL 2.2.9: each row is (Lisp source, SBCL's PRIN1-TO-STRING, SBCL's PRINC-TO-STRING) of the
# object the source reads as (floats read as double-float). Produced by tests/lisp/sbcl_oracle.py; the `sbcl` test
# re-checks the table; a second test covers random doubles.
from __future__ import annotations

import random
import struct

import pytest

from clysm.lisp.printer import prin1_to_string, princ_to_string
from clysm.lisp.types import SingleFloat, to_single

from .conftest import World
from .sbcl_oracle import have_sbcl, sbcl_print

PRINT_CASES: list[tuple[str, str | None, str | None]] = [
    ("(a . 1)", "(A . 1)", "(A . 1)"),
    ("(1 2 3)", "(1 2 3)", "(1 2 3)"),
    ("nil", "NIL", "NIL"),
    ("()", "NIL", "NIL"),
    ("t", "T", "T"),
    ('"s"', '"s"', "s"),
    ('"a\\"b\\\\c"', '"a\\"b\\\\c"', 'a"b\\c'),
    ("#\\a", "#\\a", "a"),
    ("#\\A", "#\\A", "A"),
    ("#\\Space", "#\\ ", " "),
    ("#\\Newline", "#\\Newline", "\n"),
    ("#\\Tab", "#\\Tab", "\t"),
    ("#\\Nul", "#\\Nul", "\x00"),
    ("#\\Rubout", "#\\Rubout", "\x7f"),
    ("#\\Backspace", "#\\Backspace", "\x08"),
    ("#\\Page", "#\\Page", "\x0c"),
    ("#\\Return", "#\\Return", "\r"),
    ("#\\Linefeed", "#\\Newline", "\n"),
    ("#\\(", "#\\(", "("),
    ("#\\)", "#\\)", ")"),
    ("#\\\\", "#\\\\", "\\"),
    ("#\\|", "#\\|", "|"),
    ("#\\U+E9", "#\\LATIN_SMALL_LETTER_E_WITH_ACUTE", "é"),
    ("#\\U+3BB", "#\\GREEK_SMALL_LETTER_LAMDA", "λ"),
    ("#\\U+80", "#\\C80", "\x80"),
    ("#\\U+A0", "#\\NO-BREAK_SPACE", "\xa0"),
    ("#\\U+4E00", "#\\U4E00", "一"),
    ("#\\U+1F600", "#\\GRINNING_FACE", "😀"),
    ("#\\Esc", "#\\Esc", "\x1b"),
    ("1/3", "1/3", "1/3"),
    ("-1/2", "-1/2", "-1/2"),
    ("4/2", "2", "2"),
    ("0", "0", "0"),
    ("-0", "0", "0"),
    ("123456789012345678901234567890", "123456789012345678901234567890", "123456789012345678901234567890"),
    ("1.5", "1.5", "1.5"),
    ("1.0", "1.0", "1.0"),
    ('1d10', '1.0d10', '1.0d10'),
    ('1d7', '1.0d7', '1.0d7'),
    ("1234567.0", "1234567.0", "1234567.0"),
    ("9999999.0", "9999999.0", "9999999.0"),
    ("0.001", "0.001", "0.001"),
    ("0.0001", "1.0e-4", "1.0e-4"),
    ('1.2345678901234567d19', '1.2345678901234567d19', '1.2345678901234567d19'),
    ("0.1", "0.1", "0.1"),
    ('1d-5', '1.0d-5', '1.0d-5'),
    ("-0.0", "-0.0", "-0.0"),
    ('1d100', '1.0d100', '1.0d100'),
    ('1d-100', '1.0d-100', '1.0d-100'),
    ('1.7976931348623157d308', '1.7976931348623157d308', '1.7976931348623157d308'),
    ('2.2250738585072014d-308', '2.2250738585072014d-308', '2.2250738585072014d-308'),
    ("100.0", "100.0", "100.0"),
    ('1d16', '1.0d16', '1.0d16'),
    ('1d21', '1.0d21', '1.0d21'),
    ('1d22', '1.0d22', '1.0d22'),
    ('1d23', '1.0d23', '1.0d23'),
    ("0.3", "0.3", "0.3"),
    ("12345.678", "12345.678", "12345.678"),
    ('-5.5d-7', '-5.5d-7', '-5.5d-7'),
    ('1.5d300', '1.5d300', '1.5d300'),
    ("123.0", "123.0", "123.0"),
    ('1d6', '1000000.0d0', '1000000.0d0'),
    ("0.00123", "0.00123", "0.00123"),
    ("0.0009999", "9.999e-4", "9.999e-4"),
    ('9999999.999', '1.0e7', '1.0e7'),
    ('1d-3', '0.001d0', '0.001d0'),
    ('-1d7', '-1.0d7', '-1.0d7'),
    ("3.0e-3", "0.003", "0.003"),
    ("#(1 2)", "#(1 2)", "#(1 2)"),
    ("#()", "#()", "#()"),
    ('#(a (b) "c")', '#(A (B) "c")', "#(A (B) c)"),
    (":key", ":KEY", "KEY"),
    (":|a b|", ":|a b|", "a b"),
    ("#:g12", "#:G12", "G12"),
    ("#:|foo|", "#:|foo|", "foo"),
    ("|foo|", "|foo|", "foo"),
    ("|a b|", "|a b|", "a b"),
    ("||", "||", ""),
    ("|1|", "|1|", "1"),
    ("1+", "1+", "1+"),
    ("1-", "1-", "1-"),
    ("+", "+", "+"),
    ("-", "-", "-"),
    ("|.|", "|.|", "."),
    ("|..|", "|..|", ".."),
    ("|1.2.3|", "|1.2.3|", "1.2.3"),
    ("|1E5|", "|1E5|", "1E5"),
    ("|A:B|", "|A:B|", "A:B"),
    ("|A(B|", "|A(B|", "A(B"),
    ("|A'B|", "|A'B|", "A'B"),
    ("|A;B|", "|A;B|", "A;B"),
    ('|A"B|', '|A"B|', 'A"B'),
    ("|A\\|B|", "|A\\|B|", "A|B"),
    ("|A\\\\B|", "|A\\\\B|", "A\\B"),
    ("|#FOO|", "|#FOO|", "#FOO"),
    ("|FOO#|", "|FOO#|", "FOO#"),
    ("|A,B|", "|A,B|", "A,B"),
    ("|A`B|", "|A`B|", "A`B"),
    ("|+1|", "|+1|", "+1"),
    ("|-1|", "|-1|", "-1"),
    ("|1/2|", "|1/2|", "1/2"),
    ("|1/|", "|1/|", "1/"),
    ("/", "/", "/"),
    ("/5", "/5", "/5"),
    ("|1.5|", "|1.5|", "1.5"),
    ("|.5|", "|.5|", ".5"),
    ("|5.|", "|5.|", "5."),
    ("|+.5|", "|+.5|", "+.5"),
    ("foo+", "FOO+", "FOO+"),
    ("ab.cd", "AB.CD", "AB.CD"),
    ("_", "_", "_"),
    ("^", "^", "^"),
    ("^/-", "^/-", "^/-"),
    ("|1B5000|", "|1B5000|", "1B5000"),
    ("|3^4/5|", "|3^4/5|", "3^4/5"),
    ("|1X|", "|1X|", "1X"),
    ("12ab", "12AB", "12AB"),
    ("1ab", "1AB", "1AB"),
    ("a1", "A1", "A1"),
    ("+a", "+A", "+A"),
    ("|-A1|", "|-A1|", "-A1"),
    ("|1.5E+|", "1.5E+", "1.5E+"),
    ("|1E|", "|1E|", "1E"),
    ("e1", "E1", "E1"),
    ("|.E1|", "|.E1|", ".E1"),
    ("%", "%", "%"),
    ("&rest", "&REST", "&REST"),
    ("*x*", "*X*", "*X*"),
    ("{", "{", "{"),
    ("[", "[", "["),
    ("!", "!", "!"),
    ("?", "?", "?"),
    ("@", "@", "@"),
    ("$", "$", "$"),
    ("a~b", "A~B", "A~B"),
    ("|É|", "É", "É"),
    ("|é|", "|é|", "é"),
    ("|A\tB|", "|A\tB|", "A\tB"),
    ("pk::foo", "PK::FOO", "FOO"),
    ("pk::|lc|", "PK::|lc|", "lc"),
    ("cl:car", "CAR", "CAR"),
    ("cl-user::zork", "ZORK", "ZORK"),
    ("'x", "'X", "'X"),
    ("#'f", "#'F", "#'F"),
    ("(quote x y)", "(QUOTE X Y)", "(QUOTE X Y)"),
    ("(function . f)", "(FUNCTION . F)", "(FUNCTION . F)"),
    ("(quote)", "(QUOTE)", "(QUOTE)"),
    ("(quote x . y)", "(QUOTE X . Y)", "(QUOTE X . Y)"),
    ("(a quote b)", "(A QUOTE B)", "(A QUOTE B)"),
    ("(a 'b #'c)", "(A 'B #'C)", "(A 'B #'C)"),
    ("((quote x))", "('X)", "('X)"),
    ("''x", "''X", "''X"),
    ("(function (lambda (x) x))", "#'(LAMBDA (X) X)", "#'(LAMBDA (X) X)"),
    ('(1 (2 (3 . 4)) #(a "b" #\\c) . 5)', '(1 (2 (3 . 4)) #(A "b" #\\c) . 5)', "(1 (2 (3 . 4)) #(A b c) . 5)"),
    ("(nil t)", "(NIL T)", "(NIL T)"),
    ("(() ())", "(NIL NIL)", "(NIL NIL)"),
    ("#*101", "#*101", "#*101"),
    ("#*", "#*", "#*"),
    ("#c(1.0 2.5)", "#C(1.0 2.5)", "#C(1.0 2.5)"),
    ("(#:a #:a)", "(#:A #:A)", "(A A)"),
    ("((a . b) (c . d))", "((A . B) (C . D))", "((A . B) (C . D))"),
    ("(a . (b . (c . nil)))", "(A B C)", "(A B C)"),
    ("(a . #(1))", "(A . #(1))", "(A . #(1))"),
    ('(a . "s")', '(A . "s")', "(A . s)"),
    ("('a . 'b)", "('A QUOTE B)", "('A QUOTE B)"),
    ("#('a #'b)", "#('A #'B)", "#('A #'B)"),
]


@pytest.mark.parametrize(("source", "prin1", "princ"), PRINT_CASES)
def test_print_matches_sbcl(world: World, source: str, prin1: str, princ: str) -> None:
    """PRIN1 and PRINC of the object read from `source` are exactly SBCL's."""
    obj = world.read(source)
    assert prin1_to_string(obj) == prin1
    assert princ_to_string(obj) == princ


def _random_doubles(count: int) -> list[float]:
    rng = random.Random(2022)
    result: list[float] = []
    while len(result) < count:
        x = struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0]
        if x == x and abs(x) != float("inf") and abs(x) > 2.3e-308:
            result.append(x)
        result.append(rng.uniform(-1, 1) * 10 ** rng.randint(-9, 12))
    return result


def _source(x: float) -> str:
    text = repr(x)
    return text.replace("e", "d") if "e" in text else text + "d0"


@pytest.mark.sbcl
@pytest.mark.skipif(not have_sbcl(), reason="needs sbcl")
def test_print_table_is_what_sbcl_says() -> None:
    """The expectations above are really SBCL's."""
    sources = [s for s, _, _ in PRINT_CASES]
    assert sbcl_print(sources) == [p for _, p, _ in PRINT_CASES]
    assert sbcl_print(sources, "princ-to-string") == [p for _, _, p in PRINT_CASES]


@pytest.mark.sbcl
@pytest.mark.skipif(not have_sbcl(), reason="needs sbcl")
def test_random_doubles_print_like_sbcl(world: World) -> None:
    """Shortest round-trip digits and SBCL's fixed/exponential switch (1e-3 <= |x| < 1e7) on random doubles."""
    doubles = _random_doubles(200)
    expected = sbcl_print([_source(x) for x in doubles])
    assert [prin1_to_string(x) for x in doubles] == expected


def _random_singles(count: int) -> list[SingleFloat]:
    rng = random.Random(2026)
    result: list[SingleFloat] = []
    while len(result) < count:
        x = struct.unpack("f", struct.pack("I", rng.getrandbits(32)))[0]
        if x == x and abs(x) != float("inf") and abs(x) >= 1.1754943508222875e-38:
            result.append(SingleFloat(x))
        result.append(to_single(rng.uniform(-1, 1) * 10 ** rng.randint(-6, 9)))
    return result


@pytest.mark.sbcl
@pytest.mark.skipif(not have_sbcl(), reason="needs sbcl")
def test_random_singles_print_like_sbcl() -> None:
    """Shortest digits that identify a single-float (24-bit rounding interval) and the e/d markers, on random
    singles (normal ones: subnormals are a documented approximation) and the doubles they widen to."""
    singles = _random_singles(300)
    expected = sbcl_print([repr(float(x)).replace("e", "f") if "e" in repr(float(x)) else repr(float(x)) + "f0"
                           for x in singles])
    assert [prin1_to_string(x) for x in singles] == expected
