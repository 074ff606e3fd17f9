# Number formatting for FORMAT: English and Roman numerals (~R) and the floating-point directives ~F ~E ~G ~$,
# following SBCL 2.2.9 (rationals are coerced to single-float first, as SBCL does; digits are the shortest that
# identify the float, and rounding to fewer digits uses the float's exact value with ties going away from zero).
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction

from clysm.lisp.floats import single_digits
from clysm.lisp.printer import float_digits
from clysm.lisp.types import SingleFloat, to_single, to_single_exact

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = (
    "_ thousand million billion trillion quadrillion quintillion sextillion septillion octillion nonillion decillion "
    "undecillion duodecillion tredecillion quattuordecillion quindecillion sexdecillion septendecillion "
    "octodecillion novemdecillion vigintillion"
).split()
_ORDINAL_WORDS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth",
    "twelve": "twelfth", "zero": "zeroth",
}  # fmt: skip


def _below_thousand(n: int) -> str:
    words = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words.append(_ONES[hundreds] + " hundred")
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_TENS[tens] + ("-" + _ONES[ones] if ones else ""))
    elif rest:
        words.append(_ONES[rest])
    return " ".join(words)


def english_cardinal(n: int) -> str | None:
    """~R: "one hundred twenty-three"; None when |n| >= 10**66 (SBCL signals an error)."""
    if n == 0:
        return "zero"
    if abs(n) >= 10**66:
        return None
    words = []
    m = abs(n)
    scale = 0
    while m:
        m, group = divmod(m, 1000)
        if group:
            words.append(_below_thousand(group) + ("" if scale == 0 else " " + _SCALES[scale]))
        scale += 1
    text = " ".join(reversed(words))
    return "negative " + text if n < 0 else text


def english_ordinal(n: int) -> str | None:
    """~:R: "one hundred twenty-third"."""
    text = english_cardinal(n)
    if text is None:
        return None
    cut = max(text.rfind(" "), text.rfind("-")) + 1
    last = text[cut:]
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return text[:cut] + last


def roman(n: int, old: bool = False) -> str | None:
    """~@R (IV) or ~:@R (old style, IIII); None when out of range (SBCL signals an error)."""
    if not 0 < n < (5000 if old else 4000):
        return None
    table = (
        ((1000, "M"), (500, "D"), (100, "C"), (50, "L"), (10, "X"), (5, "V"), (1, "I"))
        if old
        else (
            (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
            (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
        )
    )  # fmt: skip
    parts = []
    for value, letters in table:
        count, n = divmod(n, value)
        parts.append(letters * count)
    return "".join(parts)


# ---------------------------------------------------------------------------------------------- floats


class _Flonum:
    """A float argument: its value, whether it stands for a single-float (a coerced rational), and its digits."""

    __slots__ = ("value", "single")

    def __init__(self, value: float, single: bool) -> None:
        self.value = value
        self.single = single

    def digits(self) -> tuple[str, int]:
        """Shortest digits and exponent k (|x| = 0.digits * 10**k) for the float's own precision."""
        x = abs(self.value)
        if x == 0:
            return "0", 1
        return single_digits(x) if self.single else float_digits(x)


def _flonum(x: object) -> _Flonum | None:
    if isinstance(x, bool):
        return None
    if type(x) is SingleFloat:
        return _Flonum(x, True)
    if isinstance(x, float):
        return _Flonum(x, False)
    if isinstance(x, (int, Fraction)):
        try:
            return _Flonum(to_single_exact(x), True)
        except OverflowError:
            return _Flonum(float(x), False)
    return None


def _fixed_digits(num: _Flonum, fdigits: int | None, scale: int) -> tuple[str, str]:
    """Integer and fraction digit strings of |x| * 10**scale, with exactly `fdigits` fraction digits when given
    (otherwise the shortest digits, at least one fraction digit)."""
    digits, k = num.digits()
    k += scale
    if digits == "0":
        whole, frac = "0", ""
    elif k <= 0:
        whole, frac = "0", "0" * -k + digits
    elif k >= len(digits):
        whole, frac = digits + "0" * (k - len(digits)), ""
    else:
        whole, frac = digits[:k], digits[k:]
    if fdigits is None:
        return whole, frac or "0"
    if len(frac) <= fdigits:
        return whole, frac + "0" * (fdigits - len(frac))
    exact = Decimal(abs(num.value)).scaleb(scale)
    context = Context(prec=max(50, len(whole) + fdigits + 30), Emax=999999, Emin=-999999)
    rounded = exact.quantize(Decimal(1).scaleb(-fdigits), rounding=ROUND_HALF_UP, context=context)
    text = f"{rounded:f}"
    whole, _, frac = text.partition(".")
    return whole, frac


def format_fixed(x: object, w: int | None, d: int | None, k: int, over: str | None, pad: str, plus: bool) -> str | None:
    """~w,d,k,overflowchar,padcharF; None when x is not a real number (the caller prints it with ~A)."""
    num = _flonum(x)
    if num is None:
        return None
    value = num.value
    if value != value or value in (float("inf"), float("-inf")):
        from clysm.lisp.printer import float_to_string

        return float_to_string(value)
    negative = value < 0 or (value == 0 and str(value).startswith("-"))
    sign = "-" if negative else ("+" if plus else "")
    if w is None and d is None:
        whole, frac = _fixed_digits(num, None, k)
        return sign + whole + "." + frac
    if d is None:
        whole, frac = _fixed_digits(num, None, k)
        # Fraction digits that fit in w (the leading zero of a value below one can go; keep one digit then).
        # Like SBCL, a width of 1 does not limit the digits, nor does rounding that would carry into a new
        # leading digit (~3F of 0.996 prints .996, not 1.00).
        room = w - len(sign) - (0 if whole == "0" else len(whole)) - 1
        if whole == "0":
            room = max(room, 1)
        if w > 1 and 0 <= room < len(frac):
            rounded_whole, rounded_frac = _fixed_digits(num, room, k)
            if len(rounded_whole) == len(whole) and (whole != "0" or rounded_whole == "0"):
                whole, frac = rounded_whole, rounded_frac
    else:
        whole, frac = _fixed_digits(num, d, k)
    text = whole + "." + frac
    if w is not None and whole == "0" and len(sign) + len(text) > w and (frac or d is None):
        text = text[1:]  # drop the leading zero when it does not fit
    text = sign + text
    if w is not None and len(text) > w:
        if over is not None:
            return over * w
        return text
    return text.rjust(w or 0, pad)


_LOG10_2 = math.log10(2)


def scale_exponent(x: float, single: bool) -> tuple[float, int]:
    """SBCL's SB-IMPL::SCALE-EXPONENT of a positive finite x: (z, ex) with x ~ z * 10**ex and 0.1 <= z < 1 (or z
    1.0 after rounding), z computed in double precision by SBCL's steps and returned in x's format."""
    _sig, exponent = math.frexp(x)
    ex = round(exponent * _LOG10_2)
    if ex < 0:
        if x < 2.2250738585072014e-308:
            y = x * 1.0e16 * 10.0 ** (-ex - 16)
        else:
            y = x * 10.0 * 10.0 ** (-ex - 1)
    else:
        y = x / 10.0 / 10.0 ** (ex - 1)
    d = 10.0
    scaled = y
    while not scaled < 1.0:
        scaled = y / d
        d *= 10.0
        ex += 1
    m = 10.0
    z = scaled
    while not z >= 0.1:
        z = scaled * m
        m *= 10.0
        ex -= 1
    return (to_single(z) if single else z), ex


def format_exponential(
    x: object,
    w: int | None,
    d: int | None,
    e: int | None,
    k: int | None,
    over: str | None,
    pad: str,
    marker: str | None,
    plus: bool,
) -> str | None:
    """~w,d,e,k,overflowchar,padchar,exptcharE; None when x is not a real number."""
    num = _flonum(x)
    if num is None:
        return None
    value = num.value
    if value != value or value in (float("inf"), float("-inf")):
        from clysm.lisp.printer import float_to_string

        return float_to_string(value)
    k = 1 if k is None else k
    sign = "-" if value < 0 or str(value).startswith("-") else ("+" if plus else "")
    digits, point = num.digits()
    if digits == "0":
        exponent, shift = 0, 0
    else:
        # Like SBCL, print the digits of SCALE-EXPONENT's scaled value (abs x / 10**ex, in [0.1, 1), computed in
        # double precision then made a float of x's format): (format nil "~E" 1.5d0) is 1.4999999999999997d+0.
        z, shift = scale_exponent(abs(value), num.single)
        num = _Flonum(z, num.single)
        if z == 1.0:
            k -= 1
        exponent = shift - k
    if d is None:
        whole, frac = _fixed_digits(num, None, shift - exponent)
    else:
        fdigits = max(d - k + 1 if k > 0 else d, 0)
        whole, frac = _fixed_digits(num, fdigits, shift - exponent)
        carried = (k > 0 and len(whole) > k) or (k <= 0 and (whole != "0" or frac[:-k] != "0" * -k))
        if carried and digits != "0":  # rounding reached the next power of ten (9.99 -> 10.0): renormalise
            exponent += 1
            whole, frac = _fixed_digits(num, fdigits, shift - exponent)
    if k <= 0:
        whole = "0"
    if marker is None:
        marker = "e" if num.single else "d"  # *read-default-float-format* is single-float
    exp_text = str(abs(exponent)).rjust(e or 0, "0")
    text = sign + whole + "." + frac + marker + ("-" if exponent < 0 else "+") + exp_text
    if w is not None and len(text) > w:
        return over * w if over is not None else text
    return text.rjust(w or 0, pad)


def format_general(
    x: object,
    w: int | None,
    d: int | None,
    e: int | None,
    k: int | None,
    over: str | None,
    pad: str,
    marker: str | None,
    plus: bool,
) -> str | None:
    """~G (CLHS 22.3.3.3): fixed notation followed by spaces when the exponent is moderate, else ~E."""
    num = _flonum(x)
    if num is None:
        return None
    digits, n = num.digits()  # zero: n is 1, as SCALE-EXPONENT says, so (format nil "~G" 0) is "0.    "
    ee = e + 2 if e is not None else 4
    ww = None if w is None else w - ee
    # q: SBCL counts the digits of the fixed-notation string (leading zeros after the point, trailing zeros before
    # it), so (format nil "~G" 1e20) stays in fixed notation and 1e-20 gets many zeros in ~E.
    q = 1 if digits == "0" else -n + len(digits) if n <= 0 else max(n, len(digits))
    dd_total = d if d is not None else max(q, min(n, 7))
    dd = dd_total - n
    if 0 <= dd <= dd_total:
        fixed = format_fixed(x, ww, dd, 0, over, pad, plus)
        assert fixed is not None
        return fixed + " " * ee
    return format_exponential(x, w, dd_total, e, k, over, pad, marker, plus)  # SBCL passes the d it computed


def format_dollars(x: object, d: int, n: int, w: int, pad: str, plus: bool, sign_first: bool) -> str | None:
    """~d,n,w,padchar$ (monetary): at least n integer digits, exactly d fraction digits, width w."""
    num = _flonum(x)
    if num is None:
        return None
    value = num.value
    if value != value or value in (float("inf"), float("-inf")):
        from clysm.lisp.printer import float_to_string

        return float_to_string(value)
    whole, frac = _fixed_digits(num, d, 0)
    sign = "-" if value < 0 or str(value).startswith("-") else ("+" if plus else "")
    body = whole.rjust(n, "0") + "." + frac
    if sign_first:
        return sign + body.rjust(w - len(sign), pad)
    return (sign + body).rjust(w, pad)
