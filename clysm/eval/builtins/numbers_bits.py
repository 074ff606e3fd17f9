# The Numbers chapter, part 3: integers as bits (logand & co., ash, logbitp, logcount, integer-length, byte
# specifiers with ldb/dpb/mask-field/deposit-field) and RANDOM with random states held by the engine.
from __future__ import annotations

import random as _random
from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.numbers import _MAX_RESULT_BITS, _integer, _too_big
from clysm.eval.builtins.registry import builtin
from clysm.lisp.types import NIL, Cons, SingleFloat, Symbol, T, to_single

# ---------------------------------------------------------------------------------------------- logical operations

@builtin("LOGAND")
def logand(*args: Any) -> Any:
    acc = -1
    for x in args:
        acc &= _integer(x)
    return acc


@builtin("LOGIOR")
def logior(*args: Any) -> Any:
    acc = 0
    for x in args:
        acc |= _integer(x)
    return acc


@builtin("LOGXOR")
def logxor(*args: Any) -> Any:
    acc = 0
    for x in args:
        acc ^= _integer(x)
    return acc


@builtin("LOGEQV")
def logeqv(*args: Any) -> Any:
    acc = -1
    for x in args:
        acc = ~(acc ^ _integer(x))
    return acc


@builtin("LOGNOT")
def lognot(x: Any) -> Any:
    return ~_integer(x)


@builtin("LOGANDC1")
def logandc1(a: Any, b: Any) -> Any:
    return ~_integer(a) & _integer(b)


@builtin("LOGANDC2")
def logandc2(a: Any, b: Any) -> Any:
    return _integer(a) & ~_integer(b)


@builtin("LOGORC1")
def logorc1(a: Any, b: Any) -> Any:
    return ~_integer(a) | _integer(b)


@builtin("LOGORC2")
def logorc2(a: Any, b: Any) -> Any:
    return _integer(a) | ~_integer(b)


@builtin("LOGNAND")
def lognand(a: Any, b: Any) -> Any:
    return ~(_integer(a) & _integer(b))


@builtin("LOGNOR")
def lognor(a: Any, b: Any) -> Any:
    return ~(_integer(a) | _integer(b))


@builtin("LOGTEST")
def logtest(a: Any, b: Any) -> Any:
    return T if _integer(a) & _integer(b) else NIL


@builtin("ASH")
def ash(x: Any, count: Any) -> Any:
    _integer(x)
    _integer(count)
    if count >= 0:
        if x and count > _MAX_RESULT_BITS:
            _too_big("ASH")
        return x << count
    return x >> -count


@builtin("LOGBITP")
def logbitp(index: Any, x: Any) -> Any:
    if type(index) is not int or index < 0:
        errors.type_error(index, "UNSIGNED-BYTE")
    return T if (_integer(x) >> index) & 1 else NIL


@builtin("LOGCOUNT")
def logcount(x: Any) -> Any:
    _integer(x)
    return bin(~x if x < 0 else x).count("1")


@builtin("INTEGER-LENGTH")
def integer_length(x: Any) -> Any:
    _integer(x)
    return (~x if x < 0 else x).bit_length()


# ---------------------------------------------------------------------------------------------- random

class RandomState:
    """A Lisp RANDOM-STATE: a Mersenne Twister owned by one engine."""

    __slots__ = ("rng",)

    def __init__(self, rng: _random.Random) -> None:
        self.rng = rng

    @staticmethod
    def lisp_print(x: Any, sub: Any, escape: bool) -> str:
        return f"#<RANDOM-STATE {{{id(x):X}}}>"

    def lisp_type_of(self, engine: Any) -> Any:
        return engine.intern("RANDOM-STATE", "COMMON-LISP")


def _current_state(engine: Any) -> RandomState:
    sym: Symbol = engine.intern("*RANDOM-STATE*", "COMMON-LISP")
    state = sym.value
    if not isinstance(state, RandomState):
        state = RandomState(_random.Random(0))  # SBCL also starts every session from the same state
        sym.value = state
        sym.special = True
    return state


@builtin("RANDOM", engine=True)
def random(engine: Any, limit: Any, state: Any = None) -> Any:
    if state is None:
        state = _current_state(engine)
    elif not isinstance(state, RandomState):
        errors.type_error(state, "RANDOM-STATE")
    if type(limit) is int and limit > 0:
        return state.rng.randrange(limit)
    if type(limit) is float and limit > 0:
        return state.rng.random() * limit
    if type(limit) is SingleFloat and limit > 0:
        r = to_single(state.rng.random() * limit)
        return r if r < limit else SingleFloat(0.0)
    errors.type_error(limit, "(OR (SINGLE-FLOAT (0.0f0)) (DOUBLE-FLOAT (0.0)) (INTEGER 1))")


@builtin("MAKE-RANDOM-STATE", engine=True)
def make_random_state(engine: Any, state: Any = NIL) -> Any:
    rng = _random.Random()
    if state is T:
        rng.seed()
        return RandomState(rng)
    if state is NIL:
        state = _current_state(engine)
    elif not isinstance(state, RandomState):
        errors.type_error(state, "(OR RANDOM-STATE (MEMBER NIL T))")
    rng.setstate(state.rng.getstate())
    return RandomState(rng)


@builtin("RANDOM-STATE-P")
def random_state_p(x: Any) -> Any:
    return T if isinstance(x, RandomState) else NIL


# ---------------------------------------------------------------------------------------------- byte specifiers

def _byte_spec(spec: Any) -> tuple[int, int]:
    """(size . position), SBCL's representation of a byte specifier."""
    if not (isinstance(spec, Cons) and type(spec.car) is int and type(spec.cdr) is int):
        errors.type_error(spec, "(CONS UNSIGNED-BYTE UNSIGNED-BYTE)")
    return spec.car, spec.cdr


@builtin("BYTE")
def byte(size: Any, position: Any) -> Any:
    for x in (size, position):
        if type(x) is not int or x < 0:
            errors.type_error(x, "UNSIGNED-BYTE")
    return Cons(size, position)


@builtin("BYTE-SIZE")
def byte_size(spec: Any) -> Any:
    return _byte_spec(spec)[0]


@builtin("BYTE-POSITION")
def byte_position(spec: Any) -> Any:
    return _byte_spec(spec)[1]


def _mask(size: int) -> int:
    if size > _MAX_RESULT_BITS:
        _too_big("BYTE")
    return (1 << size) - 1


@builtin("LDB")
def ldb(spec: Any, n: Any) -> Any:
    size, pos = _byte_spec(spec)
    return (_integer(n) >> pos) & _mask(size)


@builtin("LDB-TEST")
def ldb_test(spec: Any, n: Any) -> Any:
    return T if ldb(spec, n) != 0 else NIL


@builtin("MASK-FIELD")
def mask_field(spec: Any, n: Any) -> Any:
    size, pos = _byte_spec(spec)
    return _integer(n) & (_mask(size) << pos)


@builtin("DPB")
def dpb(new: Any, spec: Any, n: Any) -> Any:
    size, pos = _byte_spec(spec)
    mask = _mask(size) << pos
    return (_integer(n) & ~mask) | ((_integer(new) << pos) & mask)


@builtin("DEPOSIT-FIELD")
def deposit_field(new: Any, spec: Any, n: Any) -> Any:
    size, pos = _byte_spec(spec)
    mask = _mask(size) << pos
    return (_integer(n) & ~mask) | (_integer(new) & mask)


_BOOLE_OPS = (
    lambda a, b: 0, lambda a, b: -1, lambda a, b: a, lambda a, b: b, lambda a, b: ~a, lambda a, b: ~b,
    lambda a, b: a & b, lambda a, b: a | b, lambda a, b: a ^ b, lambda a, b: ~(a ^ b), lambda a, b: ~(a & b),
    lambda a, b: ~(a | b), lambda a, b: ~a & b, lambda a, b: a & ~b, lambda a, b: ~a | b, lambda a, b: a | ~b,
)  # indexed by the values of BOOLE-CLR ... BOOLE-ORC2


@builtin("BOOLE")
def boole(op: Any, a: Any, b: Any) -> Any:
    if type(op) is not int or not 0 <= op < 16:
        errors.type_error(op, "(INTEGER 0 15)")
    return _BOOLE_OPS[op](_integer(a), _integer(b))
