# The Numbers chapter: generic arithmetic over integers (bignums), ratios, double-floats and complexes, comparisons,
# integer division with two values, irrational functions, logical operations on integers, and RANDOM.
# Floats: a plain Python float is a double-float, a SingleFloat (clysm.lisp.types) a single-float; SingleFloat's
# operators round to binary32, so only a ratio on the left of a single needs converting here (float contagion).
from __future__ import annotations

import cmath
import math
from fractions import Fraction
from typing import Any, NoReturn

from clysm.eval import errors
from clysm.eval.builtins.common import show
from clysm.eval.builtins.mvalues import returns_values, values
from clysm.eval.builtins.registry import builtin
from clysm.lisp.floats import single_or_none
from clysm.lisp.types import NIL, SingleFloat, T, to_single, to_single_exact

_NUMBER = frozenset({int, Fraction, float, SingleFloat, complex})
_REAL = frozenset({int, Fraction, float, SingleFloat})
_FLOAT = frozenset({float, SingleFloat})
_RATIONAL = frozenset({int, Fraction})
_INF = math.inf


# ---------------------------------------------------------------------------------------------- checks and errors

def _number(x: Any) -> Any:
    if type(x) not in _NUMBER:
        errors.type_error(x, "NUMBER")
    return x


def _real(x: Any) -> Any:
    if type(x) not in _REAL:
        errors.type_error(x, "REAL")
    return x


def _integer(x: Any) -> int:
    if type(x) is not int:
        errors.type_error(x, "INTEGER")
    return x


def _op_text(op: str, args: tuple[Any, ...]) -> str:
    return "(" + " ".join([op, *[show(a) for a in args]]) + ")"


_OPERATION_SHOWN = frozenset({"+", "-", "*", "/", "FLOAT"})  # SBCL names the operation only for these


def overflow(op: str, *args: Any) -> NoReturn:
    text = "arithmetic error FLOATING-POINT-OVERFLOW signalled"
    if op in _OPERATION_SHOWN:
        text += f"\nOperation was {_op_text(op, args)}."
    errors.signal_error("FLOATING-POINT-OVERFLOW", text, OPERATION=op)


def div0(op: str, *args: Any) -> NoReturn:
    errors.signal_error(
        "DIVISION-BY-ZERO",
        f"arithmetic error DIVISION-BY-ZERO signalled\nOperation was {_op_text(op, args)}.",
        OPERATION=op,
    )


def _fix(r: Any, op: str, a: Any, b: Any) -> Any:
    """Normalise a result: whole ratios become integers; an infinite float is an overflow."""
    t = type(r)
    if t is Fraction:
        return r.numerator if r.denominator == 1 else r
    if t is float or t is SingleFloat:
        if r == _INF or r == -_INF:
            overflow(op, a, b)
    elif t is complex and (math.isinf(r.real) or math.isinf(r.imag)):
        overflow(op, a, b)
    return r


_MAX_RESULT_BITS = 1 << 26  # a bigger integer result (8 MB) is treated as heap exhaustion, not computed


def _too_big(op: str) -> NoReturn:
    errors.signal_error("STORAGE-CONDITION", f"Heap exhausted: the result of {op} would be too large.")


def to_float(x: Any, op: str = "FLOAT") -> float:
    """x as a double-float."""
    try:
        return float(x)
    except OverflowError:
        overflow(op, x)


def to_single_float(x: Any, op: str = "FLOAT") -> SingleFloat:
    """A real as a single-float (a double is rounded; overflow beyond the single range)."""
    try:
        t = type(x)
        if t is SingleFloat:
            return x
        if t is int or t is Fraction:
            return to_single_exact(x)
        return to_single(x)
    except OverflowError:
        if op == "FLOAT":
            errors.signal_error("FLOATING-POINT-OVERFLOW", "arithmetic error FLOATING-POINT-OVERFLOW signalled\n"
                                f"Operation was (COERCE {show(x)} SINGLE-FLOAT).", OPERATION="COERCE")
        overflow(op, x)


def single_contagion(*args: Any) -> bool:
    """Whether a float result of these reals is a single-float: none of them is a double."""
    for x in args:
        if type(x) is float:
            return False
    return True


def float_like(x: Any, single: bool, op: str = "FLOAT") -> float:
    """x as a single-float when `single`, else as a double-float."""
    return to_single_float(x, op) if single else to_float(x, op)


# ---------------------------------------------------------------------------------------------- + - * /

def add2(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int:
        return a + b
    ta = type(a)
    tb = type(b)
    if ta not in _NUMBER:
        errors.type_error(a, "NUMBER")
    if tb not in _NUMBER:
        errors.type_error(b, "NUMBER")
    if tb is SingleFloat and ta is Fraction:  # Fraction's own operator would make a double
        a = to_single_exact(a)
    try:
        return _fix(a + b, "+", a, b)
    except OverflowError:
        overflow("+", a, b)


def sub2(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int:
        return a - b
    ta = type(a)
    tb = type(b)
    if ta not in _NUMBER:
        errors.type_error(a, "NUMBER")
    if tb not in _NUMBER:
        errors.type_error(b, "NUMBER")
    if tb is SingleFloat and ta is Fraction:  # Fraction's own operator would make a double
        a = to_single_exact(a)
    try:
        return _fix(a - b, "-", a, b)
    except OverflowError:
        overflow("-", a, b)


def mul2(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int:
        return a * b
    ta = type(a)
    tb = type(b)
    if ta not in _NUMBER:
        errors.type_error(a, "NUMBER")
    if tb not in _NUMBER:
        errors.type_error(b, "NUMBER")
    if tb is SingleFloat and ta is Fraction:  # Fraction's own operator would make a double
        a = to_single_exact(a)
    try:
        return _fix(a * b, "*", a, b)
    except OverflowError:
        overflow("*", a, b)


def div2(a: Any, b: Any) -> Any:
    ta = type(a)
    tb = type(b)
    if ta not in _NUMBER:
        errors.type_error(a, "NUMBER")
    if tb not in _NUMBER:
        errors.type_error(b, "NUMBER")
    if b == 0:
        if ta in _FLOAT or tb in _FLOAT:  # SBCL converts both to floats before dividing
            single = single_contagion(a, b)
            div0("/", float_like(a, single) if ta is not complex else a,
                 float_like(b, single) if tb is not complex else b)
        div0("/", a, b)
    if ta is int and tb is int:
        if a % b == 0:
            return a // b
        return Fraction(a, b)
    if tb is SingleFloat and ta is Fraction:
        a = to_single_exact(a)
    try:
        return _fix(a / b, "/", a, b)
    except OverflowError:
        overflow("/", a, b)


@builtin("+")
def plus(*args: Any) -> Any:
    if len(args) == 2:
        a, b = args
        if type(a) is int and type(b) is int:
            return a + b
        return add2(a, b)
    if not args:
        return 0
    acc = _number(args[0])
    for x in args[1:]:
        acc = add2(acc, x)
    return acc


@builtin("-")
def minus(*args: Any) -> Any:
    if len(args) == 2:
        a, b = args
        if type(a) is int and type(b) is int:
            return a - b
        return sub2(a, b)
    if len(args) == 1:
        return -_number(args[0])
    if not args:
        errors.arg_count_error("-", 0, "at least 1")
    acc = args[0]
    for x in args[1:]:
        acc = sub2(acc, x)
    return acc


@builtin("*")
def times(*args: Any) -> Any:
    if len(args) == 2:
        a, b = args
        if type(a) is int and type(b) is int:
            return a * b
        return mul2(a, b)
    if not args:
        return 1
    acc = _number(args[0])
    for x in args[1:]:
        acc = mul2(acc, x)
    return acc


@builtin("/")
def divide(*args: Any) -> Any:
    if len(args) == 2:
        return div2(args[0], args[1])
    if len(args) == 1:
        return div2(1, args[0])
    if not args:
        errors.arg_count_error("/", 0, "at least 1")
    acc = args[0]
    for x in args[1:]:
        acc = div2(acc, x)
    return acc


@builtin("1+")
def one_plus(x: Any) -> Any:
    if type(x) is int:
        return x + 1
    return add2(x, 1)


@builtin("1-")
def one_minus(x: Any) -> Any:
    if type(x) is int:
        return x - 1
    return sub2(x, 1)


# ---------------------------------------------------------------------------------------------- comparisons

@builtin("=")
def num_eq(*args: Any) -> Any:
    if len(args) == 2:
        a, b = args
        if type(a) is int and type(b) is int:
            return T if a == b else NIL
    if not args:
        errors.arg_count_error("=", 0, "at least 1")
    for x in args:
        _number(x)
    first = args[0]
    for x in args[1:]:
        if first != x:
            return NIL
    return T


@builtin("/=")
def num_ne(*args: Any) -> Any:
    if not args:
        errors.arg_count_error("/=", 0, "at least 1")
    for x in args:
        _number(x)
    n = len(args)
    for i in range(n):
        for j in range(i + 1, n):
            if args[i] == args[j]:
                return NIL
    return T


def _compare(name: str, fast: Any) -> Any:
    def compare(*args: Any) -> Any:
        if len(args) == 2:
            a, b = args
            ta = type(a)
            tb = type(b)
            if (ta is int or ta is float or ta is Fraction or ta is SingleFloat) and (
                tb is int or tb is float or tb is Fraction or tb is SingleFloat
            ):
                return T if fast(a, b) else NIL
        if not args:
            errors.arg_count_error(name, 0, "at least 1")
        for x in args:
            _real(x)
        for i in range(len(args) - 1):
            if not fast(args[i], args[i + 1]):
                return NIL
        return T

    compare.__name__ = "num_" + name
    return compare


num_lt = builtin("<")(_compare("<", lambda a, b: a < b))
num_gt = builtin(">")(_compare(">", lambda a, b: a > b))
num_le = builtin("<=")(_compare("<=", lambda a, b: a <= b))
num_ge = builtin(">=")(_compare(">=", lambda a, b: a >= b))


@builtin("MAX")
def max_(first: Any, *more: Any) -> Any:
    best = _real(first)
    for x in more:
        if _real(x) > best:
            best = x
    return best


@builtin("MIN")
def min_(first: Any, *more: Any) -> Any:
    best = _real(first)
    for x in more:
        if _real(x) < best:
            best = x
    return best


# ---------------------------------------------------------------------------------------------- predicates

@builtin("ZEROP")
def zerop(x: Any) -> Any:
    return T if _number(x) == 0 else NIL


@builtin("PLUSP")
def plusp(x: Any) -> Any:
    return T if _real(x) > 0 else NIL


@builtin("MINUSP")
def minusp(x: Any) -> Any:
    return T if _real(x) < 0 else NIL


@builtin("EVENP")
def evenp(x: Any) -> Any:
    return T if _integer(x) % 2 == 0 else NIL


@builtin("ODDP")
def oddp(x: Any) -> Any:
    return T if _integer(x) % 2 == 1 else NIL


@builtin("NUMBERP")
def numberp(x: Any) -> Any:
    return T if type(x) in _NUMBER else NIL


@builtin("INTEGERP")
def integerp(x: Any) -> Any:
    return T if type(x) is int else NIL


@builtin("RATIONALP")
def rationalp(x: Any) -> Any:
    return T if type(x) in _RATIONAL else NIL


@builtin("FLOATP")
def floatp(x: Any) -> Any:
    return T if type(x) in _FLOAT else NIL


@builtin("REALP")
def realp(x: Any) -> Any:
    return T if type(x) in _REAL else NIL


@builtin("COMPLEXP")
def complexp(x: Any) -> Any:
    return T if type(x) is complex else NIL


# ---------------------------------------------------------------------------------------------- integer division

def _real_pair(a: Any, b: Any) -> None:
    if type(a) not in _REAL:
        errors.type_error(a, "REAL")
    if type(b) not in _REAL:
        errors.type_error(b, "REAL")
    if b == 0:
        if type(a) in _FLOAT or type(b) in _FLOAT:
            single = single_contagion(a, b)
            div0("/", float_like(a, single), float_like(b, single))
        div0("/", a, b)


def truncate2(a: Any, b: Any, op: str = "TRUNCATE") -> tuple[int, Any]:
    """Quotient (an integer) and remainder of truncating a/b. With a float argument this is SBCL's float
    algorithm: q = (truncate (/ a b)), r = (- a (* q b)) in float arithmetic."""
    if type(a) is int and type(b) is int and b:
        q, r = divmod(a, b)
        if r and (a < 0) != (b < 0):
            return q + 1, r - b
        return q, r
    _real_pair(a, b)
    if type(a) in _FLOAT or type(b) in _FLOAT:
        single = single_contagion(a, b)
        fa = float_like(a, single, op)
        fb = float_like(b, single, op)
        try:
            div = fa / fb
        except OverflowError:
            overflow(op, a, b)
        if math.isinf(div):
            overflow(op, a, b)
        q = math.trunc(div)
        try:
            return q, _fix(fa - (float_like(q, single, op) * fb), op, a, b)
        except OverflowError:
            overflow(op, a, b)
    q, r = divmod(a, b)
    if r and (a < 0) != (b < 0):
        q, r = q + 1, r - b
    return int(q), (r.numerator if type(r) is Fraction and r.denominator == 1 else r)


def floor2(a: Any, b: Any, op: str = "FLOOR") -> tuple[int, Any]:
    if type(a) is int and type(b) is int and b:
        return divmod(a, b)
    q, r = truncate2(a, b, op)
    if r != 0 and (a > 0 if b < 0 else a < 0):
        return q - 1, _fix(r + b, op, a, b)
    return q, r


def ceiling2(a: Any, b: Any) -> tuple[int, Any]:
    q, r = truncate2(a, b, "CEILING")
    if r != 0 and (a < 0 if b < 0 else a > 0):
        return q + 1, _fix(r - b, "CEILING", a, b)
    return q, r


def round2(a: Any, b: Any) -> tuple[int, Any]:
    """Round to nearest, ties to even (SBCL's ROUND, including its float remainder arithmetic)."""
    if type(b) is int and b == 1 and type(a) in _FLOAT:
        q = round(a)  # Python rounds half to even, as %UNARY-ROUND
        return q, a - q
    q, r = truncate2(a, b, "ROUND")
    if r == 0:
        return q, r
    thresh = abs(b) / 2 if type(b) in _FLOAT else Fraction(abs(b), 2)
    if r > thresh or (r == thresh and q % 2 == 1):
        return (q - 1, _fix(r + b, "ROUND", a, b)) if b < 0 else (q + 1, _fix(r - b, "ROUND", a, b))
    if r < -thresh or (r == -thresh and q % 2 == 1):
        return (q + 1, _fix(r - b, "ROUND", a, b)) if b < 0 else (q - 1, _fix(r + b, "ROUND", a, b))
    return q, r


def _division(name: str, fn: Any, float_quotient: bool) -> Any:
    def division(number: Any, divisor: Any = 1) -> Any:
        q, r = fn(number, divisor)
        if float_quotient:
            single = single_contagion(number, divisor)  # (ffloor 5 2) is the single-float 2.0
            fq = float_like(q, single, name)
            if q == 0 and (type(number) in _FLOAT or type(divisor) in _FLOAT):
                if math.copysign(1.0, to_float(number)) != math.copysign(1.0, to_float(divisor)):
                    fq = -fq  # e.g. (ftruncate -0.5) is -0.0, as the float quotient keeps its sign
            return values(fq, r)
        return values(q, r)

    division.__name__ = name.lower()
    return returns_values(division)


floor_ = builtin("FLOOR")(_division("FLOOR", floor2, False))
ceiling = builtin("CEILING")(_division("CEILING", ceiling2, False))
truncate = builtin("TRUNCATE")(_division("TRUNCATE", truncate2, False))
round_ = builtin("ROUND")(_division("ROUND", round2, False))
ffloor = builtin("FFLOOR")(_division("FFLOOR", floor2, True))
fceiling = builtin("FCEILING")(_division("FCEILING", ceiling2, True))
ftruncate = builtin("FTRUNCATE")(_division("FTRUNCATE", truncate2, True))
fround = builtin("FROUND")(_division("FROUND", round2, True))


@builtin("MOD")
def mod(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int and b:
        return a % b
    return floor2(a, b, "MOD")[1]


@builtin("REM")
def rem(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int and b:
        r = a % b
        if r and (a < 0) != (b < 0):
            r -= b
        return r
    return truncate2(a, b, "REM")[1]


@builtin("GCD")
def gcd(*args: Any) -> Any:
    return math.gcd(*[_integer(x) for x in args])


@builtin("LCM")
def lcm(*args: Any) -> Any:
    return math.lcm(*[_integer(x) for x in args])


@builtin("ISQRT")
def isqrt(x: Any) -> Any:
    if type(x) is not int or x < 0:
        errors.type_error(x, "UNSIGNED-BYTE")
    return math.isqrt(x)


# ---------------------------------------------------------------------------------------------- abs, signum, parts

@builtin("ABS")
def abs_(x: Any) -> Any:
    if type(x) is int:
        return -x if x < 0 else x
    _number(x)
    if type(x) is complex:  # a complex with single-float parts (see printer.complex_to_string) has a single ABS
        r = abs(x)
        if single_or_none(x.real) is not None and single_or_none(x.imag) is not None:
            return to_single(r)
        return r
    return abs(x)


@builtin("SIGNUM")
def signum(x: Any) -> Any:
    t = type(x)
    if t is int or t is Fraction:
        return (x > 0) - (x < 0)
    if t is float:
        return x if x == 0 else math.copysign(1.0, x)
    if t is SingleFloat:
        return x if x == 0 else SingleFloat(math.copysign(1.0, x))
    if t is complex:
        return x if x == 0 else x / abs(x)
    errors.type_error(x, "NUMBER")


@builtin("NUMERATOR")
def numerator(x: Any) -> Any:
    if type(x) not in _RATIONAL:
        errors.type_error(x, "RATIONAL")
    return x if type(x) is int else x.numerator


@builtin("DENOMINATOR")
def denominator(x: Any) -> Any:
    if type(x) not in _RATIONAL:
        errors.type_error(x, "RATIONAL")
    return 1 if type(x) is int else x.denominator


@builtin("REALPART")
def realpart(x: Any) -> Any:
    return x.real if type(_number(x)) is complex else x


@builtin("IMAGPART")
def imagpart(x: Any) -> Any:
    t = type(_number(x))
    if t is complex:
        return x.imag
    return 0.0 * x if t is float else x * 0 if t is SingleFloat else 0


@builtin("CONJUGATE")
def conjugate(x: Any) -> Any:
    return x.conjugate() if type(_number(x)) is complex else x


@builtin("COMPLEX")
def complex_(re: Any, im: Any = 0) -> Any:
    _real(re)
    _real(im)
    if type(im) not in _FLOAT and im == 0 and type(re) not in _FLOAT:
        return re
    return complex(to_float(re), to_float(im))


@builtin("PHASE")
def phase(x: Any) -> Any:
    if type(_number(x)) is complex:
        return cmath.phase(x)
    p = math.atan2(0.0, to_float(x, "PHASE"))
    return p if type(x) is float else to_single(p)
