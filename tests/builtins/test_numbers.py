# Numbers: generic arithmetic with SBCL's results (ratios, bignums, float contagion), integer division with two
# values, irrational functions, logical operations, and the errors SBCL signals.
from __future__ import annotations

import math
from fractions import Fraction

import pytest
from builtins_support import mv

from clysm.eval.builtins import numbers as n
from clysm.eval.builtins import numbers_bits as nb
from clysm.eval.builtins import numbers_float as nf
from clysm.lisp.types import NIL, LispError, SingleFloat, T, to_single


def err(fn, *args) -> str:
    with pytest.raises(LispError) as e:
        fn(*args)
    return e.value.condition.type_name


def test_generic_arithmetic_keeps_exact_results():
    assert n.plus() == 0 and n.times() == 1
    assert n.plus(1, 2) == 3 and n.plus(1, 2, 3, 4) == 10
    assert n.plus(Fraction(1, 2), Fraction(1, 2)) == 1 and type(n.plus(Fraction(1, 2), Fraction(1, 2))) is int
    assert n.divide(6, 4) == Fraction(3, 2)
    assert n.divide(6, 3) == 2 and type(n.divide(6, 3)) is int
    assert n.divide(4) == Fraction(1, 4) and n.divide(0.5) == 2.0
    assert n.minus(5) == -5 and n.minus(10, 1, 2) == 7
    assert n.times(2, 0.5) == 1.0 and type(n.times(2, 0.5)) is float
    assert n.times(2**64, 2**64) == 2**128
    assert n.one_plus(Fraction(1, 2)) == Fraction(3, 2) and n.one_minus(0) == -1


def test_arithmetic_errors():
    assert err(n.plus, 1, T) == "TYPE-ERROR"
    assert err(n.divide, 1, 0) == "DIVISION-BY-ZERO"
    assert err(n.divide, 1.0, 0) == "DIVISION-BY-ZERO"
    assert err(n.times, 1e300, 1e300) == "FLOATING-POINT-OVERFLOW"
    assert err(n.plus, 1.0, 10**400) == "FLOATING-POINT-OVERFLOW"
    assert err(n.minus) == "PROGRAM-ERROR"


def test_comparisons_are_nary_and_exact():
    assert n.num_eq(1, 1.0) is T and n.num_eq(1, 1, 2) is NIL
    assert n.num_lt(1, 2, 3) is T and n.num_lt(1, 3, 2) is NIL
    assert n.num_le(1, 1, 2) is T and n.num_ge(3, 3, 1) is T and n.num_gt(1) is T
    assert n.num_ne(1, 2, 1) is NIL and n.num_ne(1, 2, 3) is T
    assert n.num_eq(0.0, -0.0) is T
    assert n.num_lt(Fraction(1, 3), 0.3333333333333333) is NIL  # exact comparison, as SBCL
    assert err(n.num_lt, 1, complex(1, 1)) == "TYPE-ERROR"


def test_max_min_return_the_argument_itself():
    assert n.max_(3, 1.0) == 3 and type(n.max_(3, 1.0)) is int
    assert n.max_(1, 2.0) == 2.0 and type(n.max_(1, 1.0)) is int
    assert type(n.max_(1.0, 1)) is float and n.min_(1, 1.0) == 1 and type(n.min_(1, 1.0)) is int


def test_integer_division_two_values():
    assert mv(n.floor_(7, 2)) == (3, 1)
    assert mv(n.floor_(-7, 2)) == (-4, 1)
    assert mv(n.truncate(-7, 2)) == (-3, -1)
    assert mv(n.ceiling(7, 2)) == (4, -1)
    assert mv(n.round_(7, 2)) == (4, -1)
    assert mv(n.round_(2.5)) == (2, 0.5) and mv(n.round_(-2.5)) == (-2, -0.5)
    assert mv(n.floor_(7.5, 2)) == (3, 1.5)
    assert mv(n.floor_(Fraction(7, 2))) == (3, Fraction(1, 2))
    q, r = mv(n.ftruncate(-0.5))
    assert q == 0.0 and math.copysign(1, q) == -1 and r == -0.5
    assert mv(n.ffloor(7, 2)) == (3.0, 1)
    assert n.mod(-7, 2) == 1 and n.rem(-7, 2) == -1 and n.mod(7.5, -2) == -0.5
    assert err(n.floor_, 1, 0) == "DIVISION-BY-ZERO"


def test_gcd_lcm_isqrt():
    assert n.gcd() == 0 and n.gcd(-4, 6) == 2 and n.lcm() == 1 and n.lcm(-4, 6) == 12 and n.lcm(0, 5) == 0
    assert n.isqrt(17) == 4 and err(n.isqrt, -1) == "TYPE-ERROR"


def test_expt_cases():
    assert nf.expt(2, 10) == 1024 and nf.expt(2, -2) == Fraction(1, 4)
    assert nf.expt(Fraction(2, 3), 2) == Fraction(4, 9) and nf.expt(1.5, 2) == 2.25
    assert nf.expt(2, 0.5) == math.sqrt(2) and nf.expt(4, Fraction(1, 2)) == 2.0
    z = nf.expt(-8, Fraction(1, 3))
    assert isinstance(z, complex) and abs(z - complex(1, math.sqrt(3))) < 1e-6  # single-float parts
    assert err(nf.expt, 0.0, -1) == "DIVISION-BY-ZERO" and err(nf.expt, 0, -1) == "DIVISION-BY-ZERO"
    assert err(nf.expt, 10.0, 400) == "FLOATING-POINT-OVERFLOW"
    assert nf.expt(0, 0) == 1 and nf.expt(0.0, 0) == 1.0


def test_irrational_functions():
    assert nf.sqrt(4) == 2.0 and nf.sqrt(-4.0) == complex(0.0, 2.0)
    assert nf.log(8.0, 2) == 3.0 and nf.log(100.0, 10) == 2.0 and nf.log(1000, 10.0) == 2.9999999999999996
    assert err(nf.log, 0) == "DIVISION-BY-ZERO" and err(nf.log, 0.0) == "DIVISION-BY-ZERO"
    assert nf.log(-1.0) == complex(0.0, math.pi)
    assert err(nf.exp, 1000.0) == "FLOATING-POINT-OVERFLOW"
    assert nf.atan(-1.0, -0.0) == -1.5707963267948966


def test_float_rational_rationalize():
    assert nf.float_(1) == 1.0 and nf.float_(Fraction(1, 3), 1.0) == 0.3333333333333333
    assert nf.rational(0.1) == Fraction(3602879701896397, 36028797018963968)
    for x, r in [(0.1, Fraction(1, 10)), (0.333333333, Fraction(333333315, 999999946)), (1e20, 10**20),
                 (-2.5, Fraction(-5, 2)), (123.456, Fraction(15432, 125)), (0.0, 0)]:
        assert nf.rationalize(x) == r
    assert mv(nf.integer_decode_float(1.5)) == (6755399441055744, -52, 1)
    assert mv(nf.decode_float(1.5)) == (0.75, 1, 1.0)
    assert mv(nf.integer_decode_float(SingleFloat(1.5))) == (12582912, -23, 1)
    assert nf.rational(to_single(0.1)) == Fraction(13421773, 134217728)
    assert nf.rationalize(to_single(0.1)) == Fraction(1, 10)


def test_single_float_contagion():
    """Rationals and singles give singles (rounded to binary32), a double anywhere gives a double."""
    third = n.div2(SingleFloat(1.0), 3)
    assert type(third) is SingleFloat and third == to_single(1 / 3)
    assert type(n.add2(Fraction(1, 3), SingleFloat(1.5))) is SingleFloat
    assert type(n.add2(SingleFloat(1.5), 1.5)) is float
    assert n.mul2(to_single(1.1), to_single(1.1)) == to_single(1.21)
    assert type(nf.sqrt(2)) is SingleFloat and type(nf.sqrt(2.0)) is float
    assert type(nf.float_(Fraction(1, 3))) is SingleFloat and type(nf.float_(1, 1.0)) is float
    assert err(n.mul2, SingleFloat(1e30), SingleFloat(1e30)) == "FLOATING-POINT-OVERFLOW"
    assert nf.float_digits(SingleFloat(1.0)) == 24 and nf.float_digits(1.0) == 53


def test_signum_abs_predicates():
    assert n.signum(Fraction(-3, 4)) == -1 and n.signum(2.5) == 1.0
    assert math.copysign(1, n.signum(-0.0)) == -1
    assert n.abs_(Fraction(-1, 2)) == Fraction(1, 2)
    assert n.zerop(0.0) is T and n.plusp(-1) is NIL and n.evenp(-4) is T and n.oddp(-3) is T
    assert err(n.evenp, 1.0) == "TYPE-ERROR" and err(n.plusp, complex(1, 0)) == "TYPE-ERROR"
    assert n.integerp(2**70) is T and n.rationalp(Fraction(1, 2)) is T and n.floatp(1) is NIL
    assert n.complex_(1, 0) == 1 and n.complex_(1.0, 0) == complex(1.0, 0.0)


def test_logical_operations_on_twos_complement():
    assert nb.logand() == -1 and nb.logior(1, 2, 4) == 7 and nb.logxor(5, 3) == 6 and nb.lognot(0) == -1
    assert nb.ash(-5, -1) == -3 and nb.ash(1, 100) == 2**100
    assert nb.logbitp(3, -1) is T and nb.logcount(-8) == 3 and nb.integer_length(-8) == 3
    assert nb.integer_length(255) == 8


def test_random_is_per_engine_and_deterministic(engine):
    from builtins_support import FakeEngine

    a = [nb.random(engine, 1000) for _ in range(5)]
    other = FakeEngine()
    assert [nb.random(other, 1000) for _ in range(5)] == a
    assert all(0 <= x < 1000 for x in a)
    f = nb.random(engine, 1.5)
    assert type(f) is float and 0 <= f < 1.5
    assert err(nb.random, engine, 0) == "TYPE-ERROR"
    copy = nb.make_random_state(engine, NIL)
    assert nb.random(engine, 10**30, copy) == nb.random(engine, 10**30)
