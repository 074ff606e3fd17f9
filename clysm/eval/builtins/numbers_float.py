# The Numbers chapter, part 2: EXPT, SQRT, exponentials, logarithms and trigonometry (complex results for
# arguments outside the real domain), FLOAT, RATIONAL, RATIONALIZE (SBCL's algorithm) and float decoding.
# Irrational functions compute in double precision and give a single-float unless an argument is a double-float
# (SBCL's float contagion: rationals and singles give singles).
from __future__ import annotations

import cmath
import math
from fractions import Fraction
from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.mvalues import returns_values, values
from clysm.eval.builtins.numbers import (
    _MAX_RESULT_BITS,
    _NUMBER,
    _RATIONAL,
    _fix,
    _integer,
    _number,
    _real,
    _too_big,
    div0,
    float_like,
    overflow,
    single_contagion,
    to_float,
    to_single_float,
)
from clysm.eval.builtins.registry import builtin
from clysm.lisp.types import SingleFloat, to_single

_FLOAT = (float, SingleFloat)

# ---------------------------------------------------------------------------------------------- exponentials

def _contagion(result: Any, op: str, *args: Any) -> Any:
    """A double-precision result as the float type of the arguments: a single-float (or a complex with single
    parts) unless some argument is a double-float or a complex."""
    single = single_contagion(*args) and all(type(a) is not complex for a in args)
    try:
        if type(result) is complex:
            if math.isinf(result.real) or math.isinf(result.imag):
                overflow(op, *args)
            return complex(to_single(result.real), to_single(result.imag)) if single else result
        if type(result) is float:
            if math.isinf(result):
                overflow(op, *args)
            return to_single(result) if single else result
    except OverflowError:
        overflow(op, *args)
    return result


@builtin("EXPT")
def expt(base: Any, power: Any) -> Any:
    tb = type(base)
    tp = type(power)
    if tb not in _NUMBER:
        errors.type_error(base, "NUMBER")
    if tp not in _NUMBER:
        errors.type_error(power, "NUMBER")
    try:
        if tp is int:
            if tb in _RATIONAL and abs(power) > 64 and abs(base) != 1 and base != 0:
                bits = (base.bit_length() if tb is int else max(base.numerator.bit_length(),
                                                                base.denominator.bit_length()))
                if bits * abs(power) > _MAX_RESULT_BITS:
                    _too_big("EXPT")
            if tb is SingleFloat:  # SBCL's REAL-EXPT: pow in double precision, then rounded to single
                return _contagion(float(base) ** power, "EXPT", base, power)
            if power >= 0:
                return _fix(base**power, "EXPT", base, power)
            if base == 0:
                div0("/", 1, base)
            if tb is int:
                return _fix(Fraction(1, base ** (-power)), "EXPT", base, power)
            return _fix(base**power, "EXPT", base, power)
        if base == 0:
            if tp is complex or power.real > 0:
                return float_like(0, single_contagion(base, power)) if tb in _FLOAT or tp in _FLOAT else 0
            div0("/", 1, base)
        if tp is complex or tb is complex:
            return _contagion(complex(base) ** complex(power), "EXPT", base, power)
        fb = to_float(base, "EXPT")
        fp = to_float(power, "EXPT")
        if fb < 0:
            return _contagion(complex(fb) ** fp, "EXPT", base, power)
        return _contagion(fb**fp, "EXPT", base, power)
    except OverflowError:
        overflow("EXPT", base, power)
    except ZeroDivisionError:
        div0("/", 1, base)


@builtin("SQRT")
def sqrt(x: Any) -> Any:
    t = type(x)
    if t is complex:
        return cmath.sqrt(x)
    _real(x)
    if x < 0:
        return _contagion(complex(0.0, math.sqrt(-to_float(x, "SQRT"))), "SQRT", x)
    return _contagion(math.sqrt(to_float(x, "SQRT")), "SQRT", x)


@builtin("EXP")
def exp(x: Any) -> Any:
    _number(x)
    try:
        if type(x) is complex:
            return _contagion(cmath.exp(x), "EXP", x)
        return _contagion(math.exp(to_float(x, "EXP")), "EXP", x)
    except OverflowError:
        overflow("EXP", x)


def _log1(x: Any) -> Any:
    _number(x)
    if x == 0:
        div0("LOG", x)
    if type(x) is complex:
        return cmath.log(x)
    if x < 0:
        return _contagion(cmath.log(to_float(x, "LOG")), "LOG", x)
    if type(x) is int:
        return _contagion(math.log(x), "LOG", x)  # exact for bignums too
    return _contagion(math.log(to_float(x, "LOG")), "LOG", x)


def _log2(x: Any) -> float:
    """SBCL's LOG2 of a positive integer or double: (/ (log x) (log 2d0)) in double precision."""
    return math.log(x) / math.log(2.0)


@builtin("LOG")
def log(x: Any, base: Any = None) -> Any:
    if base is None:
        return _log1(x)
    _number(base)
    if base == 0:
        return float_like(0, single_contagion(x, base)) if type(x) in _FLOAT or type(base) in _FLOAT else 0
    # SBCL 2.2.9: a positive integer with a positive double (either way round) goes through LOG2 in double
    # precision; anything else is (/ (log number) (log base)), each log in its own format.
    tx, tbase = type(x), type(base)
    if tx is int and x > 0 and tbase is float and base > 0:
        lb = _log2(base)
        if lb == 0:
            div0("/", _log2(x), lb)
        r = _log2(x) / lb
        return _contagion(r, "LOG", x, base)
    if tx is float and x > 0 and tbase is int and base > 0:
        return _contagion(_log2(x) / _log2(base), "LOG", x, base)
    lb = _log1(base)
    if lb == 0:
        div0("/", _log1(x), lb)
    return _log1(x) / lb


def _unary_float(name: str, real_fn: Any, complex_fn: Any, domain: Any = None) -> Any:
    def fn(x: Any) -> Any:
        _number(x)
        try:
            if type(x) is complex or (domain is not None and not domain(x)):
                return _contagion(complex_fn(complex(x)), name, x)
            return _contagion(real_fn(to_float(x, name)), name, x)
        except (OverflowError, ValueError):
            overflow(name, x)

    fn.__name__ = name.lower()
    return builtin(name)(fn)


sin = _unary_float("SIN", math.sin, cmath.sin)
cos = _unary_float("COS", math.cos, cmath.cos)
tan = _unary_float("TAN", math.tan, cmath.tan)
asin = _unary_float("ASIN", math.asin, cmath.asin, lambda x: -1 <= x <= 1)
acos = _unary_float("ACOS", math.acos, cmath.acos, lambda x: -1 <= x <= 1)
sinh = _unary_float("SINH", math.sinh, cmath.sinh)
cosh = _unary_float("COSH", math.cosh, cmath.cosh)
tanh = _unary_float("TANH", math.tanh, cmath.tanh)
asinh = _unary_float("ASINH", math.asinh, cmath.asinh)
acosh = _unary_float("ACOSH", math.acosh, cmath.acosh, lambda x: x >= 1)
atanh = _unary_float("ATANH", math.atanh, cmath.atanh, lambda x: -1 < x < 1)


@builtin("ATAN")
def atan(y: Any, x: Any = None) -> Any:
    if x is None:
        if type(_number(y)) is complex:
            return cmath.atan(y)
        return _contagion(math.atan(to_float(y, "ATAN")), "ATAN", y)
    return _contagion(math.atan2(to_float(_real(y), "ATAN"), to_float(_real(x), "ATAN")), "ATAN", y, x)


@builtin("CIS")
def cis(x: Any) -> Any:
    f = to_float(_real(x), "CIS")
    return _contagion(complex(math.cos(f), math.sin(f)), "CIS", x)


# ---------------------------------------------------------------------------------------------- float / rational

@builtin("FLOAT")
def float_(x: Any, prototype: Any = None) -> Any:
    t = type(_real(x))
    if prototype is None:
        return x if t is float or t is SingleFloat else to_single_float(x)
    if type(prototype) is float:
        return to_float(x, "FLOAT")
    if type(prototype) is SingleFloat:
        return to_single_float(x)
    errors.type_error(prototype, "FLOAT")


@builtin("RATIONAL")
def rational(x: Any) -> Any:
    if type(_real(x)) in _FLOAT:
        f = Fraction(x)
        return f.numerator if f.denominator == 1 else f
    return x


@builtin("RATIONALIZE")
def rationalize(x: Any) -> Any:
    """SBCL's algorithm: the simplest rational within the float's rounding interval (Stern-Brocot walk)."""
    if type(_real(x)) not in _FLOAT:
        return x
    if x == 0:
        return 0
    digits = 24 if type(x) is SingleFloat else 53
    m, e = math.frexp(abs(x))
    frac = int(m * 2**digits)
    expo = e - digits
    negative = x < 0
    if expo >= 0:
        n = frac << expo
        return -n if negative else n
    a = Fraction(2 * frac - 1, 1 << (1 - expo))
    b = Fraction(2 * frac + 1, 1 << (1 - expo))
    p0, q0, p1, q1 = 0, 1, 1, 0
    while True:
        c = math.ceil(a)
        if c < b:
            top = c * p1 + p0
            r = Fraction(-top if negative else top, c * q1 + q0)
            return r.numerator if r.denominator == 1 else r
        k = c - 1
        p2 = k * p1 + p0
        q2 = k * q1 + q0
        a, b = 1 / (b - k), 1 / (a - k)
        p0, q0, p1, q1 = p1, q1, p2, q2


def _float_arg(x: Any) -> int:
    """The float's precision in bits (24 or 53); a type error for anything else."""
    t = type(x)
    if t is SingleFloat:
        return 24
    if t is not float:
        errors.type_error(x, "FLOAT")
    return 53


def _same_format(value: float, x: Any) -> Any:
    return SingleFloat(value) if type(x) is SingleFloat else value


@builtin("DECODE-FLOAT")
@returns_values
def decode_float(x: Any) -> Any:
    _float_arg(x)
    if x == 0:
        return values(_same_format(0.0, x), 0, _same_format(math.copysign(1.0, x), x))
    m, e = math.frexp(abs(x))
    return values(_same_format(m, x), e, _same_format(math.copysign(1.0, x), x))


@builtin("INTEGER-DECODE-FLOAT")
@returns_values
def integer_decode_float(x: Any) -> Any:
    digits = _float_arg(x)
    sign = -1 if math.copysign(1.0, x) < 0 else 1
    if x == 0:
        return values(0, 0, sign)
    m, e = math.frexp(abs(x))
    least = -149 if digits == 24 else -1074  # a subnormal keeps its unnormalised significand, as in SBCL
    if e - digits < least:
        return values(int(math.ldexp(abs(x), -least)), least, sign)
    return values(int(m * 2**digits), e - digits, sign)


@builtin("SCALE-FLOAT")
def scale_float(x: Any, n: Any) -> Any:
    _float_arg(x)
    try:
        r = math.ldexp(x, _integer(n))
        return to_single(r) if type(x) is SingleFloat else r
    except OverflowError:
        overflow("SCALE-FLOAT", x, n)


@builtin("FLOAT-SIGN")
def float_sign(x: Any, y: Any = None) -> Any:
    _float_arg(x)
    if y is None:
        return _same_format(math.copysign(1.0, x), x)
    _float_arg(y)
    return _same_format(math.copysign(abs(y), x), y)


@builtin("FLOAT-DIGITS")
def float_digits(x: Any) -> Any:
    return _float_arg(x)


@builtin("FLOAT-PRECISION")
def float_precision(x: Any) -> Any:
    digits = _float_arg(x)
    if x == 0:
        return 0
    m, e = math.frexp(abs(x))
    min_e = -125 if digits == 24 else -1021
    return digits if e > min_e else max(0, digits - (min_e - e))


@builtin("FLOAT-RADIX")
def float_radix(x: Any) -> Any:
    _float_arg(x)
    return 2
