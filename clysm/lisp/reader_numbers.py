# Number syntax for the reader (reader.py): which tokens are numbers in base 10 (integers, ratios, floats by their
# exponent marker, clysm.lisp.floats), the rationals of #B/#O/#X/#nR, and #C's parts. Pure functions of the text; a
# malformed number raises NumberSyntaxError with the message, and the reader turns it into a ReaderError at the
# token's position.
from __future__ import annotations

import re
from fractions import Fraction

from clysm.lisp.floats import make_float
from clysm.lisp.types import NIL, Cons, LispObject

_INTEGER = re.compile(r"[+-]?[0-9]+\.?\Z")
_RATIO = re.compile(r"([+-]?[0-9]+)/([0-9]+)\Z")
_FLOAT = re.compile(r"([+-]?(?:[0-9]*\.[0-9]+|[0-9]+(?:\.[0-9]*)?(?=[esfdlESFDL])))(?:([esfdlESFDL])([+-]?[0-9]+))?\Z")
_RADIX_RATIONAL = re.compile(r"([+-]?)([0-9A-Za-z]+)(?:/([0-9A-Za-z]+))?\Z")
_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class NumberSyntaxError(Exception):
    """A token that has number syntax but denotes no number the reader can make (the message says why)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_integer(digits: str, base: int = 10) -> int:
    """int(digits, base) without CPython's 4300-digit limit on decimal conversions."""
    if len(digits) <= 4000:
        return int(digits, base)
    result = 0
    for i in range(0, len(digits), 4000):
        chunk = digits[i : i + 4000]
        result = result * base ** len(chunk) + int(chunk, base)
    return result


def _ratio(numerator: int, denominator: int, text: str) -> LispObject:
    if denominator == 0:
        raise NumberSyntaxError(f"division by zero in the ratio {text}")
    value = Fraction(numerator, denominator)
    return value.numerator if value.denominator == 1 else value


def parse_number(text: str, double_default: bool = False) -> LispObject | None:
    """The number a token denotes in base 10, or None if it is not number syntax. A float without an exponent
    marker (or with e) is a single-float unless `double_default` (*read-default-float-format* DOUBLE-FLOAT)."""
    first = text[0]
    if not (first.isdigit() or first in "+-."):
        return None
    if _INTEGER.match(text):
        return parse_integer(text.rstrip("."))
    m = _RATIO.match(text)
    if m:
        return _ratio(parse_integer(m.group(1)), parse_integer(m.group(2)), text)
    m = _FLOAT.match(text)
    if m:
        try:
            return make_float(m.group(1), m.group(2), m.group(3), double_default)
        except OverflowError:
            raise NumberSyntaxError(f"floating-point overflow reading {text}") from None
    return None


def parse_radix_rational(text: str, radix: int, sub: str, escaped: bool) -> LispObject:
    """The rational after #B/#O/#X/#nR (`sub` is the dispatch character, for messages; `escaped`: the token had
    escape characters, which make it no number)."""
    m = _RADIX_RATIONAL.match(text)
    valid = _DIGITS[:radix]
    if (
        m is None
        or escaped
        or any(c not in valid for c in m.group(2).upper())
        or (m.group(3) is not None and any(c not in valid for c in m.group(3).upper()))
    ):
        raise NumberSyntaxError(f"#{sub} (base {radix}) value is not a rational: {text}")
    value: LispObject = parse_integer(m.group(2), radix)
    if m.group(3) is not None:
        value = _ratio(value, parse_integer(m.group(3), radix), text)  # type: ignore[arg-type]
    return -value if m.group(1) == "-" else value  # type: ignore[operator]


def make_complex(parts: LispObject) -> complex:
    """#C(real imag): Python complex numbers hold floats, so both parts must be floats (or become floats)."""
    if not (isinstance(parts, Cons) and isinstance(parts.cdr, Cons) and parts.cdr.cdr is NIL):
        raise NumberSyntaxError("#C must be followed by a list of two real numbers")
    real, imag = parts.car, parts.cdr.car
    for part in (real, imag):
        if not isinstance(part, (int, float, Fraction)) or isinstance(part, bool):
            raise NumberSyntaxError("#C must be followed by a list of two real numbers")
    if not (isinstance(real, float) or isinstance(imag, float)):
        raise NumberSyntaxError("complex numbers with rational parts are not supported (use floats)")
    return complex(real, imag)
