# The vector side of the Arrays chapter: fill pointers (FILL-POINTER, VECTOR-PUSH(-EXTEND), VECTOR-POP,
# ARRAY-HAS-FILL-POINTER-P, ADJUSTABLE-ARRAY-P) and the bit-array operations (BIT-AND .. BIT-NOT).
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.arrays import array_arg, check_element, default_element
from clysm.eval.builtins.common import show
from clysm.eval.builtins.registry import builtin
from clysm.lisp.types import NIL, LispArray, LispVector, T

# ---------------------------------------------------------------------------------------------- fill pointers

def _fp_vector(v: Any) -> LispVector:
    if not isinstance(v, LispVector) or v.fill_pointer is None:
        errors.signal_error(
            "SIMPLE-TYPE-ERROR", f"{show(v)} is not an array with a fill pointer.", DATUM=v,
            EXPECTED_TYPE="(AND VECTOR (SATISFIES ARRAY-HAS-FILL-POINTER-P))",
        )
    return v


@builtin("FILL-POINTER")
def fill_pointer(v: Any) -> Any:
    return _fp_vector(v).fill_pointer


@builtin("ARRAY-HAS-FILL-POINTER-P")
def array_has_fill_pointer_p(v: Any) -> Any:
    array_arg(v)
    return T if isinstance(v, LispVector) and v.fill_pointer is not None else NIL


@builtin("ADJUSTABLE-ARRAY-P")
def adjustable_array_p(v: Any) -> Any:
    array_arg(v)
    return T if isinstance(v, (LispVector, LispArray)) and v.adjustable else NIL


@builtin("VECTOR-PUSH")
def vector_push(new: Any, v: Any) -> Any:
    vec = _fp_vector(v)
    fp = vec.fill_pointer
    if fp >= len(vec.items):
        return NIL
    check_element(vec.element_type, new)
    vec.items[fp] = new
    vec.fill_pointer = fp + 1
    return fp


@builtin("VECTOR-PUSH-EXTEND")
def vector_push_extend(new: Any, v: Any, extension: Any = None) -> Any:
    vec = _fp_vector(v)
    fp = vec.fill_pointer
    check_element(vec.element_type, new)
    items = vec.items
    if fp >= len(items):
        if extension is not None and (type(extension) is not int or extension < 1):
            errors.type_error(extension, "(INTEGER 1 4611686018427387903)")
        grow = max(extension or 0, len(items), 1)
        items.extend([default_element(vec.element_type)] * grow)
    items[fp] = new
    vec.fill_pointer = fp + 1
    return fp


@builtin("VECTOR-POP")
def vector_pop(v: Any) -> Any:
    vec = _fp_vector(v)
    if vec.fill_pointer == 0:
        errors.simple_error("There is nothing left to pop.")
    vec.fill_pointer -= 1
    return vec.items[vec.fill_pointer]


# ---------------------------------------------------------------------------------------------- bit arrays

def _bits(x: Any) -> list[Any]:
    """The elements of a bit array of any rank (a bit vector's active ones)."""
    if isinstance(x, LispVector) and x.element_type == "bit":
        return x.active()
    if isinstance(x, LispArray) and x.element_type == "bit":
        return x.items
    errors.type_error(x, "(ARRAY BIT)")


def _shape(x: Any) -> tuple[int, ...]:
    return x.dims if isinstance(x, LispArray) else (len(x.active()),)


def _store_bits(a: Any, result: Any, bits: list[int]) -> Any:
    """The result of a bit operation on `a`: a new array of a's shape (result NIL), a itself (T), or `result`."""
    if result is NIL:
        return LispArray(bits, a.dims, "bit") if isinstance(a, LispArray) else LispVector(bits, None, "bit")
    target = a if result is T else result
    if _shape(target) != _shape(a) or len(_bits(target)) < len(bits):
        errors.simple_error(f"{show(target)} and {show(a)} do not have the same dimensions.")
    target.items[: len(bits)] = bits
    return target


def _bit_op(name: str, op: Any) -> Any:
    def bit_op(a: Any, b: Any, result: Any = NIL) -> Any:
        x = _bits(a)
        y = _bits(b)
        if _shape(a) != _shape(b):
            errors.simple_error(f"{show(a)} and {show(b)} do not have the same dimensions.")
        return _store_bits(a, result, [op(p, q) & 1 for p, q in zip(x, y, strict=True)])

    bit_op.__name__ = name.lower().replace("-", "_")
    return builtin(name)(bit_op)


bit_and = _bit_op("BIT-AND", lambda p, q: p & q)
bit_ior = _bit_op("BIT-IOR", lambda p, q: p | q)
bit_xor = _bit_op("BIT-XOR", lambda p, q: p ^ q)
bit_eqv = _bit_op("BIT-EQV", lambda p, q: ~(p ^ q))
bit_nand = _bit_op("BIT-NAND", lambda p, q: ~(p & q))
bit_nor = _bit_op("BIT-NOR", lambda p, q: ~(p | q))
bit_andc1 = _bit_op("BIT-ANDC1", lambda p, q: ~p & q)
bit_andc2 = _bit_op("BIT-ANDC2", lambda p, q: p & ~q)
bit_orc1 = _bit_op("BIT-ORC1", lambda p, q: ~p | q)
bit_orc2 = _bit_op("BIT-ORC2", lambda p, q: p | ~q)


@builtin("BIT-NOT")
def bit_not(a: Any, result: Any = NIL) -> Any:
    return _store_bits(a, result, [1 - b for b in _bits(a)])
