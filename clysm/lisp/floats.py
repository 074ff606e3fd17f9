# Single- and double-floats as text: reading a float token with its exponent marker (exactly rounded to binary32
# for single-floats) and the shortest digits that read back as the same single-float. The SingleFloat type itself
# lives in clysm.lisp.types; printing layouts (where the point goes, which marker) are in printer.py.
from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal
from fractions import Fraction

from clysm.lisp.types import SingleFloat, to_single, to_single_exact

_DOUBLE_MARKERS = frozenset("dDlL")
_SINGLE_MARKERS = frozenset("fFsS")


def make_float(mantissa: str, marker: str | None, exponent: str | None, double_default: bool) -> float:
    """The float a token denotes: `marker` e/E (or none) means *read-default-float-format*, s/f single, d/l
    double. Raises OverflowError when the value is beyond the format's range."""
    text = f"{mantissa}e{exponent or '0'}"
    d = float(text)
    if d in (float("inf"), float("-inf")):
        raise OverflowError(text)
    if marker in _DOUBLE_MARKERS or (double_default and marker not in _SINGLE_MARKERS):
        return d
    if d == 0.0:
        return SingleFloat(d)
    return to_single_exact(Fraction(Decimal(text)))


def single_digits(x: float) -> tuple[str, int]:
    """The shortest digit string d1d2... and exponent k with |x| = 0.d1d2... * 10**k that lies within x's rounding
    interval as a 24-bit float (SBCL's FLONUM-TO-DIGITS, which treats subnormals as if they had 24 bits too, so
    least-positive-single-float prints 1.4012985e-45); of two shortest candidates, the nearer one (a tie: the
    upper one, as FLONUM-TO-DIGITS)."""
    value = Fraction(abs(float(x)))
    m, e = math.frexp(abs(float(x)))
    mantissa = int(m * (1 << 24))
    half_ulp = Fraction(2) ** (e - 25)
    high = value + half_ulp
    low = value - (half_ulp / 2 if mantissa == 1 << 23 and e > -125 else half_ulp)
    inclusive = mantissa % 2 == 0
    exact = Decimal(abs(float(x)))
    for precision in range(1, 12):
        best: Decimal | None = None
        for rounding in (ROUND_FLOOR, ROUND_CEILING):
            candidate = Context(prec=precision, rounding=rounding).plus(exact)
            c = Fraction(candidate)
            inside = low <= c <= high if inclusive else low < c < high
            if inside and (best is None or abs(candidate - exact) <= abs(best - exact)):  # a tie goes up
                best = candidate
        if best is not None:
            _sign, digits, exp = best.normalize().as_tuple()
            assert isinstance(exp, int)
            text = "".join(map(str, digits)).rstrip("0") or "0"
            return text, len(digits) + exp
    raise ValueError(x)  # pragma: no cover - 9 digits always identify a single-float


def single_or_none(x: float) -> SingleFloat | None:
    """x as a single-float if it is exactly representable as one, else None."""
    try:
        s = to_single(x)
    except OverflowError:
        return None
    return s if float(s) == x or x != x else None
